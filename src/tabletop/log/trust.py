"""The trusted part of a log: what a debrief may rely on, and where that stops.

`read_log` stops at the first line the hash chain or the event format rejects.
A line can pass both and still not fit the session (a log written by a faulty
engine, or rehashed by hand); `rebuild` refuses it. Both kinds of damage end
up here as one `LogProblem`, so the report and the replay viewer say the
same thing about the same log.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tabletop.engine.events import Event
from tabletop.engine.session import Session
from tabletop.log.format import Header
from tabletop.log.reader import LogContents, LogError, LogProblem, read_log
from tabletop.log.recorded import rebuild


@dataclass(frozen=True)
class TrustedLog:
    """The events of a log up to its first untrustworthy line, and the session they make."""

    path: Path
    header: Header
    events: list[Event]
    problem: LogProblem | None
    session: Session


def trusted(contents: LogContents) -> TrustedLog:
    """The contents cut at the first event that does not fit, with the session they rebuild."""
    try:
        session = rebuild(contents)
    except LogError as error:
        misfit = error
    else:
        return TrustedLog(
            contents.path, contents.header, contents.events, contents.problem, session
        )
    # `rebuild` fails at the first misfit and at every point after it, so the
    # last point it succeeds at is found by bisection over the event count.
    good, bad = 0, len(contents.events)
    while bad - good > 1:
        middle = (good + bad) // 2
        try:
            rebuild(contents, middle)
        except LogError as error:
            bad, misfit = middle, error
        else:
            good = middle
    line = good + 2
    message = str(misfit).removeprefix(f"{contents.path}:{line}: ")
    return TrustedLog(
        contents.path,
        contents.header,
        contents.events[:good],
        LogProblem(line, "corrupt", message),
        rebuild(contents, good),
    )


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
