"""The outcome: what the talks came to, each delegation's score against no deal, and the chart."""

from __future__ import annotations

from dataclasses import dataclass

from rich.markdown import Markdown
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Static

from tabletop.engine.state import Conclusion
from tabletop.exercise.model import Exercise
from tabletop.tui import keymap
from tabletop.tui.describe import ENDING_WORDS, package_lines
from tabletop.tui.literal import literal
from tabletop.tui.widgets.key_footer import KeyFooter
from tabletop.tui.widgets.score_chart import ChartData, ScoreChart


@dataclass(frozen=True)
class OutcomePicture:
    exercise: Exercise
    conclusion: Conclusion | None
    """None when the session was aborted."""
    abort_reason: str
    reservations: dict[str, int]
    """Each role's reservation at the end, injects included."""
    chart: ChartData


class OutcomeScreen(Screen[None]):
    BINDINGS = keymap.OUTCOME

    def __init__(self, picture: OutcomePicture) -> None:
        super().__init__()
        self.picture = picture

    def compose(self) -> ComposeResult:
        picture = self.picture
        exercise = picture.exercise
        conclusion = picture.conclusion
        yield Header()
        with VerticalScroll(id="outcome-body"):
            if conclusion is None:
                yield Static(Text("The session was aborted", style="bold"), id="outcome-title")
                yield Static(Text(picture.abort_reason or "No reason was given."))
            else:
                outcome = exercise.outcome(conclusion.outcome)
                title = Text(outcome.title, style="bold")
                title.append(f"  ({ENDING_WORDS[conclusion.ending]})", style="dim")
                yield Static(title, id="outcome-title")
                if conclusion.reason:
                    yield Static(Text(f"Control: {conclusion.reason}", style="italic"))
                yield Static(Markdown(outcome.narrative), id="narrative")
                if conclusion.package:
                    yield Label("The agreement", classes="section")
                    package = Text()
                    for issue, option in package_lines(exercise, conclusion.package):
                        package.append(f"{issue}: ", style="dim")
                        package.append(f"{option}\n")
                    package.rstrip()
                    yield Static(package, id="agreement")
                yield Label("Scores against no deal", classes="section")
                yield DataTable[Text | str](id="scores", cursor_type="none", zebra_stripes=True)
            yield Label(
                "The leading proposal as each delegation scored it (dotted: no deal)",
                classes="section",
            )
            yield ScoreChart(id="chart")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "Outcome"
        self.sub_title = self.picture.exercise.title
        self.query_one(ScoreChart).data = self.picture.chart
        conclusion = self.picture.conclusion
        if conclusion is None:
            return
        table = self.query_one("#scores", DataTable)
        table.add_columns("Delegation", "Score", "No deal", "Gain")
        for role in self.picture.exercise.roles:
            score = conclusion.scores[role.id]
            reservation = self.picture.reservations[role.id]
            gain = score - reservation
            style = "green" if gain > 0 else "red" if gain < 0 else ""
            table.add_row(
                literal(role.label), str(score), str(reservation), Text(f"{gain:+d}", style=style)
            )

    def action_back(self) -> None:
        self.dismiss(None)
