"""What the subcommands share: how they fail, and how they load an exercise."""

from __future__ import annotations

from pathlib import Path


class CommandError(Exception):
    """A failure the user can act on: printed as one line, never as a traceback."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
