"""A replay cursor: a session standing after any one event of a trusted log."""

from __future__ import annotations

from tabletop.engine.session import Session
from tabletop.log.trust import TrustedLog


class ReplayCursor:
    """A session standing after one event of a trusted log.

    Moving forward folds the next events onto the session; moving back
    rebuilds it from the start, which costs milliseconds even for long logs.
    """

    def __init__(self, log: TrustedLog) -> None:
        self.source = log
        self.session = Session(log.header.exercise, log.header.seed)

    @property
    def position(self) -> int:
        """How many events have been applied (0: before the first)."""
        return len(self.session.events)

    @property
    def total(self) -> int:
        return len(self.source.events)

    def move_to(self, position: int) -> None:
        target = max(0, min(position, self.total))
        events = self.source.events
        if target < self.position:
            self.session = Session(self.session.exercise, self.session.seed, events[:target])
        for event in events[self.position : target]:
            self.session.replay(event)

    def rounds_started(self) -> list[int]:
        """The rounds that began in this log, in order."""
        return [e.payload["round"] for e in self.source.events if e.kind == "round_started"]

    def round_start(self, number: int) -> int | None:
        """The position just after round `number` began, if it did in this log."""
        return next(
            (
                e.seq
                for e in self.source.events
                if e.kind == "round_started" and e.payload["round"] == number
            ),
            None,
        )

    def neighbour_round(self, direction: int) -> int | None:
        """The position of the next (1) or previous (-1) round start from the cursor."""
        starts = [e.seq for e in self.source.events if e.kind == "round_started"]
        if direction > 0:
            return next((s for s in starts if s > self.position), None)
        return next((s for s in reversed(starts) if s < self.position), None)
