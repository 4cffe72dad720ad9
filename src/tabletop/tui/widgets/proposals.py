"""The table of proposals: a scoreboard row per package, the highlighted one in full underneath.

However many issues an exercise has, the columns a reader decides by come
first and stay on screen: who proposed it, the score(s) against the no-deal
point, its status and its support. The package comes last, as option names
only; the detail underneath names each issue. A delegation's picture holds
its own score alone ("You"); Control's scoreboard holds every role's, with
support counted so that the role columns fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.reactive import var
from textual.widgets import DataTable, Static

from tabletop.engine import Proposal
from tabletop.engine.state import Standing
from tabletop.exercise.model import Exercise
from tabletop.tui.describe import actor_name, names, package_lines, proposal_text

STATUS_STYLE: dict[Standing, str] = {
    "live": "",
    "withdrawn": "dim strike",
    "superseded": "dim",
    "agreed": "bold",
    "set aside": "dim",
    "not agreed": "dim",
}
ABOVE, BELOW = "✓", "✗"
"""A score at or above its no-deal point, and one below it: said in signs, not colour alone."""


@dataclass(frozen=True)
class TablePicture:
    """What the table shows; `scores` maps proposal → column label → points, as the viewer knows.

    `score_columns` are the score columns in order, each checked against its
    entry in `reservations`: "You" alone for a delegation, every role for
    Control. With `seats` set (Control's scoreboard), support is counted out
    of that many roles instead of named, and the names go in the detail.
    """

    proposals: tuple[Proposal, ...] = ()
    standings: dict[int, Standing] = field(default_factory=dict)
    """Proposal → how it stands (`engine.state.standing`); a proposal missing reads its status."""
    scores: dict[int, dict[str, int]] = field(default_factory=dict)
    reservations: dict[str, int] = field(default_factory=dict)
    score_columns: tuple[str, ...] = ()
    seats: int = 0


class ProposalsTable(Vertical):
    """A row per proposal, newest first; the highlighted one in full underneath."""

    # `var`, not `reactive`: the widgets it fills repaint themselves, where they change.
    picture: var[TablePicture] = var(TablePicture, always_update=True)

    def __init__(self, exercise: Exercise, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.exercise = exercise
        self._shown: TablePicture | None = None

    def compose(self) -> ComposeResult:
        table: DataTable[Text | str] = DataTable(
            cursor_type="row", zebra_stripes=True, header_height=2
        )
        table.tooltip = "Up and down to pick a proposal, left and right to see the whole row"
        yield table
        with VerticalScroll(classes="details"):
            yield Static(Text("No proposal on the table yet.", style="dim"), id="proposal-detail")

    def watch_picture(self, picture: TablePicture) -> None:
        if not self.is_mounted or picture == self._shown:
            return
        self._shown = picture
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        table.add_column("#", key="id")
        table.add_column("By", key="by")
        if picture.seats:
            table.add_column(Text("Support\nof " + str(picture.seats)), key="support")
        for label in picture.score_columns:
            heading = Text(label, style="bold")
            if label in picture.reservations:
                heading.append(f"\n≥{picture.reservations[label]}", style="dim")
            table.add_column(heading, key=f"score-{label}")
        table.add_column("Status", key="status")
        if not picture.seats:
            table.add_column("Support", key="support")
            table.add_column("Rejected", key="rejected")
        table.add_column("Package", key="package")
        for proposal in sorted(picture.proposals, key=lambda p: -p.id):
            table.add_row(*self._row(picture, proposal), key=str(proposal.id))
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        self._show_detail()

    def _row(self, picture: TablePicture, proposal: Proposal) -> list[Text | str]:
        exercise = self.exercise
        status = picture.standings.get(proposal.id, proposal.status)
        style = STATUS_STYLE[status]
        row: list[Text | str] = [
            Text(f"#{proposal.id}", style=style),
            Text(actor_name(exercise, proposal.author), style=style),
        ]
        if picture.seats:
            row.append(Text(f"{len(proposal.supporters)}", style=style, justify="right"))
        scores = picture.scores.get(proposal.id, {})
        for label in picture.score_columns:
            row.append(_score_cell(scores.get(label), picture.reservations.get(label), style))
        row.append(Text(status, style=style))
        if not picture.seats:
            row.append(Text(names(exercise, proposal.supporters), style=style))
            row.append(Text(names(exercise, (r.role for r in proposal.rejections)), style=style))
        options = (option for _, option in package_lines(exercise, proposal.package))
        row.append(Text(" · ".join(options), style=style))
        return row

    def on_mount(self) -> None:
        self.watch_picture(self.picture)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail()

    def _show_detail(self) -> None:
        table = self.query_one(DataTable)
        detail = self.query_one("#proposal-detail", Static)
        if not table.row_count:
            detail.update(Text("No proposal on the table yet.", style="dim"))
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        proposal = next((p for p in self.picture.proposals if str(p.id) == key), None)
        if proposal is None:
            return
        status = self.picture.standings.get(proposal.id, proposal.status)
        text = proposal_text(self.exercise, proposal, status)
        scores = self.picture.scores.get(proposal.id, {})
        if scores:
            text.append("\n  Scores: ", style="dim")
            for number, label in enumerate(self.picture.score_columns):
                if number:
                    text.append(" · ")
                reservation = self.picture.reservations.get(label)
                text.append(f"{label} ")
                text.append_text(_score_cell(scores.get(label), reservation, ""))
                if reservation is not None:
                    text.append(f" (no deal {reservation})", style="dim")
        detail.update(text)


def _score_cell(points: int | None, reservation: int | None, style: str) -> Text:
    """A score, marked against the no-deal point when there is one."""
    if points is None:
        return Text("")
    if reservation is None:
        return Text(str(points), style=style, justify="right")
    above = points >= reservation
    return Text(
        f"{points} {ABOVE if above else BELOW}",
        style=f"{style} {'green' if above else 'red'}".strip(),
        justify="right",
    )
