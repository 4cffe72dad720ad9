"""The session as it stands: the table, the rounds, and what has been settled.

Proposals and ratifications are plain frozen dataclasses: the fold replaces
them on every support and signature, and that has to be cheap.

`Table` is the working state the fold updates in place (cheap to copy, so a
decision can be tried on a copy and thrown away). `SessionState` is the
immutable snapshot handed to the UI and printed by `tabletop log state`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from tabletop.engine.clock import TurnTime
from tabletop.engine.phases import ENDED_PHASES, TURN_PHASES, Phase
from tabletop.exercise.conditions import Ending
from tabletop.exercise.model import Exercise

ProposalStatus = Literal["live", "withdrawn", "superseded"]
Standing = Literal["live", "withdrawn", "superseded", "agreed", "set aside", "not agreed"]
"""A proposal's status as every screen and the report word it (see `standing`)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True, slots=True)
class Rejection:
    role: str
    reason: str


@dataclass(frozen=True, slots=True)
class Proposal:
    """A package on the table, who stands behind it and who turned it down."""

    id: int
    author: str
    package: dict[str, str]
    parent: int | None
    round: int
    seq: int
    status: ProposalStatus = "live"
    supporters: tuple[str, ...] = ()
    rejections: tuple[Rejection, ...] = ()

    def but(
        self,
        *,
        status: ProposalStatus | None = None,
        supporters: tuple[str, ...] | None = None,
        rejections: tuple[Rejection, ...] | None = None,
    ) -> Proposal:
        """This proposal with what the fold changes, for a fraction of `dataclasses.replace`."""
        return Proposal(
            self.id,
            self.author,
            self.package,
            self.parent,
            self.round,
            self.seq,
            self.status if status is None else status,
            self.supporters if supporters is None else supporters,
            self.rejections if rejections is None else rejections,
        )


@dataclass(frozen=True, slots=True)
class Ratification:
    """A proposal under signature: the required signatories sign in turn order."""

    proposal: int
    signatories: tuple[str, ...]
    signed: tuple[str, ...] = ()

    @property
    def pending(self) -> str | None:
        return next((r for r in self.signatories if r not in self.signed), None)


class Conclusion(_Frozen):
    ending: Ending
    outcome: str
    package: dict[str, str] | None
    scores: dict[str, int]
    reason: str = ""


def standing(proposal: Proposal, phase: Phase, conclusion: Conclusion | None) -> Standing:
    """How a proposal stands, the one place that words it for every screen and the report.

    The log keeps `status` as the acts left it, so a proposal still on the
    table when the talks end is "live" there. Once they are over none is:
    the package signed reads "agreed", the others "set aside" beside it, and
    all "not agreed" after a breakdown, deadline, walk-out or abort. (No two
    live proposals share a package, so the package names the agreed one.)
    """
    if proposal.status != "live" or phase not in ENDED_PHASES:
        return proposal.status
    if conclusion is None or conclusion.package is None:
        return "not agreed"
    return "agreed" if proposal.package == conclusion.package else "set aside"


class Table:
    """Working state; `phase` is read and written by the phase machine."""

    __slots__ = (
        "always_signing",
        "backing",
        "candidates",
        "clock",
        "conclusion",
        "fired",
        "live",
        "opening_done",
        "order",
        "owns_proposals",
        "paused_from",
        "phase",
        "proposals",
        "ratification",
        "reservations",
        "round",
        "round_over",
        "rounds",
        "seq",
        "turn_began",
        "turn_index",
        "valuations",
        "walked_out",
    )

    def __init__(self, exercise: Exercise) -> None:
        self.phase: Phase = "setup"
        self.paused_from: Phase | None = None
        self.order: tuple[str, ...] = tuple(exercise.schedule.turn_order)
        self.round = 0
        self.rounds = exercise.schedule.rounds
        self.turn_index: int | None = None
        self.round_over = False
        self.opening_done = False
        self.proposals: dict[int, Proposal] = {}
        self.live: dict[int, Proposal] = {}
        """The live proposals by number, kept by the fold with `proposals`: bots and rules
        read them every turn, and most proposals of a long session are long dead."""
        self.owns_proposals = True
        """Whether `proposals` and `live` are this table's alone: a copy shares them until
        the fold first changes one (`fold.py` copies them then)."""
        self.backing: dict[str, frozenset[int]] = {}
        """Role → the proposals it supports, live or not, kept by the fold likewise."""
        self.always_signing: frozenset[str] = exercise.always_signing
        self.candidates: frozenset[int] = frozenset()
        """The live proposals every always-signing role supports, kept by the fold likewise:
        only they can be ready for signature, and the rules ask after every act."""
        self.ratification: Ratification | None = None
        self.walked_out: frozenset[str] = frozenset()
        self.fired: tuple[str, ...] = ()
        self.valuations: dict[str, dict[str, dict[str, int]]] = exercise.valuations
        self.reservations: dict[str, int] = {r.id: r.reservation for r in exercise.roles}
        self.conclusion: Conclusion | None = None
        self.seq = 0
        self.turn_began: datetime | None = None
        """When the turn under way (or the last one) began: its clock starts then."""
        self.clock: TurnTime | None = None
        """The turn clock as last stopped or set on this turn (`engine.clock`); None: untouched."""

    def copy(self) -> Table:
        """A copy safe to change through the fold: what it changes is copied, first.

        `proposals` and `live` are shared until the fold changes them on either
        table (`owns_proposals`): a session tries every act on a copy, most acts
        leave the proposals as they were, and a long session has many. Every
        other slot holds an immutable value or a mapping the fold replaces whole
        (`backing` too: its sets are immutable), so it is shared. Spelt out slot
        by slot: a decision copies the table on every act, and a loop of getattr
        and setattr by name costs several times as much (a test
        checks that no slot is left out).
        """
        other = Table.__new__(Table)
        other.phase = self.phase
        other.paused_from = self.paused_from
        other.order = self.order
        other.round = self.round
        other.rounds = self.rounds
        other.turn_index = self.turn_index
        other.round_over = self.round_over
        other.opening_done = self.opening_done
        other.proposals = self.proposals
        other.live = self.live
        self.owns_proposals = other.owns_proposals = False
        other.backing = self.backing
        other.always_signing = self.always_signing
        other.candidates = self.candidates
        other.ratification = self.ratification
        other.walked_out = self.walked_out
        other.fired = self.fired
        other.valuations = self.valuations
        other.reservations = self.reservations
        other.conclusion = self.conclusion
        other.seq = self.seq
        other.turn_began = self.turn_began
        other.clock = self.clock
        return other

    def set_proposals(self, proposals: Iterable[Proposal]) -> None:
        """Lay these proposals on the table with the indexes the fold keeps in step: for a
        table rebuilt from what a seat was told, not folded from events."""
        self.proposals = {p.id: p for p in proposals}
        self.owns_proposals = True
        self.live = {n: p for n, p in self.proposals.items() if p.status == "live"}
        backing: dict[str, set[int]] = {}
        for proposal in self.proposals.values():
            for role in proposal.supporters:
                backing.setdefault(role, set()).add(proposal.id)
        self.backing = {role: frozenset(numbers) for role, numbers in backing.items()}
        self.candidates = frozenset(n for n, p in self.live.items() if self.backs_whole(p))

    def backs_whole(self, proposal: Proposal) -> bool:
        """Whether every always-signing role supports this live proposal (a candidate)."""
        return proposal.status == "live" and self.always_signing.issubset(proposal.supporters)

    @property
    def turn(self) -> str | None:
        """Whose turn it is: the next signatory in ratification, else the turn order's."""
        if self.phase == "ratification" and self.ratification is not None:
            return self.ratification.pending
        if self.phase in TURN_PHASES and self.turn_index is not None:
            return self.order[self.turn_index]
        return None

    @property
    def live_proposals(self) -> list[Proposal]:
        return list(self.live.values())

    def score(self, role: str, package: dict[str, str]) -> int:
        """A role's points for a package under the valuations in force now."""
        points = self.valuations[role]
        return sum(points[issue][option] for issue, option in package.items())

    def snapshot(self) -> SessionState:
        return SessionState(
            seq=self.seq,
            phase=self.phase,
            paused_from=self.paused_from,
            round=self.round,
            rounds=self.rounds,
            turn=self.turn,
            proposals=list(self.proposals.values()),
            ratification=self.ratification,
            walked_out=sorted(self.walked_out),
            fired=list(self.fired),
            reservations=dict(self.reservations),
            valuations=self.valuations,
            outcome=self.conclusion.outcome if self.conclusion else None,
            conclusion=self.conclusion,
            scores=dict(self.conclusion.scores) if self.conclusion else {},
        )


class SessionState(_Frozen):
    """The session at one moment, as Control sees it."""

    seq: int
    phase: Phase
    paused_from: Phase | None
    round: int
    rounds: int
    turn: str | None
    proposals: list[Proposal]
    ratification: Ratification | None
    walked_out: list[str]
    fired: list[str]
    reservations: dict[str, int]
    valuations: dict[str, dict[str, dict[str, int]]]
    outcome: str | None
    conclusion: Conclusion | None
    scores: dict[str, int]
