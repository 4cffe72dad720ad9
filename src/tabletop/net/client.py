"""A seat's end of the connection: join with a code, keep the seat's picture, send acts.

The client holds what the host told it (the exercise as the seat may read
it, the latest picture, the events it saw) and nothing else. When the
connection drops it joins again with the last event it saw, and the host
sends what it missed; it gives up only when the host refuses it for good
or stays away for `RECONNECT_FOR` seconds.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from pydantic import ValidationError
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from tabletop.engine import Event, RoleView
from tabletop.engine.acts import Act
from tabletop.engine.phases import ENDED_PHASES
from tabletop.exercise.model import Exercise
from tabletop.net.protocol import (
    CLOSE_ENDED,
    MAX_HOST_MESSAGE,
    PROTOCOL,
    Ack,
    Error,
    Hello,
    Picture,
    Refused,
    SendAct,
    Update,
    Welcome,
    decode_host,
    encode,
)
from tabletop.net.told import told_view

RECONNECT_FOR = 300.0
"""Seconds to keep trying to reach a host that went away (long enough to restart it)."""
BACKOFF = (0.1, 0.25, 0.5, 1.0, 2.0)
FOR_GOOD = {4000, 4001, 4003, 4005, 1008, 1009}
"""Close codes after which joining again cannot help."""


class JoinError(Exception):
    """The seat cannot be joined or was closed for good; the message says why.

    `refusal` is the host's kind of error when the host itself said no, None
    when it could not be reached.
    """

    def __init__(self, message: str, refusal: str | None = None) -> None:
        super().__init__(message)
        self.refusal = refusal


class Disconnected(Exception):
    """An act could not reach the host, or its answer could not come back; the table tells."""


def uri_for(address: str) -> str:
    """`host:port`, or a ws:// address as given."""
    address = address.strip()
    if "://" in address:
        return address
    return f"ws://{address}"


class SeatClient:
    def __init__(
        self,
        address: str,
        code: str,
        *,
        on_update: Callable[[], None] = lambda: None,
        on_notice: Callable[[str], None] = lambda _: None,
        reconnect_for: float = RECONNECT_FOR,
    ) -> None:
        self.address = address
        self._uri = uri_for(address)
        self._code = code
        self.on_update = on_update
        self.on_notice = on_notice
        self._reconnect_for = reconnect_for
        self.seat: str | None = None
        self.exercise: Exercise | None = None
        self.picture: Picture | None = None
        self.events: list[Event] = []
        self._socket: ClientConnection | None = None
        self._answers: dict[int, asyncio.Future[Ack | Refused]] = {}
        self._next = 0
        self.ended = False

    @property
    def connected(self) -> bool:
        return self._socket is not None

    @property
    def seq(self) -> int | None:
        return self.picture.seq if self.picture is not None else None

    def view(self) -> RoleView:
        """The seat's `RoleView`, as a delegation screen or a bot takes it."""
        if self.exercise is None or self.picture is None:
            raise RuntimeError("nothing received from the host yet")
        return told_view(self.exercise, self.picture, self.events)

    # Joining -----------------------------------------------------------------

    async def join(self) -> None:
        """Connect and say hello; JoinError for a bad address, a refused code or a closed seat."""
        try:
            socket = await connect(
                self._uri,
                max_size=MAX_HOST_MESSAGE,
                compression=None,
                open_timeout=5,
                close_timeout=2,
                user_agent_header=None,
            )
        except InvalidURI:
            raise JoinError(f"{self.address}: not an address: write HOST:PORT") from None
        except (OSError, TimeoutError, InvalidHandshake) as error:
            why = getattr(error, "strerror", None) or str(error) or type(error).__name__
            raise JoinError(f"cannot reach a tabletop host at {self.address}: {why}") from None
        try:
            await socket.send(encode(Hello(protocol=PROTOCOL, code=self._code, since=self.seq)))
            first = decode_host(await socket.recv())
        except ConnectionClosed as closed:
            raise JoinError(f"the host closed the connection: {_reason(closed)}") from None
        except ValidationError:
            await socket.close()
            raise JoinError(f"{self.address} does not answer as a tabletop host") from None
        if isinstance(first, Error):
            await socket.close()
            raise JoinError(f"the host refused to seat you: {first.message}", first.error)
        if not isinstance(first, Welcome):
            await socket.close()
            raise JoinError(f"{self.address} does not answer as a tabletop host")
        self.seat = first.seat
        self._socket = socket

    async def run(self) -> None:
        """Receive until the session ends, joining again whenever the connection drops."""
        while True:
            socket = self._socket
            assert socket is not None, "join first"
            try:
                async for frame in socket:
                    self._receive(frame)
            except ConnectionClosed:
                pass
            closed = socket.close_code
            self._lost()
            if closed == CLOSE_ENDED or (
                self.picture is not None and self.picture.phase in ENDED_PHASES
            ):
                self.ended = True
                return
            if closed in FOR_GOOD:
                why = socket.close_reason or f"code {closed}"
                raise JoinError(f"the host closed this seat: {why}", "closed")
            await self._rejoin()

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()

    async def _rejoin(self) -> None:
        self.on_notice("lost the host: reconnecting…")
        loop = asyncio.get_running_loop()
        give_up = loop.time() + self._reconnect_for
        attempt = 0
        while True:
            await asyncio.sleep(BACKOFF[min(attempt, len(BACKOFF) - 1)])
            attempt += 1
            try:
                await self.join()
            except JoinError as error:
                # The host may not have noticed yet that the old connection is gone.
                passing = error.refusal in (None, "seat_taken")
                if loop.time() > give_up or not passing:
                    raise
                continue
            self.on_notice("reconnected")
            return

    # Messages ----------------------------------------------------------------

    def _receive(self, frame: str | bytes) -> None:
        try:
            message = decode_host(frame)
        except ValidationError as error:
            raise JoinError(f"the host sent a message this client cannot read: {error}") from None
        if isinstance(message, Update):
            if message.exercise is not None:
                self.exercise = message.exercise
            if message.since == 0:
                self.events = list(message.events)
            else:
                self.events.extend(message.events)
            self.picture = message.picture
            self.on_update()
        elif isinstance(message, Ack | Refused):
            waiting = self._answers.pop(message.id, None) if message.id is not None else None
            if waiting is not None and not waiting.done():
                waiting.set_result(message)
        elif isinstance(message, Error):
            self.on_notice(f"the host: {message.message}")

    async def act(self, act: Act) -> Ack | Refused:
        """Send an act and wait for the host's answer: on disk, or refused with a reason.

        Raises Disconnected if the connection is down or drops before the answer.
        """
        socket = self._socket
        if socket is None:
            raise Disconnected("not connected to the host: reconnecting")
        number = self._next
        self._next += 1
        answer: asyncio.Future[Ack | Refused] = asyncio.get_running_loop().create_future()
        self._answers[number] = answer
        try:
            await socket.send(encode(SendAct(id=number, act=act)))
        except ConnectionClosed:
            self._answers.pop(number, None)
            raise Disconnected("the connection to the host dropped: reconnecting") from None
        return await answer

    def _lost(self) -> None:
        """Acts in flight when the connection dropped: their fate shows in the next update."""
        for waiting in self._answers.values():
            if not waiting.done():
                why = "the connection dropped before the host answered: look at the table"
                waiting.set_exception(Disconnected(why))
        self._answers.clear()
        self._socket = None


def _reason(closed: ConnectionClosed) -> str:
    received = closed.rcvd
    if received is None:
        return "no reason given"
    return received.reason or f"code {received.code}"
