"""Back to the start screen from the console, the outcome and the replay; and on from there."""

from __future__ import annotations

import gc
from pathlib import Path

from tabletop.engine.acts import Abort, Start
from tabletop.exercise.model import Exercise
from tabletop.log import Seat, read_log
from tabletop.log.writer import claim
from tabletop.net.codes import Codes, store_path
from tabletop.tui.app import TabletopApp, new_session_app
from tabletop.tui.hosting import HostedApp
from tabletop.tui.live import create
from tabletop.tui.screens.confirm import ConfirmScreen
from tabletop.tui.screens.console import ConsoleScreen
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.screens.handover import HandoverScreen
from tabletop.tui.screens.outcome import OutcomeScreen
from tabletop.tui.screens.seats import SeatsScreen
from tabletop.tui.screens.start import StartScreen
from tabletop.tui.widgets.recent_logs import RecentLogs
from tests.tui.helpers import called_to_the_table, humans, screen_text, until

SIZE = (80, 24)
WIDE = (120, 40)


async def test_control_leaves_a_live_session_and_resumes_it_from_the_start_screen(
    tutorial: Exercise, tmp_path: Path
) -> None:
    log = tmp_path / "kept-elsewhere.jsonl"  # not in the sessions folder: listed all the same
    app = new_session_app(tutorial, humans(tutorial), 1, log, pace=0)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s")
        assert "b Leave" in screen_text(app)
        await pilot.press("b")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.pause()
        assert "Leave this session for the start screen?" in screen_text(app)
        asked = app.screen.question.body
        assert f"The session is saved in its log, {log}, and can be resumed" in asked
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        assert app.driver is None
        # The log's lock went with the session: another writer may claim it at once.
        claim(log).close()
        start = app.screen
        await until(pilot, lambda: bool(start.query_one(RecentLogs).logs))
        assert start.query_one(RecentLogs).logs[0].path == log
        assert "briefing" in screen_text(app)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ConsoleScreen))
        assert app.driver is not None and app.driver.live.path == log
        assert app.driver.live.state.phase == "briefing"
    assert [e.kind for e in read_log(log).events] == ["started"]


async def test_leaving_can_be_called_off(tutorial: Exercise, tmp_path: Path) -> None:
    app = new_session_app(tutorial, humans(tutorial), 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        driver = app.driver
        await pilot.press("b", "n")
        assert isinstance(app.screen, ConsoleScreen)
        assert app.driver is driver


async def test_no_bot_moves_and_no_clock_ticks_once_the_session_is_left(
    timed: Exercise, tmp_path: Path
) -> None:
    log = tmp_path / "s.jsonl"
    seats = {r: Seat(kind="bot", strategy="linear") for r in timed.role_ids}
    app = new_session_app(timed, seats, 1, log, pace=0.05)
    async with app.run_test(size=SIZE) as pilot:
        old = app.driver
        assert old is not None and old.clock is not None
        await pilot.press("s", "a")
        await until(pilot, lambda: old.live.state.round >= 1)
        await pilot.press("b", "y")
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        written = log.read_bytes()
        remaining = old.clock.remaining
        app._each_second()  # what the app's timer does each second
        await pilot.pause(0.3)
        assert old.clock.remaining == remaining
        assert log.read_bytes() == written


async def test_only_control_can_leave_on_the_hot_seat(tutorial: Exercise, tmp_path: Path) -> None:
    app = new_session_app(tutorial, humans(tutorial), 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=WIDE) as pilot:
        assert app.check_action("start_screen", ()) is True
        await called_to_the_table(pilot)
        assert isinstance(app.screen, HandoverScreen)
        assert app.check_action("start_screen", ()) is False
        await pilot.press("b")
        assert isinstance(app.screen, HandoverScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, DelegationScreen)
        assert app.check_action("start_screen", ()) is False
        assert "Start screen" not in screen_text(app)
        await pilot.press("escape", "b")
        assert not isinstance(app.screen, ConfirmScreen | StartScreen)
        assert app.driver is not None


async def test_the_outcome_leaves_for_the_start_screen_without_asking(
    tutorial: Exercise, tmp_path: Path
) -> None:
    live = create(tmp_path / "s.jsonl", tutorial, 1, humans(tutorial))
    live.apply(Start())
    live.apply(Abort(reason="A fire drill."))
    app = TabletopApp(live, pace=0)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, OutcomeScreen))
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        assert app.driver is None


async def test_a_session_left_leaves_nothing_frozen(tutorial: Exercise, tmp_path: Path) -> None:
    app = new_session_app(tutorial, humans(tutorial), 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        await called_to_the_table(pilot)
        await pilot.press("enter")
        delegation = app.screen
        assert isinstance(delegation, DelegationScreen)
        await until(pilot, lambda: gc.get_freeze_count() > 0)
        while not isinstance(app.screen, ConsoleScreen):
            await pilot.press("escape" if app.screen is delegation else "enter")
        await pilot.press("b", "y")
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        start = app.screen
        await until(pilot, lambda: bool(start.exercises))
        await until(pilot, lambda: not delegation.is_running)
        assert gc.get_freeze_count() == 0


async def test_a_hosted_session_stays_with_its_seats(tutorial: Exercise, tmp_path: Path) -> None:
    live = create(tmp_path / "s.jsonl", tutorial, 1, humans(tutorial))
    codes = Codes.fresh(tutorial.role_ids)
    app = HostedApp(live, codes, store_path(live.path), "127.0.0.1", 0, pace=0)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SeatsScreen))
        await pilot.press("escape")
        assert isinstance(app.screen, ConsoleScreen)
        assert app.check_action("start_screen", ()) is False
        await pilot.press("b")
        await until(pilot, lambda: bool(app._notifications))
        assert "tabletop host --resume" in " ".join(n.message for n in app._notifications)
        assert isinstance(app.screen, ConsoleScreen) and app.driver is not None
