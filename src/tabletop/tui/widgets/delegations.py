"""Control's view of the delegations: who plays each, its no-deal value, how it sees the table."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.reactive import var
from textual.widgets import DataTable

from tabletop.exercise.model import Exercise
from tabletop.log import Seat
from tabletop.tui.literal import literal


@dataclass(frozen=True)
class DelegationRows:
    seats: dict[str, Seat] = field(default_factory=dict)
    reservations: dict[str, int] = field(default_factory=dict)
    leading: dict[str, int] = field(default_factory=dict)
    """Each role's score of the leading proposal, if one is on the table."""
    walked_out: tuple[str, ...] = ()
    turn: str | None = None


class Delegations(DataTable[Text | str]):
    """One row per role, in the exercise's order."""

    # `var`, not `reactive`: adding lines or rows repaints what changed, not the whole widget.
    picture: var[DelegationRows] = var(DelegationRows, always_update=True, init=False)

    def __init__(self, exercise: Exercise, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self.exercise = exercise
        self._shown: DelegationRows | None = None

    def on_mount(self) -> None:
        self.add_columns("Delegation", "Played by", "No deal", "Leading", "At the table")

    def watch_picture(self, rows: DelegationRows) -> None:
        if rows == self._shown:
            return
        self._shown = rows
        self.clear()
        for role in self.exercise.roles:
            seat = rows.seats.get(role.id)
            leading = rows.leading.get(role.id)
            if role.id in rows.walked_out:
                where = Text("walked out", style="bold red")
            elif role.id == rows.turn:
                where = Text("▶ to move", style="bold")
            else:
                where = Text("present")
            self.add_row(
                literal(role.title),
                literal(str(seat)) if seat else "human",
                str(rows.reservations.get(role.id, role.reservation)),
                "—" if leading is None else str(leading),
                where,
                key=role.id,
            )
