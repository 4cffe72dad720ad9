"""Forking a log: a new session that carries a logged one on from any event before its end.

The replay viewer and `tabletop replay --fork` both fork through here, so
they name the new log alike and refuse alike.
"""

from __future__ import annotations

from pathlib import Path

from tabletop.engine.phases import ENDED_PHASES
from tabletop.engine.state import SessionState
from tabletop.log.cursor import ReplayCursor
from tabletop.log.errors import LogError
from tabletop.log.recorded import RecordedSession
from tabletop.log.replay_log import ReplayLog


def fork_path(parent: Path, seq: int) -> Path:
    """The default log of a fork: next to its parent, named after it and the event."""
    return parent.with_name(f"{parent.stem}-fork-{seq}{parent.suffix or '.jsonl'}")


def fork_refusal(state: SessionState) -> str | None:
    """Why a session cannot be carried on from this state, or None if it can."""
    if state.phase in ENDED_PHASES:
        return "the session has ended by this event: fork from an earlier one"
    return None


def fork(log: ReplayLog, seq: int, target: Path) -> RecordedSession:
    """A new session in `target` continuing `log` from event `seq`, open for acts.

    Raises LogError, with the parent's path, for an event outside the trusted
    part, one the session had ended by, or a log that cannot be written.
    """
    trusted = log.count
    if not 0 <= seq <= trusted:
        raise LogError(
            f"{log.path}: no event {seq} to fork from: trusted events are 0 to {trusted}"
        )
    cursor = ReplayCursor(log)
    cursor.move_to(seq)
    refusal = fork_refusal(cursor.session.state)
    if refusal is not None:
        raise LogError(f"{log.path}: event {seq}: {refusal}")
    return RecordedSession.fork(log.path, seq, target)
