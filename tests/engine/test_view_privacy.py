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

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from tabletop.bots.autoplay import bots_for, play_until_human
from tabletop.engine.acts import Advance, Annotate, End, FireInject, Message, Start
from tabletop.engine.session import Session
from tabletop.engine.view import RoleView, role_view
from tabletop.exercise.loader import load
from tabletop.exercise.model import HIDDEN, Exercise

TREATY = Path(__file__).parents[2] / "exercises" / "treaty-for-security.yaml"
MESSAGES = {
    ("usa", "dprk"): "PRIVATE usa to dprk: we can move on sanctions",
    ("china", "rok"): "PRIVATE china to rok: Beijing wants a freeze first",
    ("russia", "usa"): "PRIVATE russia to usa: Moscow will not block",
}
NOTE = "CONTROL ONLY: the DPRK delegation looks ready to walk"


@pytest.fixture(scope="module")
def treaty() -> Exercise:
    return load(TREATY)


def words(text: str) -> str:
    return " ".join(text.split())


def sentences(text: str) -> set[str]:
    """The long sentences of a text: each one specific to it."""
    return {words(p) for p in text.replace("\n", " ").split(". ") if len(p) > 50}


def secrets_of(session: Session, reader: str) -> set[str]:
    """What only other roles and Control may read now, as texts to search for."""
    exercise = session.exercise
    public = words(
        " ".join(
            [r.public_briefing for r in exercise.roles]
            + strings([exercise.issues, exercise.outcomes, exercise.sources])
        )
    )
    kept: set[str] = set()
    for role in exercise.roles:
        if role.id != reader:
            kept |= {s for s in sentences(role.confidential_briefing) if s not in public}
    own = {words(i.private[reader]) for i in exercise.injects if reader in i.private}
    for inject in exercise.injects:
        kept |= {words(t) for r, t in inject.private.items() if r != reader} - own
        if inject.id not in session.table.fired:
            kept |= {t for t in (words(inject.title), words(inject.text)) if t not in public}
    kept |= {text for pair, text in MESSAGES.items() if reader not in pair}
    kept.add(NOTE)
    return kept


def strings(value: Any) -> list[str]:
    """Every text reachable from a value, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, BaseModel):
        return strings(value.model_dump())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return strings({f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in (*strings(key), *strings(item))]
    if isinstance(value, list | tuple | set | frozenset):
        return [s for item in value for s in strings(item)]
    return []


def shown(view: RoleView) -> dict[str, Any]:
    """Everything a view hands out: its public attributes and what it works out."""
    public = {name: value for name, value in vars(view).items() if not name.startswith("_")}
    legal = view.legal
    return public | {"events": view.events, "injects": view.injects, "legal": legal.reasons}


def check(session: Session, view: RoleView) -> None:
    me = view.role.id
    reading = view.exercise
    text = words(" ".join(strings(shown(view))))
    leaked = {secret for secret in secrets_of(session, me) if secret in text}
    assert not leaked, f"{me} is shown {leaked}"
    assert sentences(session.exercise.role(me).confidential_briefing) <= sentences(
        reading.role(me).confidential_briefing
    )

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
        ready = [i for i in treaty.injects if session.refusal(FireInject(inject=i.id)) is None]
        if ready:
            session.apply(FireInject(inject=ready[0].id))
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
