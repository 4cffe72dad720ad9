"""Series over a session's history, for the outcome chart and the debrief.

Scores use the valuations in force at each moment, so a chart shows how the
table looked to each delegation then, injects included.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tabletop.engine import rules
from tabletop.engine.events import Event
from tabletop.engine.fold import QUIET_KINDS
from tabletop.engine.session import Session
from tabletop.engine.state import Table
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
    sampler = Sampler(exercise, seed)
    leading: list[LeadingPoint] = []
    concessions: dict[str, list[ConcessionPoint]] = {r: [] for r in exercise.role_ids}
    for event in events:
        point, concession = sampler.sample(event)
        leading.append(point)
        if concession is not None:
            concessions[event.actor].append(concession)
    return History(leading, concessions)


class Sampler:
    """The table sampled after each event, one event at a time (for a log too long to hold)."""

    def __init__(self, exercise: Exercise, seed: int) -> None:
        self._session = Session(exercise, seed, keep_events=False)
        self._roles = exercise.role_ids
        self._leading: tuple[int | None, dict[str, int | None]] | None = None

    @property
    def table(self) -> Table:
        """The table after the last event sampled (a replay keeps copies as checkpoints)."""
        return self._session.table

    def sample(self, event: Event) -> tuple[LeadingPoint, ConcessionPoint | None]:
        """Fold `event`; the leading proposal's scores then, and the concession it makes."""
        session = self._session
        session.replay(event)
        table = session.table
        if self._leading is None or event.kind not in QUIET_KINDS:
            # Talk leaves the leading proposal and its scores as they were: in a
            # long log that is most events, and working them out again would
            # be most of the cost.
            top = rules.leading(table)
            scores = {r: table.score(r, top.package) if top else None for r in self._roles}
            self._leading = (top.id if top else None, scores)
        proposal, scores = self._leading
        point = LeadingPoint(seq=event.seq, round=table.round, proposal=proposal, scores=scores)
        if event.kind != "proposed":
            return point, None
        return point, ConcessionPoint(
            seq=event.seq,
            round=table.round,
            proposal=event.payload["proposal"],
            score=table.score(event.actor, event.payload["package"]),
            reservation=table.reservations[event.actor],
        )
