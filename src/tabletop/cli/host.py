"""`tabletop host EXERCISE`: run a session that delegations join from their own terminals."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tabletop.cli.common import (
    CommandError,
    add_bot_option,
    add_exercise_argument,
    add_schedule_options,
)

if TYPE_CHECKING:
    from tabletop.log import RecordedSession
    from tabletop.net.codes import Codes

DEFAULT_PORT = 8765


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "host",
        help="run a session that delegations join over the network",
        description="Run a session as `play` does, and listen for seats: each human "
        "delegation joins with its own code (`tabletop join ADDRESS --code CODE`), and a "
        "projector code shows the public table. Codes are kept beside the log, readable by "
        "you alone, so `--resume LOG` takes the seats back with the same codes.",
    )
    add_exercise_argument(parser, optional=True)
    parser.add_argument("--resume", type=Path, metavar="LOG", help="carry on a logged session")
    add_bot_option(parser, "a bot on the host plays ROLE; repeatable")
    parser.add_argument("--seed", type=int, help="fixes chance injects and the host's bots")
    parser.add_argument("--log", type=Path, metavar="PATH", help="where to write the session log")
    add_schedule_options(parser)
    parser.add_argument(
        "--bind",
        default="127.0.0.1",
        metavar="ADDR",
        help="address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for a LAN)",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}; 0 picks a free one"
    )
    parser.add_argument(
        "--headless",
        action="store_true",
        help="no console: start the session, let the schedule run it, exit when it ends",
    )
    parser.add_argument(
        "--codes",
        type=Path,
        metavar="FILE",
        help='with --headless, also write the codes to FILE as {"role": "code", ...}',
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tabletop.log import LogError

    if (args.exercise is None) == (args.resume is None):
        raise CommandError("give an EXERCISE to host a new session, or --resume LOG")
    if args.resume is not None and (args.bot or args.seed is not None or args.log):
        raise CommandError("--resume carries on a session as logged: no --bot, --seed or --log")
    if args.codes is not None and not args.headless:
        raise CommandError("--codes goes with --headless; the console shows the codes")
    if not 0 <= args.port <= 65535:
        raise CommandError(f"--port {args.port}: give a port from 0 to 65535")
    try:
        recorded = _resume(args.resume) if args.resume else _create(args)
    except LogError as error:
        raise CommandError(str(error)) from None
    try:
        codes = _codes(recorded, fresh=args.resume is None)
        if args.codes is not None:
            _export(codes, args.codes)
        if args.headless:
            return _run_headless(recorded, codes, args.bind, args.port)
        return _run_console(recorded, codes, args.bind, args.port)
    finally:
        recorded.close()


def _create(args: argparse.Namespace) -> RecordedSession:
    from tabletop.cli.common import new_session
    from tabletop.log import RecordedSession

    exercise, seats, seed, path = new_session(args)
    return RecordedSession.create(
        path, exercise, seed, seats, rounds=args.rounds, seconds_per_turn=args.turn_seconds
    )


def _resume(path: Path) -> RecordedSession:
    from tabletop.log import RecordedSession

    recorded, problem = RecordedSession.resume(path.expanduser())
    if problem is not None:
        print(f"tabletop: line {problem.line} was cut short by a crash; cut off", file=sys.stderr)
    return recorded


def _codes(recorded: RecordedSession, fresh: bool) -> Codes:
    """The seats' codes: new ones for a new session, the kept ones for a resumed one."""
    from tabletop.net.codes import Codes, store_path

    humans = [r for r, seat in recorded.header.seats.items() if seat.kind == "human"]
    store = store_path(recorded.path)
    codes = Codes.fresh(humans) if fresh else Codes.kept(store, humans)
    try:
        codes.save(store)
    except OSError as error:
        raise CommandError(f"{store}: cannot keep the join codes: {error.strerror}") from None
    return codes


def _export(codes: Codes, path: Path) -> None:
    from tabletop.files import replace_whole

    try:
        replace_whole(path, json.dumps(codes.as_dict(), indent=2) + "\n", private=True)
    except OSError as error:
        raise CommandError(f"{path}: cannot write the codes: {error.strerror}") from None


def _run_console(recorded: RecordedSession, codes: Codes, bind: str, port: int) -> int:
    from tabletop.bots import UnknownStrategy
    from tabletop.net.codes import store_path
    from tabletop.tui.app import run_app
    from tabletop.tui.hosting import HostedApp
    from tabletop.tui.live import LiveSession

    try:
        live = LiveSession(recorded)
    except UnknownStrategy as error:
        raise CommandError(f"{recorded.path}: {error}") from None
    app = HostedApp(live, codes, store_path(recorded.path), bind, port)
    code = run_app(app)
    if app.ending:
        raise CommandError(app.ending)
    print(f"Session log: {recorded.path}", file=sys.stderr)
    return code


def _run_headless(recorded: RecordedSession, codes: Codes, bind: str, port: int) -> int:
    import asyncio

    from tabletop.net.headless import Headless
    from tabletop.net.host import reachable

    def console(line: str) -> None:
        print(f"tabletop host: {line}", file=sys.stderr, flush=True)

    def ready(chosen: int) -> None:
        print(f"Listening on ws://{bind}:{chosen}", flush=True)
        if bind != "127.0.0.1":
            print(f"Seats join: tabletop join {reachable(bind, chosen)} --code CODE", flush=True)
        print(f"Session log: {recorded.path}", flush=True)

    async def main() -> None:
        await Headless(recorded, codes, console).run(bind, port, ready)

    try:
        asyncio.run(main())
    except OSError as error:
        raise CommandError(f"cannot listen on {bind}:{port}: {error.strerror or error}") from None
    return 0
