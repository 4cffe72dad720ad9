"""Replacing a file whole: readers see the old file or all of the new one, never half.

The one home for how tabletop writes a file people keep (a report, papers,
the join codes): written beside its target, synced, then renamed over it. No
imports beyond the standard library, so the command line and the network
host share it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


class NoRoomBeside(OSError):
    """The temporary file could not be made next to the target (its folder is not writable)."""


def replace_whole(
    path: Path, text: str, *, private: bool = False, check: Callable[[Path], None] | None = None
) -> None:
    """Write `text` to `path` atomically; readable by its owner alone (0600) if `private`.

    `check` runs before the temporary file is made and again just before the
    rename, so a path that turns into something else meanwhile is still refused.
    Otherwise the file gets the usual permissions (the umask's).
    """
    if check is not None:
        check(path)
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".partial"
        )
    except OSError as error:
        raise NoRoomBeside(error.errno, error.strerror, error.filename) from None
    replaced = False
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        # mkstemp makes the file private; anything else gets the usual permissions.
        os.chmod(temporary, 0o600 if private else 0o666 & ~_umask())
        if check is not None:
            check(path)
        os.replace(temporary, path)
        replaced = True
    finally:
        if not replaced:
            Path(temporary).unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
