"""Property tests: whatever is thrown at a session, refusals change nothing and replay is exact."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import given, settings
from hypothesis import strategies as st

from tabletop.engine import Event, IllegalAct, Session
from tabletop.engine.acts import (
    Act,
    Advance,
    Decline,
    Message,
    Pass,
    Reject,
    Sign,
    Start,
    Statement,
    Support,
    WalkOut,
    Withdraw,
)
from tabletop.engine.legal import legal_acts
from tabletop.exercise.model import Exercise
from tabletop.log import RecordedSession, Seat, read_log, rebuild
from tests.conftest import tiny_exercise_data
from tests.engine.strategies import any_act

EXERCISE = Exercise.model_validate(tiny_exercise_data())
MOMENT = datetime(2026, 1, 1, tzinfo=UTC)


def _play(session: Session | RecordedSession, acts: list[Act]) -> int:
    """Apply each act; a refused one must leave the state exactly as it was."""
    engine = session.session if isinstance(session, RecordedSession) else session
    accepted = 0
    for act in acts:
        before = engine.state
        events_before = len(engine.events)
        try:
            session.apply(act, MOMENT)
        except IllegalAct as refused:
            assert refused.reason
            assert engine.state == before
            assert len(engine.events) == events_before
        else:
            accepted += 1
    return accepted


started = st.lists(any_act(EXERCISE), max_size=60).map(lambda acts: [Start(), Advance(), *acts])


@settings(max_examples=150, deadline=None)
@given(acts=started, seed=st.integers(min_value=0, max_value=2**32))
def test_replay_of_the_events_gives_the_same_state(acts: list[Act], seed: int) -> None:
    live = Session(EXERCISE, seed)
    _play(live, acts)
    replayed = Session(EXERCISE, seed, live.events)
    assert replayed.state == live.state
    for role in EXERCISE.role_ids:
        assert replayed.legal_acts(role) == live.legal_acts(role)


@settings(max_examples=40, deadline=None)
@given(acts=started, seed=st.integers(min_value=0, max_value=2**32))
def test_a_log_replays_to_the_live_state(acts: list[Act], seed: int) -> None:
    with TemporaryDirectory() as folder:
        path = Path(folder) / "session.jsonl"
        seats = {role: Seat(kind="human") for role in EXERCISE.role_ids}
        recorded = RecordedSession.create(path, EXERCISE, seed, seats, fsync=False)
        _play(recorded, acts)
        recorded.close()
        contents = read_log(path)
        assert contents.problem is None
        assert rebuild(contents).state == recorded.session.state


@settings(max_examples=60, deadline=None)
@given(acts=started, seed=st.integers(min_value=0, max_value=2**32))
def test_the_events_the_engine_makes_pass_the_checks_a_log_line_gets(
    acts: list[Act], seed: int
) -> None:
    """The engine builds its events without validation: each must still be one a log accepts."""
    session = Session(EXERCISE, seed)
    _play(session, acts)
    for event in session.events:
        assert Event.from_json(event.to_json()) == event


@settings(max_examples=60, deadline=None)
@given(acts=started)
def test_refused_acts_say_why_and_change_nothing(acts: list[Act]) -> None:
    session = Session(EXERCISE, 3)
    accepted = _play(session, acts)
    assert accepted >= 2


@settings(max_examples=80, deadline=None)
@given(acts=started, seed=st.integers(min_value=0, max_value=2**32))
def test_legal_acts_agree_with_what_the_session_accepts(acts: list[Act], seed: int) -> None:
    session = Session(EXERCISE, seed)
    _play(session, acts)
    numbers = [p.id for p in session.state.proposals]
    for role in EXERCISE.role_ids:
        legal = session.legal_acts(role)
        for kind, act in (
            ("statement", Statement(actor=role, text="x")),
            ("pass", Pass(actor=role)),
            ("walk_out", WalkOut(actor=role)),
            ("sign", Sign(actor=role)),
            ("decline", Decline(actor=role)),
        ):
            assert (kind in legal) == (session.refusal(act) is None)
            assert (kind in legal) != (kind in legal.reasons)
        assert set(legal.support) == {
            n for n in numbers if session.refusal(Support(actor=role, proposal=n)) is None
        }
        assert set(legal.withdraw) == {
            n for n in numbers if session.refusal(Withdraw(actor=role, proposal=n)) is None
        }
        assert set(legal.reject) == {
            n
            for n in numbers
            if session.refusal(Reject(actor=role, proposal=n, reason="r")) is None
        }
        assert set(legal.message_to) == {
            r
            for r in EXERCISE.role_ids
            if session.refusal(Message(actor=role, to=r, text="x")) is None
        }


def _crowd() -> Exercise:
    """The tiny exercise with two more delegations whose signature is not needed."""
    data = tiny_exercise_data()
    for role in ("band", "cafe"):
        data["roles"].append(
            {
                "id": role,
                "name": role,
                "public_briefing": "p",
                "confidential_briefing": "c",
                "reservation": 30,
            }
        )
        data["valuations"][role] = data["valuations"]["town"]
        data["schedule"]["turn_order"].append(role)
    return Exercise.model_validate(data)


CROWD = _crowd()
"""Delegations may walk out and the talks go on."""
_DELEGATION_REASONS = (
    *("statement", "pass", "walk_out", "sign", "decline", "propose"),
    *("amend", "support", "withdraw", "reject", "message"),
)
"""The order a delegation's reasons are given in (a seat is sent them as they are)."""


@settings(max_examples=200, deadline=None)
@given(
    acts=st.lists(any_act(CROWD), max_size=80).map(lambda acts: [Start(), Advance(), *acts]),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_the_legal_acts_a_session_keeps_are_those_worked_out_afresh(
    acts: list[Act], seed: int
) -> None:
    """`LegalMemo` answers as `legal_acts` does, after every act and for every actor."""
    session = Session(CROWD, seed)
    actors = [*CROWD.role_ids, "control"]
    for act in acts:
        for actor in actors:
            kept = session.legal_acts(actor)
            assert kept == legal_acts(CROWD, session.table, actor)
            if actor != "control":
                order = [kind for kind in _DELEGATION_REASONS if kind in kept.reasons]
                assert list(kept.reasons) == order
        try:
            session.apply(act, MOMENT)
        except IllegalAct:
            continue
