"""A session tied to its log: every accepted act is on disk before it counts.

This is the shell the TUI and the command line drive: the engine decides,
the writer makes the events durable, and only then does the session commit
them. A failed write leaves the session as it was.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from transitions import MachineError

from tabletop.engine.acts import Act
from tabletop.engine.events import Event
from tabletop.engine.session import Session
from tabletop.exercise.model import Exercise
from tabletop.log.format import Header, Parent, Seat
from tabletop.log.reader import LogContents, LogError, LogProblem, read_log
from tabletop.log.writer import LogWriter, claim


def rebuild(contents: LogContents, upto: int | None = None) -> Session:
    """The session a log's trusted events describe, up to event `upto` if given."""
    header = contents.header
    events = contents.events if upto is None else contents.events[:upto]
    session = Session(header.session_exercise, header.seed)
    for event in events:
        try:
            session.replay(event)
        except (KeyError, IndexError, ValueError, AssertionError, MachineError) as error:
            raise LogError(
                f"{contents.path}:{event.seq + 1}: event {event.seq} ({event.kind}) "
                f"does not fit the session so far: {error}"
            ) from None
    return session


class RecordedSession:
    """A live session whose log is the source of truth."""

    def __init__(self, path: Path, header: Header, session: Session, writer: LogWriter) -> None:
        self.path = path
        self.header = header
        self.session = session
        self._writer = writer

    @classmethod
    def create(
        cls,
        path: Path,
        exercise: Exercise,
        seed: int,
        seats: dict[str, Seat],
        fsync: bool = True,
        *,
        rounds: int | None = None,
        seconds_per_turn: int | None = None,
    ) -> RecordedSession:
        header = Header.for_session(
            exercise, seed, seats, rounds=rounds, seconds_per_turn=seconds_per_turn
        )
        writer = LogWriter.create(path, header, fsync)
        return cls(path, header, Session(header.session_exercise, seed), writer)

    @classmethod
    def resume(cls, path: Path, fsync: bool = True) -> tuple[RecordedSession, LogProblem | None]:
        """Open a log to carry on; a torn last line is cut off and reported, damage refused."""
        file = claim(path)
        try:
            contents = read_log(path)
            problem = contents.problem
            if problem is not None and problem.kind == "corrupt":
                raise LogError(
                    f"{path}:{problem.line}: {problem.message} — "
                    "the log cannot be resumed past damage (`tabletop log verify` for details)"
                )
            session = rebuild(contents)
        except LogError:
            file.close()
            raise
        writer = LogWriter.reopen(path, file, contents.good_bytes, contents.last_hash, fsync)
        recorded = cls(path, contents.header, session, writer)
        if problem is not None:
            # The torn write may have cut a decision after its act: let the
            # rules finish what they would have added (a round start, the end).
            decision = session.settle()
            writer.append(decision.events)
            session.commit(decision)
        return recorded, problem

    @classmethod
    def fork(
        cls, parent_path: Path, seq: int, path: Path, seats: dict[str, Seat] | None = None
    ) -> RecordedSession:
        """A new session continuing from event `seq` of another log, in a log of its own."""
        contents = read_log(parent_path, upto=seq)
        if seq < 0 or seq > len(contents.events):
            raise LogError(f"{parent_path}: no event {seq} to fork from")
        source = contents.header
        parent = Parent(log=str(parent_path), seq=seq, hash=contents.last_hash)
        header = Header.for_session(
            source.exercise,
            source.seed,
            seats or dict(source.seats),
            parent,
            rounds=source.rounds,
            seconds_per_turn=source.seconds_per_turn,
        )
        session = rebuild(contents, seq)
        writer = LogWriter.create(path, header)
        writer.append(session.events)
        return cls(path, header, session, writer)

    def apply(self, act: Act, at: datetime | None = None) -> tuple[Event, ...]:
        """Decide, write, then commit: raises IllegalAct or OSError with nothing changed."""
        decision = self.session.decide(act, at)
        self._writer.append(decision.events)
        self.session.commit(decision)
        return decision.events

    def close(self) -> None:
        self._writer.close()
