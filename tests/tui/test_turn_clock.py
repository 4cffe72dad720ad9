"""The turn clock kept in the log: a quit, a crash and more time all survive a resume."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tabletop import bundled
from tabletop.engine.acts import Advance, Start
from tabletop.exercise.loader import load
from tabletop.exercise.model import Exercise
from tabletop.log import Seat, read_log
from tabletop.tui.app import TabletopApp, resumed_app
from tabletop.tui.live import create
from tabletop.tui.screens.clock import ClockPrompt
from tabletop.tui.screens.console import ConsoleScreen
from tabletop.tui.screens.handover import HandoverScreen
from tabletop.tui.screens.setup import SetupScreen
from tabletop.tui.screens.start import StartScreen
from tests.tui.helpers import pass_time, run_out, screen_text, until

SIZE = (80, 24)


def festival_on_the_clock(exercise: Exercise, log: Path) -> TabletopApp:
    """The tutorial on a 60 s clock, every seat at the keyboard: the festival opens."""
    seats = {r: Seat(kind="human") for r in exercise.role_ids}
    live = create(log, exercise, 5, seats, seconds_per_turn=60)
    for act in (Start(), Advance()):
        live.apply(act)
    assert live.mover == "festival"
    return TabletopApp(live, pace=0)


async def at_the_console(app: TabletopApp, pilot: object) -> None:
    """Control keeps the keyboard: the hand-over is declined, the console shows the clock."""
    await until(pilot, lambda: isinstance(app.screen, HandoverScreen))  # type: ignore[arg-type]
    await pilot.press("escape")  # type: ignore[attr-defined]
    await until(pilot, lambda: isinstance(app.screen, ConsoleScreen))  # type: ignore[arg-type]


def clock_events(log: Path) -> list[tuple[str, dict[str, object]]]:
    return [
        (e.kind, e.payload)
        for e in read_log(log).events
        if e.kind in {"time_extended", "clock_stopped", "clock_started"}
    ]


@pytest.mark.usefixtures("fixed_clock")
async def test_a_resume_shows_the_time_the_turn_had_left(
    tutorial: Exercise, tmp_path: Path
) -> None:
    log = tmp_path / "s.jsonl"
    app = festival_on_the_clock(tutorial, log)
    async with app.run_test(size=SIZE) as pilot:
        await at_the_console(app, pilot)
        pass_time(app, 25)
        app.driver.tick_clock()  # type: ignore[union-attr]
        await pilot.pause()
        assert "0:35" in screen_text(app)
    # Quitting stopped the clock in the log, with what was left.
    assert clock_events(log)[-1] == ("clock_stopped", {"role": "festival", "left": 35.0})

    again = resumed_app(log, pace=0)
    async with again.run_test(size=SIZE) as pilot:
        await at_the_console(again, pilot)
        assert "0:35" in screen_text(again)
        assert "1:00" not in screen_text(again)
    assert ("clock_started", {"role": "festival", "left": 35.0}) in clock_events(log)


@pytest.mark.usefixtures("fixed_clock")
async def test_more_time_is_logged_and_survives_a_resume(
    tutorial: Exercise, tmp_path: Path
) -> None:
    log = tmp_path / "s.jsonl"
    crashed = tmp_path / "crashed.jsonl"
    app = festival_on_the_clock(tutorial, log)
    async with app.run_test(size=SIZE) as pilot:
        await at_the_console(app, pilot)
        await run_out(app)
        await until(pilot, lambda: isinstance(app.screen, ClockPrompt))
        await pilot.press("m")
        await until(pilot, lambda: not isinstance(app.screen, ClockPrompt))
        assert ("time_extended", {"role": "festival", "seconds": 60}) in clock_events(log)
        pass_time(app, 10)
        # What a kill -9 would leave now: the extension is the last thing logged.
        crashed.write_bytes(log.read_bytes())
    assert clock_events(log)[-1] == ("clock_stopped", {"role": "festival", "left": 50.0})

    again = resumed_app(log, pace=0)
    async with again.run_test(size=SIZE) as pilot:
        await at_the_console(again, pilot)
        assert "0:50" in screen_text(again)

    # After the crash, the clock counts as run until the last logged event: the extension.
    after_crash = resumed_app(crashed, pace=0)
    async with after_crash.run_test(size=SIZE) as pilot:
        await at_the_console(after_crash, pilot)
        assert "1:00" in screen_text(after_crash)
    assert ("clock_started", {"role": "festival", "left": 60.0}) in clock_events(crashed)


async def set_up(pilot: Pilot[Any], log: Path, rounds: str, seconds: str) -> SetupScreen:
    """From the start screen to the setup of the first exercise, the schedule typed in."""
    start = pilot.app.screen
    assert isinstance(start, StartScreen)
    await until(pilot, lambda: bool(start.exercises))
    await pilot.press("n")
    setup = pilot.app.screen
    assert isinstance(setup, SetupScreen)
    setup.query_one("#log", Input).value = str(log)
    setup.query_one("#rounds", Input).value = rounds
    setup.query_one("#turn-seconds", Input).value = seconds
    return setup


async def test_the_clock_and_rounds_set_at_setup_reach_the_session(tmp_path: Path) -> None:
    log = tmp_path / "s.jsonl"
    app = TabletopApp(pace=0)
    async with app.run_test(size=SIZE) as pilot:
        await set_up(pilot, log, "2", "30")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConsoleScreen))
        assert app.driver is not None and app.driver.clock is not None
        assert app.driver.clock.seconds == 30
        assert app.driver.live.state.rounds == 2
    header = read_log(log).header
    assert (header.rounds, header.seconds_per_turn) == (2, 30)


async def test_setup_fills_in_the_exercises_clock_and_can_take_it_away(tmp_path: Path) -> None:
    log = tmp_path / "s.jsonl"
    treaty = load(next(p for p in bundled.exercises() if p.stem == "treaty-for-security"))
    app = TabletopApp(pace=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.push_screen(SetupScreen(treaty, log=log))
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        clock = setup.query_one("#turn-seconds", Input)
        assert clock.value == "110"
        assert setup.query_one("#rounds", Input).value == str(treaty.schedule.rounds)
        clock.value = ""
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConsoleScreen))
        assert app.driver is not None and app.driver.clock is None
    header = read_log(log).header
    assert header.seconds_per_turn == 0 and header.rounds is None
    assert header.session_exercise.schedule.seconds_per_turn is None


async def test_setup_refuses_a_clock_it_cannot_run_and_says_why(tmp_path: Path) -> None:
    log = tmp_path / "s.jsonl"
    app = TabletopApp(pace=0)
    async with app.run_test(size=SIZE) as pilot:
        setup = await set_up(pilot, log, "4", "5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is setup
        assert "Turn clock: give between 10 and 3600 seconds a turn" in screen_text(app)
        assert setup.query_one("#turn-seconds", Input).has_focus
        setup.query_one("#turn-seconds", Input).value = "45"
        setup.query_one("#rounds", Input).value = "many"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is setup
        assert "Rounds: give a whole number, not 'many'" in screen_text(app)
    assert not log.exists()
