"""Reading a session log back, checking every line against the chain.

Reading stops at the first line that cannot be trusted and says which and
why. A last line cut short by a crash ("torn") is told apart from damage in
the middle, because a session can carry on from the whole events before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import BinaryIO, Literal

from pydantic import ValidationError

from tabletop.collector import paused
from tabletop.engine.events import Event
from tabletop.exercise.wording import first_problem
from tabletop.log.errors import LogError
from tabletop.log.format import GENESIS, Header, chained, exercise_digest, unseal
from tabletop.log.key import KEY_FILE, environment_key

MAX_HEADER = 16 * 2**20
"""Longest header line read, in bytes: it holds the whole exercise."""
MAX_LINE = 2**20
"""Longest event line read, in bytes: a few times the longest text an act may carry.

Without a cap, a file of one endless line (`/dev/zero`) would be read into
memory whole before anything could be said about it.
"""

_TORN = "the last line is cut short (a crash while writing); everything before it is whole"
_ALTERED = (
    "the hash does not match: this line was edited, "
    "or a line before it was removed, added or reordered"
)


@dataclass(frozen=True)
class LogProblem:
    line: int
    kind: Literal["torn", "corrupt"]
    message: str

    @property
    def whole_events(self) -> int:
        """The events whole before this line: what `log verify` and a resumed session count.

        Line 1 is the header and event n is line n + 1, so the count is the
        line's number less two, however the events fell into blocks.
        """
        return self.line - 2


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
    receipt_at: int | None = None
    """The event whose line has the receipt asked for as its hash (0: the header), if any."""
    key: bytes | None = field(default=None, repr=False)
    """The key of a keyed chain, for carrying it on."""


def read_log(
    path: Path,
    verify: bool = True,
    upto: int | None = None,
    receipt: str | None = None,
    key: bytes | None = None,
) -> LogContents:
    """Read `path` (up to event `upto`); raises LogError if not even the header can be trusted.

    With `verify=False` the hash chain is not recomputed (a faster replay of
    a log already checked); structure and sequence are still checked. Lines
    are read one at a time and no further than event `upto`, so a long log
    costs only its events in memory. With a `receipt` (a line's hash), the
    contents say which event's line has it. A keyed log is checked with the
    key named by TABLETOP_LOG_KEY_FILE; given a `key`, the log must be keyed
    with it.
    """
    with open_log(path, verify, receipt, key) as stream, paused():
        events = list(stream if upto is None else islice(stream, max(upto, 0)))
    return LogContents(
        path,
        stream.header,
        stream.last_hash,
        stream.good_bytes,
        events,
        stream.problem,
        stream.receipt_at,
        stream.key,
    )


@contextmanager
def open_log(
    path: Path,
    verify: bool = True,
    receipt: str | None = None,
    key: bytes | None = None,
) -> Iterator[LogStream]:
    """The log at `path` to read one event at a time, as `read_log` does but holding none.

    Raises LogError (here or while reading) if the file cannot be read or
    not even the header can be trusted.
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
            yield LogStream.opened(path, file, verify, receipt, key)
        except IsADirectoryError:
            raise LogError(f"{path}: is a directory, not a session log") from None
        except OSError as error:
            raise LogError(f"{path}: cannot read: {error.strerror}") from None


class LogStream:
    """A log's trusted events, read one line at a time as they are asked for.

    Once the events run out, `problem` says why the reading stopped (None: the
    log ended whole); `last_hash`, `good_bytes` and `receipt_at` are those of
    the lines read so far.
    """

    def __init__(
        self,
        path: Path,
        file: BinaryIO,
        header: Header,
        last: bytes,
        key: bytes | None,
        *,
        good_bytes: int,
        seq: int = 0,
        verify: bool = True,
        mark: bytes | None = None,
    ) -> None:
        """The events after event `seq` (0: the header), from `file` placed just past its
        line, which hashed to `last`; `mark` is a receipt to look for, as bytes."""
        self.path = path
        self._file = file
        self._verify = verify
        self.header, self._last, self.key = header, last, key
        self._mark = mark
        self.receipt_at: int | None = seq if mark is not None and last == mark else None
        self.good_bytes = good_bytes
        self.problem: LogProblem | None = None
        self._seq = seq
        """The last event read: the next line must hold the one after it."""

    @classmethod
    def opened(
        cls, path: Path, file: BinaryIO, verify: bool, receipt: str | None, key: bytes | None
    ) -> LogStream:
        """A log read from its header line, which must be whole and a session log's."""
        first = file.readline(MAX_HEADER + 1)
        if not first.strip():
            raise LogError(f"{path}:1: empty file: not a session log")
        if len(first) > MAX_HEADER:
            raise LogError(f"{path}:1: {_too_long(MAX_HEADER)}: not a session log")
        if not first.endswith(b"\n"):
            raise LogError(f"{path}:1: the header line is cut short: not a usable session log")
        header, last, key = _header(path, first, verify, key)
        mark = receipt.encode("ascii", "replace") if receipt is not None else None
        return cls(path, file, header, last, key, good_bytes=len(first), verify=verify, mark=mark)

    @classmethod
    def resumed(
        cls, path: Path, file: BinaryIO, header: Header, key: bytes | None, seq: int, last: str
    ) -> LogStream:
        """The events after event `seq` of a log already read, from a `file` placed just
        past that event's line (hashed `last`): a stretch read again is checked again."""
        return cls(path, file, header, last.encode("ascii"), key, good_bytes=file.tell(), seq=seq)

    @property
    def last_hash(self) -> str:
        """The hash of the last trusted line: what the next line must chain to."""
        # Unverified, the last hash may be any 64 bytes: it must not stop the reading.
        return self._last.decode("ascii", "replace")

    def __iter__(self) -> Iterator[Event]:
        file, verify, key, mark = self._file, self._verify, self.key, self._mark
        last = self._last
        seq = self._seq
        number = seq + 1
        # The checks of a line are spelled out here rather than called: at a hundred
        # thousand lines, a call per line is a noticeable share of a replay.
        # Every line taken is an event or the end of the reading: `islice` of n
        # events reads n lines.
        while True:
            raw = file.readline(MAX_LINE + 1)
            if not raw:
                return
            number += 1
            if not raw.endswith(b"\n"):
                # A line counts only once its newline is written: the writer ends
                # every block with one, so without it the write never finished.
                if len(raw) > MAX_LINE:
                    self.problem = LogProblem(number, "corrupt", _too_long(MAX_LINE))
                else:
                    self.problem = LogProblem(number, "torn", _TORN)
                return
            sealed = unseal(raw)
            if sealed is None:
                self.problem = LogProblem(number, "corrupt", "not a log line (no hash)")
                return
            body, digest = sealed
            if verify and chained(body, last, key) != digest:
                self.problem = LogProblem(number, "corrupt", _ALTERED)
                return
            try:
                event = Event.from_json(body)
            except ValidationError as error:
                problem = f"not a valid event: {first_problem(error)}"
                self.problem = LogProblem(number, "corrupt", problem)
                return
            if event.seq != seq + 1:
                self.problem = LogProblem(number, "corrupt", _out_of_order(seq + 1, event.seq))
                return
            seq = event.seq
            last = self._last = digest
            self.good_bytes += len(raw)
            if digest == mark:
                self.receipt_at = seq
            yield event


def _header(
    path: Path, raw: bytes, verify: bool, insisted: bytes | None
) -> tuple[Header, bytes, bytes | None]:
    """The header, its hash, and the key its chain is checked with (None: a plain chain)."""
    sealed = unseal(raw)
    if sealed is None:
        raise LogError(f"{path}:1: not a session log (no hash on the header line)")
    body, digest = sealed
    try:
        header = Header.model_validate_json(body)
    except ValidationError as error:
        raise LogError(f"{path}:1: not a valid log header: {first_problem(error)}") from None
    key = _key(path, header, verify, insisted)
    if verify and chained(body, GENESIS.encode(), key) != digest:
        raise LogError(
            f"{path}:1: the header's hash does not match: the header was altered"
            + (", or the key is not this log's" if key is not None else "")
        )
    if verify and exercise_digest(header.exercise) != header.exercise_sha256:
        raise LogError(
            f"{path}:1: the exercise in the header does not match its exercise_sha256: "
            "the exercise was altered"
        )
    return header, digest, key


def _key(path: Path, header: Header, verify: bool, insisted: bytes | None) -> bytes | None:
    if header.chain == "sha256":
        if insisted is not None:
            raise LogError(
                f"{path}:1: the log's chain is not keyed: anyone who could write the file "
                "could have rewritten it, so a key proves nothing about it"
            )
        return None
    key = insisted if insisted is not None else environment_key()
    if key is None and verify:
        raise LogError(
            f"{path}:1: the log's chain is keyed: give its key (log verify --key FILE, "
            f"or the file named by {KEY_FILE})"
        )
    return key


def _too_long(limit: int) -> str:
    return f"a line longer than {limit // 2**20} MiB: not a session log line"


def _out_of_order(expected: int, found: int) -> str:
    return f"expected event {expected}, found event {found}: lines are missing or out of order"
