"""Whole sessions played through the screens, from the start screen to the outcome."""

from __future__ import annotations

import gc
from pathlib import Path

from textual.widgets import Input, Select

from tabletop.engine.acts import Start
from tabletop.exercise.model import Exercise
from tabletop.log import Seat, read_log
from tabletop.tui.app import TabletopApp, new_session_app
from tabletop.tui.live import create
from tabletop.tui.paths import new_log_path
from tabletop.tui.screens.console import ConsoleScreen
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.screens.give_back import GiveBackScreen
from tabletop.tui.screens.handover import HandoverScreen
from tabletop.tui.screens.outcome import OutcomeScreen
from tabletop.tui.screens.replay import ReplayScreen
from tabletop.tui.screens.setup import SetupScreen
from tabletop.tui.screens.start import StartScreen
from tabletop.tui.widgets.recent_logs import RecentLogs
from tests.tui.helpers import phase, play_as_bot, screen_text, until

SIZE = (80, 24)


async def test_from_the_start_screen_to_a_signed_agreement(tmp_path: Path) -> None:
    log = tmp_path / "agreement.jsonl"
    app = TabletopApp(pace=0)
    async with app.run_test(size=SIZE) as pilot:
        start = app.screen
        assert isinstance(start, StartScreen)
        await until(pilot, lambda: bool(start.exercises))
        assert "Tutorial: The Riverside Festival" in screen_text(app)
        await pilot.press("n")
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        setup.query_one("#seat-council", Select).value = "conceder"
        setup.query_one("#seed", Input).value = "8"
        setup.query_one("#log", Input).value = str(log)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConsoleScreen))
        assert "s starts the briefing" in screen_text(app)

        await pilot.press("s")
        assert "Briefing" in screen_text(app)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        assert "Riverside Sounds Festival" in screen_text(app)

        played = []
        while not isinstance(app.screen, OutcomeScreen):
            if isinstance(app.screen, HandoverScreen | GiveBackScreen):
                await pilot.press("enter")
            elif isinstance(app.screen, DelegationScreen):
                played.append((await play_as_bot(pilot, "conceder")).kind)
            else:
                await pilot.pause(0.02)
        assert "sign" in played

        text = screen_text(app)
        assert "A festival that works for the town" in text
        assert "(an agreement)" in text
        assert "Scores against no deal" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ConsoleScreen)
        assert "Concluded" in screen_text(app)
    contents = read_log(log)
    assert contents.problem is None
    assert contents.events[-1].kind == "concluded"
    assert contents.events[-1].payload["ending"] == "agreement"


async def test_the_collector_paused_for_start_up_is_back_once_exercises_are_listed() -> None:
    gc.disable()  # as `tabletop` does before it imports the app
    app = TabletopApp(pace=0)
    try:
        async with app.run_test(size=SIZE) as pilot:
            start = app.screen
            assert isinstance(start, StartScreen)
            await until(pilot, lambda: bool(start.exercises))
            assert gc.isenabled(), "a long session would never collect its garbage"
    finally:
        gc.enable()
        gc.unfreeze()


async def test_control_ends_the_talks_in_a_breakdown(tutorial: Exercise, tmp_path: Path) -> None:
    seats = {r: Seat(kind="human") for r in tutorial.role_ids}
    app = new_session_app(tutorial, seats, 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "a")
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        await pilot.press("enter")
        await pilot.press(*"Hello", "enter")
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        assert "Millbrook Town Council" in screen_text(app)
        await pilot.press("escape")
        # The Festival may still be at the keyboard: Control takes it back first.
        assert isinstance(app.screen, GiveBackScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, ConsoleScreen)
        await pilot.press("e")
        app.screen.query_one(Input).value = "the parties are too far apart"
        await pilot.press("enter")
        assert phase(app) == "opening", "a first Enter only moves to the confirm button"
        await pilot.press("enter")
        assert phase(app) == "opening", "then a question, naming the reason"
        assert "Reason given: the parties are too far apart" in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, OutcomeScreen))
        text = screen_text(app)
        assert "No deal" in text
        assert "Control ended the talks" in text
        assert "the parties are too far apart" in text


async def test_the_deadline_passes_when_control_skips_every_turn(
    tiny: Exercise, tmp_path: Path
) -> None:
    data = tiny.model_dump(mode="json", by_alias=True)
    data["schedule"].update(rounds=1, opening_statements=False)
    data["injects"] = []
    short = Exercise.model_validate(data)
    seats = {r: Seat(kind="human") for r in short.role_ids}
    app = new_session_app(short, seats, 3, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "a")
        while not isinstance(app.screen, OutcomeScreen):
            if isinstance(app.screen, HandoverScreen):
                await pilot.press("escape")
                assert isinstance(app.screen, ConsoleScreen)
                await pilot.press("k", "y")
            else:
                await pilot.pause(0.02)
        text = screen_text(app)
        assert "No deal" in text
        assert "the deadline passed" in text


async def test_control_acts_are_dimmed_when_the_engine_says_no(
    tutorial: Exercise, tmp_path: Path
) -> None:
    seats = {r: Seat(kind="bot", strategy="linear") for r in tutorial.role_ids}
    app = new_session_app(tutorial, seats, 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ConsoleScreen)
        assert screen.check_action("start", ()) is True
        assert screen.check_action("advance", ()) is None
        assert screen.check_action("resume", ()) is False
        assert screen.query_one("#do-advance").disabled
        await pilot.press("a")
        assert app.driver is not None and app.driver.live.state.phase == "setup"
        await pilot.press("s")
        assert screen.check_action("advance", ()) is True
        assert screen.check_action("start", ()) is None


async def test_bots_play_by_themselves_until_control_pauses(
    tutorial: Exercise, tmp_path: Path
) -> None:
    seats = {r: Seat(kind="bot", strategy="boulware") for r in tutorial.role_ids}
    app = new_session_app(tutorial, seats, 1, tmp_path / "s.jsonl", pace=0.5)
    async with app.run_test(size=SIZE) as pilot:
        assert app.driver is not None
        live = app.driver.live
        await pilot.press("s", "a")
        await until(pilot, lambda: live.state.round >= 1)
        await pilot.press("p")
        assert live.state.phase == "paused"
        seen = len(live.session.events)
        await pilot.pause(0.8)
        assert len(live.session.events) == seen
        await pilot.press("p")
        await until(pilot, lambda: len(live.session.events) > seen + 1)


async def test_the_start_screen_resumes_and_replays_recent_logs(tutorial: Exercise) -> None:
    path = new_log_path(tutorial.id)
    live = create(path, tutorial, 2, {r: Seat(kind="human") for r in tutorial.role_ids})
    live.apply(Start())
    live.close()
    app = TabletopApp(pace=0)
    async with app.run_test(size=SIZE) as pilot:
        start = app.screen
        assert isinstance(start, StartScreen)
        await until(pilot, lambda: bool(start.query_one(RecentLogs).logs))
        assert "briefing" in screen_text(app)
        assert app.check_action("start_screen", ()) is False
        for back in ("escape", "b"):  # Close, or the way back to the start screen
            await pilot.press("p")
            assert isinstance(app.screen, ReplayScreen)
            assert app.check_action("start_screen", ()) is True
            await pilot.press(back)
            await until(pilot, lambda: app.screen is start)
        await pilot.press("r")
        assert isinstance(app.screen, ConsoleScreen)
        assert "Briefing · 4 rounds" in screen_text(app)
