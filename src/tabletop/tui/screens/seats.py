"""Control's list of network seats: each seat's join code, the projector's, who is connected.

Opened over the console only (codes are Control's to hand out, never shown
at the hot seat). Control can give a seat a new code, and hand a seat whose
terminal is gone to a bot or to the hot seat.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from tabletop.tui import keymap


@dataclass(frozen=True)
class SeatLine:
    seat: str
    name: str
    code: str
    state: str
    """connected, waiting, or who plays it now (a bot, the hot seat)."""


class SeatsScreen(ModalScreen[None]):
    BINDINGS = keymap.SEATS

    lines: var[tuple[SeatLine, ...]] = var((), always_update=True, init=False)

    class Asked(Message):
        """Control asks for something to be done with a seat: reissue, bot or keyboard."""

        def __init__(self, seat: str, what: str) -> None:
            super().__init__()
            self.seat = seat
            self.what = what

    def __init__(self, address: str, lines: tuple[SeatLine, ...]) -> None:
        super().__init__()
        self.address = address
        self._first = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Seats over the network", classes="dialog-title")
            yield Label(Text(f"tabletop join {self.address} --code CODE"), classes="dialog-hint")
            yield DataTable(cursor_type="row", id="seats")
            yield Label(
                "r new code · b hand to a bot · k hand to the hot seat · Esc close",
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Seat", "Code", "Now")
        self.lines = self._first

    def watch_lines(self, lines: tuple[SeatLine, ...]) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for line in lines:
            table.add_row(Text(line.name), Text(line.code), Text(line.state), key=line.seat)
        if lines:
            table.move_cursor(row=min(row, len(lines) - 1))

    def action_seat(self, what: str) -> None:
        lines = self.lines
        row = self.query_one(DataTable).cursor_row
        if 0 <= row < len(lines):
            self.post_message(self.Asked(lines[row].seat, what))

    def action_close(self) -> None:
        self.dismiss(None)
