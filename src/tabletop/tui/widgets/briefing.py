"""A delegation's papers on screen, as `tabletop papers` prints them (see `tabletop.papers`)."""

from __future__ import annotations

from rich.markdown import Markdown
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import var
from textual.widgets import Static

from tabletop.engine import RoleView
from tabletop.papers import delegation_papers


class Briefing(VerticalScroll):
    """Re-renders only when the papers change (an inject can move the points).

    Rich's Markdown in one `Static` rather than Textual's `Markdown` widget:
    a widget per block made every hand-over visibly slower, and the papers
    need no links or table of contents.
    """

    # `var`, not `reactive`: the widgets it fills repaint themselves, where they change.
    view: var[RoleView | None] = var(None, always_update=True, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._document = ""

    def compose(self) -> ComposeResult:
        yield Static(id="papers-text")

    def watch_view(self, view: RoleView | None) -> None:
        if view is None:
            return
        document = delegation_papers(view)
        if document != self._document:
            self._document = document
            self.query_one("#papers-text", Static).update(Markdown(document))

    @property
    def document(self) -> str:
        """The papers as Markdown source, as shown."""
        return self._document
