"""The question before an act that cannot be taken back: a walk-out, a skip, the end."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from tabletop.tui import keymap
from tabletop.tui.literal import literal


@dataclass(frozen=True)
class Question:
    """What will happen (`title`), what follows from it (`body`), and the act's button."""

    title: str
    body: str
    confirm: str


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True to go ahead (Enter or y), False to leave things as they are (Esc or n).

    The title says what will happen; the body what follows from it, so the
    person deciding reads the consequence before the key that makes it.
    """

    BINDINGS = keymap.CONFIRM

    def __init__(self, question: Question) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        question = self.question
        with Vertical(classes="dialog"):
            yield Label(literal(question.title), classes="dialog-title")
            yield Label(literal(question.body), id="confirm-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(literal(f"y {question.confirm}"), variant="error", id="confirm")
                yield Button("n Cancel", id="cancel")
            yield Label("Enter or y to go ahead · Esc or n to cancel", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#confirm", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


def ask(app: App[object], question: Question, then: Callable[[], object]) -> None:
    """Do `then` once confirmed; a cancelled question leaves everything as it was."""

    def answered(yes: bool | None) -> None:
        if yes:
            then()

    app.push_screen(ConfirmScreen(question), answered)
