"""How bots play beside their strategy: the search they share, and offering every turn."""

from __future__ import annotations

from collections import Counter

import pytest

from tabletop.bots import STRATEGIES, Style, bot_rng, bots_for, make_bot, play_out
from tabletop.bots import search as search_module
from tabletop.engine import Session, role_view
from tabletop.engine.acts import Advance, Start
from tabletop.exercise.synthetic import synthetic_exercise
from tests.bots.test_bots import fire_every_inject

EXERCISE = synthetic_exercise(roles=4, issues=5, options=5, seed=11, rounds=12)


@pytest.mark.parametrize("offer_every_turn", [False, True])
@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_a_bot_acts_as_a_fresh_one_would(name: str, offer_every_turn: bool) -> None:
    """What a bot keeps between turns (worth, plans) never changes what it does.

    Each turn, a bot that has played the whole session and a new bot of the
    same strategy, with a search of its own, see the same view and draws.
    Points change half-way through (injects), as do proposals every few turns.
    """
    session = Session(EXERCISE, seed=5)
    session.apply(Start())
    session.apply(Advance())
    style = Style(offer_every_turn=offer_every_turn)
    bots = bots_for(dict.fromkeys(EXERCISE.role_ids, name), style)
    for step in range(400):
        if step == 30:
            fire_every_inject(session)
        role = session.table.turn
        if role is None:
            break
        seq = session.table.seq
        fresh = make_bot(name, Style(offer_every_turn=offer_every_turn))
        expected = fresh.act(role_view(session, role), bot_rng(5, role, seq))
        act = bots[role].act(role_view(session, role), bot_rng(5, role, seq))
        assert act == expected, (step, act, expected)
        session.apply(act)
    assert session.state.phase == "concluded"


def test_the_bots_of_a_session_share_one_search_and_nothing_is_global() -> None:
    one = bots_for(dict.fromkeys(EXERCISE.role_ids, "linear"))
    other = bots_for(dict.fromkeys(EXERCISE.role_ids, "linear"))
    searches = {id(bot.style.search) for bot in one.values()}  # type: ignore[attr-defined]
    assert len(searches) == 1
    assert searches.isdisjoint(id(bot.style.search) for bot in other.values())  # type: ignore[attr-defined]
    # No module-level cache outlives the session sets that filled it.
    cached = [name for name, value in vars(search_module).items() if hasattr(value, "cache_info")]
    assert cached == []


def _sessions(offer_every_turn: bool) -> list[Session]:
    sessions = []
    for seed in range(4):
        session = Session(EXERCISE, seed)
        names = {r: ("boulware", "conceder")[n % 2] for n, r in enumerate(EXERCISE.role_ids)}
        play_out(session, bots_for(names, Style(offer_every_turn=offer_every_turn)))
        sessions.append(session)
    return sessions


def _kinds(sessions: list[Session]) -> Counter[str]:
    return Counter(e.kind for session in sessions for e in session.events)


def test_offering_every_turn_bots_counter_rather_than_reject() -> None:
    stock, offering = _kinds(_sessions(False)), _kinds(_sessions(True))
    assert offering["proposed"] >= stock["proposed"] > 0
    assert offering["rejected"] < stock["rejected"]


def test_an_offering_bot_lets_an_offer_that_meets_its_aspiration_stand() -> None:
    """It never swaps its package for one no better and back again, turn after turn."""
    for session in _sessions(True):
        put: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
        for proposal in session.table.proposals.values():
            offer = (proposal.author, tuple(sorted(proposal.package.items())))
            assert offer not in put, proposal
            put.add(offer)
