"""The turn clock on screen: what the session's record says the turn under way has left.

It only reads. The record (`engine.clock`) holds when the turn began and
what each pause, extension, stop and restart left; this reads it against
the time now, so the screen, a resumed session and a seat on the network
all count from the same log. When the time runs out the app asks Control
what to do; the clock never skips a turn itself, and it stands still while
the session is paused.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime

from tabletop.engine.clock import time_left
from tabletop.engine.state import Table

TurnKey = tuple[str, int, str]


class TurnClock:
    def __init__(self, seconds: int, now: Callable[[], datetime]) -> None:
        self.seconds = seconds
        self.now = now
        self.key: TurnKey | None = None
        """The turn on the clock (kept through a pause, which stops it but ends no turn)."""
        self.remaining = seconds
        """Whole seconds left, as the screen shows them."""
        self._told: object = None
        """The countdown whose running out was last told: each is told once."""

    @property
    def shown(self) -> int | None:
        """What the screens show: the seconds left, or None with no turn on the clock."""
        return self.remaining if self.key is not None else None

    def follow(self, key: TurnKey | None, table: Table) -> None:
        """Track the session: the turn under way, and what its clock has left now."""
        if table.phase != "paused":
            self.key = key
        self.remaining = self._read(table)

    def tick(self, table: Table) -> bool:
        """Read the clock again; True exactly when this turn's time has just run out.

        Once for each countdown: more time, or a pause and a resume, starts
        another that may run out in its turn.
        """
        self.remaining = self._read(table)
        if self.key is None or self.remaining > 0 or table.phase == "paused":
            return False
        countdown = (self.key, table.turn_began, table.clock)
        if countdown == self._told:
            return False
        self._told = countdown
        return True

    def _read(self, table: Table) -> int:
        left = time_left(table, self.seconds, self.now())
        return self.seconds if left is None else math.ceil(left)
