"""A modal that asks for a line of text: a note, or the reason for ending the talks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from tabletop.controls import stripped
from tabletop.tui import keymap
from tabletop.tui.literal import literal


class TextPrompt(ModalScreen[str | None]):
    """Dismisses with the text (possibly empty when not required), or None when cancelled.

    It doubles as the confirmation of a grave act (`danger`): the title says
    what happens, and Enter in the text only moves to the confirm button, so
    a stray Enter never ends a session by itself.
    """

    BINDINGS = keymap.PROMPT

    def __init__(
        self,
        title: str,
        *,
        placeholder: str = "",
        confirm: str = "OK",
        required: bool = False,
        danger: bool = False,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder
        self.confirm = confirm
        self.required = required
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.title_text), classes="dialog-title")
            yield Input(placeholder=self.placeholder, id="prompt-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    self.confirm, variant="error" if self.danger else "primary", id="confirm"
                )
                yield Button("Cancel", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.danger:
            self.query_one("#confirm", Button).focus()
        else:
            self._finish()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "confirm":
            self._finish()
        else:
            self.dismiss(None)

    def _finish(self) -> None:
        text = stripped(self.query_one(Input).value).strip()
        if self.required and not text:
            self.notify("Write something first, or press Esc to cancel.", severity="warning")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
