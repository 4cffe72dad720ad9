"""The trusted part of a log: what a debrief may rely on, and where that stops.

`read_log` stops at the first line the hash chain or the event format rejects.
A line can pass both and still not be what the rules make (a log written by a
faulty engine, or rehashed by hand); the audit refuses it. Both kinds of
damage end up here as one `LogProblem`, so the report and the replay viewer
say the same thing about the same log.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

from tabletop.engine.events import Event
from tabletop.engine.session import Session
from tabletop.engine.state import Table
from tabletop.log import Audit, Header, LogProblem, Misfit, unfinished


class Source(Protocol):
    """A log being read: a whole `LogContents`, or a `LogStream` read as it goes."""

    @property
    def path(self) -> Path: ...
    @property
    def header(self) -> Header: ...
    @property
    def problem(self) -> LogProblem | None:
        """Why the reading stopped, once the events are all read."""

    @property
    def last_hash(self) -> str: ...


class TrustedEvents:
    """A log's events up to the first the rules do not make, checked as they pass.

    Once they are all taken, `problem` and `receipt` are the log's, and
    `session` the session the trusted events make. Without `keep_events`,
    the session keeps its state but not the events, so a log of any length
    can be gone through in the memory of one session.
    """

    def __init__(self, source: Source, events: Iterable[Event], keep_events: bool = True) -> None:
        header = source.header
        self._source = source
        self._events = events
        self._audit = Audit.of(header.session_exercise, header.seed, str(source.path), keep_events)
        self.count = 0
        self.problem: LogProblem | None = None
        self.receipt: str | None = None

    def __iter__(self) -> Iterator[Event]:
        audit = self._audit
        for event in self._events:
            try:
                audit.feed(event)
            except Misfit as misfit:
                self.problem = LogProblem(misfit.line, "corrupt", misfit.reason)
                return
            self.count += 1
            yield event
        self.problem = self._source.problem or unfinished(audit, self.count)
        self.receipt = self._source.last_hash if self.problem is None else None

    @property
    def table(self) -> Table:
        """The table after the last event taken (the chart samples it: one fold serves both)."""
        return self._audit.table

    @property
    def session(self) -> Session:
        """The session of the events taken so far, a cut last block included."""
        return self._audit.close()


def breach_notice(problem: LogProblem, trusted_events: int) -> str:
    """Where a log stops being trustworthy and what is used of it, in one paragraph."""
    covered = (
        f"only the {trusted_events} events before it (lines 2–{problem.line - 1}) are used"
        if trusted_events
        else "no event of it can be used"
    )
    return (
        f"The log stops being trustworthy at line {problem.line}: {problem.message}. "
        f"Of this log, {covered}; nothing after that."
    )
