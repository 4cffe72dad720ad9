"""`tabletop resume LOG`: carry on a session from its log, on the screen where it stood."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tabletop.cli.common import CommandError
from tabletop.cli.log import tell_receipt
from tabletop.tui import DEFAULT_PACE


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "resume",
        help="continue a session from its log",
        description="Rebuild the session from its log and open the console where it stood "
        "(the hand-over, if a delegation at the keyboard had the turn). A last line cut short "
        "by a crash is cut off and reported; a damaged log is refused.",
    )
    parser.add_argument("log", type=Path, metavar="LOG", help="a session log")
    parser.add_argument(
        "--pace",
        type=float,
        default=DEFAULT_PACE,
        metavar="SECONDS",
        help=f"seconds between bot moves (default: {DEFAULT_PACE})",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tabletop.log import LogError
    from tabletop.tui.app import resumed_app, run_app

    if args.pace < 0:
        raise CommandError("--pace: seconds between bot moves cannot be negative")
    try:
        app = resumed_app(args.log, pace=args.pace)
    except LogError as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(f"{args.log}: cannot resume: {error.strerror or error}") from None
    code = run_app(app)
    print(f"Session log: {args.log}", file=sys.stderr)
    tell_receipt(args.log)
    return code
