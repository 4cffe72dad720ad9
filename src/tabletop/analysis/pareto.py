"""The Pareto frontier, built issue by issue instead of over every package.

Scores add up over issues, so a package whose part on some issues is beaten
by another part on the same issues is beaten too: Pareto(A ⊕ B) ⊆ Pareto(A) ⊕
Pareto(B). Extending the frontier of the first k issues by the undominated
options of the next issue, then pruning, reaches the whole frontier while
only ever holding candidates that are nearly on it.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt

from tabletop.analysis.budget import Progress
from tabletop.analysis.scoring import BoolArray, IntArray, Sheet, extend

_BLOCK = 512
"""Candidates tested at once: large enough for numpy, small enough for the cache."""

_PAIRS = 1 << 22
"""At most this many (candidate, rival) pairs in one test, so memory stays in tens of MiB."""

_GROUPED = 4096
"""Fewer rows than this are searched as one group."""

_LEADERS = 64
"""Rows of the largest sums every row is tested against first."""

Codes = npt.NDArray[np.uint64]


def undominated(scores: IntArray) -> BoolArray:
    """Which rows no other row dominates (at least as good for all, better for one).

    Equal rows never dominate each other, so duplicates stay or go together.
    Two roles (or one) take an exact sweep; more take a skyline search.
    """
    count, width = scores.shape
    if count == 0:
        return np.zeros(0, dtype=np.bool_)
    if width <= 2:
        return _sweep(scores if width == 2 else np.pad(scores, ((0, 0), (0, 2 - width))))
    return _skyline(scores)


def _sweep(scores: IntArray) -> BoolArray:
    """Two roles: a distinct row is beaten exactly when a later one, in (first, second)
    order, is as good for the second role."""
    distinct, inverse = np.unique(scores, axis=0, return_inverse=True)
    second = distinct[:, 1]
    best_later = np.maximum.accumulate(second[::-1])[::-1]
    alive = second > np.append(best_later[1:], np.iinfo(np.int64).min)
    return alive[inverse.reshape(-1)]


def _skyline(scores: IntArray) -> BoolArray:
    """Three roles or more: rows by falling sum, tested only against rivals that could win.

    Only a row of larger sum can dominate. Each row gets a bit per role, set
    when it scores above that role's median: a row can only be dominated by
    one whose bits include all of its own, so rows are taken group by group
    (most bits first) and each group is tested against the frontier found in
    the groups above it, about (3/4)^roles of it. Within that, packed coarse
    scores (`_codes`) rule out most pairs in one integer operation before the
    exact test.
    """
    count, width = scores.shape
    sums = scores.sum(axis=1)
    order = np.argsort(-sums, kind="stable")
    codes, guard = _codes(scores)
    if count <= _GROUPED:
        # Too few rows for groups to pay for themselves: one group.
        bits = np.zeros(count, dtype=np.int64)
    else:
        bits = (scores > np.median(scores, axis=0)).astype(np.int64) @ (1 << np.arange(width))
        # A few rows of the largest sums dominate most of what is dominated:
        # strike that first, so the groups meet mostly frontier rows.
        leaders = order[:_LEADERS]
        struck = np.zeros(count, dtype=np.bool_)
        for block in _blocks(order, len(leaders)):
            struck[block] = _beaten(scores, sums, codes, guard, block, leaders)
        order = order[~struck[order]]
    keep = np.zeros(count, dtype=np.bool_)
    kept = np.empty(count, dtype=np.int64)
    kept_bits = np.empty(count, dtype=np.int64)
    size = 0
    for mask, rows in _groups(bits, order):
        pool = kept[:size][(kept_bits[:size] & mask) == mask]
        first = size
        for block in _blocks(rows, len(pool)):
            rivals = np.concatenate([pool, kept[first:size], block])
            alive = ~_beaten(scores, sums, codes, guard, block, rivals)
            survivors = block[alive]
            kept[size : size + len(survivors)] = survivors
            kept_bits[size : size + len(survivors)] = mask
            size += len(survivors)
    keep[kept[:size]] = True
    return keep


def _groups(bits: IntArray, order: IntArray) -> Iterator[tuple[int, IntArray]]:
    """Rows with the same bits, in falling-sum order, groups with the most bits first.

    A group's possible dominators are in groups whose bits include its own,
    which have more bits (or are itself), so they come before it.
    """
    ranked = bits[order]
    by_bits = np.argsort(ranked, kind="stable")
    masks, starts = np.unique(ranked[by_bits], return_index=True)
    ends = np.append(starts[1:], len(order))
    popcount = np.array([int(m).bit_count() for m in masks.tolist()], dtype=np.int64)
    for g in np.argsort(-popcount, kind="stable").tolist():
        yield int(masks[g]), order[by_bits[starts[g] : ends[g]]]


def _blocks(rows: IntArray, pool: int) -> Iterator[IntArray]:
    step = max(16, min(_BLOCK, _PAIRS // max(pool, 1)))
    for start in range(0, len(rows), step):
        yield rows[start : start + step]


def _beaten(
    scores: IntArray,
    sums: IntArray,
    codes: Codes,
    guard: np.uint64,
    block: IntArray,
    rivals: IntArray,
) -> BoolArray:
    """Which rows of the block some rival dominates."""
    maybe = ((codes[rivals] | guard)[None, :] - codes[block][:, None]) & guard == guard
    at, by = np.nonzero(maybe)
    wins = (scores[rivals[by]] >= scores[block[at]]).all(axis=1) & (
        sums[rivals[by]] > sums[block[at]]
    )
    beaten = np.zeros(len(block), dtype=np.bool_)
    beaten[at[wins]] = True
    return beaten


def _codes(scores: IntArray) -> tuple[Codes, np.uint64]:
    """Each row's scores cut to a few bits per role, packed into one integer with guard bits.

    With each field topped by a guard bit, `(a | guard) - b` keeps every guard
    bit set exactly when every field of `a` is at least that of `b`: one
    subtraction compares all roles. Coarse scores of a dominator are at least
    those of what it dominates, so a failed comparison rules a pair out.
    """
    count, width = scores.shape
    field = min(64 // width, 16)
    if field < 2:
        return np.zeros(count, dtype=np.uint64), np.uint64(0)
    levels = 1 << (field - 1)
    low, high = scores.min(axis=0), scores.max(axis=0)
    # Steps of equal width: a higher score never gets a lower level, and nothing overflows.
    coarse = (scores - low) // ((high - low) // levels + 1)
    shifts = np.arange(width, dtype=np.uint64) * np.uint64(field)
    codes = (coarse.astype(np.uint64) << shifts).sum(axis=1, dtype=np.uint64)
    guard = np.uint64(sum(levels << (field * r) for r in range(width)))
    return codes, guard


def frontier(sheet: Sheet, progress: Progress | None = None) -> IntArray:
    """Option positions (packages × issues) of every undominated package, in package order.

    `progress` hears (issues done, issues) after each issue.
    """
    roles = len(sheet.roles)
    positions = np.zeros((1, 0), dtype=np.int64)
    totals = np.zeros((1, roles), dtype=np.int64)
    for done, matrix in enumerate(sheet.values, start=1):
        options = np.flatnonzero(undominated(matrix))
        positions, grown = extend(positions, totals, matrix[options])
        positions[:, -1] = options[positions[:, -1]]
        # The same option added to every part leaves who beats whom as it was.
        alive = undominated(grown) if len(options) > 1 else np.ones(len(grown), dtype=np.bool_)
        positions, totals = positions[alive], grown[alive]
        if progress is not None:
            progress(done, len(sheet.values))
    return positions[np.argsort(positions @ sheet.strides)]
