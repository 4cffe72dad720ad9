"""What one delegation knows: the only window bots and delegation screens get.

Its own valuations and reservation, the public table, the events it was
allowed to see, and the private texts of injects addressed to it. Nothing
else of other delegations reaches it, so a screen or a bot built on a view
cannot leak what it never had.

A view is a snapshot: it holds the table as it was when taken (tables are
replaced, never changed, once committed) and works out its event history
and legal acts only when asked, since bots ask for a view every turn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from tabletop.engine import rules
from tabletop.engine.events import Event
from tabletop.engine.legal import LegalActs, legal_acts
from tabletop.engine.phases import Phase
from tabletop.engine.session import Session
from tabletop.engine.state import Conclusion, Proposal, Ratification, Table
from tabletop.exercise.model import Exercise, Role


@dataclass(frozen=True)
class InjectNotice:
    inject: str
    title: str
    text: str
    private: str | None
    seq: int


class RoleView:
    """One delegation's window; `exercise` is redacted to what that delegation may read."""

    def __init__(
        self,
        exercise: Exercise,
        table: Table,
        events: Sequence[Event],
        role: str,
        legal: LegalActs | None = None,
    ):
        """`legal` is given when the table is not the session's own (a remote seat's copy)."""
        self.exercise = exercise
        self.role: Role = exercise.role(role)
        self._table = table
        self._history = events
        self._count = len(events)
        self.seq = table.seq
        self.phase: Phase = table.phase
        self.round = table.round
        self.rounds = table.rounds
        self.turn = table.turn
        self.proposals: tuple[Proposal, ...] = tuple(table.proposals.values())
        self.valuations: dict[str, dict[str, int]] = table.valuations[role]
        self.reservation: int = table.reservations[role]
        self.conclusion: Conclusion | None = table.conclusion
        self.walked_out: frozenset[str] = table.walked_out
        self.ratification: Ratification | None = table.ratification
        self.walk_out_ends: bool = rules.walk_out_ends(
            exercise, table.order, table.walked_out | {role}
        )
        """Whether this delegation walking out would end the talks for everyone."""
        self._legal = legal

    @property
    def my_turn(self) -> bool:
        return self.turn == self.role.id

    @property
    def live_proposals(self) -> list[Proposal]:
        return [p for p in self.proposals if p.status == "live"]

    def score(self, package: dict[str, str]) -> int:
        """This role's points for a package, as it values things now."""
        return sum([self.valuations[issue][option] for issue, option in package.items()])

    @property
    def legal(self) -> LegalActs:
        """What this role may do now, worked out at the first read.

        Not a `cached_property`: before Python 3.12 its first read takes a
        lock, and bots read this from a new view every turn.
        """
        if self._legal is None:
            self._legal = legal_acts(self.exercise, self._table, self.role.id)
        return self._legal

    @cached_property
    def events(self) -> tuple[Event, ...]:
        """The events this role saw, up to the moment of the view."""
        role = self.role.id
        return tuple(e for e in self._history[: self._count] if e.visible_for(role))

    @cached_property
    def injects(self) -> tuple[InjectNotice, ...]:
        """Injects as this role was told them: the public text and its own private one."""
        notices = []
        for event in self.events:
            if event.kind == "inject_fired":
                inject = self.exercise.inject(event.payload["inject"])
                notices.append(
                    InjectNotice(
                        inject=inject.id,
                        title=inject.title,
                        text=inject.text,
                        private=inject.private.get(self.role.id),
                        seq=event.seq,
                    )
                )
        return tuple(notices)


def role_view(session: Session, role: str) -> RoleView:
    return RoleView(session.exercise.as_read_by(role), session.table, session.events, role)
