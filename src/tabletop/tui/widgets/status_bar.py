"""The line at the top of the console and of a delegation's screen: where the session stands."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

LOW = 30
"""Seconds left at which the turn clock turns to a warning."""


def clock_text(remaining: int) -> Text:
    """The turn clock as `m:ss`, a warning when low and a plain statement when out."""
    if remaining <= 0:
        return Text(" time is up ", style="bold reverse red")
    minutes, seconds = divmod(remaining, 60)
    style = "bold yellow" if remaining <= LOW else "bold"
    return Text(f" ⏱ {minutes}:{seconds:02d} ", style=style)


class StatusBar(Static):
    """A summary set by its screen, led by the turn clock when the session has one.

    One line, so a change repaints the line and never lays out the screen again.
    The clock comes first: at 80 columns a long summary is cut at its end.
    """

    summary: reactive[Text] = reactive(Text)
    remaining: reactive[int | None] = reactive(None)

    def render(self) -> Text:
        if self.remaining is None:
            return self.summary.copy()
        return Text.assemble(clock_text(self.remaining), " ", self.summary)
