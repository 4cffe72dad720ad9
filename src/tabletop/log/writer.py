"""Writing a session log: nothing is acknowledged before it is on disk.

A log has one writer at a time. Each writer holds an exclusive lock on its
file, so a second `tabletop` on the same log (a resume in another terminal,
or a copy left running in a closed one) is refused rather than interleaving
its events with the first one's.

Writes go straight to the file, unbuffered: a write that fails half-way
(a full disk) leaves nothing waiting in a buffer to be flushed later, and
the writer cuts the file back to its last whole block before it says so.
"""

from __future__ import annotations

import errno
import fcntl
import os
import tempfile
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import Protocol

from tabletop.engine.events import Event
from tabletop.log.errors import LogError
from tabletop.log.format import GENESIS, Header, seal

_NO_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV})
"""What `link` fails with on a file system without hard links (some FUSE ones, FAT)."""


class LogFile(Protocol):
    """What the writer needs of its file: raw, unbuffered writes (a `FileIO`)."""

    def write(self, data: bytes | memoryview, /) -> int | None: ...
    def truncate(self, size: int, /) -> int: ...
    def seek(self, offset: int, whence: int = ..., /) -> int: ...
    def fileno(self) -> int: ...
    def close(self) -> None: ...


def claim(path: Path) -> LogFile:
    """Open a log to write to it, as its only writer; LogError if another one holds it.

    Claim a log before reading it to carry it on: what is read then cannot
    change before the writing starts.
    """
    try:
        file = open(path, "r+b", buffering=0)  # noqa: SIM115 - the writer owns it
    except FileNotFoundError:
        raise LogError(f"{path}: no such file") from None
    except OSError as error:
        raise LogError(f"{path}: cannot open the log to write: {error.strerror}") from None
    _lock(path, file)
    return file


def _lock(path: Path, file: LogFile) -> None:
    try:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        file.close()
        raise LogError(
            f"{path}: another tabletop is writing this log; close that one first"
        ) from None
    except OSError:
        pass  # a file system without locks (some network ones): write unguarded, not refuse


def _create(path: Path, first: bytes, fsync: bool) -> LogFile:
    """A new file at `path` holding `first`, locked for writing; never replaces a file.

    The line is written to a file of a unique name beside `path`, then linked
    into place: `link` fails if `path` exists, so two processes creating the
    same log cannot both win, and nobody ever sees a log without its header.
    The file is its owner's alone (mode 0600): it holds every confidential
    briefing and private message of the session.
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".new")
    try:
        file = _filled(descriptor, path, first, fsync)
        try:
            os.link(temporary, path)
        except OSError as error:
            file.close()
            if error.errno not in _NO_LINKS:
                raise
            file = _create_in_place(path, first, fsync)
    finally:
        with suppress(OSError):
            os.unlink(temporary)
    if fsync:
        _sync_folder(folder)
    return file


def _create_in_place(path: Path, first: bytes, fsync: bool) -> LogFile:
    """Without links: create `path` exclusively and write it there (a crash may tear it)."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        return _filled(descriptor, path, first, fsync)
    except BaseException:
        with suppress(OSError):
            path.unlink()  # made just now, and not whole
        raise


def _filled(descriptor: int, path: Path, first: bytes, fsync: bool) -> LogFile:
    """The new file open at `descriptor`, locked, holding `first`; closed if that fails."""
    file: LogFile = open(descriptor, "r+b", buffering=0)  # noqa: SIM115 - the writer owns it
    try:
        _lock(path, file)
        _write_all(file, first)
        if fsync:
            os.fsync(file.fileno())
    except BaseException:
        file.close()
        raise
    return file


def _sync_folder(folder: Path) -> None:
    """Make the new name durable too: a crash must not lose a log already acknowledged."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _write_all(file: LogFile, data: bytes) -> None:
    """Write every byte of `data`: a raw write may take only part of it."""
    view = memoryview(data)
    while view:
        written = file.write(view)
        if not written:
            raise OSError(errno.EIO, "the write made no progress")
        view = view[written:]


class LogWriter:
    """Appends hash-chained event lines, written and fsynced before `append` returns."""

    def __init__(
        self,
        path: Path,
        file: LogFile,
        last_hash: str,
        fsync: bool = True,
        key: bytes | None = None,
    ) -> None:
        self._path = path
        self._file = file
        self._last_hash = last_hash
        self._fsync = fsync
        self._key = key
        self._size = file.seek(0, os.SEEK_END)
        self._broken: OSError | None = None

    @classmethod
    def create(
        cls, path: Path, header: Header, fsync: bool = True, key: bytes | None = None
    ) -> LogWriter:
        """Start a new log; refuses to overwrite one. The header appears whole or not at all.

        A keyed header (`chain` "hmac-sha256") needs its `key`.
        """
        line, digest = seal(header.to_json(), GENESIS, key)
        try:
            file = _create(path, line.encode(), fsync)
        except FileExistsError:
            raise LogError(f"{path}: a log is already there; choose another path") from None
        except OSError as error:
            raise LogError(f"{path}: cannot create the log: {error.strerror}") from None
        return cls(path, file, digest, fsync, key)

    @classmethod
    def reopen(
        cls,
        path: Path,
        file: LogFile,
        good_bytes: int,
        last_hash: str,
        fsync: bool = True,
        key: bytes | None = None,
    ) -> LogWriter:
        """Carry on a `claim`ed log after its last whole line, cutting off a torn tail."""
        try:
            file.truncate(good_bytes)
        except OSError as error:
            file.close()
            raise LogError(f"{path}: cannot reopen the log: {error.strerror}") from None
        return cls(path, file, last_hash, fsync, key)

    @property
    def last_hash(self) -> str:
        return self._last_hash

    def append(self, events: Iterable[Event]) -> None:
        """Write events as one block; raises OSError with the file cut back as it was."""
        if self._broken is not None:
            raise self._broken
        chunk: list[str] = []
        digest = self._last_hash
        for event in events:
            line, digest = seal(event.to_json(), digest, self._key)
            chunk.append(line)
        data = "".join(chunk).encode()
        try:
            _write_all(self._file, data)
            if self._fsync:
                os.fsync(self._file.fileno())
        except OSError as error:
            self._cut_back()
            if self._broken is not None:
                raise self._broken from None
            raise OSError(error.errno, error.strerror, str(self._path)) from None
        self._size += len(data)
        self._last_hash = digest

    def _cut_back(self) -> None:
        """Leave the file as it was before a failed append, or stop writing to it."""
        try:
            self._file.truncate(self._size)
            self._file.seek(self._size)
        except OSError as error:
            # What is on disk past the last block is unknown now: no later
            # block may follow it. `resume` cuts or settles that tail.
            self._broken = OSError(
                error.errno,
                f"{error.strerror}; the log could not be cut back after a failed write: "
                "close the session and resume it",
                str(self._path),
            )

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> LogWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
