"""The session log's lines: a header, then one event a line, hash-chained.

Each line is JSON ending in `"hash":"<hex>"`, where the hash is the sha256 of
the previous line's hash followed by the line's own bytes without the hash
field. Hashing the exact bytes written (not a re-serialisation) keeps the
chain cheap to check and independent of JSON formatting choices.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tabletop import __version__
from tabletop.exercise.model import Exercise
from tabletop.schedule import ROUNDS, turn_seconds_reason

FORMAT: Literal["tabletop-log"] = "tabletop-log"
VERSION: Literal[1] = 1
_HASH_KEY = ',"hash":"'
_HASH_KEY_BYTES = _HASH_KEY.encode()
_HASH_END = -len(b'"}\n')
_HASH_AT = _HASH_END - 64
"""Where a line's hash starts, counted from its end: a sha256 in hex is 64 digits."""
_KEY_AT = _HASH_AT - len(_HASH_KEY_BYTES)
GENESIS = ""
"""What the header's hash is chained to."""
Chain = Literal["sha256", "hmac-sha256"]
"""How lines are hashed: plainly, or with a secret key (HMAC) only its holder has."""


class Seat(BaseModel):
    """Who plays a role: a person at the keyboard, or a bot with a strategy."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["human", "bot"]
    strategy: str | None = None

    def __str__(self) -> str:
        return f"bot ({self.strategy})" if self.kind == "bot" else "human"


class Parent(BaseModel):
    """The log and event a forked session continues from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    log: str
    seq: int
    hash: str


class Header(BaseModel):
    """The first line: everything needed to replay the log without any other file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["tabletop-log"] = FORMAT
    version: Literal[1] = VERSION
    engine: str = __version__
    exercise: Exercise
    exercise_sha256: str
    seed: int
    seats: dict[str, Seat]
    started_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    parent: Parent | None = None
    chain: Chain = "sha256"
    """Written only when keyed, so a plain log's header is as it always was."""
    # Left out of the line when unset, so a session on the exercise's own
    # schedule writes the header it always did.
    rounds: int | None = Field(
        default=None, ge=ROUNDS[0], le=ROUNDS[1], exclude_if=lambda v: v is None
    )
    """The session's rounds where `play --rounds` changed them; None: the exercise's own."""
    seconds_per_turn: int | None = Field(default=None, exclude_if=lambda v: v is None)
    """The session's turn clock where `play --turn-seconds` changed it; 0: none."""

    @field_validator("seconds_per_turn")
    @classmethod
    def _a_clock_or_none(cls, seconds: int | None) -> int | None:
        reason = None if seconds is None else turn_seconds_reason(seconds)
        if reason:
            raise ValueError(reason)
        return seconds

    @property
    def session_exercise(self) -> Exercise:
        """The exercise as this session plays it, with the schedule the session was given."""
        return self.exercise.with_schedule(self.rounds, self.seconds_per_turn)

    @classmethod
    def for_session(
        cls,
        exercise: Exercise,
        seed: int,
        seats: dict[str, Seat],
        parent: Parent | None = None,
        chain: Chain = "sha256",
        rounds: int | None = None,
        seconds_per_turn: int | None = None,
    ) -> Header:
        return cls(
            exercise=exercise,
            exercise_sha256=exercise_digest(exercise),
            seed=seed,
            seats=seats,
            parent=parent,
            chain=chain,
            rounds=rounds,
            seconds_per_turn=seconds_per_turn,
        )

    def to_json(self) -> str:
        return self.model_dump_json(exclude={"chain"} if self.chain == "sha256" else None)


def exercise_digest(exercise: Exercise) -> str:
    """sha256 of the exercise as loaded, in canonical JSON."""
    canonical = json.dumps(
        exercise.model_dump(mode="json", by_alias=True),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def chained(body: bytes, previous: bytes, key: bytes | None = None) -> bytes:
    """The hash of a line's `body` following a line hashed `previous`, in hex as written.

    With a `key`, an HMAC: only the key's holder can make a chain that checks.
    """
    if key is None:
        return hashlib.sha256(previous + body).hexdigest().encode()
    return hmac.new(key, previous + body, "sha256").hexdigest().encode()


def seal(body: str, previous: str, key: bytes | None = None) -> tuple[str, str]:
    """The line to write for a JSON object `body`, and its hash (the next line's `previous`)."""
    digest = chained(body.encode(), previous.encode()).decode()
    digest = chained(body.encode(), previous.encode(), key).decode()
    return f'{body[:-1]}{_HASH_KEY}{digest}"}}\n', digest


def unseal(line: bytes) -> tuple[bytes, bytes] | None:
    """Split a written line (with its newline) into its body and its hash; None if unhashed.

    It works on the bytes as read, so checking the chain never decodes or
    re-encodes text, and it looks for the hash only where `seal` puts it:
    a line is read in one pass, however long its text.
    """
    if line[_KEY_AT:_HASH_AT] != _HASH_KEY_BYTES or line[_HASH_END:] != b'"}\n':
        return None
    return line[:_KEY_AT] + b"}", line[_HASH_AT:_HASH_END]
