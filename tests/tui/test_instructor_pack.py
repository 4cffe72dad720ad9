"""Control reads the instructor pack on the console; no delegation ever sees it."""

from __future__ import annotations

from pathlib import Path

from tabletop import bundled
from tabletop.exercise.loader import load
from tabletop.log import Seat
from tabletop.tui.app import new_session_app
from tabletop.tui.screens.console import ConsoleScreen
from tabletop.tui.screens.instructor import InstructorPackScreen
from tests.tui.helpers import screen_text

SIZE = (80, 24)


async def test_g_opens_the_pack_and_escape_closes_it(tmp_path: Path) -> None:
    treaty = load(next(p for p in bundled.exercises() if p.stem == "treaty-for-security"))
    seats = {r: Seat(kind="human") for r in treaty.role_ids}
    app = new_session_app(treaty, seats, 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, InstructorPackScreen)
        text = screen_text(app)
        assert "instructor pack" in text and "Learning objectives" in text
        assert "fact-finding" in app.screen.document
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
