"""The Nash-seeking strategy: it finds the Nash package from what its own role can see."""

from __future__ import annotations

import itertools
import math

import pytest

from tabletop.analysis import debrief
from tabletop.bots import bot_rng, make_bot, run_headless
from tabletop.bots.estimates import interests
from tabletop.bots.search import layout, scale_of
from tabletop.engine import Session, role_view
from tabletop.engine.acts import Act, Advance, Pass, Propose, Start
from tabletop.engine.state import Proposal
from tabletop.exercise.model import Exercise
from tabletop.exercise.synthetic import independent_exercise, synthetic_exercise
from tabletop.simulation import run_seed


def _products(exercise: Exercise) -> list[int]:
    """The product of gains over reservation of every package every role accepts, largest first."""
    reservations = {r.id: r.reservation for r in exercise.roles}
    found = []
    for choice in itertools.product(*([o.id for o in i.options] for i in exercise.issues)):
        package = dict(zip([i.id for i in exercise.issues], choice, strict=True))
        gains = [
            sum(exercise.valuations[role][i][o] for i, o in package.items()) - reservation
            for role, reservation in reservations.items()
        ]
        if min(gains) >= 0:
            found.append(math.prod(gains))
    return sorted(found, reverse=True)


def _at_nash(exercise: Exercise, strategy: str, runs: int) -> int:
    reached = 0
    for run in range(runs):
        end = run_headless(
            exercise, run_seed(0, run), dict.fromkeys(exercise.role_ids, strategy)
        ).state
        conclusion = end.conclusion
        if conclusion is not None and conclusion.ending == "agreement":
            found = debrief(exercise, end.valuations, end.reservations, conclusion.package)
            reached += conclusion.package == found.nash
    return reached


def test_nash_seeking_bots_reach_the_one_nash_package_in_most_runs() -> None:
    exercise = independent_exercise(3, 4, 3, seed=2)
    best, runner_up, *_ = _products(exercise)
    assert best > runner_up  # one Nash package
    reached = _at_nash(exercise, "nash", 10)
    assert reached >= 8
    assert reached > _at_nash(exercise, "linear", 10)


def _table(exercise: Exercise) -> Session:
    """Round 2 of a session in which each delegation has put a different package on the table."""
    session = Session(exercise, seed=3)
    session.apply(Start())
    session.apply(Advance())
    while session.table.phase == "opening":
        session.apply(Pass(actor=session.table.turn))
    for n, role in enumerate(exercise.role_ids):
        issues = enumerate(exercise.issues)
        package = {i.id: i.options[(n + k) % len(i.options)].id for k, i in issues}
        session.apply(Propose(actor=role, package=package))
    return session


def _others_changed(exercise: Exercise, me: str) -> Exercise:
    """The same exercise with every other delegation's points reversed and reservation moved."""
    data = exercise.model_dump(mode="json", exclude_none=True)
    for role, by_issue in data["valuations"].items():
        if role != me:
            for issue, points in by_issue.items():
                by_issue[issue] = dict(zip(points, reversed(points.values()), strict=True))
    for role in data["roles"]:
        if role["id"] != me:
            role["reservation"] -= 17
    return Exercise.model_validate(data)


@pytest.mark.parametrize("strategy", ["nash", "integrative"])
def test_what_a_bot_estimates_comes_from_its_own_view_alone(strategy: str) -> None:
    exercise = synthetic_exercise(roles=3, issues=4, options=4, seed=7, rounds=5)
    me = exercise.role_ids[0]
    acts: list[Act] = []
    for version in (exercise, _others_changed(exercise, me)):
        session = _table(version)
        assert session.table.turn == me
        view = role_view(session, me)
        acts.append(make_bot(strategy).act(view, bot_rng(3, me, session.table.seq)))
    assert acts[0] == acts[1]
    assert not isinstance(acts[0], Pass)


def _proposal(author: str, package: dict[str, str]) -> Proposal:
    return Proposal(
        id=1, author=author, package=package, parent=None, round=1, seq=1, supporters=(author,)
    )


def test_where_options_run_along_a_scale_an_option_shown_lends_interest_to_its_neighbours() -> None:
    exercise = independent_exercise(2, 2, 3, seed=1)
    asked = _proposal("r2", {"i1": "o1", "i2": "o3"})
    peaked = {"i1": {"o1": 0, "o2": 9, "o3": 4}, "i2": {"o1": 2, "o2": 8, "o3": 1}}
    along = scale_of(layout(exercise), peaked)
    # The middle option of each issue is next to the one asked for: it counts for something.
    assert interests(along, [asked], "r1")["r2"] == ((30, 15, 0), (0, 15, 30))
    # Points in no order say nothing of neighbours: only the option asked for counts.
    scattered = scale_of(layout(exercise), {"i1": {"o1": 9, "o2": 0, "o3": 4}, "i2": peaked["i2"]})
    assert interests(scattered, [asked], "r1")["r2"] == ((30, 0, 0), (0, 0, 30))
