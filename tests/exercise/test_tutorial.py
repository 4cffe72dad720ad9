"""The tutorial teaches the controls: its steps can be played, one a turn, to a signed deal."""

from __future__ import annotations

from tabletop import bundled
from tabletop.engine import Session
from tabletop.engine.acts import (
    Advance,
    Amend,
    FireInject,
    Message,
    Propose,
    Reject,
    Sign,
    Start,
    Statement,
    Support,
)
from tabletop.engine.rules import signatories
from tabletop.exercise.loader import load
from tabletop.exercise.model import Exercise


def _tutorial() -> Exercise:
    return load(next(p for p in bundled.exercises() if p.stem == "tutorial"))


def test_every_delegation_has_steps_and_control_a_cue() -> None:
    tutorial = _tutorial()
    for role in tutorial.roles:
        briefing = role.confidential_briefing
        assert "**Your steps" in briefing, role.id
        for step in ("statement", "propose", "amend", "message", "reject", "sign"):
            assert step in briefing.lower(), (role.id, step)
    assert tutorial.facilitator is not None
    assert [cue.inject for cue in tutorial.facilitator.inject_cues] == ["headliner-confirms"]
    assert tutorial.inject("headliner-confirms").trigger is None


def test_the_steps_play_out_to_a_signed_deal_that_bypasses_the_residents() -> None:
    tutorial = _tutorial()
    session = Session(tutorial, 1)
    late = {"date": "august", "curfew": "eleven_pm", "fee": "reduced"}
    early = {"date": "august", "curfew": "ten_pm", "fee": "reduced"}
    assert signatories(tutorial, session.table, late) == ("festival", "council", "residents")
    assert signatories(tutorial, session.table, early) == ("festival", "council")
    steps = [
        Start(),
        Advance(),
        Statement(actor="festival", text="We need late August."),
        Statement(actor="council", text="The town must sleep."),
        Statement(actor="residents", text="So must Meadow Lane."),
        Message(actor="festival", to="council", text="The date matters most to us."),
        Propose(
            actor="festival", package={"date": "august", "curfew": "midnight", "fee": "waived"}
        ),
        Propose(actor="council", package={"date": "june", "curfew": "ten_pm", "fee": "full"}),
        Message(actor="council", to="residents", text="We will hold the curfew."),
        Propose(
            actor="residents", package={"date": "september", "curfew": "ten_pm", "fee": "full"}
        ),
        FireInject(inject="headliner-confirms"),
        Amend(actor="festival", proposal=2, changes={"date": "august"}),
        Amend(actor="council", proposal=1, changes={"curfew": "eleven_pm", "fee": "reduced"}),
        Message(actor="residents", to="council", text="Ask them to clean the meadow."),
        Amend(actor="residents", proposal=4, changes={"fee": "reduced"}),
        Reject(actor="festival", proposal=2, reason="June loses us the headliner."),
        Reject(actor="council", proposal=1, reason="Midnight is out of the question."),
        Reject(actor="residents", proposal=1, reason="Not past 22:00, and never midnight."),
        Support(actor="festival", proposal=6),
        Support(actor="council", proposal=6),
        Sign(actor="festival"),
        Sign(actor="council"),
    ]
    for act in steps:
        session.apply(act)
    conclusion = session.table.conclusion
    assert conclusion is not None
    assert (conclusion.ending, conclusion.outcome) == ("agreement", "good-deal")
    assert conclusion.package == early
    fired = [e.payload["inject"] for e in session.events if e.kind == "inject_fired"]
    assert fired == ["residents-petition", "headliner-confirms"]
