"""The trusted part of a log: what a debrief may rely on, and where that stops.

`read_log` stops at the first line the hash chain or the event format rejects.
A line can pass both and still not be what the rules make (a log written by a
faulty engine, or rehashed by hand); the audit refuses it. Both kinds of
damage end up here as one `LogProblem`, so the report and the replay viewer
say the same thing about the same log.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tabletop.engine.events import Event
from tabletop.engine.session import Session
from tabletop.log import (
    Header,
    LogContents,
    LogProblem,
    Misfit,
    audit_of,
    read_log,
    unfinished,
)


@dataclass(frozen=True)
class TrustedLog:
    """The events of a log up to its first untrustworthy line, and the session they make."""

    path: Path
    header: Header
    events: list[Event]
    problem: LogProblem | None
    session: Session
    receipt: str | None
    """The hash of the log's last line, when the whole log is trusted: what `verify` checks."""


def trusted(contents: LogContents) -> TrustedLog:
    """The contents cut at the first event the rules do not make, with the session before it."""
    audit = audit_of(contents)
    events = contents.events
    try:
        audit.feed_all(events)
    except Misfit as misfit:
        misfit_at = LogProblem(misfit.line, "corrupt", misfit.reason)
        session = audit.close()
        return TrustedLog(
            contents.path, contents.header, events[: misfit.seq - 1], misfit_at, session, None
        )
    problem = contents.problem or unfinished(audit, len(events))
    receipt = contents.last_hash if problem is None else None
    return TrustedLog(contents.path, contents.header, events, problem, audit.close(), receipt)


def load_trusted(path: Path) -> TrustedLog:
    """Read and verify a log for replay or a fork; raises LogError if no part of it can be used."""
    return trusted(read_log(path))


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
