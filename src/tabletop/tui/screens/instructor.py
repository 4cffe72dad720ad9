"""The instructor pack on Control's screen: objectives, timing, inject cues, debrief.

Only the console opens it; the pack is left out of every delegation's view
of the exercise, so no delegation screen could show it.
"""

from __future__ import annotations

from rich.markdown import Markdown
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tabletop.exercise.model import Exercise
from tabletop.papers import instructor_pack
from tabletop.tui import keymap
from tabletop.tui.widgets.key_footer import KeyFooter


class InstructorPackScreen(ModalScreen[None]):
    BINDINGS = keymap.PACK

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        self.document = instructor_pack(exercise)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="instructor-pack"):
            yield Static(Markdown(self.document), id="instructor-pack-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#instructor-pack").focus()

    def action_close(self) -> None:
        self.dismiss(None)
