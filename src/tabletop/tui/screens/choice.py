"""A modal question with a list of answers: pick an inject, pick a delegation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tabletop.tui import keymap
from tabletop.tui.literal import literal


class ChoiceScreen(ModalScreen[str | None]):
    """Dismisses with the chosen id, or None when cancelled."""

    BINDINGS = keymap.PROMPT

    def __init__(self, title: str, choices: list[tuple[str, str]], hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.title_text), classes="dialog-title")
            if self.hint:
                yield Label(literal(self.hint), classes="dialog-hint")
            yield OptionList(*(Option(literal(label), id=value) for value, label in self.choices))
            yield Label("Enter to choose · Esc to cancel", classes="dialog-keys")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
