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


def _best_with(treaty: Exercise, role: str, fixed: dict[str, set[str]]) -> int:
    """A role's best score over packages whose `fixed` issues take one of the given options."""
    sheet = treaty.valuations[role]
    return sum(
        max(
            points
            for option, points in sheet[issue.id].items()
            if option in fixed.get(issue.id, {option})
        )
        for issue in treaty.issues
    )


def test_red_lines_in_the_briefings_are_red_lines_in_the_points() -> None:
    treaty = _treaty()
    rok = treaty.role("rok")
    assert "red line" in rok.confidential_briefing
    assert _best_with(treaty, "rok", {"usfk": {"phased_drawdown"}}) < rok.reservation
    dprk = treaty.role("dprk")
    assert "without a treaty guarantee is your red line" in " ".join(
        dprk.confidential_briefing.split()
    )
    unguarded = {"nuclear": {"full_denuclearization"}, "security": {"none", "declaration"}}
    assert _best_with(treaty, "dprk", unguarded) < dprk.reservation


def test_every_briefing_explains_walking_out_and_being_bypassed() -> None:
    for role in _treaty().roles:
        assert "**Walking out, and being bypassed.**" in role.confidential_briefing, role.id


def test_the_dprk_chooses_its_test_and_china_its_aid() -> None:
    """No rule fires them: Control asks the delegation and fires what it chooses."""
    treaty = _treaty()
    for inject in ("missile-test", "chinese-aid", "aid-slowed"):
        assert treaty.inject(inject).trigger is None
    assert treaty.facilitator is not None
    cued = {cue.inject for cue in treaty.facilitator.inject_cues}
    assert {"missile-test", "chinese-aid", "aid-slowed"} <= cued
