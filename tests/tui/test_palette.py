"""The palette lists tabletop's own commands, each once; the footer keeps Help in sight."""

from __future__ import annotations

from pathlib import Path

from tabletop.exercise.model import Exercise
from tabletop.log import Seat
from tabletop.tui.app import new_session_app
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.screens.handover import HandoverScreen
from tests.tui.helpers import screen_text, until

SIZE = (80, 24)


async def test_the_palette_lists_quit_once_and_no_editing_keys(
    tutorial: Exercise, tmp_path: Path
) -> None:
    seats = {r: Seat(kind="human") for r in tutorial.role_ids}
    app = new_session_app(tutorial, seats, 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "a")
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        await pilot.press("enter")
        assert isinstance(app.screen, DelegationScreen)
        await pilot.press("ctrl+p", *"quit")
        await until(pilot, lambda: "Quit the application" in screen_text(app))
        titles = [line.strip() for line in screen_text(app).splitlines()]
        assert titles.count("Quit") == 1
        await pilot.press(*"\b\b\b\bdelete")
        await pilot.pause(0.2)
        assert "Delete left" not in screen_text(app)


async def test_help_stays_in_the_footer_at_80_columns(tutorial: Exercise, tmp_path: Path) -> None:
    """The console has more keys than 80 columns hold: Help comes first, so it is never cut."""
    seats = {r: Seat(kind="human") for r in tutorial.role_ids}
    app = new_session_app(tutorial, seats, 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert footer.lstrip().startswith("? Help")
