"""What a seat is sent: a delegation's `RoleView`, or the public table, put on the wire.

Secrecy is the engine's: a delegation's picture is built from its `RoleView`
and nothing else, in `picture`. This module only narrows further what the
view still carries that a screen never shows but a payload could leak:
other roles' inject effects (their points and reservations), Control's
script (injects not yet fired, their triggers and odds), and every score
but the seat's own in a conclusion.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tabletop.engine import Event, RoleView
from tabletop.engine.events import made
from tabletop.engine.state import Conclusion, Table
from tabletop.exercise.model import Exercise, Inject, ReservationEffect, ValuationEffect
from tabletop.net.protocol import Legal, Picture

HIDDEN = "(confidential to another delegation)"


def picture(view: RoleView, remaining: int | None) -> Picture:
    """A delegation's picture: the one place a `RoleView` becomes what a remote seat sees."""
    legal = view.legal
    role = view.role.id
    return Picture(
        seq=view.seq,
        role=role,
        phase=view.phase,
        round=view.round,
        rounds=view.rounds,
        turn=view.turn,
        proposals=list(view.proposals),
        ratification=view.ratification,
        walked_out=sorted(view.walked_out),
        conclusion=_conclusion_for(view.conclusion, role),
        valuations=view.valuations,
        reservation=view.reservation,
        legal=Legal(
            kinds=sorted(legal.kinds),
            support=list(legal.support),
            withdraw=list(legal.withdraw),
            reject=list(legal.reject),
            amend=list(legal.amend),
            message_to=list(legal.message_to),
            reasons=dict(legal.reasons),
        ),
        remaining=remaining,
    )


def public_picture(table: Table, remaining: int | None) -> Picture:
    """The projector's picture: what every delegation sees in common, and nothing of anyone's."""
    return Picture(
        seq=table.seq,
        role=None,
        phase=table.phase,
        round=table.round,
        rounds=table.rounds,
        turn=table.turn,
        proposals=list(table.proposals.values()),
        ratification=table.ratification,
        walked_out=sorted(table.walked_out),
        conclusion=_conclusion_for(table.conclusion, None),
        remaining=remaining,
    )


def _conclusion_for(conclusion: Conclusion | None, role: str | None) -> Conclusion | None:
    if conclusion is None:
        return None
    scores = {r: s for r, s in conclusion.scores.items() if r == role}
    return conclusion.model_copy(update={"scores": scores})


def events_for(events: Sequence[Event], role: str | None, since: int) -> list[Event]:
    """The events after `since` a seat may see (a projector: the public ones), scores narrowed."""
    shown = []
    for event in events[since:]:  # event n is at index n - 1
        if not (event.visible_for(role) if role is not None else event.visible_to is None):
            continue
        if event.kind == "concluded":
            payload = dict(event.payload)
            payload["scores"] = {r: s for r, s in payload["scores"].items() if r == role}
            event = made(event.seq, event.at, event.actor, event.kind, payload, event.visible_to)
        shown.append(event)
    return shown


def exercise_for(exercise: Exercise, role: str | None, fired: Iterable[str]) -> Exercise:
    """The exercise as a seat may read it: a delegation's reading, or the public one.

    Of the injects, only those already fired, each with the seat's own
    private text and effects; the rest is Control's script.
    """
    if role is not None:
        reading = exercise.as_read_by(role)
    else:
        hidden = {"confidential_briefing": HIDDEN, "reservation": 0}
        reading = exercise.model_copy(
            update={
                "roles": [r.model_copy(update=hidden) for r in exercise.roles],
                "valuations": {},
            }
        )
    done = set(fired)
    injects = [_inject_for(i, role) for i in reading.injects if i.id in done]
    return reading.model_copy(update={"injects": injects})


def _inject_for(inject: Inject, role: str | None) -> Inject:
    effects: list[ValuationEffect | ReservationEffect] = [
        e for e in inject.effects if e.role == role
    ]
    private = {r: text for r, text in inject.private.items() if r == role}
    return inject.model_copy(
        update={"private": private, "effects": effects, "trigger": None, "probability": 1.0}
    )
