"""The table for many issues: a delegation's own score, status and support on screen at 80
columns; Control's scoreboard with every role's score against its no-deal value."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from tabletop.exercise.model import Exercise
from tabletop.tui.screens.console import ConsoleScreen
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.screens.handover import HandoverScreen
from tabletop.tui.widgets.proposals import ProposalsTable
from tests.tui.helpers import screen_text, treaty_in_round_three, until

SIZES = [(80, 24), (120, 40)]


def header_lines(text: str) -> str:
    """The table's two heading lines, from the screen as drawn."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.lstrip().startswith("#  "))
    return "\n".join(lines[first : first + 2])


@pytest.mark.parametrize("size", SIZES)
async def test_a_delegation_sees_its_score_status_and_support_at_once(
    treaty: Exercise, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = treaty_in_round_three(treaty, tmp_path / "s.jsonl")
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        await pilot.press("enter", "2")
        screen = app.screen
        assert isinstance(screen, DelegationScreen) and screen.view is not None
        text = screen_text(app)
        heading = header_lines(text)
        for column in ("You", "Status", "Support", f"≥{screen.view.reservation}"):
            assert column in heading, (column, heading)
        # Its own score only: no other delegation's name heads a score column.
        table = screen.query_one(ProposalsTable).query_one(DataTable)
        labels = [str(c.label).split("\n")[0] for c in table.columns.values()]
        assert labels == ["#", "By", "You", "Status", "Support", "Rejected", "Package"]
        assert "✓" in text or "✗" in text


@pytest.mark.parametrize("size", SIZES)
async def test_control_has_a_scoreboard_of_every_role(
    treaty: Exercise, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = treaty_in_round_three(treaty, tmp_path / "s.jsonl")
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        await pilot.press("escape")
        screen = app.screen
        assert isinstance(screen, ConsoleScreen) and screen.picture is not None
        picture = screen.picture
        heading = header_lines(screen_text(app))
        assert "Support" in heading
        for role in treaty.roles:
            assert role.label in heading, role.label
            assert f"≥{picture.state.reservations[role.id]}" in heading
        table = screen.query_one(ProposalsTable).query_one(DataTable)
        newest = max(picture.state.proposals, key=lambda p: p.id)
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[0] == f"#{newest.id}"
        assert row[2] == str(len(newest.supporters))
        for index, role in enumerate(treaty.role_ids):
            points = picture.scores[newest.id][role]
            mark = "✓" if points >= picture.state.reservations[role] else "✗"
            assert row[3 + index] == f"{points} {mark}"


async def test_the_highlighted_proposal_shows_every_issue_and_score(
    treaty: Exercise, tmp_path: Path
) -> None:
    app = treaty_in_round_three(treaty, tmp_path / "s.jsonl")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        await pilot.press("escape")
        text = screen_text(app)
        for issue in treaty.issues:
            assert issue.name in text, issue.name
        assert "Supported by:" in text and "(no deal" in text


async def test_after_a_signed_agreement_only_the_agreed_proposal_is_on_the_table(
    tiny: Exercise, tmp_path: Path
) -> None:
    """The other proposal no longer reads "live": the console says it was set aside."""
    from tabletop.engine.acts import Advance, Pass, Propose, Sign, Start, Support
    from tabletop.tui.app import TabletopApp
    from tabletop.tui.live import create
    from tests.tui.helpers import humans

    live = create(tmp_path / "s.jsonl", tiny, 1, humans(tiny))
    for act in (
        Start(),
        Advance(),
        Advance(),
        Pass(actor="town"),
        Pass(actor="fest"),
        Propose(actor="town", package={"date": "july", "fee": "low"}),
        Propose(actor="fest", package={"date": "june", "fee": "high"}),
        Pass(actor="town"),
        Support(actor="fest", proposal=1),
        Sign(actor="town"),
        Sign(actor="fest"),
    ):
        live.recorded.apply(act)
    app = TabletopApp(live, pace=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: not isinstance(app.screen, HandoverScreen))
        if not isinstance(app.screen, ConsoleScreen):
            await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConsoleScreen))
        table = app.screen.query_one(ProposalsTable).query_one(DataTable)
        status = list(table.columns).index("status")
        rows = {str(table.get_row(key)[0]): str(table.get_row(key)[status]) for key in table.rows}
        assert rows == {"#1": "agreed", "#2": "set aside"}
        assert "live" not in screen_text(app).split()
