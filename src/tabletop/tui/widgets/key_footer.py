"""Textual's footer, rebuilt at most once per frame however often the bindings change.

One act can refresh the bindings several times over (the screen's legality,
each action button enabled or disabled, a change of focus); the stock footer
rebuilds itself once for each, which made a single act visibly slow. Nor
does it rebuild while its screen is hidden.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

from tabletop.tui.hidden import hidden


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._rebuild_due = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self._rebuild_due:
            return
        self._rebuild_due = True
        self.call_after_refresh(self._rebuild, screen)

    async def _rebuild(self, screen: Screen[object]) -> None:
        self._rebuild_due = False
        # A hidden screen's footer waits: its screen refreshes the bindings when shown again.
        if not hidden(screen):
            super().bindings_changed(screen)
