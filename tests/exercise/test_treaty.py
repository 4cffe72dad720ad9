"""Treaty for Security as shipped: what an instructor relies on when planning a class."""

from __future__ import annotations

from tabletop import bundled
from tabletop.exercise.loader import load
from tabletop.exercise.model import Exercise, RoundTrigger


def _treaty() -> Exercise:
    return load(next(p for p in bundled.exercises() if p.stem == "treaty-for-security"))


def test_every_turn_at_the_clock_limit_fits_an_hour() -> None:
    """Opening statements and every round on the turn clock (signing is not): a 90-minute class."""
    treaty = _treaty()
    schedule = treaty.schedule
    assert schedule.seconds_per_turn is not None
    turns = (schedule.rounds + schedule.opening_statements) * len(treaty.roles)
    assert turns * schedule.seconds_per_turn <= 60 * 60


def test_the_scheduled_injects_fall_inside_the_rounds() -> None:
    treaty = _treaty()
    rounds = [i.trigger.at_round for i in treaty.injects if isinstance(i.trigger, RoundTrigger)]
    assert rounds and max(rounds) <= treaty.schedule.rounds
