"""Where a command's document goes: stdout, or a file written whole, in the format its name implies.

`report -o` and `papers -o` share it: a file appears whole or not at all,
and only a regular file (or nothing yet) is replaced.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tabletop.cli.common import CommandError
from tabletop.files import NoRoomBeside, replace_whole

FORMATS = ("md", "html")


def format_of(output: Path | None) -> str:
    """html when the file's name ends in .html or .htm, else md (stdout too)."""
    return "html" if output is not None and output.suffix.lower() in (".html", ".htm") else "md"


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the whole new one.

    Only a regular file is replaced: renaming over a symlink, a fifo or a
    device node (`-o /dev/stdout` run as root) would put a report where
    something else belongs.
    """
    try:
        replace_whole(path, text, check=_refuse_special)
    except NoRoomBeside as error:
        raise CommandError(f"{path}: cannot write here: {error.strerror}") from None
    except OSError as error:
        raise CommandError(f"{path}: cannot write the report: {error.strerror}") from None


def _refuse_special(path: Path) -> None:
    """CommandError unless `path` is a regular file (not a link to one) or nothing yet."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise CommandError(f"{path}: cannot write the report: {error.strerror}") from None
    if stat.S_ISLNK(mode):
        raise CommandError(f"{path}: is a symbolic link; give the path of a regular file")
    if not stat.S_ISREG(mode):
        raise CommandError(
            f"{path}: is not a regular file (a folder, fifo or device): "
            "give a new path or a file to replace, or leave out -o to print the report"
        )
