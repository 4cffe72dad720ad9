"""The turn clock as the log keeps it: how long the turn under way has left at a given moment.

The engine reads no clock: every moment here is an event's timestamp or a
time the shell passes in. A turn starts with the schedule's seconds; the
events that stop or reset the clock record what was left then:

- `paused` stops it, `resumed` starts it again (their timestamps measure it);
- `time_extended`: Control gave the delegation more time;
- `clock_stopped`: the program running the session closed (a clean quit);
- `clock_started`: a program took the session up again from its log.

So a clean quit is exact: the stop records what was left at the moment the
program closed, and the restart gives exactly that. A crash (kill -9, power)
leaves no stop; the last logged event is the last moment known to have
happened, so the restart counts the clock as running until then and no
further. What happened between that event and the crash cannot be known
from the log, and giving a delegation those seconds back is the fair side
to err on. A turn on which nothing stopped the clock (every turn of a log
older than these events, barring pauses) restarts with its full time, as it
always has.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tabletop.engine.state import Table

CLOCK_KINDS = frozenset({"time_extended", "clock_stopped", "clock_started"})
"""Events that only set the turn clock."""


@dataclass(frozen=True, slots=True)
class TurnTime:
    """What was left on the turn's clock at `at`, and whether it ran on from there."""

    left: float
    running: bool
    at: datetime


def time_left(table: Table, seconds: int | None, at: datetime) -> float | None:
    """Seconds left at `at` on the turn under way, never below 0; None when no clock runs.

    `seconds` is the schedule's time per turn (None: the session has no clock).
    While the session is paused the clock stands at what the pause left.
    """
    if seconds is None:
        return None
    clock = table.clock
    if table.turn is None and (clock is None or table.phase != "paused"):
        return None
    if clock is None:
        left = seconds - _elapsed(table.turn_began, at)
    elif clock.running:
        left = clock.left - _elapsed(clock.at, at)
    else:
        left = clock.left
    return max(0.0, left)


def restart_left(table: Table, seconds: int, last: datetime | None) -> float:
    """What a turn has left when a program takes the session up from its log.

    A clean stop is exact; a clock that was running when the log ended ran
    until its `last` event (a crash); a turn nothing stopped has its full time.
    """
    clock = table.clock
    if clock is None:
        return float(seconds)
    if clock.running and last is not None:
        return max(0.0, clock.left - _elapsed(clock.at, last))
    return clock.left


def exact(seconds: float) -> float:
    """Seconds as the log keeps them: to the millisecond, so a record reads back equal."""
    return round(seconds, 3)


def _elapsed(since: datetime | None, at: datetime) -> float:
    if since is None:
        return 0.0
    return max(0.0, (at - since).total_seconds())
