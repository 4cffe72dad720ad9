"""The integrative strategy: it guesses the others from the public table, and gains jointly."""

from __future__ import annotations

from tabletop.analysis import debrief
from tabletop.bots import run_headless
from tabletop.bots.estimates import joint_interest
from tabletop.bots.search import layout, scale_of
from tabletop.engine.state import Proposal, Rejection
from tabletop.exercise.model import Exercise
from tabletop.exercise.synthetic import independent_exercise
from tabletop.simulation import run_seed
from tests.conftest import tiny_exercise_data


def _proposal(number: int, author: str, package: dict[str, str], *backers: str) -> Proposal:
    return Proposal(
        id=number,
        author=author,
        package=package,
        parent=None,
        round=1,
        seq=number,
        supporters=(author, *backers),
        rejections=(Rejection(role="town", reason="no"),),
    )


def test_the_estimate_comes_from_the_others_proposals_and_support_only() -> None:
    exercise = Exercise.model_validate(tiny_exercise_data())
    scale = scale_of(layout(exercise), exercise.valuations["town"])
    assert joint_interest(scale, [], "town") == ((0, 0), (0, 0))
    mine = _proposal(1, "town", {"date": "july", "fee": "high"})
    # Only the town has shown anything: nothing is known of the festival.
    assert joint_interest(scale, [mine], "town") == ((0, 0), (0, 0))
    theirs = _proposal(2, "fest", {"date": "june", "fee": "low"})
    backed = _proposal(3, "town", {"date": "july", "fee": "low"}, "fest")
    # The festival proposed June + low (4 each) and backs July + low (1 each):
    # June leads July by 3, low leads high by 5; 60 points shared in that ratio.
    assert joint_interest(scale, [mine, theirs, backed], "town") == ((22, 0), (0, 37))


def _on_frontier(exercise: Exercise, strategy: str, runs: int) -> int:
    reached = 0
    for run in range(runs):
        session = run_headless(
            exercise, run_seed(0, run), dict.fromkeys(exercise.role_ids, strategy)
        )
        end = session.state
        if end.conclusion is not None and end.conclusion.ending == "agreement":
            found = debrief(exercise, end.valuations, end.reservations, end.conclusion.package)
            assert found.gap is not None
            reached += found.gap.on_frontier
    return reached


def test_integrative_bots_reach_the_frontier_more_often_than_linear_ones() -> None:
    exercise = independent_exercise(5, 6, 4, seed=3)
    assert _on_frontier(exercise, "integrative", 30) > _on_frontier(exercise, "linear", 30)
