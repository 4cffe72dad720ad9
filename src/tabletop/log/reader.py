"""Reading a session log back, checking every line against the chain.

Reading stops at the first line that cannot be trusted and says which and
why. A last line cut short by a crash ("torn") is told apart from damage in
the middle, because a session can carry on from the whole events before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import BinaryIO, Literal

from pydantic import ValidationError

from tabletop.collector import paused
from tabletop.engine.events import Event
from tabletop.log.format import GENESIS, Header, chained, unseal

_TORN = "the last line is cut short (a crash while writing); everything before it is whole"
_ALTERED = (
    "the hash does not match: this line was edited, "
    "or a line before it was removed, added or reordered"
)


class LogError(ValueError):
    """A log that cannot be used at all: not there, not a log, or a bad header."""


@dataclass(frozen=True)
class LogProblem:
    line: int
    kind: Literal["torn", "corrupt"]
    message: str


@dataclass
class LogContents:
    """What a log holds up to its first untrustworthy line."""

    path: Path
    header: Header
    last_hash: str
    """The hash of the last trusted line: what the next line must chain to."""
    good_bytes: int
    """Length of the trusted part of the file, where a resumed session appends."""
    events: list[Event] = field(default_factory=list)
    problem: LogProblem | None = None


def read_log(path: Path, verify: bool = True, upto: int | None = None) -> LogContents:
    """Read `path` (up to event `upto`); raises LogError if not even the header can be trusted.

    With `verify=False` the hash chain is not recomputed (a faster replay of
    a log already checked); structure and sequence are still checked. Lines
    are read one at a time, so a long log costs only its events in memory.
    """
    try:
        file = path.open("rb")
    except FileNotFoundError:
        raise LogError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise LogError(f"{path}: is a directory, not a session log") from None
    except OSError as error:
        raise LogError(f"{path}: cannot read: {error.strerror}") from None
    with file:
        try:
            return _read(path, file, verify, upto)
        except IsADirectoryError:
            raise LogError(f"{path}: is a directory, not a session log") from None
        except OSError as error:
            raise LogError(f"{path}: cannot read: {error.strerror}") from None


def _read(path: Path, file: BinaryIO, verify: bool, upto: int | None) -> LogContents:
    first = file.readline()
    if not first.strip():
        raise LogError(f"{path}:1: empty file: not a session log")
    if not first.endswith(b"\n"):
        raise LogError(f"{path}:1: the header line is cut short: not a usable session log")
    header, last = _header(path, first, verify)
    events: list[Event] = []
    good_bytes = len(first)
    problem: LogProblem | None = None
    # Every line taken is an event or the end of the reading: `upto` events are `upto` lines.
    lines = file if upto is None else islice(file, max(upto, 0))
    # The checks of a line are spelled out here rather than called: at a hundred
    # thousand lines, a call per line is a noticeable share of a replay.
    with paused():
        for number, raw in enumerate(lines, start=2):
            if not raw.endswith(b"\n"):
                # A line counts only once its newline is written: the writer ends
                # every block with one, so without it the write never finished.
                problem = LogProblem(number, "torn", _TORN)
                break
            sealed = unseal(raw)
            if sealed is None:
                problem = LogProblem(number, "corrupt", "not a log line (no hash)")
                break
            body, digest = sealed
            if verify and chained(body, last) != digest:
                problem = LogProblem(number, "corrupt", _ALTERED)
                break
            try:
                event = Event.from_json(body)
            except ValidationError as error:
                problem = LogProblem(number, "corrupt", f"not a valid event: {_first(error)}")
                break
            if event.seq != len(events) + 1:
                problem = LogProblem(number, "corrupt", _out_of_order(len(events) + 1, event.seq))
                break
            events.append(event)
            last = digest
            good_bytes += len(raw)
    # Unverified, the last hash may be any 64 bytes: it must not stop the reading.
    last_hash = last.decode("ascii", "replace")
    return LogContents(path, header, last_hash, good_bytes, events, problem)


def _header(path: Path, raw: bytes, verify: bool) -> tuple[Header, bytes]:
    sealed = unseal(raw)
    if sealed is None:
        raise LogError(f"{path}:1: not a session log (no hash on the header line)")
    body, digest = sealed
    if verify and chained(body, GENESIS.encode()) != digest:
        raise LogError(f"{path}:1: the header's hash does not match: the header was altered")
    try:
        return Header.model_validate_json(body), digest
    except ValidationError as error:
        raise LogError(f"{path}:1: not a valid log header: {_first(error)}") from None


def _first(error: ValidationError) -> str:
    """Where the first problem is, and what it is."""
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}"


def _out_of_order(expected: int, found: int) -> str:
    return f"expected event {expected}, found event {found}: lines are missing or out of order"
