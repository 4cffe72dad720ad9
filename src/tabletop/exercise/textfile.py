"""A file's bytes as YAML text, or why they cannot be: unopenable, too large, binary, not UTF-8."""

from __future__ import annotations

import stat
from pathlib import Path

from tabletop.exercise.problems import ExerciseError, LoadProblem


class Unreadable(Exception):
    """A file that cannot be opened: blamed on whatever named it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_text(path: Path, name: str, max_bytes: int) -> str:
    """The text of the file at `path`, blamed as `name`.

    Raises `Unreadable` when the file cannot be opened, and `ExerciseError` when what
    it holds is not YAML text: that problem is in the file itself.
    """
    return _decode(_read(path, max_bytes), name, max_bytes)


def _read(path: Path, max_bytes: int) -> bytes:
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise Unreadable("is a directory")
        if not stat.S_ISREG(mode):
            raise Unreadable("not a regular file")
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise Unreadable("no such file") from None
    except PermissionError:
        raise Unreadable("permission denied") from None
    except OSError as error:
        raise Unreadable(error.strerror or str(error)) from None
    except ValueError:  # the operating system takes no NUL in a path, and Python says so
        raise Unreadable("a path cannot hold a NUL character") from None


def _decode(raw: bytes, name: str, max_bytes: int) -> str:
    """The text of a file, or the reason it is not YAML text at all."""
    if len(raw) > max_bytes:
        reason, line = f"too large for an exercise (over {max_bytes // 2**20} MB)", 1
    elif b"\0" in raw:
        reason, line = "binary data, not YAML text", _line_of(raw, raw.index(b"\0"))
    else:
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            bad = raw[error.start]
            reason = f"not UTF-8 text (byte 0x{bad:02X}); save the file as UTF-8"
            line = _line_of(raw, error.start)
    raise ExerciseError([LoadProblem(name, line, "", reason)])


def _line_of(raw: bytes, index: int) -> int:
    return raw[:index].count(b"\n") + 1
