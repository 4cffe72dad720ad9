"""What every bot does with a turn; strategies differ in aspiration and readiness to say no.

A bot sees one `RoleView`, the window a delegation screen gets, and nothing
else: its own points and reservation, the public table and its own events.
It never needs the session, so it cannot leak what that role does not know.
"""

from __future__ import annotations

import math
import operator
import random
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from tabletop.bots.search import Layout, Plan, Scale, Search, Signals, layout
from tabletop.engine.acts import (
    Act,
    Amend,
    Decline,
    Pass,
    Propose,
    Reject,
    Sign,
    Statement,
    Support,
    WalkOut,
    Withdraw,
)
from tabletop.engine.rules import acceptable
from tabletop.engine.state import Proposal
from tabletop.engine.view import RoleView

OPENING_STATEMENTS = (
    "{name} comes to the table ready to listen and to find a package every delegation can sign.",
    "{name} seeks an agreement that serves every party at this table.",
    "{name} will judge every proposal on its merits and expects the same of others.",
    "{name} is here to reach a deal, though not at any price.",
)
REJECTIONS = (
    "{name} cannot accept this package as it stands.",
    "{name} needs a different balance across these issues before it can agree.",
)
"""Public words: they turn a package down without saying how it compares to no deal,
which would tell the table where the delegation's reservation lies."""
STATEMENT_CHANCE = 0.85
"""Most delegations speak at the opening; a few keep their counsel."""

WALK_OUTS = (
    "{name} sees nothing on the table worth more than walking away.",
    "{name} will not be party to a deal that leaves it worse off; it leaves the talks.",
)
WALK_OUT_CHANCE = 0.4
"""In the last round, with every proposal below its BATNA, a delegation may leave the table."""

EARLY_WALK_OUT_CHANCE = 0.25
"""From the next to last round, a delegation whose best live option is far below its BATNA
may leave before the deadline, as real delegations do, rather than wait to be outvoted."""

REJECT_CHANCE = 0.3
"""Rejecting now and then tells the table where a line is, without stalling every turn."""

FAR_BELOW = 0.1
"""A proposal this share of the role's range below its BATNA is worth a rejection now and then."""


class Draws:
    """The chance a bot's act turns on: the draws of `random.Random(seed)`.

    Seeding a generator costs more than most acts, and most acts draw
    nothing, so the generator is only seeded at the first draw.
    """

    __slots__ = ("_rng", "_seed")

    def __init__(self, seed: str) -> None:
        self._seed = seed
        self._rng: random.Random | None = None

    def _generator(self) -> random.Random:
        if self._rng is None:
            self._rng = random.Random(self._seed)
        return self._rng

    def random(self) -> float:
        return self._generator().random()

    def choice(self, options: Sequence[str]) -> str:
        return self._generator().choice(options)


class Bot(Protocol):
    """Anything that picks a role's next act from what that role knows."""

    def act(self, view: RoleView, rng: Draws) -> Act: ...


@dataclass(frozen=True)
class Style:
    """How a bot plays beside its strategy: the search it shares, and how often it offers.

    `bots_for` gives the bots of a session one style, so they share one
    `Search`; a simulation passes one to all its sessions.
    """

    search: Search = field(default_factory=Search)
    offer_every_turn: bool = False
    """Keep an offer standing, as NegMAS's negotiators offer every step: whenever it backs
    nothing that meets its aspiration, make one (propose or amend), rather than only when
    its search finds a package not yet on the table; failing that, it offers the next
    package it would take, down to its reservation. Backing one that meets it, it lets it
    stand: amending it for one no better would only swap the two back and forth."""


class Negotiator(ABC):
    """Supports what meets its aspiration, proposes what does, signs what is `acceptable`.

    A negotiator plays one session: it remembers what each proposal there is worth to it,
    and the search it made for the table as it last saw it.
    """

    reject_chance = REJECT_CHANCE
    """How often it says no to what is far below what it holds out for."""

    def __init__(self, style: Style | None = None) -> None:
        self.style = style or Style()
        self._scale: Scale | None = None
        self._scaled: Mapping[str, Mapping[str, int]] | None = None
        self._layout: Layout | None = None
        self._worth: dict[int, int] = {}
        self._planned: tuple[Sequence[Proposal], Plan] | None = None

    @abstractmethod
    def aspiration(self, view: RoleView, scale: Scale) -> float:
        """The least this role will settle for now, in its own points."""

    def act(self, view: RoleView, rng: Draws) -> Act:
        """The act for the role's turn (or signature); asked out of turn, a bot passes."""
        me = view.role.id
        if view.turn != me:
            return Pass(actor=me)
        if view.phase == "ratification":
            return self._ratify(view)
        if view.phase == "opening":
            if rng.random() < STATEMENT_CHANCE:
                text = rng.choice(OPENING_STATEMENTS).format(name=view.role.name)
                return Statement(actor=me, text=text)
            return Pass(actor=me)
        return self._negotiate(view, rng)

    def scale(self, view: RoleView) -> Scale:
        """The role's points in search form, looked up again only when an inject changed them."""
        if self._scale is None or view.valuations is not self._scaled:
            if self._layout is None:
                self._layout = layout(view.exercise)
            self._scale = self.style.search.scale(self._layout, view.valuations)
            self._scaled = view.valuations
            self._worth = {}
            self._planned = None
        return self._scale

    def worth(self, view: RoleView, proposal: Proposal) -> int:
        """The role's points for a proposal, worked out once per proposal and set of points.

        A proposal's package never changes, and a bot weighs every live one every
        turn. Call `scale` first in a turn: it forgets these when the points change.
        """
        points = self._worth.get(proposal.id)
        if points is None:
            points = self._worth[proposal.id] = view.score(proposal.package)
        return points

    def signals(self, view: RoleView, scale: Scale, live: list[Proposal]) -> Signals:
        """What the package it proposes should have most of, given its floor: support.

        Worked out from the proposals alone (`plan` relies on it).
        """
        return scale.signals(live, view.role.id)

    def plan(self, view: RoleView, scale: Scale, live: list[Proposal]) -> Plan:
        """The search for this table, made again only when the proposals changed.

        Most turns leave them as they were (a pass, a round starting), and a
        proposal, once changed, is a new object: the same objects in the same
        order are the same proposals. Call `scale` first in a turn.
        """
        proposals = view.proposals
        last = self._planned
        if (
            last is not None
            and len(last[0]) == len(proposals)
            and all(map(operator.is_, last[0], proposals))
        ):
            return last[1]
        plan = self.style.search.plan(scale, self.signals(view, scale, live))
        self._planned = (proposals, plan)
        return plan

    def _ratify(self, view: RoleView) -> Act:
        me = view.role.id
        assert view.ratification is not None
        number = view.ratification.proposal
        package = next(p.package for p in view.proposals if p.id == number)
        if acceptable(view.score(package), view.reservation):
            return Sign(actor=me)
        return Decline(actor=me, reason="we cannot sign this package as it stands")

    def _negotiate(self, view: RoleView, rng: Draws) -> Act:
        me = view.role.id
        scale = self.scale(view)
        floor = max(math.ceil(self.aspiration(view, scale)), view.reservation)
        live = view.live_proposals
        score = {p.id: self.worth(view, p) for p in live}
        legal = view.legal

        # Late in the talks, nothing that anyone else backs meets what we hold out for:
        # the table has failed us, and backing or withdrawing alone will not save it. In
        # the last round that is enough to leave; a round before, only if the best on the
        # table is far below what we have without a deal.
        if view.round >= view.rounds - 1 and _hopeless(live, score, floor, me):
            line = view.reservation - FAR_BELOW * (scale.best - scale.worst)
            if (view.round >= view.rounds and rng.random() < WALK_OUT_CHANCE) or (
                view.round == view.rounds - 1
                and live
                and max(score.values()) < line
                and rng.random() < EARLY_WALK_OUT_CHANCE
            ):
                reason = rng.choice(WALK_OUTS).format(name=view.role.name)
                return WalkOut(actor=me, reason=reason)

        backable = [p for p in live if p.id in legal.support and score[p.id] >= floor]
        if backable:
            # Back what others have not turned down and most already back: it is
            # likeliest to go to signature.
            chosen = max(
                backable, key=lambda p: (-len(p.rejections), len(p.supporters), score[p.id], p.id)
            )
            return Support(actor=me, proposal=chosen.id)

        slipped = [
            p for p in live if p.id in legal.withdraw and p.author != me and score[p.id] < floor
        ]
        if slipped:
            return Withdraw(actor=me, proposal=min(slipped, key=lambda p: score[p.id]).id)

        # What is far below what we hold out for now is worth saying no to: a hard
        # bargainer, holding out longer, objects to more. Offering every turn, a bot
        # counters rather than rejects, as in NegMAS.
        if not self.style.offer_every_turn:
            objection = floor - FAR_BELOW * (scale.best - scale.worst)
            far = [p for p in live if p.id in legal.reject and score[p.id] < objection]
            if far and rng.random() < self.reject_chance:
                return _reject(view, min(far, key=lambda p: score[p.id]), rng)

        if "propose" in legal:
            plan = self.plan(view, scale, live)
            package = plan.most_acceptable(floor)
            on_table = [p.package for p in live]
            if package is not None and package not in on_table:
                return _put(view, package, live)
            if self.style.offer_every_turn and not _holding(live, score, floor, me):
                offers = plan.offers(floor, view.reservation)
                fresh = next((o for o in offers if o not in on_table), None)
                if fresh is not None:
                    return _put(view, fresh, live)
        unacceptable = [
            p
            for p in live
            if p.id in legal.reject and not acceptable(score[p.id], view.reservation)
        ]
        if unacceptable:
            # With nothing better to do, tell the table what will never do.
            return _reject(view, min(unacceptable, key=lambda p: score[p.id]), rng)
        return Pass(actor=me)


def _hopeless(live: list[Proposal], score: dict[int, int], floor: int, me: str) -> bool:
    """Whether no live proposal that anyone else backs is `acceptable` at our floor."""
    return not any(acceptable(score[p.id], floor) and set(p.supporters) - {me} for p in live)


def _holding(live: list[Proposal], score: dict[int, int], floor: int, me: str) -> bool:
    """Whether we back a live proposal that meets our floor: an offer standing, as good as any
    other we could make now, so there is nothing to counter with."""
    return any(me in p.supporters and score[p.id] >= floor for p in live)


def _reject(view: RoleView, proposal: Proposal, rng: Draws) -> Act:
    reason = rng.choice(REJECTIONS).format(name=view.role.name)
    return Reject(actor=view.role.id, proposal=proposal.id, reason=reason)


def _put(view: RoleView, package: dict[str, str], live: list[Proposal]) -> Act:
    """Propose the package: as an amendment of our own proposal, or of a near one, or afresh.

    Amending our own proposal supersedes it, so a bot keeps one proposal on
    the table; amending a close proposal of another shows where we move from.
    """
    me = view.role.id
    own = [p for p in live if p.author == me]
    others = [p for p in live if p.author != me]
    if own:
        base = own[-1]
    elif others:
        base = max(others, key=lambda p: (len(p.supporters), p.id))
        if _distance(base.package, package) > len(package) // 2:
            return Propose(actor=me, package=package)
    else:
        return Propose(actor=me, package=package)
    changes = {issue: option for issue, option in package.items() if base.package[issue] != option}
    return Amend(actor=me, proposal=base.id, changes=changes)


def _distance(one: dict[str, str], other: dict[str, str]) -> int:
    """How many issues two packages settle differently."""
    return sum(1 for issue, option in one.items() if other[issue] != option)
