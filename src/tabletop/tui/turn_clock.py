"""The turn clock: counts a turn's seconds down, restarting for each new turn.

It only measures. When it runs out the app asks Control what to do; the
clock never skips a turn itself, and it stands still while the session is
paused.
"""

from __future__ import annotations

TurnKey = tuple[str, int, str]


class TurnClock:
    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        self.key: TurnKey | None = None
        self.remaining = seconds
        self.paused = False

    def follow(self, key: TurnKey | None, paused: bool) -> None:
        """Track the session: a new turn starts the clock again; a pause stops it."""
        self.paused = paused
        if paused or key == self.key:
            return
        self.key = key
        self.remaining = self.seconds

    @property
    def running(self) -> bool:
        return self.key is not None and not self.paused

    def tick(self) -> bool:
        """One second passes; True exactly when the time has just run out."""
        if not self.running or self.remaining <= 0:
            return False
        self.remaining -= 1
        return self.remaining == 0

    def extend(self) -> None:
        """Another full turn's time, when Control grants it."""
        self.remaining = self.seconds
