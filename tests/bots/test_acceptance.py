"""One acceptance rule: bots sign exactly the packages the analysis counts as acceptable."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from tabletop.analysis import analyze
from tabletop.bots import STRATEGIES, bot_rng, make_bot
from tabletop.engine import Session, role_view
from tabletop.engine.acts import Advance, Pass, Propose, Sign, Start, Support
from tabletop.exercise.model import Exercise
from tests.conftest import tiny_exercise_data

# Town: june/high 20, june/low 10, july/high 60, july/low 50.
# Fest: june/high 10, june/low 50, july/high 5, july/low 45.
# At these reservations July + low fee is worth exactly the reservation to both.
AT_THE_LINE = {"town": 50, "fest": 45}
PACKAGES = [
    {"date": date, "fee": fee} for date, fee in itertools.product(("june", "july"), ("high", "low"))
]


def _exercise(
    reservations: dict[str, int], signatories: list[dict[str, Any]] | None = None
) -> Exercise:
    data = tiny_exercise_data()
    for role in data["roles"]:
        role["reservation"] = reservations[role["id"]]
    if signatories is not None:
        data["signatories"] = signatories
    return Exercise.model_validate(data)


def bot_signs(strategy: str, exercise: Exercise, package: dict[str, str]) -> dict[str, bool]:
    """Put the package to signature in round 1; which roles' bots sign it."""
    session = Session(exercise, seed=1)
    session.apply(Start())
    session.apply(Advance())
    while session.table.phase == "opening":
        session.apply(Pass(actor=session.table.turn))
    session.apply(Propose(actor="town", package=package))
    session.apply(Support(actor="fest", proposal=1))
    assert session.table.phase == "ratification"
    verdicts: dict[str, bool] = {}
    while session.table.phase == "ratification" and (role := session.table.turn) is not None:
        act = make_bot(strategy).act(role_view(session, role), bot_rng(1, role, session.table.seq))
        verdicts[role] = isinstance(act, Sign)
        session.apply(Sign(actor=role))
    return verdicts


def analysis_accepts(reservations: dict[str, int], role: str, package: dict[str, str]) -> bool:
    """Whether the analysis counts the package for a role that signs only that package."""
    only_this = {"all": [{"issue": issue, "in": [option]} for issue, option in package.items()]}
    exercise = _exercise(reservations, [{"role": role, "when": only_this}])
    # Every other package needs no signature, so it is never signed and never counts.
    return analyze(exercise).zopa == 1


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
@pytest.mark.parametrize("shift", [0, 1, -1])
def test_bots_and_analysis_accept_the_same_packages(strategy: str, shift: int) -> None:
    reservations = {role: points + shift for role, points in AT_THE_LINE.items()}
    exercise = _exercise(reservations)
    for package in PACKAGES:
        signs = bot_signs(strategy, exercise, package)
        assert signs == {
            role: analysis_accepts(reservations, role, package) for role in ("town", "fest")
        }


def test_a_package_worth_exactly_the_reservations_is_the_nash_package() -> None:
    result = analyze(_exercise(AT_THE_LINE))
    assert (result.zopa, result.nash) == (1, {"date": "july", "fee": "low"})
    assert {role: r.nash_score for role, r in result.roles.items()} == AT_THE_LINE
    assert bot_signs("boulware", _exercise(AT_THE_LINE), {"date": "july", "fee": "low"}) == {
        "town": True,
        "fest": True,
    }
