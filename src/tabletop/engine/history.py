"""Series over a session's history, for the outcome chart and the debrief.

Scores use the valuations in force at each moment, so a chart shows how the
table looked to each delegation then, injects included.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
    session = Session(exercise, seed, keep_events=False)
    sampler = Sampler(exercise.role_ids)
    leading: list[LeadingPoint] = []
    concessions: dict[str, list[ConcessionPoint]] = {r: [] for r in exercise.role_ids}
    for event in events:
        session.replay(event)
        point, concession = sampler.sample(event, session.table)
        leading.append(point)
        if concession is not None:
            concessions[event.actor].append(concession)
    return History(leading, concessions)


Leader = tuple[int | None, dict[str, int | None]]
"""The leading proposal (None: nothing on the table) and each role's score of it."""


class Sampler:
    """The table sampled after each event, one event at a time (for a log too long to hold).

    It reads the table an event leaves rather than folding the events itself:
    a log's reader already has that table (the audit's), and folding a long
    log a second time would be a good share of reading it.
    """

    def __init__(self, roles: Sequence[str]) -> None:
        self._roles = roles
        self._leader: Leader | None = None

    def leader(self, event: Event, table: Table) -> Leader:
        """The leading proposal and its scores on `table`, the table `event` left.

        The same tuple while they cannot have changed, so a reader keeping only
        the changes can tell them by identity.
        """
        if self._leader is None or event.kind not in QUIET_KINDS:
            # Talk leaves the leading proposal and its scores as they were: in a
            # long log that is most events, and working them out again would
            # be most of the cost.
            top = rules.leading(table)
            scores = {r: table.score(r, top.package) if top else None for r in self._roles}
            self._leader = (top.id if top else None, scores)
        return self._leader

    def sample(self, event: Event, table: Table) -> tuple[LeadingPoint, ConcessionPoint | None]:
        """The leading proposal's scores after `event` (`table` the table it left), and the
        concession it makes."""
        proposal, scores = self.leader(event, table)
        point = LeadingPoint(seq=event.seq, round=table.round, proposal=proposal, scores=scores)
        return point, concession(event, table)


def concession(event: Event, table: Table) -> ConcessionPoint | None:
    """The concession `event` makes, if it is a proposal (`table` the table it left)."""
    if event.kind != "proposed":
        return None
    return ConcessionPoint(
        seq=event.seq,
        round=table.round,
        proposal=event.payload["proposal"],
        score=table.score(event.actor, event.payload["package"]),
        reservation=table.reservations[event.actor],
    )
