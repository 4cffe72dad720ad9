"""The help screen: renders `help.md`, so the help is edited as a document, not as code."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import MarkdownViewer

from tabletop.tui import keymap
from tabletop.tui.widgets.key_footer import KeyFooter

HELP = Path(__file__).resolve().parent.parent / "help.md"


class HelpScreen(ModalScreen[None]):
    BINDINGS = keymap.HELP

    def compose(self) -> ComposeResult:
        yield MarkdownViewer(
            HELP.read_text(encoding="utf-8"), show_table_of_contents=False, id="help"
        )
        yield KeyFooter()

    def action_close(self) -> None:
        self.dismiss(None)
