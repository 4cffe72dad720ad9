"""The command palette's own commands: whatever the screen's keys can do now, by name.

Commands come from the active screen's bindings (the keymap is the one list
of what can be done), filtered by `check_action` like the footer; a screen
may add commands of its own, such as one per inject ready to fire.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from tabletop.tui.literal import literal
from tabletop.tui.messages import RequestAct

if TYPE_CHECKING:
    from tabletop.engine.acts import Act


@runtime_checkable
class HasPaletteCommands(Protocol):
    def palette_commands(self) -> Iterable[tuple[str, str, Act]]:
        """(title, help, act) for acts that deserve a command of their own."""
        ...


SYSTEM_ACTIONS = frozenset({"quit", "app.quit"})
"""Actions the system commands already offer ("Quit"): listed once, not twice."""


def _offered_elsewhere(action: str, node: object) -> bool:
    """A system command, or a key of one of Textual's own widgets (an input's
    "Delete left"): text editing is done with keys, not from the palette."""
    return action in SYSTEM_ACTIONS or type(node).__module__.startswith("textual.")


class TabletopCommands(Provider):
    """The screen's possible actions, then its extra commands."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen = self.screen
        found: list[tuple[str, str, Callable[[], object]]] = []
        titles: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not active.enabled or not binding.description or binding.system:
                continue
            if _offered_elsewhere(binding.action, active.node):
                continue
            if binding.description in titles:
                continue
            titles.add(binding.description)
            run = partial(self.app.run_action, binding.action, active.node)
            found.append((binding.description, binding.tooltip, run))
        if isinstance(screen, HasPaletteCommands):
            for title, help_text, act in screen.palette_commands():
                found.append((title, help_text, partial(screen.post_message, RequestAct(act))))
        return found

    async def discover(self) -> Hits:
        for title, help_text, run in self._commands():
            yield DiscoveryHit(literal(title), run, text=title, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, run in self._commands():
            score = matcher.match(title)
            if score > 0:
                # `highlight` reads markup: an inject's title is only text.
                highlighted = matcher.highlight(escape(title))
                yield Hit(score, highlighted, run, text=title, help=escape(help_text))
