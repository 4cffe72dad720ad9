"""The table of proposals: every package on the table, its status, who backs and who rejected it."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.reactive import var
from textual.widgets import DataTable, Static

from tabletop.engine import Proposal
from tabletop.exercise.model import Exercise
from tabletop.tui.describe import actor_name, names, package_lines, proposal_text
from tabletop.tui.literal import literal

STATUS_STYLE = {"live": "", "withdrawn": "dim strike", "superseded": "dim"}


@dataclass(frozen=True)
class TablePicture:
    """What the table shows; `scores` maps proposal → label → points, as the viewer may know them.

    A delegation gets only its own score (under `score_column`); Control gets
    every role's, shown for the highlighted proposal.
    """

    proposals: tuple[Proposal, ...] = ()
    scores: dict[int, dict[str, int]] = field(default_factory=dict)
    reservations: dict[str, int] = field(default_factory=dict)
    score_column: str | None = None


class ProposalsTable(Vertical):
    """A row per proposal, newest first; the highlighted one in full underneath."""

    # `var`, not `reactive`: the widgets it fills repaint themselves, where they change.
    picture: var[TablePicture] = var(TablePicture, always_update=True)

    def __init__(self, exercise: Exercise, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.exercise = exercise
        self._shown: TablePicture | None = None

    def compose(self) -> ComposeResult:
        table: DataTable[Text | str] = DataTable(cursor_type="row", zebra_stripes=True)
        table.tooltip = "Up and down to pick a proposal; its details show underneath"
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
        if picture.score_column:
            table.add_column(literal(picture.score_column), key="score")
        table.add_column("Status", key="status")
        table.add_column("Support", key="support")
        table.add_column("Rejected", key="rejected")
        # The package last and by option names only: however many issues, the columns a
        # delegation decides by stay on screen, and the detail underneath names each issue.
        table.add_column("Package", key="package")
        for proposal in sorted(picture.proposals, key=lambda p: -p.id):
            style = STATUS_STYLE[proposal.status]
            row: list[Text | str] = [
                Text(f"#{proposal.id}", style=style),
                Text(actor_name(self.exercise, proposal.author), style=style),
            ]
            if picture.score_column:
                points = picture.scores.get(proposal.id, {}).get(picture.score_column)
                row.append(Text("" if points is None else str(points), style=style))
            row.append(Text(proposal.status, style=style))
            row.append(Text(names(self.exercise, proposal.supporters), style=style))
            row.append(
                Text(names(self.exercise, (r.role for r in proposal.rejections)), style=style)
            )
            options = (option for _, option in package_lines(self.exercise, proposal.package))
            row.append(Text(" · ".join(options), style=style))
            table.add_row(*row, key=str(proposal.id))
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        self._show_detail()

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
        text = proposal_text(self.exercise, proposal)
        scores = self.picture.scores.get(proposal.id, {})
        if scores:
            text.append("\n  Scores: ", style="dim")
            text.append(
                " · ".join(
                    f"{label} {points}"
                    + (
                        f" (no deal: {self.picture.reservations[label]})"
                        if label in self.picture.reservations
                        else ""
                    )
                    for label, points in scores.items()
                )
            )
        detail.update(text)
