"""The host: the session's one authority, listening for seats over websockets.

It owns nothing of the rules. An act from a seat goes to the `apply` it is
given (the log is written and fsynced there, before the session changes),
and only then is it acknowledged. Every seat is sent what its role may see,
built by `seen` from the engine's `RoleView`, whenever the session moves:
whoever moved it (a seat, Control, a bot on the host, the rules) calls
`publish`. Bad input is answered and noted on Control's console; it never
reaches the session and never stops the other seats.
"""

from __future__ import annotations

import asyncio
import socket as socket_module
from collections.abc import Callable

from pydantic import ValidationError
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from tabletop.engine import IllegalAct, Session, role_view
from tabletop.engine.acts import Act
from tabletop.exercise.wording import first_problem
from tabletop.net.codes import Codes, Throttle
from tabletop.net.link import Link
from tabletop.net.protocol import (
    CLOSE_CODE,
    CLOSE_ENDED,
    CLOSE_MALFORMED,
    CLOSE_PROTOCOL,
    CLOSE_REISSUED,
    CLOSE_SEAT_TAKEN,
    MAX_SEAT_MESSAGE,
    PROJECTOR,
    PROTOCOL,
    SEAT_MESSAGE,
    Ack,
    Error,
    ErrorKind,
    Hello,
    Refused,
    SendAct,
    Update,
    Welcome,
    encode,
)
from tabletop.net.seen import events_since, picture, public_picture

HELLO_TIMEOUT = 10.0
"""Seconds a new connection has to say who it is."""
Console = Callable[[str], None]


class Host:
    def __init__(
        self,
        session: Session,
        codes: Codes,
        *,
        apply: Callable[[Act], object],
        console: Console,
        remaining: Callable[[], int | None] = lambda: None,
        on_seats: Callable[[], None] = lambda: None,
        presence: Console | None = None,
    ) -> None:
        """`presence` is told of seats joining and leaving (the console when not given)."""
        self.session = session
        self.codes = codes
        self._apply = apply
        self._console = console
        self._remaining = remaining
        self._on_seats = on_seats
        self._presence = presence or console
        self.seats: dict[str, Link] = {}
        """Role → the connection playing it."""
        self.projectors: set[Link] = set()
        self.retired: set[str] = set()
        """Seats Control took back (to a bot or the hot seat): their codes open nothing."""
        self._throttle = Throttle()
        self._frames: dict[tuple[str | None, int, int | None, bool], str] = {}
        self._frames_seq = -1
        self._server: Server | None = None

    @property
    def links(self) -> list[Link]:
        return [*self.seats.values(), *self.projectors]

    async def start(self, bind: str, port: int) -> int:
        """Listen; returns the port (useful with port 0). OSError if the address is taken."""
        self._server = await serve(
            self._handle,
            bind,
            port,
            max_size=MAX_SEAT_MESSAGE,
            compression=None,
            close_timeout=2,
            server_header=None,
        )
        sockets = list(self._server.sockets)
        return int(sockets[0].getsockname()[1]) if sockets else port

    def publish(self) -> None:
        """The session moved: every seat is sent what it may see of it, when its socket is free."""
        for link in self.links:
            link.poke()

    def clock_changed(self) -> None:
        """The turn clock was set again without the session moving (more time, a pause)."""
        for link in self.links:
            link.clock_due = True
            link.poke()

    async def reissue(self, seat: str) -> str:
        """A new code for a seat; whoever holds the old one is disconnected."""
        code = self.codes.reissue(seat)
        link = self.seats.get(seat)
        if link is not None:
            await link.close(CLOSE_REISSUED, "Control gave this seat a new code")
        if seat == PROJECTOR:
            for projector in list(self.projectors):
                await projector.close(CLOSE_REISSUED, "Control gave the projector a new code")
        return code

    async def finish(self, timeout: float = 5.0) -> None:
        """The session has ended: let every seat have the last update, then close."""
        self.publish()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline and not all(link.idle for link in self.links):
            await asyncio.sleep(0.02)
        await asyncio.gather(
            *(link.close(CLOSE_ENDED, "the session has ended") for link in self.links),
            return_exceptions=True,
        )
        await self.close()

    async def close(self) -> None:
        """Stop listening and close every connection (1001, going away)."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    # A connection ------------------------------------------------------------

    async def _handle(self, socket: ServerConnection) -> None:
        link = None
        try:
            link = await self._admit(socket)
            if link is None:
                return
            async for frame in socket:
                self._receive(link, frame)
        except ConnectionClosed as closed:
            sent = closed.sent
            if sent is not None and sent.code == 1009:
                who = link.seat if link is not None else _peer(socket)
                self._console(f"{who}: sent a message over {MAX_SEAT_MESSAGE} bytes; disconnected")
        finally:
            if link is not None:
                self._drop(link)

    async def _admit(self, socket: ServerConnection) -> Link | None:
        address = _peer(socket)
        try:
            frame = await asyncio.wait_for(socket.recv(), HELLO_TIMEOUT)
            hello = SEAT_MESSAGE.validate_json(frame)
        except TimeoutError:
            await self._turn_away(socket, "malformed", "no hello in time", CLOSE_MALFORMED)
            return None
        except ValidationError as error:
            await self._turn_away(socket, "malformed", first_problem(error), CLOSE_MALFORMED)
            return None
        if not isinstance(hello, Hello):
            why = "the first message must be a hello"
            await self._turn_away(socket, "malformed", why, CLOSE_MALFORMED)
            return None
        if hello.protocol != PROTOCOL:
            why = (
                f"this host speaks protocol {PROTOCOL} and the client {hello.protocol}: "
                "use the same version of tabletop as the host"
            )
            await self._turn_away(socket, "protocol", why, CLOSE_PROTOCOL)
            return None
        delay = self._throttle.delay(address)
        if delay:
            await asyncio.sleep(delay)
        seat = self.codes.seat_for(hello.code)
        if seat is None or seat in self.retired:
            self._throttle.missed(address)
            why = "this code opens no seat here: check it with Control"
            await self._turn_away(socket, "code", why, CLOSE_CODE)
            return None
        if seat != PROJECTOR and seat in self.seats:
            why = f"{self._name(seat)} is already connected from another terminal"
            await self._turn_away(socket, "seat_taken", why, CLOSE_SEAT_TAKEN)
            return None
        seq = self.session.table.seq
        since = hello.since if hello.since is not None and hello.since <= seq else 0
        link = Link(socket, seat, since, self._frame_for, self._give_up)
        if seat == PROJECTOR:
            self.projectors.add(link)
        else:
            self.seats[seat] = link
        await socket.send(encode(Welcome(seat=seat)))
        link.poke()
        self._presence(f"{self._name(seat)} joined from {address}")
        self._on_seats()
        return link

    async def _turn_away(
        self, socket: ServerConnection, kind: ErrorKind, why: str, code: int
    ) -> None:
        self._console(f"refused a connection from {_peer(socket)}: {why}")
        try:
            await socket.send(encode(Error(error=kind, message=why)))
            await socket.close(code, why[:120])
        except ConnectionClosed:
            pass

    def _receive(self, link: Link, frame: str | bytes) -> None:
        try:
            message = SEAT_MESSAGE.validate_json(frame)
        except ValidationError as error:
            why = first_problem(error)
            self._console(f"{self._name(link.seat)}: ignored a malformed message: {why}")
            link.answer(encode(Error(error="malformed", message=why)))
            return
        if isinstance(message, SendAct):
            self._act(link, message)
        else:
            link.answer(encode(Error(error="malformed", message="already joined: send acts")))

    def _act(self, link: Link, message: SendAct) -> None:
        act = message.act
        if link.seat == PROJECTOR:
            self._refuse(link, message.id, "the projector only watches: it cannot act", True)
            return
        if act.actor != link.seat:
            why = f"this seat plays {self._name(link.seat)}: it cannot act for {act.actor}"
            self._refuse(link, message.id, why, True)
            return
        try:
            self._apply(act)
        except IllegalAct as refused:
            self._refuse(link, message.id, refused.reason, False)
            return
        except OSError as error:
            why = f"the host could not write the session log ({error.strerror or error})"
            self._refuse(link, message.id, f"{why}; nothing was changed", True)
            return
        self.publish()
        link.answer(encode(Ack(id=message.id, seq=self.session.table.seq)))

    def _refuse(self, link: Link, number: int, why: str, noted: bool) -> None:
        if noted:
            self._console(f"{self._name(link.seat)}: refused an act: {why}")
        link.answer(encode(Refused(id=number, reason=why)))

    def _give_up(self, link: Link, why: str) -> None:
        self._console(f"{self._name(link.seat)}: disconnected, {why}")
        link.abort()

    def _drop(self, link: Link) -> None:
        if self.seats.get(link.seat) is link:
            del self.seats[link.seat]
        self.projectors.discard(link)
        link.abort()
        self._presence(f"{self._name(link.seat)} left")
        self._on_seats()

    def _name(self, seat: str) -> str:
        if seat == PROJECTOR:
            return "The projector"
        roles = self.session.exercise
        return roles.role(seat).name if seat in roles.role_ids else seat

    # What a seat is sent ---------------------------------------------------------

    def _frame_for(self, link: Link) -> str | None:
        """The update a seat is due, or None if it has seen everything.

        Built once per seat kind and moment: every projector, and every seat
        catching up from the same event, is sent the same bytes.
        """
        session = self.session
        table = session.table
        if link.sent >= table.seq and not link.clock_due:
            return None
        link.clock_due = False
        remaining = self._remaining()
        role = None if link.seat == PROJECTOR else link.seat
        with_exercise = link.fired != table.fired
        if self._frames_seq != table.seq:
            self._frames.clear()
            self._frames_seq = table.seq
        key = (role, link.sent, remaining, with_exercise)
        frame = self._frames.get(key)
        if frame is None:
            if role is None:
                shown = public_picture(table, remaining)
            else:
                shown = picture(role_view(session, role), remaining)
            # Built, not validated: the exercise a seat may read names roles and
            # injects it is not told of, which its validation would refuse.
            update = Update.model_construct(
                picture=shown,
                since=link.sent,
                events=events_since(session.events, role, link.sent),
                exercise=session.exercise.as_read_by(role, table.fired) if with_exercise else None,
            )
            frame = self._frames[key] = encode(update)
        link.sent = table.seq
        link.fired = table.fired
        return frame


def reachable(bind: str, port: int) -> str:
    """The address seats should join: this machine's LAN address when listening on all of them."""
    if bind not in ("0.0.0.0", "::", ""):
        return f"{bind}:{port}"
    probe = socket_module.socket(socket_module.AF_INET, socket_module.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))  # no packet is sent: this only picks a route
        address = str(probe.getsockname()[0])
    except OSError:
        address = socket_module.gethostname()
    finally:
        probe.close()
    return f"{address}:{port}"


def _peer(socket: ServerConnection) -> str:
    peer = socket.remote_address
    return str(peer[0]) if peer else "?"
