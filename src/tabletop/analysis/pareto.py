"""The Pareto frontier, built issue by issue instead of over every package.

Scores add up over issues, so a package whose part on some issues is beaten
by another part on the same issues is beaten too: Pareto(A ⊕ B) ⊆ Pareto(A) ⊕
Pareto(B). Extending the frontier of the first k issues by the undominated
options of the next issue, then pruning, reaches the whole frontier while
only ever holding candidates that are nearly on it.
"""

from __future__ import annotations

import numpy as np

from tabletop.analysis.scoring import BoolArray, IntArray, Sheet

_BLOCK = 512
"""Candidates tested at once: large enough for numpy, small enough for the cache."""


def undominated(scores: IntArray) -> BoolArray:
    """Which rows no other row dominates (at least as good for all, better for one).

    Only a row of larger sum can dominate, so rows are visited by falling
    sum and each block is tested against the frontier found so far and
    against itself. Equal rows have equal sums, so they never dominate each
    other and all stay.
    """
    count, width = scores.shape
    sums = scores.sum(axis=1)
    order = np.argsort(-sums, kind="stable")
    keep = np.zeros(count, dtype=np.bool_)
    kept = np.empty_like(scores)
    kept_sums = np.empty_like(sums)
    size = 0
    for start in range(0, count, _BLOCK):
        rows = order[start : start + _BLOCK]
        block, block_sums = scores[rows], sums[rows]
        rivals = np.concatenate([kept[:size], block])
        rival_sums = np.concatenate([kept_sums[:size], block_sums])
        beaten = rival_sums[None, :] > block_sums[:, None]
        for role in range(width):
            beaten &= rivals[None, :, role] >= block[:, role, None]
        alive = ~beaten.any(axis=1)
        survivors = int(alive.sum())
        kept[size : size + survivors] = block[alive]
        kept_sums[size : size + survivors] = block_sums[alive]
        size += survivors
        keep[rows[alive]] = True
    return keep


def frontier(sheet: Sheet) -> IntArray:
    """Option positions (packages × issues) of every undominated package, in package order."""
    roles = len(sheet.roles)
    positions = np.zeros((1, 0), dtype=np.int64)
    totals = np.zeros((1, roles), dtype=np.int64)
    for matrix in sheet.values:
        options = np.flatnonzero(undominated(matrix))
        grown = (totals[:, None, :] + matrix[options][None, :, :]).reshape(-1, roles)
        positions = np.concatenate(
            [
                np.repeat(positions, len(options), axis=0),
                np.tile(options, len(positions))[:, None],
            ],
            axis=1,
        )
        # The same option added to every part leaves who beats whom as it was.
        alive = undominated(grown) if len(options) > 1 else np.ones(len(grown), dtype=np.bool_)
        positions, totals = positions[alive], grown[alive]
    return positions[np.argsort(positions @ sheet.strides)]
