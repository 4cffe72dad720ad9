"""Act forms and `build_act`: the act a filled-in form sends, or what it lacks; no Textual."""

from __future__ import annotations

import pytest

from tabletop.engine import Session, role_view
from tabletop.engine.acts import (
    DELEGATION_KINDS,
    Advance,
    Amend,
    Decline,
    Message,
    Pass,
    Propose,
    Reject,
    Sign,
    Start,
    Statement,
    Support,
    WalkOut,
    Withdraw,
)
from tabletop.engine.state import Proposal
from tabletop.exercise.model import Exercise
from tabletop.forms import FORM_OF, FORMS, Draft, Lacking, build_act, default_kind, proposals_open

ON_TABLE = Proposal(
    id=3, author="fest", package={"date": "june", "fee": "low"}, parent=None, round=1, seq=9
)


def test_every_delegation_act_has_one_form() -> None:
    assert sorted(form.kind for form in FORMS) == sorted(DELEGATION_KINDS)
    assert len({form.label for form in FORMS}) == len(FORMS)


@pytest.mark.parametrize(
    ("draft", "act"),
    [
        (
            Draft("propose", package={"date": "july", "fee": "low"}),
            Propose(actor="town", package={"date": "july", "fee": "low"}),
        ),
        (
            Draft("amend", base=ON_TABLE, package={"date": "july", "fee": "low"}),
            Amend(actor="town", proposal=3, changes={"date": "july"}),
        ),
        (Draft("support", base=ON_TABLE), Support(actor="town", proposal=3)),
        (Draft("withdraw", base=ON_TABLE), Withdraw(actor="town", proposal=3)),
        (
            Draft("reject", base=ON_TABLE, text="  Too dear. "),
            Reject(actor="town", proposal=3, reason="Too dear."),
        ),
        (Draft("statement", text="Hello"), Statement(actor="town", text="Hello")),
        (Draft("message", to="fest", text="Psst"), Message(actor="town", to="fest", text="Psst")),
        (Draft("pass"), Pass(actor="town")),
        (Draft("walk_out"), WalkOut(actor="town", reason="")),
        (Draft("sign"), Sign(actor="town")),
        (Draft("decline", text="Not yet"), Decline(actor="town", reason="Not yet")),
    ],
)
def test_a_filled_form_makes_its_act(draft: Draft, act: object) -> None:
    assert build_act("town", draft) == act


@pytest.mark.parametrize(
    ("draft", "lacks"),
    [
        (Draft("statement", text="   "), "Write the statement first."),
        (Draft("message", to="fest"), "Write the message first."),
        (Draft("message", text="Psst"), "Choose who the message is for."),
        (Draft("reject", base=ON_TABLE), "Write the reason first."),
        (Draft("support"), "Choose a proposal first."),
        (Draft("amend", package={"date": "july"}), "Choose a proposal first."),
        (
            Draft("amend", base=ON_TABLE, package=dict(ON_TABLE.package)),
            "Change at least one option of the proposal you amend.",
        ),
    ],
)
def test_a_form_says_what_it_still_lacks(draft: Draft, lacks: str) -> None:
    assert build_act("town", draft) == Lacking(lacks)


def test_optional_texts_and_the_text_first_forms() -> None:
    assert [f.kind for f in FORMS if f.text and not f.text.required] == ["walk_out", "decline"]
    assert [f.kind for f in FORMS if f.text_first] == ["statement", "message"]
    assert FORM_OF["propose"].package and not FORM_OF["propose"].proposal


def test_the_form_opens_on_the_likely_act_and_offers_the_open_proposals(tiny: Exercise) -> None:
    session = Session(tiny, seed=1)
    for act in (Start(), Advance()):
        session.apply(act)
    assert default_kind(role_view(session, "town").legal) == "statement"
    session.apply(Statement(actor="town", text="Hi"))
    session.apply(Pass(actor="fest"))
    session.apply(Propose(actor="town", package={"date": "july", "fee": "high"}))
    legal = role_view(session, "fest").legal
    assert default_kind(legal) == "propose"
    assert proposals_open(legal, "support") == (1,)
    assert proposals_open(legal, "statement") == ()
