"""A one-line question whose answer is checked before the dialog closes (jumps, a fork's path)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tabletop.tui import keymap
from tabletop.tui.literal import literal

Check = Callable[[str], "str | None"]
"""Why an answer will not do, or None when it will."""


class ReplayPrompt(ModalScreen[str | None]):
    """One question, one line of answer, checked before the dialog closes."""

    BINDINGS = keymap.PROMPT

    def __init__(self, question: str, check: Check, value: str = "") -> None:
        super().__init__()
        self.question = question
        self.check = check
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.question), classes="dialog-title")
            yield Input(value=self.value, id="answer")
            yield Static("", id="problem")
            yield Label("Enter to confirm · Esc to cancel", classes="dialog-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        answer = event.value.strip()
        problem = self.check(answer)
        if problem:
            self.query_one("#problem", Static).update(Text(problem, style="bold red"))
            return
        self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(None)
