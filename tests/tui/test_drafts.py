"""A delegation's half-written move survives help, the palette and moving between fields."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Select, TabbedContent

from tabletop.exercise.model import Exercise
from tabletop.log import Seat
from tabletop.tui.app import TabletopApp, new_session_app
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.screens.handover import HandoverScreen
from tabletop.tui.widgets.composer import Composer
from tests.tui.helpers import until

SIZE = (80, 24)
DRAFT = "We came to talk about the date"


def humans_app(exercise: Exercise, path: Path) -> TabletopApp:
    seats = {r: Seat(kind="human") for r in exercise.role_ids}
    return new_session_app(exercise, seats, 1, path, pace=0)


async def first_speaker(pilot: Pilot[Any]) -> DelegationScreen:
    """Start the session and give the keyboard to the delegation that speaks first."""
    app = pilot.app
    await pilot.press("s", "a")
    await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, DelegationScreen))
    screen = app.screen
    assert isinstance(screen, DelegationScreen)
    return screen


async def test_help_and_the_palette_keep_the_draft_and_the_tab(
    tutorial: Exercise, tmp_path: Path
) -> None:
    app = humans_app(tutorial, tmp_path / "s.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        screen = await first_speaker(pilot)
        tabs = screen.query_one(TabbedContent)
        assert tabs.active == "move"
        text = screen.query_one(Composer).query_one("#text", Input)
        text.focus()
        await pilot.press(*DRAFT)
        for opening in ("f1", "ctrl+p"):
            await pilot.press(opening)
            await until(pilot, lambda: app.screen is not screen)
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is screen)
            assert tabs.active == "move", opening
            assert text.value == DRAFT, opening


async def test_tabbing_back_into_a_text_does_not_select_it(
    tutorial: Exercise, tmp_path: Path
) -> None:
    app = humans_app(tutorial, tmp_path / "s.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        composer = (await first_speaker(pilot)).query_one(Composer)
        text = composer.query_one("#text", Input)
        text.focus()
        await pilot.press(*"Good evening")
        composer.query_one("#kind", Select).focus()
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is text
        await pilot.press(*" to all")
        assert text.value == "Good evening to all"
