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

from tabletop.analysis.scoring import IntArray
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
        eligible = np.flatnonzero(acceptable(gains, 0).all(axis=1))
        if len(eligible) == 0:
            return
        if self.index is None:
            # The first acceptable package stands until a larger product: its own may be 0.
            self.index = start + int(eligible[0])
        eligible = eligible[(gains[eligible] > 0).all(axis=1)]
        if len(eligible) == 0:
            return
        logs = np.log(gains[eligible]).sum(axis=1)
        close = logs >= max(float(logs.max()), self._log) - _SLACK
        rows, indices = gains[eligible[close]].tolist(), eligible[close].tolist()
        for row, index, log in zip(rows, indices, logs[close].tolist(), strict=True):
            product = math.prod(row)
            if product > self._product:
                self.index, self._log, self._product = start + index, log, product
