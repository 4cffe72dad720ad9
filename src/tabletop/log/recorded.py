"""A session tied to its log: every accepted act is on disk before it counts.

This is the shell the TUI and the command line drive: the engine decides,
the writer makes the events durable, and only then does the session commit
them. A failed write leaves the session as it was.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from pathlib import Path

from tabletop.engine.acts import Act
from tabletop.engine.events import Event
from tabletop.engine.session import Session
from tabletop.exercise.model import Exercise
from tabletop.log.audit import Misfit, audited
from tabletop.log.errors import LogError
from tabletop.log.format import Chain, Header, Parent, Seat
from tabletop.log.key import environment_key
from tabletop.log.reader import LogContents, LogProblem, read_log
from tabletop.log.writer import LogWriter, claim


def rebuild(contents: LogContents, upto: int | None = None) -> Session:
    """The session a log's trusted events describe, up to event `upto` if given.

    The events are folded as recorded, which is fast and right for a log the
    engine wrote. An event the fold cannot take raises a `Misfit` naming it;
    `audited` also checks every event against the rules, for a log that
    may have been forged.
    """
    header = contents.header
    events = contents.events if upto is None else contents.events[:upto]
    session = Session(header.session_exercise, header.seed)
    for event in events:
        try:
            session.replay(event)
        except Exception as error:  # any failure of the fold is the event's
            raise Misfit(str(contents.path), event, str(error) or type(error).__name__) from None
    return session


def _chain(key: bytes | None) -> Chain:
    return "sha256" if key is None else "hmac-sha256"


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
        key = environment_key()
        header = Header.for_session(
            exercise,
            seed,
            seats,
            chain=_chain(key),
            rounds=rounds,
            seconds_per_turn=seconds_per_turn,
        )
        writer = LogWriter.create(path, header, fsync, key)
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
            session = audited(contents).close()
        except LogError:
            file.close()
            raise
        writer = LogWriter.reopen(
            path, file, contents.good_bytes, contents.last_hash, fsync, contents.key
        )
        recorded = cls(path, contents.header, session, writer)
        recorded._settle_or_refuse()
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
        key = environment_key()
        header = Header.for_session(
            source.exercise,
            source.seed,
            seats or dict(source.seats),
            parent,
            _chain(key),
            rounds=source.rounds,
            seconds_per_turn=source.seconds_per_turn,
        )
        session = audited(contents, seq).close()
        writer = LogWriter.create(path, header, key=key)
        try:
            writer.append(session.events)
        except OSError as error:
            writer.close()
            with suppress(OSError):
                path.unlink()  # made just now, holding only its header
            raise LogError(f"{path}: cannot write the new log: {error.strerror}") from None
        forked = cls(path, header, session, writer)
        forked._settle_or_refuse()
        return forked

    def _settle_or_refuse(self) -> None:
        """Finish a block a crash (or a fork) cut after its act: a round start, the end.

        On a session at rest the rules have nothing to add. Raises LogError,
        with the log closed, if what they add cannot be written.
        """
        decision = self.session.settle()
        if not decision.events:
            return
        try:
            self._writer.append(decision.events)
        except OSError as error:
            self.close()
            raise LogError(f"{self.path}: cannot write the log: {error.strerror}") from None
        self.session.commit(decision)

    def apply(self, act: Act, at: datetime | None = None) -> tuple[Event, ...]:
        """Decide, write, then commit: raises IllegalAct or OSError with nothing changed."""
        decision = self.session.decide(act, at)
        self._writer.append(decision.events)
        self.session.commit(decision)
        return decision.events

    @property
    def receipt(self) -> str:
        """The hash of the log's last line: what `log verify --receipt` checks."""
        return self._writer.last_hash

    def close(self) -> None:
        self._writer.close()
