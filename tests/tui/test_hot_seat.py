"""The hot seat guards both ways: from a delegation back to Control, nothing of the console shows.

After a delegation's move (with a bot to move next), its hand-back, or its
time running out, the give-back screen stands between it and the console
until Control confirms, with its PIN when one was set at setup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import RenderableType
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from tabletop.engine.acts import Annotate, Statement
from tabletop.exercise.model import Exercise
from tabletop.log import Seat
from tabletop.tui.app import TabletopApp, new_session_app
from tabletop.tui.screens.clock import ClockPrompt
from tabletop.tui.screens.console import ConsoleScreen
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.screens.give_back import GiveBackScreen
from tabletop.tui.screens.handover import HandoverScreen
from tabletop.tui.screens.setup import SetupScreen
from tabletop.tui.screens.start import StartScreen
from tests.tui.helpers import run_out, screen_text, send, until

SIZE = (80, 24)
NOTE = "SECRET-NOTE-control"
PIN = "2468"


def town_and_a_bot(exercise: Exercise, path: Path, pin: str = "") -> TabletopApp:
    """Town at the keyboard, the festival a bot: after Town's move the console would be next.

    The bot waits a minute before it moves, so the turn stays with it while the test looks.
    """
    seats = {"town": Seat(kind="human"), "fest": Seat(kind="bot", strategy="linear")}
    seats |= {r: Seat(kind="bot", strategy="linear") for r in exercise.role_ids if r not in seats}
    return new_session_app(exercise, seats, 1, path, pace=60, pin=pin)


async def town_at_the_keyboard(pilot: Pilot[Any]) -> DelegationScreen:
    """Control writes a note, starts, and Town comes to the keyboard."""
    app = pilot.app
    assert isinstance(app, TabletopApp) and app.driver is not None
    app.driver.act(Annotate(text=NOTE))
    await pilot.press("s", "a")
    await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
    await pilot.press("enter")
    screen = app.screen
    assert isinstance(screen, DelegationScreen) and screen.role == "town"
    return screen


def console_hidden(app: Any) -> None:
    """What is on screen is the give-back screen, and nothing of the console."""
    assert isinstance(app.screen, GiveBackScreen)
    text = screen_text(app)
    assert "Give the keyboard back to" in text
    assert "Control — " not in text and "Skip turn" not in text and NOTE not in text


async def test_after_a_move_control_takes_the_keyboard_back(tiny: Exercise, tmp_path: Path) -> None:
    app = town_and_a_bot(tiny, tmp_path / "s.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        await town_at_the_keyboard(pilot)
        await send(pilot, Statement(actor="town", text="The town speaks."))
        await until(pilot, lambda: not isinstance(app.screen, DelegationScreen))
        console_hidden(app)
        assert "Town has made its move." in screen_text(app)
        await pilot.press("escape")
        console_hidden(app)
        await pilot.press("enter")
        assert isinstance(app.screen, ConsoleScreen)
        await pilot.press("2")
        assert NOTE in screen_text(app)


async def test_a_hand_back_goes_through_control(tiny: Exercise, tmp_path: Path) -> None:
    app = town_and_a_bot(tiny, tmp_path / "s.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        screen = await town_at_the_keyboard(pilot)
        assert isinstance(screen.focused, Input), "its turn opens on the Move tab, in a field"
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("escape")
        console_hidden(app)
        assert "Town has handed the keyboard back." in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, ConsoleScreen)


async def test_escape_in_a_text_field_leaves_the_field_not_the_seat(
    tiny: Exercise, tmp_path: Path
) -> None:
    app = town_and_a_bot(tiny, tmp_path / "s.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        screen = await town_at_the_keyboard(pilot)
        field = screen.query_one("#text", Input)
        field.focus()
        await pilot.press(*"half a thought")
        await pilot.press("escape")
        assert app.screen is screen
        assert not field.has_focus
        assert field.value == "half a thought"
        await pilot.press("escape")
        console_hidden(app)


async def test_when_time_runs_out_control_takes_the_keyboard_back_first(
    timed: Exercise, tmp_path: Path
) -> None:
    app = town_and_a_bot(timed, tmp_path / "s.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        await town_at_the_keyboard(pilot)
        await run_out(app)
        await pilot.pause()
        console_hidden(app)
        assert "Time is up for Town." in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, ClockPrompt)


async def test_with_a_pin_only_the_right_pin_gives_control_the_keyboard(
    tiny: Exercise, tmp_path: Path
) -> None:
    app = town_and_a_bot(tiny, tmp_path / "s.jsonl", pin=PIN)
    async with app.run_test(size=SIZE) as pilot:
        await town_at_the_keyboard(pilot)
        await pilot.press("escape", "escape")
        console_hidden(app)
        await pilot.press("enter")
        console_hidden(app)
        await pilot.press(*"1357", "enter")
        console_hidden(app)
        assert "That is not Control's PIN." in screen_text(app)
        assert PIN not in screen_text(app)
        await pilot.press("escape")
        console_hidden(app)
        await pilot.press(*PIN, "enter")
        assert isinstance(app.screen, ConsoleScreen)


async def test_the_pin_is_set_at_setup(tmp_path: Path) -> None:
    app = TabletopApp(pace=0)
    async with app.run_test(size=SIZE) as pilot:
        start = app.screen
        assert isinstance(start, StartScreen)
        await until(pilot, lambda: bool(start.exercises))
        await pilot.press("n")
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        setup.query_one("#log", Input).value = str(tmp_path / "s.jsonl")
        setup.query_one("#pin", Input).value = PIN
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConsoleScreen))
        assert app.driver is not None
        await pilot.press("h")
        await until(pilot, lambda: not isinstance(app.screen, ConsoleScreen))
        await pilot.press("enter")
        if not isinstance(app.screen, DelegationScreen):
            await pilot.press("enter")
        assert isinstance(app.screen, DelegationScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, GiveBackScreen)
        await pilot.press(*PIN, "enter")
        assert isinstance(app.screen, ConsoleScreen)


async def test_no_frame_between_the_delegation_and_the_console_shows_the_console(
    tiny: Exercise, tmp_path: Path
) -> None:
    app = town_and_a_bot(tiny, tmp_path / "s.jsonl")
    frames: list[tuple[Screen[Any], str]] = []
    display = app._display

    def record(screen: Screen[Any], renderable: RenderableType | None) -> None:
        if renderable is not None:
            frames.append((app.screen, screen_text(app)))
        display(screen, renderable)

    app._display = record  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await town_at_the_keyboard(pilot)
        await send(pilot, Statement(actor="town", text="The town speaks."))
        await until(pilot, lambda: isinstance(app.screen, GiveBackScreen))
        await pilot.pause(0.1)
        await pilot.press("escape")
        await pilot.pause(0.1)
        await pilot.press("enter")
        assert isinstance(app.screen, ConsoleScreen)
        await pilot.pause()
    first = next(i for i, (screen, _) in enumerate(frames) if isinstance(screen, DelegationScreen))
    last = max(i for i, (screen, _) in enumerate(frames) if isinstance(screen, GiveBackScreen))
    between = frames[first : last + 1]
    assert any(isinstance(screen, GiveBackScreen) for screen, _ in between)
    for screen, text in between:
        assert not isinstance(screen, ConsoleScreen)
        assert "Control — " not in text and "Skip turn" not in text, text
    assert "Skip turn" in frames[-1][1], "the console shows once Control is back"


async def test_time_running_out_behind_the_give_back_waits_for_control(
    timed: Exercise, tmp_path: Path
) -> None:
    app = town_and_a_bot(timed, tmp_path / "s.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        await town_at_the_keyboard(pilot)
        await pilot.press("escape", "escape")
        console_hidden(app)
        await run_out(app)
        await pilot.pause()
        console_hidden(app)
        await pilot.press("enter")
        assert isinstance(app.screen, ClockPrompt)
