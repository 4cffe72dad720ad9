"""`tabletop play EXERCISE`: run a live session in the terminal, straight to the console."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tabletop.cli.common import (
    CommandError,
    add_bot_option,
    add_exercise_argument,
    add_schedule_options,
    new_session,
)
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
    add_exercise_argument(parser)
    add_bot_option(
        parser,
        "a bot plays ROLE (boulware, linear, conceder, reciprocating, integrative or nash); "
        "repeatable",
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
    add_schedule_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tabletop.log import LogError
    from tabletop.tui.app import new_session_app, run_app

    if args.pace < 0:
        raise CommandError("--pace: seconds between bot moves cannot be negative")
    exercise, seats, seed, path = new_session(args)
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
