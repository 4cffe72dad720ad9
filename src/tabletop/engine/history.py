"""Series over a session's history, for the outcome chart and the debrief.

Scores use the valuations in force at each moment, so a chart shows how the
table looked to each delegation then, injects included.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tabletop.engine import rules
from tabletop.engine.events import Event
from tabletop.engine.session import Session
from tabletop.exercise.model import Exercise


@dataclass(frozen=True)
class LeadingPoint:
    """Each role's score of the leading proposal after one event (None: nothing on the table)."""

    seq: int
    round: int
    proposal: int | None
    scores: dict[str, int | None]


@dataclass(frozen=True)
class ConcessionPoint:
    """A role's own score of a proposal it made, and its reservation then."""

    seq: int
    round: int
    proposal: int
    score: int
    reservation: int


@dataclass(frozen=True)
class History:
    leading: list[LeadingPoint]
    concessions: dict[str, list[ConcessionPoint]]


def history(exercise: Exercise, seed: int, events: Iterable[Event]) -> History:
    """Replay the events once, sampling the table after each."""
    session = Session(exercise, seed)
    roles = exercise.role_ids
    leading: list[LeadingPoint] = []
    concessions: dict[str, list[ConcessionPoint]] = {r: [] for r in roles}
    for event in events:
        session.replay(event)
        table = session.table
        top = rules.leading(table)
        leading.append(
            LeadingPoint(
                seq=event.seq,
                round=table.round,
                proposal=top.id if top else None,
                scores={r: table.score(r, top.package) if top else None for r in roles},
            )
        )
        if event.kind == "proposed":
            concessions[event.actor].append(
                ConcessionPoint(
                    seq=event.seq,
                    round=table.round,
                    proposal=event.payload["proposal"],
                    score=table.score(event.actor, event.payload["package"]),
                    reservation=table.reservations[event.actor],
                )
            )
    return History(leading, concessions)
