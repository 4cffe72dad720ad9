"""Join codes: one per seat and one for the projector, hard to guess and slow to guess at.

A code is 80 random bits written as 16 letters and digits in groups of four
(no i, l, o or u, so it reads aloud and types without mistakes). Codes are
kept beside the session log, readable by its owner alone, so a restarted
host takes its seats back with the same codes; never in the log itself,
which is shared for the debrief.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
import time
from collections import deque
from collections.abc import Iterable
from pathlib import Path

from tabletop.net.protocol import PROJECTOR

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
"""Crockford's base 32: 5 bits a character."""
LENGTH = 16
_READ_AS = str.maketrans({"i": "1", "l": "1", "o": "0", "-": None, " ": None})


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))


def normalise(code: str) -> str:
    """A code as typed, reduced to its characters: case, dashes and look-alikes ignored."""
    return code.strip().lower().translate(_READ_AS)


def store_path(log: Path) -> Path:
    """Where a session's codes are kept: beside its log."""
    return log.with_name(f"{log.name}.codes")


class Codes:
    """Seat → code, for the human seats and the projector."""

    def __init__(self, codes: dict[str, str]) -> None:
        self._codes = dict(codes)

    @classmethod
    def fresh(cls, seats: Iterable[str]) -> Codes:
        return cls({seat: new_code() for seat in (*seats, PROJECTOR)})

    @classmethod
    def kept(cls, path: Path, seats: Iterable[str]) -> Codes:
        """The codes saved at `path` for these seats; a new code for any seat missing there."""
        try:
            saved = json.loads(path.read_text())
        except (OSError, ValueError):
            saved = {}
        if not isinstance(saved, dict):
            saved = {}
        codes = {}
        for seat in (*seats, PROJECTOR):
            code = saved.get(seat)
            codes[seat] = code if isinstance(code, str) and code else new_code()
        return cls(codes)

    def as_dict(self) -> dict[str, str]:
        return dict(self._codes)

    def __getitem__(self, seat: str) -> str:
        return self._codes[seat]

    def seat_for(self, code: str) -> str | None:
        """The seat a code opens, compared in constant time against every seat's code."""
        given = normalise(code).encode()
        found = None
        for seat, known in self._codes.items():
            if hmac.compare_digest(given, normalise(known).encode()):
                found = seat
        return found

    def reissue(self, seat: str) -> str:
        """A new code for the seat; the old one opens nothing any more."""
        self._codes[seat] = new_code()
        return self._codes[seat]

    def save(self, path: Path) -> None:
        """Write the codes where only their owner can read them, replacing the file whole."""
        write_private(path, json.dumps(self._codes, indent=2) + "\n")


def write_private(path: Path, text: str) -> None:
    """Write a file readable by its owner alone (0600), atomically."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "w") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(partial, 0o600)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


class Throttle:
    """Slows down an address that keeps giving wrong codes.

    After `free` wrong codes within `window` seconds, each answer to that
    address waits a second more per further attempt, up to `longest`; at
    80 bits a code, that turns guessing from hopeless into absurd.
    """

    def __init__(self, free: int = 5, window: float = 60.0, longest: float = 10.0) -> None:
        self.free = free
        self.window = window
        self.longest = longest
        self._misses: dict[str, deque[float]] = {}

    def delay(self, address: str) -> float:
        """How long to wait before answering this address."""
        misses = self._misses.get(address)
        if misses is None:
            return 0.0
        self._forget_old(misses)
        over = len(misses) - self.free + 1
        return min(float(over), self.longest) if over > 0 else 0.0

    def missed(self, address: str) -> None:
        if len(self._misses) > 1024:
            # Many addresses guessing: forget the quiet ones rather than grow.
            for known, misses in list(self._misses.items()):
                if not self._forget_old(misses):
                    del self._misses[known]
        self._misses.setdefault(address, deque()).append(time.monotonic())

    def _forget_old(self, misses: deque[float]) -> int:
        cutoff = time.monotonic() - self.window
        while misses and misses[0] < cutoff:
            misses.popleft()
        return len(misses)
