"""`tabletop play EXERCISE`: run a live session in the terminal, straight to the console."""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from tabletop.cli.common import CommandError, add_bot_option, bot_seats
from tabletop.cli.log import tell_receipt
from tabletop.tui import DEFAULT_PACE


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "play",
        help="run a live session of an exercise in the terminal",
        description="Open the control console on a new session. Every delegation is played "
        "at the keyboard unless given a bot with --bot. Every accepted act is written to the "
        "session log first; `tabletop resume LOG` carries on after a crash.",
    )
    parser.add_argument("exercise", type=Path, metavar="EXERCISE", help="an exercise file")
    add_bot_option(
        parser,
        "a bot plays ROLE (boulware, linear, conceder, reciprocating or integrative); repeatable",
    )
    parser.add_argument(
        "--seed", type=int, help="fixes the bots' choices and chance injects (default: random)"
    )
    parser.add_argument(
        "--log",
        type=Path,
        metavar="PATH",
        help="where to write the session log (default: a new file in tabletop's data folder)",
    )
    parser.add_argument(
        "--pace",
        type=float,
        default=DEFAULT_PACE,
        metavar="SECONDS",
        help=f"seconds between bot moves, so a room can follow (default: {DEFAULT_PACE})",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        metavar="N",
        help="negotiating rounds for this session (default: the exercise's schedule)",
    )
    parser.add_argument(
        "--turn-seconds",
        type=int,
        metavar="S",
        help="the turn clock for this session, 10 to 3600 seconds (default: the exercise's)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tabletop.cli.common import load_exercise
    from tabletop.log import LogError, Seat
    from tabletop.tui.app import new_session_app, run_app
    from tabletop.tui.paths import new_log_path

    if args.pace < 0:
        raise CommandError("--pace: seconds between bot moves cannot be negative")
    if args.rounds is not None and not 1 <= args.rounds <= 100:
        raise CommandError("--rounds: give between 1 and 100 rounds")
    if args.turn_seconds is not None and not 10 <= args.turn_seconds <= 3600:
        raise CommandError("--turn-seconds: give between 10 and 3600 seconds a turn")
    exercise = load_exercise(args.exercise)
    bots = bot_seats(exercise, args.bot)
    seats = {
        role: Seat(kind="bot", strategy=bots[role]) if role in bots else Seat(kind="human")
        for role in exercise.role_ids
    }
    seed = args.seed if args.seed is not None else random.randrange(1, 1_000_000)
    path = (args.log or new_log_path(exercise.id)).expanduser()
    try:
        app = new_session_app(
            exercise,
            seats,
            seed,
            path,
            pace=args.pace,
            rounds=args.rounds,
            seconds_per_turn=args.turn_seconds,
        )
    except LogError as error:
        raise CommandError(str(error)) from None
    code = run_app(app)
    print(f"Session log: {path}", file=sys.stderr)
    tell_receipt(path)
    return code
