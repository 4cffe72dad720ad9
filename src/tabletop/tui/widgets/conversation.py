"""A delegation's private messages: what it sent and what it was sent, in order."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import var

from tabletop.engine import Event
from tabletop.exercise.model import Exercise
from tabletop.tui.describe import actor_name
from tabletop.tui.widgets.log_view import LogView


class Conversation(LogView):
    """The `messaged` events among those it is given, seen from one role's side."""

    # `var`, not `reactive`: adding lines or rows repaints what changed, not the whole widget.
    events: var[tuple[Event, ...]] = var((), always_update=True, init=False)

    def __init__(self, exercise: Exercise, role: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.exercise = exercise
        self.role = role
        self._count = 0

    def on_mount(self) -> None:
        self.write(Text("No private messages yet. Write one from the Move tab.", style="dim"))

    def watch_events(self, events: tuple[Event, ...]) -> None:
        messages = [e for e in events if e.kind == "messaged"]
        if len(messages) == self._count:
            return
        if self._count == 0 or len(messages) < self._count:
            self.clear()
            self._count = 0
        for event in messages[self._count :]:
            line = Text()
            if event.actor == self.role:
                line.append(f"To {actor_name(self.exercise, event.payload['to'])}: ", "bold")
            else:
                line.append(f"From {actor_name(self.exercise, event.actor)}: ", "bold")
            line.append(event.payload["text"])
            self.write(line)
        self._count = len(messages)
