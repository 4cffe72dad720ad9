"""What one delegation knows: the only window bots and delegation screens get.

Its own valuations and reservation, the public table, the events it was
allowed to see, and the private texts of injects addressed to it. Nothing
else of other delegations reaches it, so a screen or a bot built on a view
cannot leak what it never had.
"""

from __future__ import annotations

from dataclasses import dataclass

from tabletop.engine.events import Event
from tabletop.engine.legal import LegalActs
from tabletop.engine.session import Session
from tabletop.engine.state import Conclusion, Phase, Proposal
from tabletop.exercise.model import Exercise, Role


@dataclass(frozen=True)
class InjectNotice:
    inject: str
    title: str
    text: str
    private: str | None
    seq: int


@dataclass(frozen=True)
class RoleView:
    exercise: Exercise
    role: Role
    phase: Phase
    round: int
    rounds: int
    turn: str | None
    proposals: tuple[Proposal, ...]
    valuations: dict[str, dict[str, int]]
    reservation: int
    events: tuple[Event, ...]
    injects: tuple[InjectNotice, ...]
    legal: LegalActs
    conclusion: Conclusion | None
    walked_out: frozenset[str]
    signatories_pending: str | None

    @property
    def my_turn(self) -> bool:
        return self.turn == self.role.id

    def score(self, package: dict[str, str]) -> int:
        """This role's points for a package, as it values things now."""
        return sum(self.valuations[issue][option] for issue, option in package.items())

    @property
    def live_proposals(self) -> list[Proposal]:
        return [p for p in self.proposals if p.status == "live"]


def role_view(session: Session, role_id: str) -> RoleView:
    exercise = session.exercise
    table = session.table
    events = tuple(e for e in session.events if e.visible_for(role_id))
    notices = tuple(
        InjectNotice(
            inject=inject.id,
            title=inject.title,
            text=inject.text,
            private=inject.private.get(role_id),
            seq=event.seq,
        )
        for event in events
        if event.kind == "inject_fired"
        for inject in [exercise.inject(event.payload["inject"])]
    )
    return RoleView(
        exercise=exercise,
        role=exercise.role(role_id),
        phase=table.phase,
        round=table.round,
        rounds=table.rounds,
        turn=table.turn,
        proposals=tuple(table.proposals.values()),
        valuations=table.valuations[role_id],
        reservation=table.reservations[role_id],
        events=events,
        injects=notices,
        legal=session.legal_acts(role_id),
        conclusion=table.conclusion,
        walked_out=table.walked_out,
        signatories_pending=table.ratification.pending if table.ratification else None,
    )
