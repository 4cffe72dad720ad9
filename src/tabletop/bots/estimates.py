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

from collections.abc import Sequence

from tabletop.bots.search import Scale, Signals
from tabletop.engine.state import Proposal

AUTHORED = 4
"""Weight of an option in a package a delegation put on the table itself."""
BACKED = 1
"""Weight of an option in a package a delegation supports."""
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
    talkative one weighs no more than a quiet one.
    """
    evidence: dict[str, list[list[int]]] = {}
    for proposal in proposals:
        for role, weight in _stances(proposal):
            if role == me:
                continue
            counts = evidence.setdefault(role, [[0] * len(o) for o in scale.options])
            for row, issue, places in zip(counts, scale.issues, scale.positions, strict=True):
                row[places[proposal.package[issue]]] += weight
    found: dict[str, Signals] = {}
    for role, counts in evidence.items():
        spread = sum(max(row) - min(row) for row in counts) or 1
        found[role] = tuple(
            tuple((count - min(row)) * RESOLUTION // spread for count in row) for row in counts
        )
    return found


def _stances(proposal: Proposal) -> list[tuple[str, int]]:
    """Who showed what about a proposal: its author, and those who back it."""
    backers = [(role, BACKED) for role in proposal.supporters if role != proposal.author]
    return [(proposal.author, AUTHORED), *backers]
