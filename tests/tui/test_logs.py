"""Logs written while their tab is hidden wrap at the width they are shown at, not at 20 columns.

(Headless, lines wrap at the 80 columns of the test's console at most.)
"""

from __future__ import annotations

from pathlib import Path

from tabletop.engine.acts import Message
from tabletop.exercise.model import Exercise
from tabletop.log import Seat
from tabletop.tui.app import new_session_app
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.screens.handover import HandoverScreen
from tests.tui.helpers import screen_text, send, until

SIZE = (120, 40)
NOTE = (
    "The festival's delegation looked ready to give way on the date but not on the fee, "
    "ask them why in the debrief"
)


async def test_a_note_written_while_the_timeline_is_hidden_is_wide(
    tutorial: Exercise, tmp_path: Path
) -> None:
    """The steps of issue 13: s, 2, 1, p, n, a long note, Enter, p, 2."""
    seats = {r: Seat(kind="human") for r in tutorial.role_ids}
    app = new_session_app(tutorial, seats, 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "2", "1", "p", "n")
        await pilot.press(*NOTE, "enter")
        await pilot.press("p", "2")
        await pilot.pause()
        assert NOTE[:60] in screen_text(app)


async def test_a_delegations_hidden_logs_are_wide(tutorial: Exercise, tmp_path: Path) -> None:
    """Messages and History written while the delegation looks at another tab."""
    seats = {r: Seat(kind="human") for r in tutorial.role_ids}
    app = new_session_app(tutorial, seats, 1, tmp_path / "s.jsonl", pace=0)
    text = "A private word before the talks open: we can live with July if the fee stays low."
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "a")
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, DelegationScreen)
        # Every tab shown once, then left: the composer has the keyboard, so no digit keys.
        for pane in ("messages", "news", "history", "briefing"):
            screen.action_tab(pane)
            await pilot.pause()
        await send(pilot, Message(actor=screen.role, to="council", text=text))
        for pane in ("messages", "history"):
            screen.action_tab(pane)
            await until(pilot, lambda: text[:45] in screen_text(app))
