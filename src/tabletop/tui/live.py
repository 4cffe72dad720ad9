"""A live session as the UI drives it: the recorded session, who sits in each seat, its bots.

It holds no rule of the game. Whose move it is comes from the session's
state, what is legal from `legal_acts`, and every act, a bot's included,
goes through `RecordedSession.apply`, which writes the log before the
session changes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tabletop.bots import Bot, UnknownStrategy, make_bot, play_until_human
from tabletop.engine import Event, RoleView, Session, SessionState, role_view
from tabletop.engine.acts import Act
from tabletop.engine.phases import ENDED_PHASES
from tabletop.exercise.model import Exercise
from tabletop.log import Header, LogError, RecordedSession, Seat
from tabletop.tui.pictures import ControlPicture, control_picture
from tabletop.tui.turn_clock import TurnKey


class LiveSession:
    """A recorded session with a bot for each bot seat."""

    def __init__(self, recorded: RecordedSession) -> None:
        self.recorded = recorded
        self.bots: dict[str, Bot] = {
            role: make_bot(seat.strategy or "")
            for role, seat in recorded.header.seats.items()
            if seat.kind == "bot"
        }
        self.remote: set[str] = set()
        """Roles played from other terminals (`tabletop host`): never handed the keyboard here."""
        self.listeners: list[Callable[[], None]] = []
        """Told after every act this session commits (the host sends each seat its view)."""
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)
        """The time each act is logged at, and the turn clock reads (a test may set it)."""

    @property
    def session(self) -> Session:
        return self.recorded.session

    @property
    def header(self) -> Header:
        return self.recorded.header

    @property
    def exercise(self) -> Exercise:
        return self.recorded.session.exercise

    @property
    def path(self) -> Path:
        return self.recorded.path

    @property
    def state(self) -> SessionState:
        return self.recorded.session.state

    @property
    def ended(self) -> bool:
        return self.state.phase in ENDED_PHASES

    @property
    def humans(self) -> list[str]:
        """Roles played at the keyboard, in the exercise's order."""
        return [r for r in self.exercise.role_ids if r not in self.bots]

    @property
    def mover(self) -> str | None:
        """The delegation the session waits for: the turn holder or the next signatory."""
        return self.state.turn

    def turn_key(self) -> TurnKey | None:
        """Identifies one turn, so a screen can tell a new turn from the same one."""
        state = self.state
        if state.turn is None:
            return None
        return (state.phase, state.round, state.turn)

    def apply(self, act: Act) -> tuple[Event, ...]:
        """Log then commit: raises IllegalAct or OSError with nothing changed."""
        events = self.recorded.apply(act, self.now())
        for listener in self.listeners:
            listener()
        return events

    def play_bot(self) -> int:
        """Let the bot to move make its one act through the log; 0 if no bot is to move."""
        return play_until_human(self.session, self.bots, self.apply, max_acts=1)

    def view(self, role: str) -> RoleView:
        """What one delegation may know: the only thing its screen is given."""
        return role_view(self.session, role)

    def control(self) -> ControlPicture:
        """What the console shows now."""
        return control_picture(self.session, self.header.seats, self.path, frozenset(self.remote))

    def close(self) -> None:
        self.recorded.close()


def create(
    path: Path,
    exercise: Exercise,
    seed: int,
    seats: dict[str, Seat],
    *,
    rounds: int | None = None,
    seconds_per_turn: int | None = None,
) -> LiveSession:
    """A new session in a new log; raises LogError if the log cannot be made."""
    return LiveSession(
        RecordedSession.create(
            path, exercise, seed, seats, rounds=rounds, seconds_per_turn=seconds_per_turn
        )
    )


def resume(path: Path) -> tuple[LiveSession, str | None]:
    """Reopen a log to carry on; the second value reports a torn last line that was cut off.

    Raises LogError for a log that cannot be resumed (missing, damaged, or
    naming a bot strategy this version does not know).
    """
    recorded, problem = RecordedSession.resume(path)
    try:
        live = LiveSession(recorded)
    except UnknownStrategy as error:
        recorded.close()
        raise LogError(f"{path}: {error}") from None
    notice = None
    if problem is not None:
        notice = (
            f"Line {problem.line} of the log was cut short by a crash and has been cut off; "
            f"the session carries on from the last whole event ({problem.whole_events})."
        )
    return live, notice
