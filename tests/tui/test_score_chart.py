"""The score chart names every role, however short the space it is given."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tabletop.tui.widgets.score_chart import ChartData, ScoreChart, Series
from tests.tui.helpers import screen_text

NAMES = ("United States", "Republic of Korea", "Japan", "China", "DPRK", "Russian Federation")


class ChartApp(App[None]):
    CSS = "ScoreChart { height: 4; }"

    def compose(self) -> ComposeResult:
        yield ScoreChart(id="chart")

    def on_mount(self) -> None:
        self.query_one(ScoreChart).data = ChartData(
            series=tuple(Series(n, (10, 40, 60), 35) for n in NAMES), rounds=(1, 1, 2)
        )


async def test_a_short_chart_keeps_every_role_in_its_legend() -> None:
    app = ChartApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert all(name in shown for name in NAMES)
        assert "Russian Federation 60 vs 35" in shown
