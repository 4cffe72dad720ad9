"""The hand-over: names the delegation to come to the keyboard and shows nothing else.

It is opaque, so neither the console underneath (which shows everything)
nor the previous delegation's screen can be read while the keyboard
changes hands. Only the delegation's name and the public state of play
are on it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from tabletop.tui import keymap
from tabletop.tui.literal import literal
from tabletop.tui.turn_clock import TurnKey


class HandoverScreen(ModalScreen[bool]):
    """Dismisses with True when the delegation confirms it is at the keyboard.

    One screen serves every hand-over of a session (see `call`): passing the
    turn then repaints a screen that is ready, rather than building one.
    """

    BINDINGS = keymap.HANDOVER

    def __init__(self) -> None:
        super().__init__()
        self.delegation = ""
        self.why = ""
        self.turn_key: TurnKey | None = None
        """The turn it calls the delegation for; None when Control hands over out of turn."""

    def call(self, name: str, why: str, turn_key: TurnKey | None) -> None:
        """Set who is called and why, before the screen is shown again."""
        self.delegation = name
        self.why = why
        self.turn_key = turn_key
        if self.is_mounted:
            self.query_one("#handover-name", Label).update(literal(name))
            self.query_one("#handover-why", Label).update(literal(why))
            self.query_one("#confirm", Button).focus()

    def compose(self) -> ComposeResult:
        with Center(), Vertical(classes="handover"):
            yield Label("Pass the keyboard to", classes="handover-lead")
            yield Label(literal(self.delegation), classes="handover-name", id="handover-name")
            yield Label(literal(self.why), classes="handover-why", id="handover-why")
            yield Label("Everyone else: please look away from the screen.", classes="handover-lead")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Enter  We are here", variant="primary", id="confirm")
                yield Button("Esc  Control keeps it", id="back")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
