"""The Nash package as one delegation can estimate it: its own points, its guesses of the others'.

The Nash package maximises the product of every role's gain over its
reservation. A delegation knows only its own points and reservation; of the
others it has `interests`, read from the public table, and for their
reservations the guess that each sits where its own sits in its range. The
product is not additive, and the search (`Plan`) maximises additive signals,
so it is handed the product's tangent: each role's points weighted by the
inverse of its gain at a reference package, which a few such steps bring to
the estimated Nash package itself.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tabletop.bots.estimates import interests
from tabletop.bots.search import Scale, Search, Signals
from tabletop.engine.state import Proposal

NEAR_ZERO = 0.05
"""In the tangent, a gain at or below nothing counts as this share of the role's range: it
then pulls hard towards that role."""
BREAK_EVEN = 1e-6
"""In the log product, a gain at or below nothing counts as this share of the role's range."""
LOSS = 100.0
"""And each whole range a role loses by takes this much off the log product."""
STEPS = 3
"""Tangent steps towards the estimated Nash package, at most."""
CANDIDATES = 32
"""Packages of each search whose estimated product is worked out: the search keeps one per
score of the delegation's own, the most signal first."""
SIGNAL = 4096
"""The tangent's scale: the most weighted points a role can bring to a package."""


@dataclass(frozen=True)
class Estimate:
    """Every role's points per issue and option in the scale's order, and reservation.

    The delegation's own are exact (points above each issue's least-valued
    option); the others' are estimates in their own units, for those that have
    shown anything.
    """

    scale: Scale
    points: Mapping[str, Signals]
    reservations: Mapping[str, float]

    def gains(self, package: Mapping[str, str]) -> dict[str, float]:
        """Each role's estimated gain over its reservation from a package."""
        return {
            role: _worth(self.scale, points, package) - self.reservations[role]
            for role, points in self.points.items()
        }

    def log_product(self, package: Mapping[str, str]) -> float:
        """The log of the estimated product of gains, to rank packages by: below any package
        every role gains from, those some role only breaks even on, then those some role
        loses by, the more it loses the lower."""
        total = 0.0
        for role, gain in self.gains(package).items():
            spread = max(_range(self.points[role]), 1)
            total += math.log(max(gain, BREAK_EVEN * spread))
            if gain < 0:
                total += LOSS * gain / spread
        return total

    def tangent(self, reference: Mapping[str, str] | None) -> Signals:
        """Signals whose sum over a package rises with the product near `reference`.

        Each role's points weigh the inverse of its gain there; with no
        reference, the inverse of its range, as if every gain were its whole range.
        """
        ranges = {role: _range(points) for role, points in self.points.items()}
        if reference is None:
            weights = {role: 1 / max(spread, 1) for role, spread in ranges.items()}
        else:
            weights = {
                role: 1 / max(gain, NEAR_ZERO * ranges[role], 1e-9)
                for role, gain in self.gains(reference).items()
            }
        unit = SIGNAL / max(max(weights[r] * ranges[r] for r in weights), 1e-9)
        rows = [[0.0] * len(options) for options in self.scale.options]
        for role, points in self.points.items():
            scaled = weights[role] * unit
            for row, values in zip(rows, points, strict=True):
                for n, value in enumerate(values):
                    row[n] += scaled * value
        return tuple(tuple(round(value) for value in row) for row in rows)


def estimate(
    scale: Scale,
    proposals: Sequence[Proposal],
    me: str,
    reservation: int,
    left: frozenset[str],
) -> Estimate:
    """The estimate a delegation makes from its points (`scale`), reservation and the table,
    leaving out the delegations that have `left` it."""
    share = (reservation - scale.worst) / max(scale.best - scale.worst, 1)
    others = {r: e for r, e in interests(scale, proposals, me).items() if r not in left}
    guessed = {role: share * _range(points) for role, points in others.items()}
    # What a delegation backs is worth at least its reservation to it.
    for proposal in proposals:
        for role in proposal.supporters:
            if role in guessed:
                backed = _worth(scale, others[role], proposal.package)
                guessed[role] = min(guessed[role], backed)
    points: dict[str, Signals] = {me: scale.steps, **others}
    return Estimate(scale, points, {me: float(reservation - scale.worst), **guessed})


def nearest_nash(
    found: Estimate, search: Search, floor: int, taken: Sequence[Mapping[str, str]] = ()
) -> dict[str, str] | None:
    """Of the packages worth at least `floor` to the delegation and not `taken`, the one with
    the largest estimated product of gains, as far as a few tangent steps find; None if none."""
    best: dict[str, str] | None = None
    most = -math.inf
    reference = None
    for _ in range(STEPS):
        plan = search.plan(found.scale, found.tangent(reference))
        for package in itertools.islice(plan.offers(floor, floor), CANDIDATES):
            log = found.log_product(package)
            if log > most and package not in taken:
                best, most = package, log
        if best is None or best == reference:
            break
        reference = best
    return best


def _worth(scale: Scale, points: Signals, package: Mapping[str, str]) -> int:
    """A role's points, in the scale's order, for a package."""
    return sum(
        row[places[package[issue]]]
        for row, issue, places in zip(points, scale.issues, scale.positions, strict=True)
    )


def _range(points: Signals) -> int:
    """A role's best package's points over its worst's."""
    return sum(max(row) - min(row) for row in points)
