"""The replay viewer: the state at every event, the views of delegations, jumps and forks."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from rich.markdown import Markdown
from textual.widgets import DataTable, RichLog, Static, TabbedContent

from tabletop.cli import main
from tabletop.engine.acts import (
    Act,
    Advance,
    Amend,
    Annotate,
    Message,
    Pass,
    Propose,
    Reject,
    Sign,
    Start,
    Statement,
    Support,
)
from tabletop.exercise.model import CONTROL, Exercise
from tabletop.log import RecordedSession, Seat, read_log
from tabletop.log.replay_log import ReplayLog
from tabletop.tui.describe import event_text
from tabletop.tui.moment import moment
from tabletop.tui.screens.replay import ReplayApp, ReplayScreen
from tabletop.tui.widgets.briefing import Briefing
from tabletop.tui.widgets.score_chart import ScoreChart
from tabletop.tui.widgets.timeline import Timeline
from tests.conftest import tiny_exercise_data
from tests.tui.helpers import screen_text as painted

ROLES = ("town", "fest", "city")
BRIEFING = {role: f"{role.upper()}-CONFIDENTIAL-BRIEFING" for role in ROLES}
INJECT = {"fest": "FEST-INJECT-SECRET", "city": "CITY-INJECT-SECRET"}
TOWN_TO_CITY = "TOWN-TO-CITY-MESSAGE"
FEST_TO_TOWN = "FEST-TO-TOWN-MESSAGE"
NOTE = "CONTROL-ONLY-NOTE"

PRIVATE: dict[str, set[str]] = {
    "town": {BRIEFING["town"], TOWN_TO_CITY, FEST_TO_TOWN},
    "fest": {BRIEFING["fest"], INJECT["fest"], FEST_TO_TOWN},
    "city": {BRIEFING["city"], INJECT["city"], TOWN_TO_CITY},
}
"""What each delegation may see that not everyone may."""
SECRETS = {*BRIEFING.values(), *INJECT.values(), TOWN_TO_CITY, FEST_TO_TOWN, NOTE}


def exercise() -> Exercise:
    """The tiny exercise with a third delegation, so a message can pass one by."""
    data: dict[str, Any] = tiny_exercise_data()
    data["roles"].append({**data["roles"][0], "id": "city", "name": "City"})
    for role in data["roles"]:
        role["confidential_briefing"] = BRIEFING[role["id"]]
    data["valuations"]["city"] = {"date": {"june": 5, "july": 10}, "fee": {"high": 20, "low": 0}}
    data["schedule"]["turn_order"] = list(ROLES)
    data["injects"][0]["private"] = INJECT
    return Exercise.model_validate(data)


SCRIPT: list[Act] = [
    Start(),
    Advance(),
    Statement(actor="town", text="A quiet July."),
    Pass(actor="fest"),
    Pass(actor="city"),
    Propose(actor="town", package={"date": "july", "fee": "high"}),
    Message(actor="town", to="city", text=TOWN_TO_CITY),
    Message(actor="fest", to="town", text=FEST_TO_TOWN),
    Reject(actor="fest", proposal=1, reason="Too dear."),
    Pass(actor="city"),
    Annotate(text=NOTE),
    Pass(actor="town"),
    Propose(actor="fest", package={"date": "june", "fee": "low"}),
    Pass(actor="city"),
    Amend(actor="town", proposal=2, changes={"date": "july"}),
    Support(actor="fest", proposal=3),
    Sign(actor="town"),
    Sign(actor="fest"),
]


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("replay") / "session.jsonl"
    seats = {role: Seat(kind="human") for role in ROLES}
    recorded = RecordedSession.create(path, exercise(), 3, seats, fsync=False)
    for act in SCRIPT:
        recorded.apply(act)
    recorded.close()
    return path


async def checked(pilot: Any) -> None:
    """Wait until the viewer has read and checked the whole log."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def state_printed(log: Path, seq: int, capsys: pytest.CaptureFixture[str]) -> Any:
    assert main(["log", "state", str(log), "--at", str(seq)]) == 0
    return json.loads(capsys.readouterr().out)


def screen_text(screen: ReplayScreen) -> str:
    """Every text the screen's widgets hold: logs, documents, tables and labels."""
    parts: list[str] = []
    for widget in screen.query("*"):
        if isinstance(widget, Timeline):
            parts += [event_text(widget.exercise, event).plain for event in widget.events]
        elif isinstance(widget, RichLog):
            parts += [strip.text for strip in widget.lines]
        elif isinstance(widget, Briefing):
            parts.append(widget.document)
        elif isinstance(widget, DataTable):
            parts += [
                str(cell) for row in range(widget.row_count) for cell in widget.get_row_at(row)
            ]
        elif isinstance(widget, Static):
            content = widget.content
            parts.append(content.markup if isinstance(content, Markdown) else str(widget.render()))
    return "\n".join(parts)


async def test_each_event_shows_the_state_log_state_prints(
    log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    total = len(read_log(log).events)
    # Printed before the app runs: a running app takes over stdout.
    printed = [state_printed(log, seq, capsys) for seq in range(total + 1)]
    app = ReplayApp(ReplayScreen.open(log))
    async with app.run_test(size=(80, 24)) as pilot:
        await checked(pilot)
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        assert screen.cursor.total == total
        for seq in range(1, total + 1):
            await pilot.press("right")
            state = screen.state
            assert json.loads(state.model_dump_json()) == printed[seq]
            status = str(screen.query_one("#replay-status").render())
            assert f"event {seq}/{total} · round {state.round}/" in status
        await pilot.press("right")
        assert screen.cursor.position == total
        for seq in (total - 1, total - 2, total - 3):
            await pilot.press("left")
            assert json.loads(screen.state.model_dump_json()) == printed[seq]
        await pilot.press("home")
        assert json.loads(screen.state.model_dump_json()) == printed[0]


async def test_jumps_to_an_event_and_to_a_round(log: Path) -> None:
    app = ReplayApp(ReplayScreen.open(log))
    async with app.run_test(size=(80, 24)) as pilot:
        await checked(pilot)
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        await pilot.press("g", *"99", "enter")
        assert "0 to 25" in str(app.screen.query_one("#problem").render())
        await pilot.press("ctrl+a", "ctrl+k", *"12", "enter")
        assert screen.cursor.position == 12 and screen.state.round == 1
        await pilot.press("r", "2", "enter")
        assert screen.state.round == 2 and screen.cursor.event.kind == "round_started"  # type: ignore[union-attr]
        await pilot.press("right_square_bracket")
        assert screen.state.round == 3
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert screen.state.round == 1


@pytest.mark.parametrize("role", ROLES)
async def test_a_delegation_sees_only_what_it_knew(log: Path, role: str) -> None:
    app = ReplayApp(ReplayScreen.open(log))
    others = SECRETS - PRIVATE[role]
    async with app.run_test(size=(80, 24)) as pilot:
        await checked(pilot)
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        await screen.view_as(role)
        for seq in range(screen.cursor.total + 1):
            screen.move_to(seq)
            shown = moment(screen.cursor, role)
            now = repr((shown, list(shown.events), list(shown.messages)))
            assert not [secret for secret in others if secret in now], seq
        seen = ""
        tabs = screen.query_one(TabbedContent)
        for number in (1, 2, 4, 5, 6, 7):  # the live delegation screen's numbers; 3 is Move
            await pilot.press(str(number))
            await pilot.pause()
            assert tabs.active == f"tab-{number}"
            seen += screen_text(screen)
        assert not [secret for secret in others if secret in seen]
        assert PRIVATE[role] <= {secret for secret in SECRETS if secret in seen}
        chart = screen.query_one("#replay-chart")
        assert [s.label for s in chart.data.series] == [exercise().role(role).label]  # type: ignore[attr-defined]


async def test_control_sees_everything(log: Path) -> None:
    app = ReplayApp(ReplayScreen.open(log))
    async with app.run_test(size=(80, 24)) as pilot:
        await checked(pilot)
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        await pilot.press("end")
        seen = ""
        for number in range(1, 6):
            await pilot.press(str(number))
            await pilot.pause()
            seen += screen_text(screen)
        assert all(secret in seen for secret in SECRETS)


async def test_the_view_is_picked_from_a_list(log: Path) -> None:
    app = ReplayApp(ReplayScreen.open(log))
    async with app.run_test(size=(80, 24)) as pilot:
        await checked(pilot)
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        await pilot.press("v", "down", "down", "enter")
        await pilot.pause()
        assert screen.viewer == "fest"
        assert "as Festival" in str(screen.query_one("#replay-status").render())
        await pilot.press("v", "home", "enter")
        await pilot.pause()
        assert screen.viewer == CONTROL


async def test_fork_here_makes_a_log_that_continues_from_the_event(log: Path) -> None:
    app = ReplayApp(ReplayScreen.open(log))
    async with app.run_test(size=(80, 24)) as pilot:
        await checked(pilot)
        for _ in range(12):
            await pilot.press("right")
        await pilot.press("f")
        answer = app.screen.query_one("#answer")
        assert answer.value == str(log.with_name("session-fork-12.jsonl"))  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
    forked = app.return_value
    assert forked == log.with_name("session-fork-12.jsonl")
    contents = read_log(forked)
    assert contents.header.parent is not None and contents.header.parent.seq == 12
    # Event 12 ends a round, whose start the rules still owed: the fork adds it.
    assert contents.events[:12] == read_log(log).events[:12]
    assert contents.events[12].kind == "round_started"


async def test_no_fork_once_the_talks_have_ended(log: Path) -> None:
    app = ReplayApp(ReplayScreen.open(log))
    async with app.run_test(size=(80, 24)) as pilot:
        await checked(pilot)
        await pilot.press("end", "f")
        assert isinstance(app.screen, ReplayScreen)
    assert app.return_value is None


async def test_a_damaged_log_is_replayed_up_to_its_first_bad_line(
    log: Path, tmp_path: Path
) -> None:
    damaged = tmp_path / "damaged.jsonl"
    damaged.write_bytes(log.read_bytes().replace(b"Too dear", b"Too DEAR"))
    app = ReplayApp(ReplayScreen.open(damaged))
    async with app.run_test(size=(80, 24)) as pilot:
        await checked(pilot)
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        banner = str(screen.query_one("#replay-damage").render())
        assert "stops being trustworthy at line 12" in banner
        await pilot.press("end")
        assert screen.cursor.position == 10


def test_replay_refuses_what_is_not_a_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_text("not a log\n")
    assert main(["replay", str(path)]) == 1
    assert "not a session log" in capsys.readouterr().err


def test_replay_fork_option_writes_the_fork_and_says_how_to_resume(
    log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = log.with_name("cli-fork.jsonl")
    assert main(["replay", str(log), "--fork", "5", "--fork-log", str(target)]) == 0
    assert f"tabletop resume {target}" in capsys.readouterr().out
    assert read_log(target).header.parent is not None
    assert main(["replay", str(log), "--fork", "5", "--fork-log", str(target)]) == 1
    assert main(["replay", str(log), "--fork", "99"]) == 1
    assert "trusted events are 0 to 25" in capsys.readouterr().err


async def test_page_keys_scroll_the_tab_a_digit_opened(log: Path) -> None:
    app = ReplayApp(ReplayScreen.open(log))
    async with app.run_test(size=(80, 12)) as pilot:
        await checked(pilot)
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        await pilot.press("end", "2")
        await pilot.pause()
        timeline = screen.query_one(Timeline)
        assert screen.focused is timeline
        bottom = timeline.scroll_y
        assert bottom > 0 and "Festival signed" in painted(app)
        await pilot.press("pageup")
        await pilot.pause()
        assert timeline.scroll_y < bottom
        assert "Festival signed" not in painted(app)


async def test_the_chart_fills_in_once_worked_out(log: Path) -> None:
    """The screen opens before the chart's fold of the whole log is done, then shows it."""
    app = ReplayApp(ReplayScreen.open(log))
    async with app.run_test(size=(80, 24)) as pilot:
        await checked(pilot)
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        await pilot.press("end", "5")
        await pilot.pause()
        chart = screen.query_one(ScoreChart)
        assert [len(s.values) for s in chart.data.series] == [screen.cursor.total] * len(ROLES)


async def test_a_delegations_replay_tabs_have_its_live_screens_numbers(log: Path) -> None:
    app = ReplayApp(ReplayScreen.open(log))
    async with app.run_test(size=(120, 24)) as pilot:
        await checked(pilot)
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        await screen.view_as(ROLES[0])
        await pilot.pause()
        tabs = painted(app)
        for label in ("1 Briefing", "2 Table", "4 Messages", "5 News", "6 History", "7 Chart"):
            assert label in tabs
        await pilot.press("3")
        await pilot.pause()
        assert any("No tab 3" in n.message for n in app._notifications)


async def test_the_screen_opens_before_the_log_is_checked(
    log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing unchecked is shown: until the pass is done the cursor stays within it."""
    gate = threading.Event()
    read = ReplayLog.read

    def held(self: ReplayLog) -> None:
        gate.wait(10)
        read(self)

    monkeypatch.setattr(ReplayLog, "read", held)
    app = ReplayApp(ReplayScreen.open(log))
    async with app.run_test(size=(120, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        assert "event 0/0 checked so far" in str(screen.query_one("#replay-status").render())
        await pilot.press("right", "end")
        assert screen.cursor.position == 0
        gate.set()
        await checked(pilot)
        assert "checked so far" not in str(screen.query_one("#replay-status").render())
        await pilot.press("end")
        assert screen.cursor.position == screen.cursor.total == len(read_log(log).events)


async def test_a_log_emptied_on_disk_after_its_check_is_said_not_fatal(
    log: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.jsonl"
    copy.write_bytes(log.read_bytes())
    app = ReplayApp(ReplayScreen(ReplayLog(copy, every=4)))
    async with app.run_test(size=(80, 24)) as pilot:
        await checked(pilot)
        copy.write_bytes(b"")  # the timeline reads its events from the file as it draws them
        await pilot.press("end", "2")
        await pilot.pause()
        assert "can no longer be read from the log" in painted(app)
        assert any(n.title == "Cannot read the log" for n in app._notifications)
        await pilot.press("home", "left", "1")
        assert app.is_running
