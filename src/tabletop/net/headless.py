"""Control without a screen: `tabletop host --headless`, for automation and tests.

It starts the session, moves it past the briefing, and then lets the
schedule and the rules run it: the host's own bots play their seats, remote
seats play theirs, and a turn whose clock runs out is skipped, as Control
would. It exits once the session has ended and every seat has been told.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import Callable

from tabletop.bots import Bot, make_bot, play_until_human
from tabletop.engine import IllegalAct
from tabletop.engine.acts import Act, Advance, SkipTurn, Start
from tabletop.engine.phases import ENDED_PHASES
from tabletop.log import RecordedSession
from tabletop.net.codes import Codes
from tabletop.net.host import Console, Host

BOT_PAUSE = 0.0
"""Seconds between the host's bot moves: none, nobody is watching."""


class TurnDeadline:
    """The turn clock of a headless host: when the turn to move began, and how long it has."""

    def __init__(self, seconds: int | None, now: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._now = now
        self._key: object = None
        self._since = now()

    def follow(self, key: object) -> None:
        if key != self._key:
            self._key = key
            self._since = self._now()

    def remaining(self) -> int | None:
        """Whole seconds left, as a seat is told them."""
        left = self.left()
        return None if left is None else round(left)

    def left(self) -> float | None:
        """Seconds until the turn runs out, as a fraction; None when no clock runs."""
        if self.seconds is None or self._key is None:
            return None
        return max(0.0, self.seconds - (self._now() - self._since))


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
        self.clock = TurnDeadline(self.session.exercise.schedule.seconds_per_turn)
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
        table = self.session.table
        self.clock.follow((table.phase, table.round, table.turn) if table.turn else None)
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
                self.console("stopped: the session is in its log; `tabletop host --resume`")
                await self.host.close()
            else:
                self.console(f"the session has ended ({self.session.table.phase})")
                await self.host.finish()
        finally:
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(signum)

    def _control(self) -> None:
        """What Control does at the start: open the briefing, then the talks."""
        for act in (Start(), Advance()):
            if self.session.refusal(act) is None:
                self.apply(act)
        self._follow()
        self.host.publish()

    def _play_bot(self) -> bool:
        mover = self.session.table.turn
        if mover not in self.bots:
            return False
        play_until_human(self.session, self.bots, self.apply, max_acts=1)
        return True

    def _skip_if_late(self) -> bool:
        left = self.clock.left()
        if left is None or left > 0:
            return False
        role = self.session.table.turn
        try:
            self.apply(SkipTurn())
        except IllegalAct:
            self.clock.follow(None)  # nothing to skip now: the clock starts again
            self._follow()
            return False
        self.console(f"{role}: time ran out; the turn was skipped")
        return True

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
