"""Where session logs go by default, and the recent ones the start screen lists."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir

SUFFIX = ".jsonl"


def sessions_dir() -> Path:
    """The folder new session logs go to unless the facilitator picks another path."""
    return Path(user_data_dir("tabletop")) / "sessions"


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


def recent_logs(limit: int = 20, folder: Path | None = None) -> list[LogSummary]:
    """The most recently written logs in the sessions folder, newest first."""
    where = folder or sessions_dir()
    if not where.is_dir():
        return []
    files = [p for p in where.glob(f"*{SUFFIX}") if p.is_file()]
    files.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    return [summarize(p) for p in files[:limit]]
