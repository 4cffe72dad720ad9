"""The session through its API: what a facilitator and delegations can and cannot do."""

from __future__ import annotations

from typing import Any

import pytest

from tabletop.engine import IllegalAct, Session, role_view
from tabletop.engine.acts import (
    Advance,
    Amend,
    Decline,
    End,
    ExtendRounds,
    FireInject,
    Message,
    Pass,
    Pause,
    Propose,
    Reject,
    Resume,
    Sign,
    SkipTurn,
    Start,
    Statement,
    Support,
    WalkOut,
    Withdraw,
)
from tabletop.exercise.model import Exercise
from tests.conftest import tiny_exercise_data

DEAL = {"date": "july", "fee": "low"}


def negotiating(exercise: Exercise) -> Session:
    """A session past the opening statements, at round 1, town to act."""
    session = Session(exercise, seed=1)
    for act in (Start(), Advance(), Statement(actor="town", text="Hello"), Pass(actor="fest")):
        session.apply(act)
    return session


def refused(session: Session, act: Any) -> str:
    before = session.state
    with pytest.raises(IllegalAct) as caught:
        session.apply(act)
    assert session.state == before
    return caught.value.reason


def test_opening_statements_lead_to_round_one(tiny: Exercise) -> None:
    session = negotiating(tiny)
    state = session.state
    assert (state.phase, state.round, state.turn) == ("negotiating", 1, "town")
    assert [e.kind for e in session.events][-2:] == ["advanced", "round_started"]


def test_agreement_is_signed_in_turn_order_and_scored(tiny: Exercise) -> None:
    session = negotiating(tiny)
    session.apply(Propose(actor="town", package=DEAL))
    session.apply(Support(actor="fest", proposal=1))
    assert session.state.phase == "ratification"
    assert "Town is next" in refused(session, Sign(actor="fest"))
    session.apply(Sign(actor="town"))
    session.apply(Sign(actor="fest"))
    state = session.state
    assert state.phase == "concluded"
    assert state.outcome == "deal"
    assert state.scores == {"town": 50, "fest": 45}


def test_out_of_turn_is_refused_with_whose_turn_it_is(tiny: Exercise) -> None:
    session = negotiating(tiny)
    assert refused(session, Pass(actor="fest")) == "it is not your turn: Town is to act"


def test_unknown_option_and_incomplete_package_are_refused(tiny: Exercise) -> None:
    session = negotiating(tiny)
    reason = refused(session, Propose(actor="town", package={"date": "may", "fee": "low"}))
    assert "'may' is not an option of Date" in reason
    assert "leaves out Fee" in refused(session, Propose(actor="town", package={"date": "july"}))


def test_a_withdrawn_proposal_cannot_be_supported(tiny: Exercise) -> None:
    session = negotiating(tiny)
    session.apply(Propose(actor="town", package=DEAL))
    session.apply(Pass(actor="fest"))
    session.apply(Withdraw(actor="town", proposal=1))
    assert refused(session, Support(actor="fest", proposal=1)) == (
        "proposal #1 was withdrawn by its author"
    )


def test_amending_your_own_proposal_supersedes_it(tiny: Exercise) -> None:
    session = negotiating(tiny)
    session.apply(Propose(actor="town", package={"date": "july", "fee": "high"}))
    session.apply(Pass(actor="fest"))
    session.apply(Amend(actor="town", proposal=1, changes={"fee": "low"}))
    proposals = session.state.proposals
    assert [p.status for p in proposals] == ["superseded", "live"]
    assert proposals[1].package == DEAL and proposals[1].parent == 1
    assert refused(session, Support(actor="fest", proposal=1)) == (
        "proposal #1 was superseded by #2"
    )


def test_rejection_is_recorded_with_its_reason(tiny: Exercise) -> None:
    session = negotiating(tiny)
    session.apply(Propose(actor="town", package={"date": "june", "fee": "high"}))
    session.apply(Reject(actor="fest", proposal=1, reason="the fee ruins us"))
    rejection = session.state.proposals[0].rejections[0]
    assert (rejection.role, rejection.reason) == ("fest", "the fee ruins us")


def test_signing_outside_ratification_is_refused(tiny: Exercise) -> None:
    session = negotiating(tiny)
    assert "nothing to sign" in refused(session, Sign(actor="town"))


def test_declining_sends_the_talks_back_to_the_table(tiny: Exercise) -> None:
    session = negotiating(tiny)
    session.apply(Propose(actor="town", package=DEAL))
    session.apply(Support(actor="fest", proposal=1))
    session.apply(Decline(actor="town", reason="second thoughts"))
    state = session.state
    assert state.phase == "negotiating"
    assert state.proposals[0].supporters == ("fest",)
    assert state.turn == "town" and state.round == 2


def test_walk_out_of_a_required_signatory_ends_the_talks(tiny: Exercise) -> None:
    session = negotiating(tiny)
    session.apply(WalkOut(actor="fest", reason="insulted"))
    state = session.state
    assert state.phase == "concluded"
    assert state.conclusion is not None and state.conclusion.ending == "walk_out"
    assert state.outcome == "walk"
    assert refused(session, Pass(actor="fest")) == "Festival has walked out of the talks"


def test_walk_out_of_an_optional_signatory_lets_the_talks_go_on() -> None:
    data = tiny_exercise_data()
    data["roles"].append(
        {
            "id": "press",
            "name": "Press",
            "public_briefing": "p",
            "confidential_briefing": "c",
            "reservation": 0,
        }
    )
    data["valuations"]["press"] = {"date": {"june": 1, "july": 2}, "fee": {"high": 1, "low": 1}}
    data["schedule"]["turn_order"].append("press")
    exercise = Exercise.model_validate(data)
    session = Session(exercise, 1)
    for act in (Start(), Advance(), Pass(actor="town"), Pass(actor="fest"), Pass(actor="press")):
        session.apply(act)
    session.apply(WalkOut(actor="press"))
    assert session.state.phase == "negotiating"
    assert refused(session, Message(actor="town", to="press", text="come back")) == (
        "Press has left the table"
    )


def test_deadline_ends_with_the_default_outcome_and_reservations(tiny: Exercise) -> None:
    session = negotiating(tiny)
    while session.state.phase == "negotiating":
        turn = session.state.turn
        assert turn is not None
        session.apply(Pass(actor=turn))
    state = session.state
    assert state.conclusion is not None and state.conclusion.ending == "deadline"
    assert state.outcome == "none"
    assert state.scores == {"town": 30, "fest": 25}  # the rain inject cost the festival 5


def test_extending_rounds_moves_the_deadline(tiny: Exercise) -> None:
    session = negotiating(tiny)
    session.apply(ExtendRounds(rounds=2))
    assert session.state.rounds == 5


def test_a_timed_inject_fires_and_its_private_text_reaches_only_its_role(tiny: Exercise) -> None:
    session = negotiating(tiny)
    session.apply(Pass(actor="town"))
    session.apply(Pass(actor="fest"))
    assert session.state.fired == ["rain"]
    assert session.reservation("fest") == 25
    festival = role_view(session, "fest")
    town = role_view(session, "town")
    assert festival.injects[0].private == "Your insurer is nervous."
    assert town.injects[0].private is None
    assert festival.reservation == 25 and town.reservation == 30


def test_settling_after_a_crash_fires_the_injects_a_round_start_still_owed(
    tiny: Exercise,
) -> None:
    session = negotiating(tiny)
    session.apply(Pass(actor="town"))
    events = session.apply(Pass(actor="fest"))
    assert [e.kind for e in events] == ["passed", "round_started", "inject_fired"]
    # The log kept the round start, but the process died before the inject was written.
    cut = Session(tiny, seed=1, events=session.events[:-1])
    owed = cut.settle()
    assert [(e.kind, e.payload) for e in owed.events] == [
        ("inject_fired", {"inject": "rain", "trigger": "round"})
    ]
    cut.commit(owed)
    assert cut.state.fired == ["rain"] and cut.reservation("fest") == 25
    assert cut.settle().events == ()


def test_control_fires_an_inject_once(tiny: Exercise) -> None:
    session = negotiating(tiny)
    session.apply(FireInject(inject="press"))
    assert refused(session, FireInject(inject="press")) == "the inject “Press” has already fired"
    assert (
        refused(session, FireInject(inject="nope")) == "there is no inject 'nope' in this exercise"
    )


def test_pause_freezes_the_table_and_resume_returns_to_the_phase(tiny: Exercise) -> None:
    session = negotiating(tiny)
    session.apply(Pause())
    assert session.state.phase == "paused"
    assert "paused" in refused(session, Pass(actor="town"))
    session.apply(Resume())
    assert (session.state.phase, session.state.turn) == ("negotiating", "town")


def test_skipping_a_turn_hands_it_on(tiny: Exercise) -> None:
    session = negotiating(tiny)
    session.apply(SkipTurn())
    assert session.state.turn == "fest"
    assert session.events[-1].payload == {"role": "town"}


def test_control_ends_the_talks_as_a_breakdown(tiny: Exercise) -> None:
    session = negotiating(tiny)
    session.apply(End(reason="time is up"))
    conclusion = session.state.conclusion
    assert conclusion is not None
    assert (conclusion.ending, conclusion.outcome, conclusion.reason) == (
        "breakdown",
        "none",
        "time is up",
    )
    assert refused(session, Pass(actor="town")) == "the talks are over"


def test_private_messages_are_seen_by_sender_and_recipient_only() -> None:
    data = tiny_exercise_data()
    data["roles"].append(
        {
            "id": "press",
            "name": "Press",
            "public_briefing": "p",
            "confidential_briefing": "c",
            "reservation": 0,
        }
    )
    data["valuations"]["press"] = {"date": {"june": 1, "july": 2}, "fee": {"high": 1, "low": 1}}
    data["schedule"]["turn_order"].append("press")
    session = Session(Exercise.model_validate(data), 1)
    session.apply(Start())
    session.apply(Message(actor="town", to="fest", text="meet at noon"))
    assert any(e.kind == "messaged" for e in role_view(session, "fest").events)
    assert any(e.kind == "messaged" for e in role_view(session, "town").events)
    assert not any(e.kind == "messaged" for e in role_view(session, "press").events)


def test_legal_acts_say_why_an_act_is_closed(tiny: Exercise) -> None:
    session = negotiating(tiny)
    legal = session.legal_acts("fest")
    assert "propose" not in legal
    assert legal.reasons["propose"] == "it is not your turn: Town is to act"
    assert "message" in legal and legal.message_to == ("town",)
    control = session.legal_acts("control")
    assert {"pause", "end", "inject", "skip"} <= control.kinds
    assert "start" not in control
