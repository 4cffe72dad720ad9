"""What a seat is sent: a delegation's `RoleView`, or the public table, put on the wire.

Secrecy is the engine's: a delegation's picture is its `RoleView` and
nothing else, and the events and exercise a seat is sent are narrowed by
the engine's own rules (`events_for`, `Exercise.as_read_by`), the ones its
view follows. Nothing here decides what a seat may know.
"""

from __future__ import annotations

from collections.abc import Sequence

from tabletop.engine import Event, RoleView
from tabletop.engine.state import Table
from tabletop.engine.view import conclusion_for, events_for
from tabletop.net.protocol import Legal, Picture


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
        conclusion=view.conclusion,
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
        conclusion=conclusion_for(table.conclusion, None),
        remaining=remaining,
    )


def events_since(events: Sequence[Event], role: str | None, since: int) -> list[Event]:
    """The events after `since` a seat may see, as the view tells them (`events_for`)."""
    return events_for(events[since:], role)  # event n is at index n - 1
