"""The key of a keyed (HMAC) chain: read from a file, never given on the command line.

A plain hash chain shows accidents; anyone who can write the file can
recompute it. With a key, only its holder can: a facilitator who keeps the
key can check a log against a participant who had the file. The key is
read from a file (named by `--key` or by the environment variable below),
so it never shows in a process list or a shell history.
"""

from __future__ import annotations

import os
from pathlib import Path

from tabletop.log.errors import LogError

KEY_FILE = "TABLETOP_LOG_KEY_FILE"
"""The environment variable naming the key file every log is written and read with."""
SHORTEST = 16
"""Fewest bytes a key may have: a short key can be guessed."""


def read_key(path: Path) -> bytes:
    """The key held in `path` (a trailing newline is not part of it); LogError if unusable."""
    try:
        key = path.read_bytes().rstrip(b"\r\n")
    except OSError as error:
        raise LogError(f"{path}: cannot read the key: {error.strerror}") from None
    if len(key) < SHORTEST:
        raise LogError(f"{path}: a key needs at least {SHORTEST} bytes, this one has {len(key)}")
    return key


def environment_key() -> bytes | None:
    """The key named by TABLETOP_LOG_KEY_FILE, or None when it is not set."""
    named = os.environ.get(KEY_FILE)
    return read_key(Path(named)) if named else None
