"""The timeline: the events a viewer may see, in order, one line each."""

from __future__ import annotations

from collections.abc import Sequence

from textual.reactive import var

from tabletop.engine import Event
from tabletop.exercise.model import Exercise
from tabletop.tui.describe import event_text
from tabletop.tui.widgets.log_view import LogView


class Timeline(LogView):
    """Appends the new events only, so a long session stays cheap to follow.

    It shows exactly the events it is given: Control's console gives it all
    of them, a delegation's history only those its view holds.
    """

    # `var`, not `reactive`: adding lines or rows repaints what changed, not the whole widget.
    events: var[tuple[Event, ...]] = var((), always_update=True, init=False)

    def __init__(self, exercise: Exercise, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.exercise = exercise
        self._shown: Sequence[Event] = ()

    def watch_events(self, events: tuple[Event, ...]) -> None:
        shown = self._shown
        extends = len(events) >= len(shown) and (
            not shown or events[len(shown) - 1].seq == shown[-1].seq
        )
        if not extends:
            self.clear()
            shown = ()
        for event in events[len(shown) :]:
            self.write(event_text(self.exercise, event))
        self._shown = events
