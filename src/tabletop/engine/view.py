"""What one delegation knows: the only window bots, delegation screens and seats get.

Its own valuations and reservation, the public table, the events it was
allowed to see, the injects fired so far with their public texts and its
own private ones, and of the end the outcome and its own score. Nothing
else of other delegations reaches it, so a screen, a bot or a remote seat
built on a view cannot leak what it never had. This module is the one home
of that rule for events and the conclusion; `Exercise.as_read_by` is its
home for the exercise.

A view is a snapshot: it holds the table as it was when taken (tables are
replaced, never changed, once committed) and works out its event history
and legal acts only when asked, since bots ask for a view every turn. The
session's table and history it keeps for that are private to it and never
handed out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from tabletop.engine import rules
from tabletop.engine.events import Event, made
from tabletop.engine.legal import LegalActs, LegalMemo, legal_acts
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
    """One delegation's window; `exercise` is what that delegation may read of it."""

    def __init__(
        self,
        exercise: Exercise,
        table: Table,
        events: Sequence[Event],
        role: str,
        legal: LegalActs | None = None,
        memo: LegalMemo | None = None,
    ):
        """`exercise` is read by `role` already (`Exercise.as_read_by`).

        `legal` is given when the table is not the session's own (a remote
        seat's copy); `memo` keeps a session's legal acts between views.
        """
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
        self.walked_out: frozenset[str] = table.walked_out
        self.ratification: Ratification | None = table.ratification
        self._legal = legal
        self._memo = memo

    @property
    def my_turn(self) -> bool:
        return self.turn == self.role.id

    @property
    def conclusion(self) -> Conclusion | None:
        """The outcome, with this role's own score alone."""
        return conclusion_for(self._table.conclusion, self.role.id)

    @property
    def walk_out_ends(self) -> bool:
        """Whether this delegation walking out would end the talks for everyone."""
        table = self._table
        return rules.walk_out_ends(self.exercise, table.order, table.walked_out | {self.role.id})

    @property
    def live_proposals(self) -> list[Proposal]:
        return self._table.live_proposals

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
            if self._memo is None:
                self._legal = legal_acts(self.exercise, self._table, self.role.id)
            else:
                self._legal = self._memo(self.exercise, self._table, self.role.id)
        return self._legal

    @cached_property
    def events(self) -> tuple[Event, ...]:
        """The events this role saw, up to the moment of the view, as it was told them."""
        return tuple(events_for(self._history[: self._count], self.role.id))

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
    reading = session.reading(role)
    return RoleView(reading, session.table, session.events, role, memo=session.legal_memo)


def conclusion_for(conclusion: Conclusion | None, role: str | None) -> Conclusion | None:
    """The end as `role` is told it (None: the public, as a projector shows it).

    The outcome and the agreed package are everyone's; of the scores, a
    delegation sees its own and no other (the participants' report does
    the same), and the public none.
    """
    if conclusion is None:
        return None
    scores = {r: s for r, s in conclusion.scores.items() if r == role}
    if scores == conclusion.scores:
        return conclusion
    return conclusion.model_copy(update={"scores": scores})


def events_for(events: Sequence[Event], role: str | None) -> list[Event]:
    """The events `role` may see, as it was told them (None: the public ones).

    Events addressed to others (messages between them, Control's notes)
    are left out; the end carries the role's own score alone.
    """
    shown = []
    for event in events:
        if role is None:
            if event.visible_to is not None:
                continue
        elif not event.visible_for(role):
            continue
        if event.kind == "concluded":
            payload = dict(event.payload)
            payload["scores"] = {r: s for r, s in payload["scores"].items() if r == role}
            event = made(event.seq, event.at, event.actor, event.kind, payload, event.visible_to)
        shown.append(event)
    return shown
