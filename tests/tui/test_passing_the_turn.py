"""What keeps passing the turn quick, and still right.

One hand-over screen is called up for every hand-over; the console is not
redrawn while a screen hides it; what a session keeps is frozen out of the
garbage collector's walks until the session closes.
"""

from __future__ import annotations

import gc
from pathlib import Path

from tabletop.engine.acts import Message, Statement
from tabletop.exercise.model import Exercise
from tabletop.log import Seat
from tabletop.tui.app import TabletopApp, new_session_app
from tabletop.tui.screens.console import ConsoleScreen
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.screens.handover import HandoverScreen
from tabletop.tui.widgets.status_bar import StatusBar
from tests.tui.helpers import screen_text, send, until

SIZE = (80, 24)


def humans_app(exercise: Exercise, path: Path) -> TabletopApp:
    return new_session_app(
        exercise, {r: Seat(kind="human") for r in exercise.role_ids}, 1, path, pace=0
    )


async def test_one_hand_over_screen_calls_each_delegation_in_turn(
    tutorial: Exercise, tmp_path: Path
) -> None:
    app = humans_app(tutorial, tmp_path / "s.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "a")
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        handover = app.screen
        text = screen_text(app)
        assert "Riverside Sounds Festival" in text
        assert "Millbrook Town Council" not in text
        await pilot.press("enter")
        await send(pilot, Statement(actor="festival", text="Good evening."))
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        assert app.screen is handover
        text = screen_text(app)
        assert "Millbrook Town Council" in text
        assert "Riverside Sounds Festival" not in text
        assert "Good evening." not in text


async def test_enter_confirms_whichever_button_was_left_focused(
    tutorial: Exercise, tmp_path: Path
) -> None:
    app = humans_app(tutorial, tmp_path / "s.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "a")
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        await pilot.press("tab", "escape")
        assert isinstance(app.screen, ConsoleScreen)
        # The delegation to move is offered first: h, Enter calls it.
        await pilot.press("h", "enter")
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        await pilot.press("enter")
        assert isinstance(app.screen, DelegationScreen)


async def test_the_console_catches_up_once_uncovered(tutorial: Exercise, tmp_path: Path) -> None:
    app = humans_app(tutorial, tmp_path / "s.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        console = app.screen
        assert isinstance(console, ConsoleScreen)
        await pilot.press("s", "a")
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        await pilot.press("enter")
        await send(pilot, Message(actor="festival", to="council", text="Psst."))
        await send(pilot, Statement(actor="festival", text="Good evening."))
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        assert "Council" not in console.query_one(StatusBar).summary.plain, "drawn while hidden"
        await pilot.press("escape", "enter", "2")
        assert app.screen is console
        text = screen_text(app)
        assert "Festival → Council (private): “Psst.”" in text
        assert "Festival said: “Good evening.”" in text
        assert "Council to move" in text


async def test_a_closed_session_leaves_nothing_frozen(tutorial: Exercise, tmp_path: Path) -> None:
    app = humans_app(tutorial, tmp_path / "s.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "a")
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        await pilot.press("enter")
        await until(pilot, lambda: gc.get_freeze_count() > 0)
    assert gc.get_freeze_count() == 0
