"""The timeline: the events a viewer may see, in order, each wrapped at the shown width.

A log of a hundred thousand events or a million must open at once and scroll
without a pause, so nothing is drawn ahead: the timeline keeps the events and
words and wraps only those on screen, when they are shown (a Line API widget).
It scrolls by events, not lines: the scroll position is the event at the top.
At the bottom the newest event sits on the last line, and while the view is
there new events keep it there.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tabletop.engine import Event
from tabletop.exercise.model import Exercise
from tabletop.tui.describe import event_text

_KEPT = 4096
"""Events kept wrapped, at most: a few screens' worth either way of any position."""


class Timeline(ScrollView, can_focus=True):
    """Shows exactly the events it is given, drawing only those on screen.

    Control's console gives it all of them, a delegation's history only those
    its view holds, the replay viewer those up to its cursor.
    """

    DEFAULT_CSS = """
    Timeline {
        background: $surface;
        color: $foreground;
        overflow-y: scroll;
        overflow-x: hidden;
    }
    """

    # `var`, not `reactive`: new events set the size and repaint what changed, not the layout.
    events: var[Sequence[Event]] = var((), always_update=True, init=False)

    def __init__(self, exercise: Exercise, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.exercise = exercise
        self._wrapped: dict[int, list[Strip]] = {}
        self._wrap_key: tuple[int, Style] = (0, Style())
        self._tail_top = 0
        self._following = True
        self._shown: tuple[tuple[int, int, int, int, int], list[Strip]] = ((0, 0, 0, 0, 0), [])

    def watch_events(self, events: Sequence[Event]) -> None:
        # An event's words never change; a new list that is not the old one
        # extended (a replay moved back, a view changed) may hold other events.
        self._wrapped.clear()
        self._shown = ((0, 0, 0, 0, 0), [])
        self._lay_out()
        self.refresh()

    def on_resize(self) -> None:
        self._lay_out()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._following = round(new) >= self._tail_top

    def _lay_out(self) -> None:
        """Find the first event of the last screenful; the virtual height follows from it.

        A view at the bottom stays there, so the newest event stays in sight.
        """
        width, height = self.scrollable_content_region.size
        if not width:
            return  # hidden: laid out when next shown with a width
        following = self._following
        lines, top = 0, len(self.events)
        while top and lines < height:
            top -= 1
            lines += len(self._lines_of(top, width))
        self._tail_top = top
        self.virtual_size = Size(width, top + height)
        if following:
            self.scroll_to(y=top, animate=False, immediate=True)
            self._following = True

    def _lines_of(self, index: int, width: int) -> list[Strip]:
        """Event `index` wrapped at `width`, in the widget's style."""
        key = (width, self.rich_style)
        if key != self._wrap_key or len(self._wrapped) > _KEPT:
            self._wrapped.clear()
            self._wrap_key = key
        strips = self._wrapped.get(index)
        if strips is None:
            text = self.words(index)
            text.stylize_before(self.rich_style)
            console = self.app.console
            strips = [
                Strip(line.render(console), line.cell_len).crop_extend(0, width, self.rich_style)
                for line in text.wrap(console, width)
            ]
            self._wrapped[index] = strips
        return strips

    def words(self, index: int) -> Text:
        """Event `index` in words: the one place the timeline reads its events."""
        return event_text(self.exercise, self.events[index])

    def _screenful(self, width: int, height: int) -> list[Strip]:
        """The lines on screen: from the top event down, or the newest up from the bottom."""
        top = round(self.scroll_y)
        count = len(self.events)
        lines: list[Strip] = []
        if top < self._tail_top:
            index = top
            while index < count and len(lines) < height:
                lines += self._lines_of(index, width)
                index += 1
            return lines[:height]
        index = count
        while index > min(top, self._tail_top) and len(lines) < height:
            index -= 1
            lines[:0] = self._lines_of(index, width)
        return lines[-height:]

    def render_line(self, y: int) -> Strip:
        width, height = self.scrollable_content_region.size
        # Lines are asked for one by one: the screenful is made once for all of them.
        key = (round(self.scroll_y), width, height, len(self.events), id(self.events))
        if self._shown[0] != key:
            self._shown = (key, self._screenful(width, height) if width else [])
        lines = self._shown[1]
        return lines[y] if y < len(lines) else Strip.blank(width, self.rich_style)
