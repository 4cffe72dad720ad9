"""How far a deal falls short of the frontier: the debrief's measure of value left unclaimed.

A deal is off the frontier exactly when some package is at least as good
for every role and better in sum, and the best such package is on the
frontier itself (anything beating it would beat the deal by more), so the
frontier is never needed. The search goes issue by issue in package order,
dropping partial packages that cannot reach the deal's score for some role
or cannot beat the best sum found so far: exact, and quick, since the deal
itself bounds it from below.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from tabletop.analysis.models import Analysis, FrontierGap
from tabletop.analysis.scoring import IntArray, Sheet, extend, sheet

_CHUNK = 1 << 14
"""Partial packages extended at once: the search holds a few of these per issue."""


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
    return deal_gap(scoring, package)


def deal_gap(scoring: Sheet, package: Mapping[str, str]) -> FrontierGap:
    """The largest joint gain of a package that beats the deal, and the first such package."""
    own = scoring.scores(np.array([scoring.digits_of(package)], dtype=np.int64))[0]
    search = _Search(scoring, own)
    roles = len(scoring.roles)
    search.visit(0, np.zeros((1, 0), dtype=np.int64), np.zeros((1, roles), dtype=np.int64))
    if search.better is None:
        return FrontierGap(on_frontier=True, joint_gain=0, better=None)
    return FrontierGap(
        on_frontier=False,
        joint_gain=search.best - int(own.sum()),
        better=scoring.package(search.better),
    )


class _Search:
    """Depth first in package order, so the first package of the best sum is the one kept."""

    def __init__(self, scoring: Sheet, own: IntArray) -> None:
        self.values = scoring.values
        self.own = own
        tops = [matrix.max(axis=0) for matrix in scoring.values]
        joint = [int(matrix.sum(axis=1).max()) for matrix in scoring.values]
        zero = np.zeros(len(own), dtype=np.int64)
        # What the issues from k on can add at most, per role and in sum.
        self.reach = np.cumsum([zero, *tops[::-1]], axis=0)[::-1]
        self.reach_sum = np.cumsum([0, *joint[::-1]])[::-1]
        self.best = int(own.sum())
        """The sum to beat: the deal's, then the best found."""
        self.better: list[int] | None = None

    def visit(self, issue: int, positions: IntArray, totals: IntArray) -> None:
        hopeful = (totals.sum(axis=1) + self.reach_sum[issue] > self.best) & (
            totals + self.reach[issue] >= self.own
        ).all(axis=1)
        positions, totals = positions[hopeful], totals[hopeful]
        if len(totals) == 0:
            return
        if issue == len(self.values):
            sums = totals.sum(axis=1)
            first = int(sums.argmax())
            self.best, self.better = int(sums[first]), positions[first].tolist()
            return
        matrix = self.values[issue]
        for start in range(0, len(totals), _CHUNK):
            part, scores = positions[start : start + _CHUNK], totals[start : start + _CHUNK]
            self.visit(issue + 1, *extend(part, scores, matrix))
