"""Messages screens post up to the app, which alone drives the session."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tabletop.engine.acts import Act
    from tabletop.exercise.model import Exercise
    from tabletop.log import Seat


class RequestAct(Message):
    """Apply this act: through the log first, then shown; refused acts come back as a notice."""

    def __init__(self, act: Act) -> None:
        super().__init__()
        self.act = act


class RequestHandover(Message):
    """Give the keyboard to this delegation, through the hand-over screen."""

    def __init__(self, role: str) -> None:
        super().__init__()
        self.role = role


class RequestHandBack(Message):
    """The delegation at the keyboard gives it back to Control."""


class RequestOutcome(Message):
    """Show the outcome screen of a session that is over."""


class RequestStartScreen(Message):
    """Leave the session for the start screen (Control is asked first if it is not over)."""


class OpenLog(Message):
    """Resume the session in this log."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class OpenReplay(Message):
    """Replay this log in the replay viewer."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class BeginSession(Message):
    """Create a session log with these seats and open the console on it."""

    def __init__(
        self,
        exercise: Exercise,
        seats: dict[str, Seat],
        seed: int,
        path: Path,
        pin: str = "",
        rounds: int | None = None,
        seconds_per_turn: int | None = None,
    ) -> None:
        super().__init__()
        self.exercise = exercise
        self.seats = seats
        self.seed = seed
        self.path = path
        self.pin = pin
        """Control's PIN to take the keyboard back from a delegation; empty for none."""
        self.rounds = rounds
        self.seconds_per_turn = seconds_per_turn
        """This session's schedule where it differs from the exercise's (0 seconds: no clock)."""
