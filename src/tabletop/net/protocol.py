"""The wire protocol between a host and its seats: JSON text frames, one message each.

Every message is a pydantic model with a `type`; `docs/protocol.md` is the
reference for other clients. A seat says `hello` with its join code, the
host answers `welcome` and from then on sends an `update` whenever the
session moves; a seat sends `act`s, each answered by `ack` once on disk or
`refused` with the engine's reason. Fatal problems are an `error` followed
by closing the connection with one of the `CLOSE_*` codes.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from tabletop.engine.acts import Act, ActKind
from tabletop.engine.events import Event
from tabletop.engine.phases import Phase
from tabletop.engine.state import Conclusion, Proposal, Ratification
from tabletop.exercise.model import Exercise

PROTOCOL = 2
"""Raised whenever a message changes meaning; a host speaks exactly one version."""

PROJECTOR = "projector"
"""The seat name of the read-only public screen."""

MAX_SEAT_MESSAGE = 64 * 1024
"""The largest frame a host accepts: an act with a long statement is a few kilobytes."""

MAX_HOST_MESSAGE = 32 * 1024 * 1024
"""The largest frame a seat accepts: a catch-up after a long absence carries many events."""

CLOSE_ENDED = 1000
CLOSE_PROTOCOL = 4000
CLOSE_CODE = 4001
CLOSE_SEAT_TAKEN = 4002
CLOSE_MALFORMED = 4003
CLOSE_REISSUED = 4005

ErrorKind = Literal["protocol", "code", "seat_taken", "malformed"]


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# Seat to host ---------------------------------------------------------------


class Hello(_Message):
    """The first message of a connection: who is joining, and what it has already seen."""

    type: Literal["hello"] = "hello"
    protocol: int
    code: str = Field(max_length=64)
    since: int | None = Field(default=None, ge=0)
    """The `seq` of the last update this seat received; the host sends only what came after."""


class SendAct(_Message):
    """An act for the seat's own role; `id` is the seat's, echoed in the answer."""

    type: Literal["act"] = "act"
    id: int = Field(ge=0)
    act: Act


SeatMessage = Annotated[Hello | SendAct, Field(discriminator="type")]
SEAT_MESSAGE: TypeAdapter[Hello | SendAct] = TypeAdapter(SeatMessage)


# Host to seat ---------------------------------------------------------------


class Legal(_Message):
    """A role's legal acts now (`LegalActs` on the wire), each closed kind with its reason."""

    kinds: list[ActKind]
    support: list[int] = []
    withdraw: list[int] = []
    reject: list[int] = []
    amend: list[int] = []
    message_to: list[str] = []
    reasons: dict[ActKind, str] = {}


class Picture(_Message):
    """The session now, as one seat may see it.

    For a delegation: the public table, its own points and reservation and
    its legal acts. For the projector (`role` None): the public table alone.
    """

    seq: int
    role: str | None
    phase: Phase
    round: int
    rounds: int
    turn: str | None
    proposals: list[Proposal]
    ratification: Ratification | None
    walked_out: list[str]
    conclusion: Conclusion | None
    """Scores only the seat's own (none for the projector)."""
    valuations: dict[str, dict[str, int]] | None = None
    reservation: int | None = None
    legal: Legal | None = None
    remaining: int | None = None
    """Seconds left on the turn clock when sent; None when no clock runs."""


class Welcome(_Message):
    type: Literal["welcome"] = "welcome"
    protocol: int = PROTOCOL
    seat: str
    """The role id the code belongs to, or "projector"."""


class Update(_Message):
    """The seat's picture now and the events it may see since the last update it got."""

    type: Literal["update"] = "update"
    picture: Picture
    since: int
    """The events follow event `since`: 0 means they are the seat's whole history."""
    events: list[Event]
    exercise: Exercise | None = None
    """The exercise as this seat may read it, when it changed (always in the first update)."""


class Ack(_Message):
    """The act is on disk and in the session; `seq` is its last event."""

    type: Literal["ack"] = "ack"
    id: int
    seq: int


class Refused(_Message):
    """The act was not taken (the engine's reason, or why it never reached the engine)."""

    type: Literal["refused"] = "refused"
    id: int | None
    reason: str


class Error(_Message):
    """Why the host is about to close the connection (or ignored a frame, for `malformed`)."""

    type: Literal["error"] = "error"
    error: ErrorKind
    message: str


HostMessage = Annotated[Welcome | Update | Ack | Refused | Error, Field(discriminator="type")]
HOST_MESSAGE: TypeAdapter[Welcome | Update | Ack | Refused | Error] = TypeAdapter(HostMessage)
WIRE_CONTEXT = {"skip_references": True}
"""A seat's exercise is redacted: references to what it may not read are left dangling."""


def encode(message: _Message) -> str:
    return message.model_dump_json()


def decode_host(frame: str | bytes) -> Welcome | Update | Ack | Refused | Error:
    """A host's message; raises pydantic's ValidationError for anything else."""
    return HOST_MESSAGE.validate_json(frame, context=WIRE_CONTEXT)
