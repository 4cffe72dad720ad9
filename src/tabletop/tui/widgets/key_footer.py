"""Textual's footer, rebuilt only when what it shows changes, at most once per frame.

One act can refresh the bindings several times over (the screen's legality,
each action button enabled or disabled, a change of focus), and the stock
footer rebuilds itself, every key anew, for each; mostly to show the same
keys again. This one rebuilds when the keys it shows, or whether they are
enabled, have changed, and not while its screen is hidden.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tabletop.tui.hidden import hidden

Hint = tuple[str, str, str, bool, str]
"""A key the footer shows: key, action, description, enabled, tooltip."""


def hints(screen: Screen[object]) -> tuple[Hint, ...]:
    """The keys a footer on `screen` shows, as the stock footer picks them."""
    return tuple(
        (binding.key, binding.action, binding.description, enabled, tooltip)
        for _, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show
    )


class KeyFooter(Footer):
    """The footer, with Help first, so it stays in sight however many keys the screen has.

    At 80 columns the keys run off the right edge; Help, the way to all the
    others, was the last key and the first to go.
    """

    def __init__(self) -> None:
        super().__init__()
        self._rebuild_due = False
        self._shown: tuple[Hint, ...] | None = None
        """The keys as last built; the stock footer may decline a rebuild (app not focused)."""

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self._rebuild_due:
            return
        self._rebuild_due = True
        self.call_after_refresh(self._rebuild, screen)

    def compose(self) -> ComposeResult:
        # The keys are yielded one by one (tabletop's bindings have no groups).
        keys = list(super().compose())
        yield from sorted(keys, key=lambda w: not (isinstance(w, FooterKey) and w.action == "help"))

    async def _rebuild(self, screen: Screen[object]) -> None:
        self._rebuild_due = False
        # A hidden screen's footer waits: its screen refreshes the bindings when shown again.
        if hidden(screen):
            return
        if hints(screen) != self._shown:
            super().bindings_changed(screen)

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        self._shown = hints(self.screen)
        await super().recompose()
        # The keys just removed stay referenced by their `compact` binding to the
        # footer until `compact` changes (Textualize/textual#6666): each rebuild
        # kept some 1,400 objects alive for every full collection to walk.
        self.mutate_reactive(Footer.compact)
