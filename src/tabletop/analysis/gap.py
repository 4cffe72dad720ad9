"""How far a deal falls short of the frontier: the debrief's measure of value left unclaimed."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from tabletop.analysis.models import Analysis, FrontierGap
from tabletop.analysis.scoring import sheet


def frontier_gap(analysis: Analysis, package: Mapping[str, str]) -> FrontierGap:
    """Compare an agreed package with the frontier; a `ValueError` if it is not a whole package."""
    roles = list(analysis.roles)
    by_issue = analysis.valuations[roles[0]]
    scoring = sheet(
        roles,
        [(issue, list(options)) for issue, options in by_issue.items()],
        analysis.valuations,
        {role: r.reservation for role, r in analysis.roles.items()},
    )
    own = scoring.scores(np.array([scoring.digits_of(package)]))[0]
    front = scoring.scores(
        np.array([scoring.digits_of(p) for p in analysis.pareto_frontier], dtype=np.int64)
    )
    gains = front.sum(axis=1) - own.sum()
    dominating = np.flatnonzero((front >= own).all(axis=1) & (gains > 0))
    if len(dominating) == 0:
        return FrontierGap(on_frontier=True, joint_gain=0, better=None)
    best = int(dominating[np.argmax(gains[dominating])])
    return FrontierGap(
        on_frontier=False,
        joint_gain=int(gains[best]),
        better=dict(analysis.pareto_frontier[best]),
    )
