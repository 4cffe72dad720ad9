"""Control without a screen: `tabletop host --headless`, for automation and tests.

It starts the session, moves it past the briefing, and then lets the
schedule and the rules run it: the host's own bots play their seats, remote
seats play theirs, and a turn whose clock runs out is skipped, as Control
would (a signatory, who cannot be skipped, is given the turn's time again).
It exits once the session has ended and every seat has been told.

The clock is the session's record (`engine.clock`), as on the console: a
stopped host logs the clock stopping, and `--resume` starts it again with
what the turn had left.
"""

from __future__ import annotations

import asyncio
import math
import signal
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime

from tabletop.bots import Bot, make_bot, play_until_human
from tabletop.engine import IllegalAct, Session
from tabletop.engine.acts import Act, Advance, ExtendTime, SkipTurn, Start, StartClock, StopClock
from tabletop.engine.clock import time_left
from tabletop.engine.phases import ENDED_PHASES
from tabletop.log import RecordedSession
from tabletop.net.codes import Codes
from tabletop.net.host import Console, Host

BOT_PAUSE = 0.0
"""Seconds between the host's bot moves: none, nobody is watching."""


class TurnDeadline:
    """The turn clock of a headless host: what the session's record says the turn has left."""

    def __init__(
        self, session: Session, now: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self.session = session
        self.seconds = session.exercise.schedule.seconds_per_turn
        self._now = now

    def remaining(self) -> int | None:
        """Whole seconds left, as a seat is told them: in a pause, what the pause left,
        as the console shows it."""
        left = time_left(self.session.table, self.seconds, self._now())
        return None if left is None else math.ceil(left)

    def left(self) -> float | None:
        """Seconds until the turn runs out, as a fraction; None when no clock runs (or paused)."""
        table = self.session.table
        if table.phase == "paused":
            return None
        return time_left(table, self.seconds, self._now())


class Headless:
    def __init__(self, recorded: RecordedSession, codes: Codes, console: Console) -> None:
        self.recorded = recorded
        self.session = recorded.session
        self.bots: dict[str, Bot] = {
            role: make_bot(seat.strategy or "")
            for role, seat in recorded.header.seats.items()
            if seat.kind == "bot"
        }
        self.console = console
        self.clock = TurnDeadline(self.session)
        self._moved = asyncio.Event()
        self.host = Host(
            self.session, codes, apply=self.apply, console=console, remaining=self.clock.remaining
        )

    def apply(self, act: Act) -> object:
        """Every act, a seat's or Control's, through the log; the loop below is told."""
        events = self.recorded.apply(act)
        self._follow()
        return events

    def _follow(self) -> None:
        self._moved.set()

    @property
    def ended(self) -> bool:
        return self.session.table.phase in ENDED_PHASES

    async def run(self, bind: str, port: int, ready: Callable[[int], None]) -> None:
        """Listen, run the session to its end, tell every seat, close."""
        chosen = await self.host.start(bind, port)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        ready(chosen)
        try:
            self._control()
            while not self.ended and not stop.is_set():
                if self._play_bot() or self._skip_if_late():
                    self.host.publish()
                    await asyncio.sleep(BOT_PAUSE)
                    continue
                await self._wait(stop)
            if stop.is_set():
                if self.session.refusal(StopClock()) is None:
                    # Unwritten, it is no loss: a resume counts the clock to the last event.
                    with suppress(IllegalAct, OSError):
                        self.apply(StopClock())
                self.console("stopped: the session is in its log; `tabletop host --resume`")
                await self.host.close()
            else:
                self.console(f"the session has ended ({self.session.table.phase})")
                await self.host.finish()
        finally:
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(signum)

    def _control(self) -> None:
        """What Control does at the start: open the briefing, then the talks.

        A resumed session carries on where it stood: the turn under way with
        the time it had left, and opening statements not cut short.
        """
        session = self.session
        for act in (StartClock(), Start()):
            if session.refusal(act) is None:
                self.apply(act)
        if session.table.phase == "briefing":
            self.apply(Advance())
        self._follow()
        self.host.publish()

    def _play_bot(self) -> bool:
        mover = self.session.table.turn
        if mover not in self.bots:
            return False
        play_until_human(self.session, self.bots, self.apply, max_acts=1)
        return True

    def _skip_if_late(self) -> bool:
        """A turn out of time is skipped; a signatory, who cannot be, has the turn's time again."""
        left = self.clock.left()
        if left is None or left > 0:
            return False
        role = self.session.table.turn
        for act, done in (
            (SkipTurn(), "the turn was skipped"),
            (ExtendTime(seconds=self.clock.seconds or 1), "it cannot be skipped: more time"),
        ):
            if self.session.refusal(act) is None:
                self.apply(act)
                self.console(f"{role}: time ran out; {done}")
                return True
        return False

    async def _wait(self, stop: asyncio.Event) -> None:
        """Until the session moves, the clock runs out, or the host is told to stop."""
        self._moved.clear()
        left = self.clock.left()
        waits = [asyncio.create_task(self._moved.wait()), asyncio.create_task(stop.wait())]
        try:
            await asyncio.wait(waits, timeout=left, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in waits:
                task.cancel()
