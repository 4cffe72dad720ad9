"""One connected seat, and the task that writes to it.

Updates are not queued: a link only remembers the last event it sent, and
when woken it sends the session as it is now, with every event since. A
seat that reads slowly gets fewer, larger updates, and holds no growing
queue on the host. Answers to its acts wait in a short queue behind the
update they follow, so an `ack` never arrives before the events of its act.
A seat that stops reading altogether is dropped after `WRITE_TIMEOUT`.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

WRITE_TIMEOUT = 10.0
"""Seconds a frame may take to leave; longer, and the seat is taken for gone."""
MAX_ANSWERS = 32
"""Answers waiting to be sent; more, and the seat is sending acts without reading."""


class Slow(Exception):
    """The seat does not read what it is sent."""


class Link:
    def __init__(
        self,
        socket: ServerConnection,
        seat: str,
        since: int,
        frame_for: Callable[[Link], str | None],
        on_drop: Callable[[Link, str], None],
    ) -> None:
        self.socket = socket
        self.seat = seat
        self.sent = since
        """The seq of the last event this seat has been sent."""
        self.fired: tuple[str, ...] | None = None
        """The injects fired when its exercise was last sent; None: never sent."""
        self.clock_due = True
        """An update is due even with no new event: the first one, and a changed clock."""
        self._frame_for = frame_for
        self._on_drop = on_drop
        self._answers: deque[str] = deque()
        self._wake = asyncio.Event()
        self._busy = False
        self._task = asyncio.create_task(self._write())

    def poke(self) -> None:
        """The session moved: send it when the socket is free."""
        self._wake.set()

    def answer(self, frame: str) -> None:
        if len(self._answers) >= MAX_ANSWERS:
            self._on_drop(self, "it sends acts without reading the answers")
            return
        self._answers.append(frame)
        self._wake.set()

    @property
    def idle(self) -> bool:
        """Nothing left to send for now."""
        return not (self._busy or self._wake.is_set() or self._answers)

    async def _write(self) -> None:
        try:
            while True:
                self._busy = False
                await self._wake.wait()
                self._wake.clear()
                self._busy = True
                while True:
                    frame = self._frame_for(self)
                    if frame is None and self._answers:
                        frame = self._answers.popleft()
                    if frame is None:
                        break
                    await asyncio.wait_for(self.socket.send(frame), WRITE_TIMEOUT)
        except TimeoutError:
            self._on_drop(self, f"it read nothing for {WRITE_TIMEOUT:.0f} s")
        except ConnectionClosed:
            pass
        except Exception as error:  # a bug must drop this seat, never the others
            self._on_drop(self, f"the host could not send to it: {error!r}")

    async def close(self, code: int, reason: str) -> None:
        """Close the connection and stop writing."""
        self._task.cancel()
        await self.socket.close(code, reason)

    def abort(self) -> None:
        """Drop a connection that cannot be closed politely (its reader is stuck)."""
        self._task.cancel()
        transport = self.socket.transport
        if transport is not None:
            transport.abort()
