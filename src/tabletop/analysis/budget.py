"""How much work analysing an exercise is, known before it starts.

A full analysis adds up every role's score of every package at least once:
packages × roles is a floor on its cost, and the format allows 2.2 billion
packages of 12 roles. `tabletop analyze` refuses past a budget rather than
run for an hour, and the report leaves out what it cannot count in seconds.
"""

from __future__ import annotations

from collections.abc import Callable

from tabletop.exercise.model import Exercise

Progress = Callable[[int, int], None]
"""Called with (done, in all) as the work goes, for a progress bar."""

BUDGET = 1 << 28
"""Package scores `tabletop analyze` works through unasked: a few seconds on one core."""

REPORT_BUDGET = 1 << 25
"""The same for the after-action report, which should come in a second or so."""

RATE = 50_000_000
"""Package scores per second on one core of a small machine, for the estimate's wording."""


def work(exercise: Exercise) -> int:
    """Package scores a full analysis works through: packages × roles."""
    return exercise.package_count * len(exercise.roles)


def seconds(units: int) -> float:
    """A rough time for that much work, to tell a person what they are asking for."""
    return units / RATE
