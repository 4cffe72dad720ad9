"""Bots: always legal, agree when a deal is there, never when none is, and know only their role."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tabletop import bundled
from tabletop.bots import (
    STRATEGIES,
    UnknownStrategy,
    bot_rng,
    bots_for,
    make_bot,
    play_out,
    play_until_human,
    run_headless,
)
from tabletop.engine import RoleView, Session, role_view
from tabletop.engine.acts import Act, Advance, FireInject, Start, Support
from tabletop.exercise.loader import load
from tabletop.exercise.model import Exercise
from tabletop.exercise.synthetic import synthetic_exercise
from tests.conftest import tiny_exercise_data

NAMES = sorted(STRATEGIES)


def tiny_with(**reservations: int) -> Exercise:
    data: dict[str, Any] = tiny_exercise_data()
    for role in data["roles"]:
        role["reservation"] = reservations.get(role["id"], role["reservation"])
    return Exercise.model_validate(data)


EXERCISES = {
    "tiny": Exercise.model_validate(tiny_exercise_data()),
    "synthetic": synthetic_exercise(roles=3, issues=4, options=3, seed=7, rounds=5),
}


def fire_every_inject(session: Session) -> None:
    """Control fires every inject it still may: points change under the bots."""
    for inject in session.exercise.injects:
        if session.refusal(FireInject(inject=inject.id)) is None:
            session.apply(FireInject(inject=inject.id))


@settings(max_examples=150, deadline=None)
@given(
    exercise=st.sampled_from(sorted(EXERCISES)),
    seed=st.integers(min_value=0, max_value=2**32),
    picks=st.lists(st.sampled_from(NAMES), min_size=3, max_size=3),
    inject_at=st.integers(min_value=0, max_value=40),
)
def test_bots_only_make_legal_acts(
    exercise: str, seed: int, picks: list[str], inject_at: int
) -> None:
    """Over many seeds, mixes and injects (points changing under the bots), no act is refused."""
    played = EXERCISES[exercise]
    session = Session(played, seed)
    session.apply(Start())
    session.apply(Advance())
    bots = bots_for(dict(zip(played.role_ids, picks, strict=False)))
    for step in range(200):
        if step == inject_at:
            fire_every_inject(session)
        role = session.table.turn
        if role is None:
            break
        act = bots[role].act(role_view(session, role), bot_rng(seed, role, session.table.seq))
        assert session.refusal(act) is None, act
        session.apply(act)
    assert session.state.phase == "concluded"


class _Stubborn:
    """A faulty bot: always backs a proposal that is not there."""

    def act(self, view: RoleView, rng: random.Random) -> Act:
        return Support(actor=view.role.id, proposal=99)


def test_a_refused_bot_act_becomes_a_pass(tiny: Exercise) -> None:
    session = Session(tiny, seed=3)
    play_out(session, {"town": _Stubborn(), "fest": make_bot("linear")})
    state = session.state
    assert state.conclusion is not None and state.conclusion.ending == "deadline"
    kinds = {e.kind for e in session.events if e.actor == "town"}
    assert kinds == {"passed"}


@pytest.mark.parametrize("town", NAMES)
@pytest.mark.parametrize("fest", NAMES)
def test_bots_agree_when_the_zone_of_agreement_is_wide(town: str, fest: str) -> None:
    exercise = tiny_with(town=5, fest=5)
    for seed in range(4):
        session = run_headless(exercise, seed, {"town": town, "fest": fest})
        conclusion = session.state.conclusion
        assert conclusion is not None and conclusion.ending == "agreement"
        assert all(conclusion.scores[r] >= 5 for r in ("town", "fest"))


@pytest.mark.parametrize("name", NAMES)
def test_bots_never_agree_below_every_reservation(name: str) -> None:
    exercise = tiny_with(town=100, fest=100)
    for seed in range(3):
        session = run_headless(exercise, seed, {"town": name, "fest": name})
        conclusion = session.state.conclusion
        # No deal: the rounds run out, or a delegation gives up and walks out.
        assert conclusion is not None and conclusion.ending in ("deadline", "walk_out")
        assert not any(e.kind == "proposed" for e in session.events)


@pytest.mark.parametrize("name", NAMES)
def test_bots_decide_from_their_own_role_only(name: str) -> None:
    exercise = EXERCISES["synthetic"]
    for seed in range(3):
        session = Session(exercise, seed)
        session.apply(Start())
        session.apply(Advance())
        bots = bots_for(dict.fromkeys(exercise.role_ids, name))
        while (role := session.table.turn) is not None:
            view = role_view(session, role)
            # The view a bot decides from holds no other delegation's points or secrets.
            assert set(view.exercise.valuations) == {role}
            others = [r for r in view.exercise.roles if r.id != role]
            assert all(
                r.reservation == 0 and "confidential" in r.confidential_briefing for r in others
            )
            session.apply(bots[role].act(view, bot_rng(seed, role, session.table.seq)))


def test_a_resumed_session_plays_on_as_if_never_stopped() -> None:
    exercise = EXERCISES["synthetic"]
    strategies = dict(zip(exercise.role_ids, NAMES, strict=False))
    whole = run_headless(exercise, 11, strategies)
    events = list(whole.events)
    # Stop after an act and everything the rules added to it.
    cut = next(n for n in range(len(events) // 2, len(events)) if events[n].actor != "session")
    resumed = Session(exercise, 11, events[:cut])
    play_out(resumed, bots_for(strategies))

    def story(session: Session) -> list[tuple[str, str, dict[str, Any]]]:
        return [(e.actor, e.kind, e.payload) for e in session.events]

    assert story(resumed) == story(whole)


def test_play_until_human_stops_at_a_human_seat(tiny: Exercise) -> None:
    session = Session(tiny, seed=1)
    session.apply(Start())
    session.apply(Advance())
    applied = play_until_human(session, {"town": make_bot("conceder")})
    assert applied == 1
    assert session.table.turn == "fest"
    assert play_until_human(session, {"town": make_bot("conceder")}) == 0


def test_an_unknown_strategy_names_the_choices() -> None:
    with pytest.raises(UnknownStrategy, match="boulware, linear, conceder, reciprocating"):
        make_bot("tough")


def test_public_refusals_do_not_reveal_where_a_reservation_lies() -> None:
    """A rejection or a declined signature says no, not "worse than no deal"."""
    exercise = load(next(p for p in bundled.exercises() if p.stem == "treaty-for-security"))
    reasons = set()
    for seed in range(1, 13):
        session = run_headless(exercise, seed, dict.fromkeys(exercise.role_ids, "boulware"))
        reasons |= {
            e.payload["reason"] for e in session.events if e.kind in ("rejected", "declined")
        }
    assert reasons
    for reason in reasons:
        assert not any(word in reason for word in ("no agreement", "worse off", "worth less"))
