"""One session's schedule as a facilitator gives it: the rounds, and the seconds a turn or no clock.

`play --rounds/--turn-seconds` and the setup screen both read them here, so
they accept the same numbers and refuse the rest with the same reasons. The
log header keeps what differs from the exercise (`Header.session_exercise`).
"""

from __future__ import annotations

ROUNDS = (1, 100)
TURN_SECONDS = (10, 3600)
NO_CLOCK = 0
"""Seconds a turn that mean no turn clock at all, for an exercise that has one."""
_NONE_WORDS = frozenset({"", "0", "none", "no", "off"})


class ScheduleError(ValueError):
    """A number the schedule cannot take; the message says what it can."""


def rounds_reason(rounds: int) -> str | None:
    low, high = ROUNDS
    return None if low <= rounds <= high else f"give between {low} and {high} rounds"


def turn_seconds_reason(seconds: int) -> str | None:
    low, high = TURN_SECONDS
    if seconds == NO_CLOCK or low <= seconds <= high:
        return None
    return f"give between {low} and {high} seconds a turn, or {NO_CLOCK} for no clock"


def read_rounds(text: str) -> int:
    """Rounds typed into a form; raises ScheduleError."""
    rounds = _whole(text)
    reason = rounds_reason(rounds)
    if reason:
        raise ScheduleError(reason)
    return rounds


def read_turn_seconds(text: str) -> int:
    """Seconds a turn typed into a form: `NO_CLOCK` for none (blank, 0, "none"); ScheduleError."""
    if text.strip().casefold() in _NONE_WORDS:
        return NO_CLOCK
    seconds = _whole(text)
    reason = turn_seconds_reason(seconds)
    if reason:
        raise ScheduleError(reason)
    return seconds


def _whole(text: str) -> int:
    digits = text.strip()
    if not digits.isascii() or not digits.isdigit() or len(digits) > 6:
        raise ScheduleError(f"give a whole number, not {digits[:20]!r}")
    return int(digits)
