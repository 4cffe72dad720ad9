"""A delegation's `RoleView` holds nothing another role alone (or Control) may know.

Every role of Treaty for Security is shown its view throughout a whole
bot-played session with private messages, Control's notes and every
inject fired; everything reachable from the view (its exercise, events,
injects, conclusion, legal acts) is searched for the others' confidential
briefings, private inject texts and messages, the texts of injects not yet
fired, and checked to hold no one's points, reservation or score but the
role's own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tabletop.bots.autoplay import bots_for, play_until_human
from tabletop.engine.acts import Advance, Annotate, End, FireInject, Message, Start
from tabletop.engine.session import Session
from tabletop.engine.view import RoleView, role_view
from tabletop.exercise.loader import load
from tabletop.exercise.model import HIDDEN, Exercise
from tests.privacy import MESSAGES, secrets_of, strings, words

TREATY = Path(__file__).parents[2] / "exercises" / "treaty-for-security.yaml"
NOTE = "CONTROL ONLY: the DPRK delegation looks ready to walk"


@pytest.fixture(scope="module")
def treaty() -> Exercise:
    return load(TREATY)


def shown(view: RoleView) -> dict[str, Any]:
    """Everything a view hands out: its public attributes and what it works out."""
    public = {name: value for name, value in vars(view).items() if not name.startswith("_")}
    legal = view.legal
    return public | {"events": view.events, "injects": view.injects, "legal": legal.reasons}


def check(session: Session, view: RoleView) -> None:
    me = view.role.id
    reading = view.exercise
    text = words(" ".join(strings(shown(view))))
    kept = secrets_of(session.exercise, me, session.table.fired) | {NOTE}
    leaked = {secret for secret in kept if secret in text}
    assert not leaked, f"{me} is shown {leaked}"
    assert reading.role(me) == session.exercise.role(me)

    assert set(reading.valuations) == {me}
    assert view.valuations == session.table.valuations[me]
    assert view.reservation == session.table.reservations[me]
    for role in reading.roles:
        if role.id != me:
            assert (role.reservation, role.confidential_briefing) == (0, HIDDEN)
    assert [i.id for i in reading.injects] == [
        i.id for i in session.exercise.injects if i.id in session.table.fired
    ]
    for inject in reading.injects:
        assert set(inject.private) <= {me}
        assert {effect.role for effect in inject.effects} <= {me}
        assert inject.trigger is None and inject.probability == 1.0
    for event in view.events:
        assert event.visible_for(me)
        if event.kind == "concluded":
            assert set(event.payload["scores"]) == {me}
    if view.conclusion is not None:
        assert view.conclusion.scores == {me: session.table.conclusion.scores[me]}  # type: ignore[union-attr]


def check_everyone(session: Session) -> None:
    for role in session.exercise.role_ids:
        check(session, role_view(session, role))


@pytest.mark.parametrize("seed", [3, 11])
def test_no_view_holds_what_another_role_alone_may_know(treaty: Exercise, seed: int) -> None:
    session = Session(treaty, seed)
    bots = bots_for(dict.fromkeys(treaty.role_ids, "linear"))
    session.apply(Start())
    session.apply(Advance())
    check_everyone(session)
    for (sender, to), text in MESSAGES.items():
        session.apply(Message(actor=sender, to=to, text=text))
    session.apply(Annotate(text=NOTE))
    check_everyone(session)
    while session.table.phase not in ("concluded", "aborted"):
        if play_until_human(session, bots, max_acts=3) == 0:
            break
        check_everyone(session)
        for inject in treaty.injects:
            if session.refusal(FireInject(inject=inject.id)) is None:
                session.apply(FireInject(inject=inject.id))
                check_everyone(session)
    if session.refusal(End()) is None:
        session.apply(End(reason="the test has seen enough"))
    assert session.table.conclusion is not None
    assert set(session.table.fired) == {i.id for i in treaty.injects}, "every inject fired"
    check_everyone(session)


def test_a_view_still_tells_its_own_role_what_it_may_know(treaty: Exercise) -> None:
    """The narrowing leaves a role its own secrets: the test above passes by more than silence."""
    session = Session(treaty, 5)
    session.apply(Start())
    session.apply(Advance())
    session.apply(Message(actor="usa", to="dprk", text=MESSAGES["usa", "dprk"]))
    private = next(i for i in treaty.injects if i.private)
    session.apply(FireInject(inject=private.id))
    session.apply(End(reason="enough"))
    for role in private.private:
        view = role_view(session, role)
        assert [n.private for n in view.injects] == [private.private[role]]
        assert view.exercise.inject(private.id).effects == [
            e for e in private.effects if e.role == role
        ]
    dprk = role_view(session, "dprk")
    assert MESSAGES["usa", "dprk"] in strings(dprk.events)
    assert dprk.exercise.role("dprk") == treaty.role("dprk")
    assert dprk.conclusion is not None and set(dprk.conclusion.scores) == {"dprk"}
