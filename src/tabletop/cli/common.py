"""What the subcommands share: how they fail, and how they load an exercise."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from tabletop.exercise.model import Exercise


class CommandError(Exception):
    """A failure the user can act on: printed as a message, never as a traceback."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def load_exercise(path: Path) -> Exercise:
    """Load an exercise for a command, or fail with one `FILE:LINE: field.path: message` a line."""
    from tabletop.exercise.loader import ExerciseError, load

    try:
        return load(path)
    except ExerciseError as error:
        raise CommandError("\n".join(map(str, error.problems))) from None


class ProgressBar:
    """`[#####.....] 50%`, redrawn in place on one terminal line, cleared when done."""

    WIDTH = 40

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._shown = -1

    def show(self, done: int, total: int) -> None:
        filled = self.WIDTH * done // max(total, 1)
        if filled == self._shown:
            return
        percent = 100 * done // max(total, 1)
        self._stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {percent}%")
        self._stream.flush()
        self._shown = filled

    def close(self) -> None:
        if self._shown >= 0:
            self._stream.write("\r" + " " * (self.WIDTH + 8) + "\r")
            self._stream.flush()
