"""Writing a session log: nothing is acknowledged before it is on disk.

A log has one writer at a time. Each writer holds an exclusive lock on its
file, so a second `tabletop` on the same log (a resume in another terminal,
or a copy left running in a closed one) is refused rather than interleaving
its events with the first one's.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from tabletop.engine.events import Event
from tabletop.log.format import GENESIS, Header, seal
from tabletop.log.reader import LogError


def claim(path: Path) -> BinaryIO:
    """Open a log to write to it, as its only writer; LogError if another one holds it.

    Claim a log before reading it to carry it on: what is read then cannot
    change before the writing starts.
    """
    try:
        file = path.open("r+b")
    except FileNotFoundError:
        raise LogError(f"{path}: no such file") from None
    except OSError as error:
        raise LogError(f"{path}: cannot open the log to write: {error.strerror}") from None
    try:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        file.close()
        raise LogError(
            f"{path}: another tabletop is writing this log; close that one first"
        ) from None
    except OSError:
        pass  # a file system without locks (some network ones): write unguarded, not refuse
    return file


class LogWriter:
    """Appends hash-chained event lines, flushed and fsynced before `append` returns."""

    def __init__(self, file: BinaryIO, last_hash: str, fsync: bool = True) -> None:
        self._file = file
        self._last_hash = last_hash
        self._fsync = fsync
        self._size = file.tell()

    @classmethod
    def create(cls, path: Path, header: Header, fsync: bool = True) -> LogWriter:
        """Start a new log; refuses to overwrite one. The header appears whole or not at all."""
        line, digest = seal(header.model_dump_json(), GENESIS)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.partial")
        try:
            with partial.open("wb") as file:
                file.write(line.encode())
                file.flush()
                if fsync:
                    os.fsync(file.fileno())
            os.link(partial, path)
        except FileExistsError:
            raise LogError(f"{path}: a log is already there; choose another path") from None
        except OSError as error:
            raise LogError(f"{path}: cannot create the log: {error.strerror}") from None
        finally:
            partial.unlink(missing_ok=True)
        log = claim(path)
        log.seek(0, os.SEEK_END)
        return cls(log, digest, fsync)

    @classmethod
    def reopen(
        cls, path: Path, file: BinaryIO, good_bytes: int, last_hash: str, fsync: bool = True
    ) -> LogWriter:
        """Carry on a `claim`ed log after its last whole line, cutting off a torn tail."""
        try:
            file.truncate(good_bytes)
            file.seek(good_bytes)
        except OSError as error:
            file.close()
            raise LogError(f"{path}: cannot reopen the log: {error.strerror}") from None
        return cls(file, last_hash, fsync)

    @property
    def last_hash(self) -> str:
        return self._last_hash

    def append(self, events: Iterable[Event]) -> None:
        """Write events as one block; on failure the file is cut back as it was."""
        chunk: list[str] = []
        digest = self._last_hash
        for event in events:
            line, digest = seal(event.to_json(), digest)
            chunk.append(line)
        data = "".join(chunk).encode()
        try:
            self._file.write(data)
            self._file.flush()
            if self._fsync:
                os.fsync(self._file.fileno())
        except OSError:
            self._file.truncate(self._size)
            self._file.seek(self._size)
            raise
        self._size += len(data)
        self._last_hash = digest

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
