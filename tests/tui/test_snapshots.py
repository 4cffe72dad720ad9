"""Pictures of the main screens at 80×24 and 160×50, grouped by feature.

Update after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`
and look at the report before committing the new pictures.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select

from tabletop.engine.acts import Advance, Propose, Sign, Start, Statement, Support, WalkOut
from tabletop.exercise.model import Exercise
from tabletop.tui.app import TabletopApp, new_session_app
from tabletop.tui.screens.handover import HandoverScreen
from tabletop.tui.screens.outcome import OutcomeScreen
from tabletop.tui.screens.start import StartScreen
from tabletop.tui.widgets.composer import Composer
from tests.tui.helpers import humans, send, treaty_in_round_three, until

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 50), id="160x50")]
SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


def mid_session(exercise: Exercise, path: Path) -> TabletopApp:
    """The tutorial in round 2: a proposal each on the table, Festival to move."""
    app = new_session_app(exercise, humans(exercise), 4, path, pace=0)
    assert app.initial is not None
    for act in (
        Start(),
        Advance(),
        Statement(actor="festival", text="We need the last weekend of August."),
        Statement(actor="council", text="The town must sleep."),
        Propose(actor="festival", package={"date": "august", "curfew": "ten_pm", "fee": "waived"}),
        Propose(actor="council", package={"date": "june", "curfew": "ten_pm", "fee": "full"}),
    ):
        app.initial.apply(act)
    return app


async def at_handover(pilot: Pilot[Any]) -> None:
    await until(pilot, lambda: isinstance(pilot.app.screen, HandoverScreen))


class TestStartAndSetup:
    @pytest.mark.parametrize("size", SIZES)
    def test_start(self, snap_compare: SnapCompare, size: tuple[int, int]) -> None:
        async def loaded(pilot: Pilot[Any]) -> None:
            screen = pilot.app.screen
            assert isinstance(screen, StartScreen)
            await until(pilot, lambda: bool(screen.exercises))
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

        assert snap_compare(TabletopApp(), terminal_size=size, run_before=loaded)

    @pytest.mark.parametrize("size", SIZES)
    def test_setup(self, snap_compare: SnapCompare, size: tuple[int, int]) -> None:
        async def set_up(pilot: Pilot[Any]) -> None:
            screen = pilot.app.screen
            assert isinstance(screen, StartScreen)
            await until(pilot, lambda: bool(screen.exercises))
            await pilot.press("n")
            pilot.app.screen.query_one("#seat-council", Select).value = "reciprocating"
            pilot.app.screen.query_one("#seed", Input).value = "42"
            pilot.app.screen.query_one("#log", Input).value = "sessions/tutorial.jsonl"
            await pilot.pause()

        assert snap_compare(TabletopApp(), terminal_size=size, run_before=set_up)


class TestControl:
    @pytest.mark.parametrize("size", SIZES)
    def test_console(
        self, snap_compare: SnapCompare, size: tuple[int, int], tutorial: Exercise, tmp_path: Path
    ) -> None:
        async def control_keeps_it(pilot: Pilot[Any]) -> None:
            await at_handover(pilot)
            await pilot.press("escape")

        app = mid_session(tutorial, tmp_path / "s.jsonl")
        assert snap_compare(app, terminal_size=size, run_before=control_keeps_it)

    @pytest.mark.parametrize("size", SIZES)
    def test_handover(
        self, snap_compare: SnapCompare, size: tuple[int, int], tutorial: Exercise, tmp_path: Path
    ) -> None:
        app = mid_session(tutorial, tmp_path / "s.jsonl")
        assert snap_compare(app, terminal_size=size, run_before=at_handover)


class TestScoreboard:
    """The treaty's eight issues and eight proposals: the table must still read at 80 columns."""

    @pytest.mark.parametrize("size", SIZES)
    def test_delegation_table(
        self, snap_compare: SnapCompare, size: tuple[int, int], treaty: Exercise, tmp_path: Path
    ) -> None:
        async def table(pilot: Pilot[Any]) -> None:
            await at_handover(pilot)
            await pilot.press("enter", "2")
            await pilot.pause()

        app = treaty_in_round_three(treaty, tmp_path / "s.jsonl")
        assert snap_compare(app, terminal_size=size, run_before=table)

    @pytest.mark.parametrize("size", SIZES)
    def test_control_scoreboard(
        self, snap_compare: SnapCompare, size: tuple[int, int], treaty: Exercise, tmp_path: Path
    ) -> None:
        async def scoreboard(pilot: Pilot[Any]) -> None:
            await at_handover(pilot)
            await pilot.press("escape")
            await pilot.pause()

        app = treaty_in_round_three(treaty, tmp_path / "s.jsonl")
        assert snap_compare(app, terminal_size=size, run_before=scoreboard)

    @pytest.mark.parametrize("size", SIZES)
    def test_walk_out_question(
        self, snap_compare: SnapCompare, size: tuple[int, int], treaty: Exercise, tmp_path: Path
    ) -> None:
        async def walk_out(pilot: Pilot[Any]) -> None:
            await at_handover(pilot)
            await pilot.press("enter")
            await send(pilot, WalkOut(actor="rok", reason="No deal worth having."))

        app = treaty_in_round_three(treaty, tmp_path / "s.jsonl")
        assert snap_compare(app, terminal_size=size, run_before=walk_out)


class TestDelegation:
    @pytest.mark.parametrize("size", SIZES)
    def test_composing_an_amendment(
        self, snap_compare: SnapCompare, size: tuple[int, int], tutorial: Exercise, tmp_path: Path
    ) -> None:
        async def amend(pilot: Pilot[Any]) -> None:
            await at_handover(pilot)
            await pilot.press("enter")
            composer = pilot.app.screen.query_one(Composer)
            composer.query_one("#kind", Select).value = "amend"
            await pilot.pause()
            composer.query_one("#base", Select).value = 2
            await pilot.pause()
            composer.query_one("#issue-date", Select).value = "august"
            await pilot.pause()

        app = mid_session(tutorial, tmp_path / "s.jsonl")
        assert snap_compare(app, terminal_size=size, run_before=amend)

    @pytest.mark.parametrize("size", SIZES)
    def test_supporting_shows_the_proposal_by_its_labels(
        self, snap_compare: SnapCompare, size: tuple[int, int], tutorial: Exercise, tmp_path: Path
    ) -> None:
        async def support(pilot: Pilot[Any]) -> None:
            await at_handover(pilot)
            await pilot.press("enter")
            composer = pilot.app.screen.query_one(Composer)
            composer.query_one("#kind", Select).value = "support"
            await pilot.pause()
            composer.query_one("#base", Select).value = 2
            await pilot.pause()

        app = mid_session(tutorial, tmp_path / "s.jsonl")
        assert snap_compare(app, terminal_size=size, run_before=support)

    @pytest.mark.parametrize("size", SIZES)
    def test_the_table_keeps_your_score_in_sight(
        self, snap_compare: SnapCompare, size: tuple[int, int], tutorial: Exercise, tmp_path: Path
    ) -> None:
        async def table(pilot: Pilot[Any]) -> None:
            await at_handover(pilot)
            await pilot.press("enter", "2")
            await pilot.pause()

        app = mid_session(tutorial, tmp_path / "s.jsonl")
        assert snap_compare(app, terminal_size=size, run_before=table)


class TestOutcome:
    @pytest.mark.parametrize("size", SIZES)
    def test_outcome(
        self, snap_compare: SnapCompare, size: tuple[int, int], tutorial: Exercise, tmp_path: Path
    ) -> None:
        app = mid_session(tutorial, tmp_path / "s.jsonl")
        assert app.initial is not None
        deal = {"date": "august", "curfew": "ten_pm", "fee": "reduced"}
        for act in (
            Propose(actor="festival", package=deal),
            Support(actor="council", proposal=3),
            Sign(actor="festival"),
            Sign(actor="council"),
        ):
            app.initial.apply(act)

        async def concluded(pilot: Pilot[Any]) -> None:
            await until(pilot, lambda: isinstance(pilot.app.screen, OutcomeScreen))

        assert snap_compare(app, terminal_size=size, run_before=concluded)
