"""One pass over every package in package order, a chunk at a time.

The Nash package and the zone of agreement need every package's scores, but
never all at once: a million packages of eight roles would take 64 MB per
array. The last issues (the tail) change fastest in package order, so their
part of the scores is computed once; a chunk is a run of head combinations,
each followed by every tail combination, and its scores are one broadcast
addition.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from tabletop.analysis.budget import Progress
from tabletop.analysis.nash import NashSearch
from tabletop.analysis.scoring import BoolArray, IntArray, Sheet, add_up, digits
from tabletop.analysis.signatories import Requirement
from tabletop.engine.rules import acceptable

_CHUNK = 1 << 16
"""Packages per chunk: big enough that numpy's per-call cost vanishes."""


@dataclass(frozen=True)
class Chunk:
    start: int
    """The index of the chunk's first package in package order."""
    scores: IntArray
    head: IntArray
    """Option positions of the head issues, one row per head combination."""
    tail: IntArray
    """Option positions of the tail issues, one row per tail combination."""

    def position(self, issue: int) -> IntArray:
        """The option position on one issue of every package in the chunk."""
        heads = self.head.shape[1]
        if issue < heads:
            return np.repeat(self.head[:, issue], len(self.tail))
        return np.tile(self.tail[:, issue - heads], len(self.head))


def chunks(sheet: Sheet) -> Iterator[Chunk]:
    radices, roles = sheet.radices, len(sheet.roles)
    split = len(radices)
    while split > 0 and math.prod(radices[split - 1 :]) <= _CHUNK:
        split -= 1
    tail_count = math.prod(radices[split:])
    tail = digits(np.arange(tail_count, dtype=np.int64), radices[split:])
    tail_scores = add_up(sheet.values[split:], tail, roles)
    head_count = math.prod(radices[:split])
    step = max(1, _CHUNK // tail_count)
    for first in range(0, head_count, step):
        indices = np.arange(first, min(first + step, head_count), dtype=np.int64)
        head = digits(indices, radices[:split])
        scores = add_up(sheet.values[:split], head, roles)[:, None, :] + tail_scores[None, :, :]
        yield Chunk(first * tail_count, scores.reshape(-1, roles), head, tail)


@dataclass(frozen=True)
class Sweep:
    nash: int | None
    """Index of the Nash package, if some package is acceptable to every role."""
    zopa: int
    zopa_first: int | None


def sweep(
    sheet: Sheet, required: list[list[Requirement]], progress: Progress | None = None
) -> Sweep:
    """Find the Nash package and count the packages acceptable to every required signatory."""
    search = NashSearch()
    zopa = 0
    zopa_first: int | None = None
    for chunk in chunks(sheet):
        gains = chunk.scores - sheet.reservations
        search.update(chunk.start, gains)
        hits = np.flatnonzero(agreed(gains, required, chunk.position))
        if zopa_first is None and len(hits):
            zopa_first = chunk.start + int(hits[0])
        zopa += len(hits)
        if progress is not None:
            progress(chunk.start + len(gains), sheet.count)
    return Sweep(search.index, zopa, zopa_first)


def sample(sheet: Sheet, required: list[list[Requirement]], indices: IntArray) -> Sweep:
    """The same over some packages only (by rising index); `zopa` counts those of them."""
    positions = digits(indices, sheet.radices)
    gains = sheet.scores(positions) - sheet.reservations
    search = NashSearch()
    search.offer(indices, gains)
    hits = np.flatnonzero(agreed(gains, required, lambda issue: positions[:, issue]))
    first = int(indices[hits[0]]) if len(hits) else None
    return Sweep(search.index, len(hits), first)


def agreed(
    gains: IntArray, required: list[list[Requirement]], position: Callable[[int], IntArray]
) -> BoolArray:
    """Which packages could be signed: in some round (one list of requirements each), some
    signatory is needed and every one needed accepts. `position(k)`: options on issue k."""
    accepts = acceptable(gains, 0)
    found = np.zeros(len(gains), dtype=np.bool_)
    for in_round in required:
        signed = np.ones(len(gains), dtype=np.bool_)
        # As in the engine, a package no rule asks anyone to sign is never signed.
        needed = np.zeros(len(gains), dtype=np.bool_)
        for requirement in in_round:
            mask = requirement.mask(position, len(gains))
            signed &= accepts[:, requirement.role] | ~mask
            needed |= mask
        found |= signed & needed
    return found
