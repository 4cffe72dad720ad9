"""What the subcommands share: how they fail, how they load an exercise, how they seat bots."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from tabletop.exercise.model import Exercise
    from tabletop.log import Seat


class CommandError(Exception):
    """A failure the user can act on: printed as a message, never as a traceback."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def load_exercise(path: Path) -> Exercise:
    """Load an exercise for a command, or fail with one `FILE:LINE: field.path: message` a line.

    A bare name that is no file, such as `treaty-for-security`, means the
    bundled exercise of that name.
    """
    from tabletop.exercise.loader import ExerciseError, load

    try:
        return load(bundled_or(path))
    except ExerciseError as error:
        raise CommandError("\n".join(map(str, error.problems))) from None


def bundled_or(path: Path) -> Path:
    """The path itself, unless it is a bare name that only a bundled exercise answers to."""
    from tabletop import bundled

    if path.exists() or path.parent != Path("."):
        return path
    names = []
    for exercise in bundled.exercises():
        if path.name in (exercise.stem, exercise.name):
            return exercise
        names.append(exercise.stem)
    raise CommandError(
        f"{path}: no such file, and no bundled exercise of that name "
        f"(the bundled ones: {', '.join(names)})"
    )


def add_exercise_argument(parser: argparse.ArgumentParser, optional: bool = False) -> None:
    """EXERCISE, read by `load_exercise`: a file, or a bundled exercise by its name."""
    parser.add_argument(
        "exercise",
        type=Path,
        nargs="?" if optional else None,
        metavar="EXERCISE",
        help="an exercise file, or a bundled exercise's name (tutorial, treaty-for-security)",
    )


def add_bot_option(parser: argparse.ArgumentParser, help: str) -> None:
    """`--bot ROLE=STRATEGY`, repeatable, the same for every command that seats bots."""
    parser.add_argument(
        "--bot", type=_bot, action="append", default=[], metavar="ROLE=STRATEGY", help=help
    )


def _bot(text: str) -> tuple[str, str]:
    role, equals, strategy = text.partition("=")
    if not equals or not role.strip() or not strategy.strip():
        raise argparse.ArgumentTypeError(
            f"write ROLE=STRATEGY, e.g. linear for a role, not {text!r}"
        )
    return role.strip(), strategy.strip()


def bot_seats(exercise: Exercise, chosen: list[tuple[str, str]]) -> dict[str, str]:
    """Role → strategy from the --bot options, every mistake named (exit 2, as argparse's)."""
    from tabletop.bots import STRATEGIES

    seats: dict[str, str] = {}
    for role, strategy in chosen:
        given = f"--bot {role}={strategy}"
        if role not in exercise.role_ids:
            raise CommandError(
                f"{given}: no role {role!r}; the roles are {', '.join(exercise.role_ids)}",
                exit_code=2,
            )
        if strategy not in STRATEGIES:
            raise CommandError(
                f"{given}: no strategy {strategy!r}; choose one of {', '.join(STRATEGIES)}",
                exit_code=2,
            )
        if role in seats and seats[role] != strategy:
            raise CommandError(f"{given}: {role} already plays {seats[role]}", exit_code=2)
        seats[role] = strategy
    return seats


def positive(text: str) -> int:
    """An argparse type: a count of 1 or more, written with or without `,` or `_` between digits."""
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, not {value}")
    return value


def add_schedule_options(parser: argparse.ArgumentParser) -> None:
    """`--rounds` and `--turn-seconds`: one session's own schedule, kept in its log header."""
    parser.add_argument(
        "--rounds",
        type=int,
        metavar="N",
        help="negotiating rounds for this session, 1 to 100 (default: the exercise's schedule)",
    )
    parser.add_argument(
        "--turn-seconds",
        type=int,
        metavar="S",
        help="the turn clock for this session, 10 to 3600 seconds, or 0 for none "
        "(default: the exercise's)",
    )


def new_session(args: argparse.Namespace) -> tuple[Exercise, dict[str, Seat], int, Path]:
    """The exercise, seats, seed and log path that `play` and `host` give a new session."""
    import random

    from tabletop.schedule import rounds_reason, turn_seconds_reason

    if args.rounds is not None and (reason := rounds_reason(args.rounds)):
        raise CommandError(f"--rounds: {reason}")
    if args.turn_seconds is not None and (reason := turn_seconds_reason(args.turn_seconds)):
        raise CommandError(f"--turn-seconds: {reason}")

    from tabletop.log import Seat
    from tabletop.tui.paths import new_log_path

    exercise = load_exercise(args.exercise)
    bots = bot_seats(exercise, args.bot)
    seats = {
        role: Seat(kind="bot", strategy=bots[role]) if role in bots else Seat(kind="human")
        for role in exercise.role_ids
    }
    seed = args.seed if args.seed is not None else random.randrange(1, 1_000_000)
    path = (args.log or new_log_path(exercise.id)).expanduser()
    return exercise, seats, seed, path


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
