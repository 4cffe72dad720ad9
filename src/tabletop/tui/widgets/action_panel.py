"""The console's actions as buttons: the same actions as the keys, for the mouse and for 80 columns.

The footer cannot hold every console key at 80 columns; this panel can. Each
button runs its screen action, and is disabled with the engine's reason as
its tooltip whenever the screen says the action is not possible now.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import Button

from tabletop.tui.literal import literal


class ActionPanel(Vertical):
    """Buttons for (action, label, key) triples; `blocked` maps an action to why it is off."""

    # `var`, not `reactive`: the widgets it fills repaint themselves, where they change.
    blocked: var[dict[str, str]] = var(dict, always_update=True, init=False)

    def __init__(self, actions: list[tuple[str, str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.actions = actions

    def compose(self) -> ComposeResult:
        for action, label, key in self.actions:
            yield Button(
                f"{key} {label}",
                action=f"screen.{action}",
                compact=True,
                id=f"do-{action}",
                classes="action",
            )

    def watch_blocked(self, blocked: dict[str, str]) -> None:
        # One button a key: where actions share one (pause and resume), the one it does now.
        shown: set[str] = set()
        for action, label, key in sorted(self.actions, key=lambda each: each[0] in blocked):
            button = self.query_one(f"#do-{action}", Button)
            reason = blocked.get(action)
            button.disabled = reason is not None
            button.tooltip = literal(reason or label)
            button.display = key not in shown
            shown.add(key)
