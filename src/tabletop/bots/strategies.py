"""The strategies: how fast a bot lowers its aspiration from its best package to its BATNA.

Time-based bots follow the classic concession curve
`best - (best - reservation) * t ** (1 / e)`, where `t` runs from 0 in the
first round to 1 in the last: Boulware (e < 1) holds out and gives way at
the deadline, a conceder (e > 1) gives way early, linear in between. A
Boulware also holds out: its curve ends a margin above its BATNA, and it says
no to what is far below its demand nearly every time, where a conceder seldom
does. The reciprocating bot mirrors the others instead (tit for tat).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from tabletop.bots.bargain import estimate, nearest_nash
from tabletop.bots.base import REJECT_CHANCE, Bot, Draws, Negotiator, Style
from tabletop.bots.base import _put as offer
from tabletop.bots.estimates import joint_interest
from tabletop.bots.search import Scale, Signals
from tabletop.engine.acts import Act, Support
from tabletop.engine.state import Proposal
from tabletop.engine.view import RoleView

BOULWARE = 0.2
LINEAR = 1.0
CONCEDER = 3.0
BOULWARE_HOLD = 0.15
"""The share of its range above its BATNA a Boulware bot never gives up: it holds out."""
BOULWARE_OBJECTS = 0.9
"""A hard bargainer says no, nearly every time, to what is far below its demand."""
CONCEDER_OBJECTS = 0.1
"""A conceder seldom rejects: it would rather find something both sides can take."""


def progress(view: RoleView) -> float:
    """How far the talks are towards the deadline: 0 in the first round, 1 from the next to last.

    Turns go in order, so an offer made in the last round reaches only the
    delegations after its author: conceding fully a round early leaves time
    for every delegation to answer.
    """
    if view.rounds <= 1:
        return 1.0
    return min(max((view.round - 1) / max(view.rounds - 2, 1), 0.0), 1.0)


def concession(best: int, reservation: int, t: float, eagerness: float, hold: float = 0.0) -> float:
    """The aspiration at time `t` of a bot conceding with exponent `eagerness`.

    It falls from `best` to `hold` of the way from its reservation to its best:
    a hard bargainer keeps a margin above its BATNA even at the deadline.
    """
    target = reservation + hold * (best - reservation)
    return best - (best - target) * math.pow(t, 1 / eagerness)


class TimeBased(Negotiator):
    """Concedes on the clock alone, whatever the others do, down to its `hold`."""

    def __init__(
        self,
        eagerness: float,
        hold: float = 0.0,
        objects: float = REJECT_CHANCE,
        style: Style | None = None,
    ) -> None:
        super().__init__(style)
        self.eagerness = eagerness
        self.hold = hold
        self.reject_chance = objects

    def aspiration(self, view: RoleView, scale: Scale) -> float:
        return concession(scale.best, view.reservation, progress(view), self.eagerness, self.hold)


class Reciprocating(Negotiator):
    """Tit for tat: starts at its best package and gives up as much as the others have.

    A delegation's concession is how much better, in this bot's own points,
    its latest proposal is than its first; the bot concedes the mean of
    these. Two such bots would each wait for the other for ever, so the
    deadline pulls the aspiration down as it does a Boulware's.
    """

    def aspiration(self, view: RoleView, scale: Scale) -> float:
        me = view.role.id
        first: dict[str, int] = {}
        latest: dict[str, int] = {}
        for proposal in view.proposals:
            if proposal.author == me:
                continue
            points = self.worth(view, proposal)
            first.setdefault(proposal.author, points)
            latest[proposal.author] = points
        conceded = [max(latest[r] - first[r], 0) for r in first]
        mirrored = scale.best - (sum(conceded) / len(conceded) if conceded else 0.0)
        deadline = concession(scale.best, view.reservation, progress(view), BOULWARE)
        return min(mirrored, deadline)


class Integrative(TimeBased):
    """Concedes on the clock like a linear bot, but proposes for joint gain.

    Of the packages that meet its aspiration, it proposes the one the others
    should like best by its estimate of their interests (`joint_interest`),
    built from the public table only. As its aspiration falls it walks along
    its estimate of the frontier, towards where every delegation gains.
    """

    def __init__(self, style: Style | None = None) -> None:
        super().__init__(LINEAR, style=style)

    def signals(self, view: RoleView, scale: Scale, live: list[Proposal]) -> Signals:
        return joint_interest(scale, view.proposals, view.role.id)


NASH_HOLD = 0.05
"""Until the last round, the share of its range above its BATNA a Nash-seeking bot keeps: a
package that leaves any role no gain has a product of nothing, so it holds out for a little."""
NEAR_GOAL = 0.5
"""How far below its goal's estimated log product of gains a proposal it backs may come:
nothing in the first round, up to this much as the deadline nears; from the next to last
round on, anything it can back, lest the table close on nothing."""


class NashSeeking(TimeBased):
    """Concedes on the clock like a linear bot, but seeks the Nash package.

    It estimates the others' points and reservations from the public table
    (`bargain.estimate`). Its goal is the package with the largest estimated
    product of gains among those that meet its aspiration: it backs the
    proposal most backed of those that come near its goal, or else puts its
    goal on the table. With its goal on the table and nothing near it to back,
    it plays on as a linear bot, towards what the others back.
    """

    def __init__(self, style: Style | None = None) -> None:
        super().__init__(LINEAR, hold=NASH_HOLD, style=style)

    def aspiration(self, view: RoleView, scale: Scale) -> float:
        # In the last round anything acceptable will do: failing to agree gains nobody anything.
        if view.round >= view.rounds:
            return view.reservation
        return super().aspiration(view, scale)

    def _negotiate(self, view: RoleView, rng: Draws) -> Act:
        me = view.role.id
        scale = self.scale(view)
        floor = max(math.ceil(self.aspiration(view, scale)), view.reservation)
        found = estimate(scale, view.proposals, me, view.reservation, view.walked_out)
        goal = nearest_nash(found, self.style.search, floor)
        if goal is None:
            return super()._negotiate(view, rng)
        t = progress(view)
        line = found.log_product(goal) - NEAR_GOAL * t if t < 1 else -math.inf
        live, legal = view.live_proposals, view.legal
        near = [
            (len(p.supporters), log, p.id)
            for p in live
            if p.id in legal.support
            and self.worth(view, p) >= floor
            and (log := found.log_product(p.package)) >= line
        ]
        if near:
            return Support(actor=me, proposal=max(near)[2])
        if "propose" in legal and all(p.package != goal for p in live):
            return offer(view, goal, live)
        return super()._negotiate(view, rng)


STRATEGIES: dict[str, Callable[[Style], Bot]] = {
    "boulware": lambda style: TimeBased(BOULWARE, BOULWARE_HOLD, BOULWARE_OBJECTS, style),
    "linear": lambda style: TimeBased(LINEAR, style=style),
    "conceder": lambda style: TimeBased(CONCEDER, objects=CONCEDER_OBJECTS, style=style),
    "reciprocating": Reciprocating,
    "integrative": Integrative,
    "nash": NashSeeking,
}
"""Strategy name → a fresh bot playing in a style; each role gets its own bot."""

ROTATION = ("boulware", "linear", "conceder", "reciprocating")
"""The strategies a simulation deals out to roles given none, in turn: the classic four, so
that a strategy added later changes no existing simulation."""


class UnknownStrategy(ValueError):
    """A strategy name that is not in `STRATEGIES`."""


def check_strategy(name: str) -> str:
    """The name, if it is a strategy; else UnknownStrategy saying which there are."""
    if name not in STRATEGIES:
        raise UnknownStrategy(f"unknown strategy {name!r}: choose one of {', '.join(STRATEGIES)}")
    return name


def make_bot(name: str, style: Style | None = None) -> Bot:
    """A new bot playing the named strategy (in a style of its own unless given one)."""
    return STRATEGIES[check_strategy(name)](style or Style())
