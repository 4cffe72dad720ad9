"""Whether a screen is out of sight, so work for it can wait until it is seen again."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen


def hidden(screen: Screen[Any]) -> bool:
    """Whether `screen` is off the stack, or covered by an opaque screen above it.

    Textual keeps laying out and repainting the screen just under the top one
    even when it cannot be seen (a delegation's screen, the hand-over are
    opaque), and makes the top one repaint the same regions; a screen that
    checks this first spares both.
    """
    stack = screen.app.screen_stack
    if screen not in stack:
        return True
    return any(over.styles.background.a == 1 for over in stack[stack.index(screen) + 1 :])
