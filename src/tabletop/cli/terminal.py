"""The command line's last defence: what it prints never commands the terminal.

The models refuse control characters, but a command also prints what no model
checked: file names, a log's damaged lines, argparse echoing an argument, an
error's own words. While a command runs, standard output and error write
every control character (but newline and tab) escaped, as `\\x1b`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO, cast

from tabletop.controls import escaped


class _Escaping:
    """A text stream that passes everything on to `stream`, control characters escaped."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(escaped(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextmanager
def escaping() -> Iterator[None]:
    """Standard output and error escape control characters until the block ends."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = cast(TextIO, _Escaping(out)), cast(TextIO, _Escaping(err))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def raw(stream: TextIO) -> TextIO:
    """The stream under the escaping, for tabletop's own drawing (a progress bar's `\\r`)."""
    return stream.stream if isinstance(stream, _Escaping) else stream
