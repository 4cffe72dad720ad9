"""What a delegation can guess of the others' points from the public table alone.

A delegation's own proposals show the options it wants most, and the
proposals it backs show options it can live with. Counted per issue and
option, each delegation's evidence weighed equally, this gives an estimate
of where the others' points lie: never their valuations, which a bot cannot
see. Rejections are left out: one condemns a package, not each of its
options, and counting them made the estimates worse in trials (fewer deals
on the frontier).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from tabletop.bots.search import Scale, Signals
from tabletop.engine.state import Proposal

AUTHORED = 4
"""Weight of an option in a package a delegation put on the table itself."""
BACKED = 1
"""Weight of an option in a package a delegation supports."""
SCALED_ISSUES = 0.75
"""The share of its issues whose points must peak once for a delegation to take it that
options run along a scale (`along_a_scale`)."""
RESOLUTION = 60
"""Each delegation's estimate is scaled to about this many points in all, to add up as integers."""


def joint_interest(scale: Scale, proposals: Sequence[Proposal], me: str) -> Signals:
    """Per issue and option: the others' estimated interest in it, summed over them.

    Zero everywhere until someone else has shown something.
    """
    total = [[0] * len(o) for o in scale.options]
    for estimate in interests(scale, proposals, me).values():
        for into, row in zip(total, estimate, strict=True):
            for n, points in enumerate(row):
                into[n] += points
    return tuple(map(tuple, total))


def interests(scale: Scale, proposals: Sequence[Proposal], me: str) -> dict[str, Signals]:
    """Per other delegation that has shown anything: its estimated interest in each option of
    each issue, in its own units.

    Each one's counts are scaled to the same total, about `RESOLUTION`, so a
    talkative one weighs no more than a quiet one. Where options run along a
    scale (`along_a_scale`), an option shown lends interest to its neighbours,
    the less the further they are: a delegation that asks for one step short of
    the end can most likely live with the end, or with two steps short.
    """
    spread_out = along_a_scale(scale)
    evidence: dict[str, list[list[int]]] = {}
    for proposal in proposals:
        for role, weight in _stances(proposal):
            if role == me:
                continue
            counts = evidence.setdefault(role, [[0] * len(o) for o in scale.options])
            for row, issue, places in zip(counts, scale.issues, scale.positions, strict=True):
                shown = places[proposal.package[issue]]
                if spread_out:
                    last = len(row) - 1
                    for n in range(len(row)):
                        row[n] += weight * (last - abs(n - shown))
                else:
                    row[shown] += weight
    found: dict[str, Signals] = {}
    for role, counts in evidence.items():
        spread = sum(max(row) - min(row) for row in counts) or 1
        found[role] = tuple(
            tuple((count - min(row)) * RESOLUTION // spread for count in row) for row in counts
        )
    return found


def along_a_scale(scale: Scale) -> bool:
    """Whether the delegation's own points say the options of an issue run along a scale.

    So they do when nearly every issue has one best option, the points falling
    away from it on both sides, and some issue's best lies between the ends,
    where compromises are. Points that only rise or fall from one end say
    nothing of the middle, nor do points in no order.
    """
    peaked = sum(map(_single_peaked, scale.steps))
    between = any(0 < row.index(max(row)) < len(row) - 1 for row in scale.steps)
    return between and peaked >= SCALED_ISSUES * len(scale.steps)


def _single_peaked(points: tuple[int, ...]) -> bool:
    top = points.index(max(points))
    rising = all(a <= b for a, b in itertools.pairwise(points[: top + 1]))
    falling = all(a >= b for a, b in itertools.pairwise(points[top:]))
    return rising and falling


def _stances(proposal: Proposal) -> list[tuple[str, int]]:
    """Who showed what about a proposal: its author, and those who back it."""
    backers = [(role, BACKED) for role in proposal.supporters if role != proposal.author]
    return [(proposal.author, AUTHORED), *backers]
