"""A remote seat's `RoleView`, rebuilt from what the host told it.

The delegation screen and the bots take a `RoleView`; a remote seat has no
session, only pictures and events. It rebuilds a table holding just what
the picture says, and takes its legal acts as told rather than working
them out from that partial table.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType

from tabletop.engine import Event, LegalActs, RoleView
from tabletop.engine.state import Table
from tabletop.exercise.model import Exercise
from tabletop.net.protocol import Legal, Picture


def told_view(exercise: Exercise, picture: Picture, events: Sequence[Event]) -> RoleView:
    """The view a delegation's picture describes; `exercise` as the host sent it."""
    role = picture.role
    if role is None or picture.valuations is None or picture.reservation is None:
        raise ValueError("a projector's picture has no role to view the session as")
    table = Table(exercise)
    table.seq = picture.seq
    table.phase = picture.phase
    table.round = picture.round
    table.rounds = picture.rounds
    if picture.turn is not None and picture.phase in ("opening", "negotiating"):
        table.turn_index = table.order.index(picture.turn)
    table.proposals = {p.id: p for p in picture.proposals}
    table.ratification = picture.ratification
    table.walked_out = frozenset(picture.walked_out)
    table.valuations = {role: picture.valuations}
    table.reservations = {role: picture.reservation}
    table.conclusion = picture.conclusion
    legal = _legal(role, picture.legal)
    return RoleView(exercise, table, events, role, legal)


def _legal(role: str, legal: Legal | None) -> LegalActs:
    if legal is None:
        return LegalActs(role, frozenset(), reasons=MappingProxyType({}))
    return LegalActs(
        actor=role,
        kinds=frozenset(legal.kinds),
        support=tuple(legal.support),
        withdraw=tuple(legal.withdraw),
        reject=tuple(legal.reject),
        amend=tuple(legal.amend),
        message_to=tuple(legal.message_to),
        reasons=MappingProxyType(dict(legal.reasons)),
    )
