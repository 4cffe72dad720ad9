"""Give the keyboard back to Control: the hot seat's guard on the way back to the console.

A delegation's screen closes when it has acted, handed the keyboard back or
run out of time, and the keyboard is still in its hands; the console under
it shows everything. This screen stands in between, opaque, and shows
nothing of the session: only Control's key (and PIN, if one was set at
setup) takes it away. Escape does nothing here.
"""

from __future__ import annotations

import hmac

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from tabletop.tui import keymap


class GiveBackScreen(ModalScreen[None]):
    """Dismisses once Control confirms it is at the keyboard; one serves a whole session.

    `pin` is the facilitator's PIN, or empty for none: then Control's key alone
    confirms, a guard against a glance rather than against a delegation.
    """

    BINDINGS = keymap.GIVE_BACK

    def __init__(self, pin: str = "") -> None:
        super().__init__()
        self.pin = pin
        self.why = ""

    def call(self, why: str) -> None:
        """Set why the keyboard comes back, before the screen is shown again."""
        self.why = why
        if self.is_mounted:
            self.query_one("#give-back-why", Label).update(why)
            self._ready()

    def compose(self) -> ComposeResult:
        with Center(), Vertical(classes="handover"):
            yield Label("Give the keyboard back to", classes="handover-lead")
            yield Label("Control", classes="handover-name")
            yield Label(self.why, classes="handover-why", id="give-back-why")
            if self.pin:
                yield Input(
                    password=True, placeholder="Control's PIN", compact=True, id="give-back-pin"
                )
                yield Label("", id="give-back-problem")
            else:
                with Horizontal(classes="dialog-buttons"):
                    yield Button("Enter  Control is here", variant="primary", id="give-back-ok")

    def on_mount(self) -> None:
        self._ready()

    def on_screen_resume(self) -> None:
        self._ready()

    def _ready(self) -> None:
        """A clean PIN field with the keyboard in it, or the button focused."""
        if self.pin:
            field = self.query_one("#give-back-pin", Input)
            field.value = ""
            field.focus()
        else:
            self.query_one("#give-back-ok", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if hmac.compare_digest(event.value.encode(), self.pin.encode()):
            self.query_one("#give-back-problem", Label).update("")
            self.dismiss(None)
            return
        event.input.value = ""
        self.query_one("#give-back-problem", Label).update(
            Text("That is not Control's PIN.", style="bold red")
        )

    def action_confirm(self) -> None:
        if not self.pin:
            self.dismiss(None)
