"""The Nash bargaining package: the largest product of gains over reservation.

Over the packages acceptable to every role (`acceptable`): a gain may be 0,
so the product may be 0; ties go to the first package in package order.

A product of eight gains of a few thousand points overflows 64-bit integers,
and floats cannot tell close products apart. Packages are ranked by the sum
of the logs of their gains, and those whose log-sum comes within rounding
distance of the best are settled by exact integer products, so the answer
and its tie-break are exact.
"""

from __future__ import annotations

import math

import numpy as np

from tabletop.analysis.scoring import BoolArray, IntArray, Sheet, extend
from tabletop.engine.rules import acceptable

_SLACK = 1e-9
"""Log-sums this close are compared exactly; float rounding in them is below 1e-12."""


class NashSearch:
    """The first package, in package order, with the largest product of gains, all acceptable."""

    def __init__(self) -> None:
        self.index: int | None = None
        self._log = -math.inf
        self._product = 0

    def update(self, start: int, gains: IntArray) -> None:
        """Consider the packages numbered from `start` on, given each role's gain over reservation.

        Chunks must come in package order: a later package replaces the best
        only with a strictly larger product.
        """
        self.offer(np.arange(start, start + len(gains), dtype=np.int64), gains)

    def offer(self, indices: IntArray, gains: IntArray) -> None:
        """Consider packages by index, rising and after every index offered before."""
        eligible = np.flatnonzero(acceptable(gains, 0).all(axis=1))
        if len(eligible) == 0:
            return
        if self.index is None:
            # The first acceptable package stands until a larger product: its own may be 0.
            self.index = int(indices[eligible[0]])
        eligible = eligible[(gains[eligible] > 0).all(axis=1)]
        if len(eligible) == 0:
            return
        logs = np.log(gains[eligible]).sum(axis=1)
        close = logs >= max(float(logs.max()), self._log) - _SLACK
        rows, found = gains[eligible[close]].tolist(), indices[eligible[close]].tolist()
        for row, index, log in zip(rows, found, logs[close].tolist(), strict=True):
            product = math.prod(row)
            if product > self._product:
                self.index, self._log, self._product = index, log, product

    def hopeless(self, upper: IntArray) -> BoolArray:
        """Which of these upper bounds on gains (none negative) cannot beat the best found."""
        if self.index is None:
            return np.zeros(len(upper), dtype=np.bool_)
        with np.errstate(divide="ignore"):
            bound = np.log(upper).sum(axis=1)
        beaten: BoolArray = bound < self._log - _SLACK
        return beaten


_CHUNK = 1 << 14
"""Partial packages extended at once in `nash_package`."""


def nash_package(sheet: Sheet) -> int | None:
    """The Nash package's index, found without visiting every package.

    Depth first in package order, issue by issue: a partial package is
    dropped when some role cannot reach its reservation whatever the other
    issues settle, or when even every role's best on them could not give a
    larger product than the best found. Exact, with the same tie-break as a
    sweep, since packages reach `NashSearch` in package order.
    """
    search = NashSearch()
    tops = [matrix.max(axis=0) for matrix in sheet.values]
    zero = np.zeros(len(sheet.roles), dtype=np.int64)
    reach = np.cumsum([zero, *tops[::-1]], axis=0)[::-1] - sheet.reservations
    strides = sheet.strides

    def visit(issue: int, positions: IntArray, totals: IntArray) -> None:
        upper = totals + reach[issue]
        hopeful = acceptable(upper, 0).all(axis=1)
        hopeful[hopeful] = ~search.hopeless(upper[hopeful])
        positions, totals = positions[hopeful], totals[hopeful]
        if len(totals) == 0:
            return
        if issue == len(sheet.values):
            search.offer(positions @ strides, totals - sheet.reservations)
            return
        matrix = sheet.values[issue]
        for start in range(0, len(totals), _CHUNK):
            part, scores = positions[start : start + _CHUNK], totals[start : start + _CHUNK]
            visit(issue + 1, *extend(part, scores, matrix))

    visit(0, np.zeros((1, 0), dtype=np.int64), np.zeros((1, len(sheet.roles)), dtype=np.int64))
    return search.index
