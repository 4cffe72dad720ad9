"""How far a strategy holds out at the deadline: a Boulware keeps a margin, others do not."""

from __future__ import annotations

import pytest

from tabletop.bots import bot_rng, make_bot
from tabletop.engine import Session, role_view
from tabletop.engine.acts import Act, Advance, Pass, Propose, Start, Support, WalkOut
from tabletop.exercise.model import Exercise
from tests.conftest import tiny_exercise_data


def _last_round_offer() -> tuple[Session, Exercise]:
    """The last round: the town offers the fest a package worth one point above its BATNA."""
    data = tiny_exercise_data()
    data["valuations"]["fest"] = {"date": {"june": 10, "july": 0}, "fee": {"high": 0, "low": 50}}
    for role in data["roles"]:
        if role["id"] == "fest":
            role["reservation"] = 54  # 49 once the scheduled inject has lowered it by 5
    exercise = Exercise.model_validate(data)
    session = Session(exercise, seed=1)
    session.apply(Start())
    session.apply(Advance())
    while session.table.phase == "opening":
        session.apply(Pass(actor=session.table.turn))
    while not (session.table.round == exercise.schedule.rounds and session.table.turn == "town"):
        session.apply(Pass(actor=session.table.turn))
    session.apply(Propose(actor="town", package={"date": "july", "fee": "low"}))
    return session, exercise


def _fest_acts(strategy: str, seeds: range) -> list[Act]:
    session, _ = _last_round_offer()
    view = role_view(session, "fest")
    return [
        make_bot(strategy).act(view, bot_rng(seed, "fest", session.table.seq)) for seed in seeds
    ]


@pytest.mark.parametrize("strategy", ["linear", "conceder"])
def test_at_the_deadline_a_bot_backs_what_beats_its_batna(strategy: str) -> None:
    assert all(isinstance(act, Support) for act in _fest_acts(strategy, range(20)))


def test_a_boulware_holds_out_above_its_batna_and_may_walk_out() -> None:
    acts = _fest_acts("boulware", range(40))
    assert not any(isinstance(act, Support) for act in acts)
    assert any(isinstance(act, WalkOut) for act in acts)
