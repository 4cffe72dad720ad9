"""tabletop's data folder: session logs by default, the recent ones, the facilitator's exercises."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir

SUFFIX = ".jsonl"
HOME = "TABLETOP_HOME"
"""The environment variable naming a data folder to use instead of the platform's."""


def data_dir() -> Path:
    """tabletop's data folder: $TABLETOP_HOME if set, else the platform's user data folder.

    On Linux `~/.local/share/tabletop`, on macOS `~/Library/Application
    Support/tabletop`, on Windows under `%LOCALAPPDATA%`.
    """
    home = os.environ.get(HOME)
    return Path(home) if home else Path(user_data_dir("tabletop"))


def sessions_dir() -> Path:
    """The folder new session logs go to unless the facilitator picks another path."""
    return data_dir() / "sessions"


def exercises_dir() -> Path:
    """The facilitator's own exercises, which the start screen lists beside the bundled ones."""
    return data_dir() / "exercises"


def new_log_path(exercise_id: str, now: datetime | None = None) -> Path:
    """A fresh log path named after the exercise, the time and this process.

    The process id keeps two sessions started in the same second apart; a
    name already taken gets a number. Creating the log never replaces a
    file, so a race lost anyway is refused, not mixed into another log.
    """
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    name = f"{exercise_id}-{stamp}-{os.getpid()}"
    folder = sessions_dir()
    path = folder / f"{name}{SUFFIX}"
    number = 2
    while path.exists():
        path = folder / f"{name}-{number}{SUFFIX}"
        number += 1
    return path


@dataclass(frozen=True)
class LogSummary:
    """One recent session, as the start screen lists it."""

    path: Path
    exercise: str
    started: datetime | None
    status: str
    resumable: bool


def summarize(path: Path) -> LogSummary:
    """What a log holds, read without checking hashes (resuming checks them)."""
    from tabletop.engine.phases import TURN_PHASES
    from tabletop.log import LogError, read_log, rebuild

    try:
        contents = read_log(path, verify=False)
        session = rebuild(contents)
    except LogError as error:
        return LogSummary(path, path.stem, None, f"unreadable: {error}", False)
    state = session.state
    exercise = contents.header.exercise
    if state.conclusion is not None:
        status = f"concluded: {exercise.outcome(state.conclusion.outcome).title}"
    elif state.phase in TURN_PHASES:
        status = f"{state.phase}, round {state.round}/{state.rounds}"
    else:
        status = state.phase
    if contents.problem is not None:
        status += f" ({contents.problem.kind} at line {contents.problem.line})"
    resumable = contents.problem is None or contents.problem.kind == "torn"
    return LogSummary(path, exercise.title, contents.header.started_at, status, resumable)


def recent_logs(
    limit: int = 20, folder: Path | None = None, also: Iterable[Path] = ()
) -> list[LogSummary]:
    """The most recently written logs in the sessions folder and `also`, newest first.

    `also` holds logs kept elsewhere (`play --log PATH`) that this run has
    had open, so a session left for the start screen can be resumed there.
    """
    where = folder or sessions_dir()
    found = list(where.glob(f"*{SUFFIX}")) if where.is_dir() else []
    found += also
    written: dict[str, tuple[float, Path]] = {}
    for path in found:
        try:
            if path.is_file():
                written.setdefault(os.path.realpath(path), (path.stat().st_mtime, path))
        except OSError:
            continue  # gone, or out of reach, since it was listed
    newest = sorted(written.values(), key=lambda pair: pair[0], reverse=True)
    return [summarize(path) for _, path in newest[:limit]]
