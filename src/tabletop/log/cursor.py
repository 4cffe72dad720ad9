"""A replay cursor: a session standing after any one event of a trusted log."""

from __future__ import annotations

from tabletop.engine.events import Event
from tabletop.engine.session import Decision, Session
from tabletop.log.replay_log import ReplayLog


class ReplayCursor:
    """A session standing after one event of a trusted log.

    Moving forward folds the next events onto the session; moving back, or
    far ahead, starts again from the nearest checkpoint before the target,
    so no move folds more than a checkpoint's worth of events. The session
    keeps its state, not its events: the log holds those.
    """

    def __init__(self, log: ReplayLog) -> None:
        self.source = log
        self.session = self._at_checkpoint(0)

    @property
    def position(self) -> int:
        """How many events have been applied (0: before the first)."""
        return self.session.table.seq

    @property
    def total(self) -> int:
        """The events checked so far (all of the trusted ones once the log is read)."""
        return self.source.count

    @property
    def event(self) -> Event | None:
        """The event the cursor stands after (None: before the first)."""
        return self.source.event(self.position) if self.position else None

    def move_to(self, position: int) -> None:
        target = max(0, min(position, self.total))
        every = self.source.every
        if target < self.position or target // every > self.position // every:
            self.session = self._at_checkpoint(target)
        for event in self.source.events(self.position, target):
            self.session.replay(event)

    def _at_checkpoint(self, position: int) -> Session:
        """A session at the last checkpoint at or before `position`."""
        source = self.source
        at, table = source.checkpoint(position)
        session = Session(source.header.session_exercise, source.header.seed, keep_events=False)
        # The checkpoint's table, laid on a fresh session as a decision with no events
        # would lay it: the session's own way of taking a table it did not fold.
        session.commit(Decision(None, (), table, 0))
        assert session.table.seq == at
        return session

    def rounds_started(self) -> list[int]:
        """The rounds that began in the part of the log checked so far, in order."""
        return [number for number, _ in self._starts()]

    def round_start(self, number: int) -> int | None:
        """The position just after round `number` began, if it did in this log."""
        return next((seq for round_, seq in self._starts() if round_ == number), None)

    def neighbour_round(self, direction: int) -> int | None:
        """The position of the next (1) or previous (-1) round start from the cursor."""
        starts = [seq for _, seq in self._starts()]
        if direction > 0:
            return next((s for s in starts if s > self.position), None)
        return next((s for s in reversed(starts) if s < self.position), None)

    def _starts(self) -> list[tuple[int, int]]:
        """The round starts checked so far: a hundred at most, where a log has a million events."""
        return [(number, seq) for number, seq in self.source.round_starts if seq <= self.total]
