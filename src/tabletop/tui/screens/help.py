"""The help screen: renders `help.md`, so the help is edited as a document, not as code.

Keys are not written in it: `{key:BINDING_ID}` stands for the key of that
binding as the footer shows it, so a remapped key reads the same in the help.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import MarkdownViewer

from tabletop.tui import keymap
from tabletop.tui.widgets.key_footer import KeyFooter

HELP = Path(__file__).resolve().parent.parent / "help.md"
KEY = re.compile(r"\{key:([a-z_.0-9]+)\}")
SECTION = re.compile(r"(?m)^(?=## )")


def help_text(keys: Mapping[str, str], sections: Sequence[str] = ()) -> str:
    """The help, each `{key:ID}` replaced by its key in bold; raises KeyError for an unknown id.

    Given `sections` (headings of its `##` parts), only those parts: what a
    network seat's player needs of a help written mostly for the shared keyboard.
    """
    text = HELP.read_text(encoding="utf-8")
    if sections:
        parts = SECTION.split(text)[1:]
        text = "".join(part for part in parts if part[3:].partition("\n")[0] in sections)
    return KEY.sub(lambda m: f"**{keys[m.group(1)]}**", text)


class HelpScreen(ModalScreen[None]):
    BINDINGS = keymap.HELP

    def __init__(self, sections: Sequence[str] = ()) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        text = help_text(keymap.shown_keys(self.app), self.sections)
        yield MarkdownViewer(text, show_table_of_contents=False, id="help")
        yield KeyFooter()

    def action_close(self) -> None:
        self.dismiss(None)
