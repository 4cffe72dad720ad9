"""`tabletop join ADDRESS --code CODE`: take a seat at a hosted session from this terminal."""

from __future__ import annotations

import argparse
import random
import sys

from tabletop.cli.common import CommandError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "join",
        help="take a seat at a session hosted with `tabletop host`",
        description="Open your delegation's screens (or the projector's) for a session "
        "hosted on another machine. Acts go to the host, which decides and logs them. "
        "With --bot, one of tabletop's bots plays the seat instead.",
    )
    parser.add_argument("address", metavar="ADDRESS", help="the host's HOST:PORT")
    parser.add_argument("--code", required=True, help="the join code Control gave you")
    parser.add_argument(
        "--bot", metavar="STRATEGY", help="play the seat with a bot (boulware, linear, ...)"
    )
    parser.add_argument("--seed", type=int, help="with --bot: fixes the bot's choices")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.bot is not None:
        return _play_with_bot(args)
    if args.seed is not None:
        raise CommandError("--seed goes with --bot")
    return _open_screens(args)


def _open_screens(args: argparse.Namespace) -> int:
    import asyncio

    from tabletop.net.client import JoinError, SeatClient
    from tabletop.tui.seat import SeatApp

    async def main() -> SeatApp:
        client = SeatClient(args.address, args.code)
        await client.join()
        app = SeatApp(client)
        await app.run_async()
        return app

    try:
        app = asyncio.run(main())
    except JoinError as error:
        raise CommandError(str(error)) from None
    if app.ending:
        raise CommandError(app.ending)
    return app.return_code or 0


def _play_with_bot(args: argparse.Namespace) -> int:
    import asyncio

    from tabletop.bots import UnknownStrategy, make_bot
    from tabletop.net.client import JoinError, SeatClient
    from tabletop.net.remote_bot import play_seat

    try:
        bot = make_bot(args.bot)
    except UnknownStrategy as error:
        raise CommandError(f"--bot: {error}") from None
    seed = args.seed if args.seed is not None else random.randrange(1, 1_000_000)

    def notice(line: str) -> None:
        print(f"tabletop join: {line}", file=sys.stderr, flush=True)

    async def main() -> str:
        client = SeatClient(args.address, args.code, on_notice=notice)
        await client.join()
        seat = client.seat or "?"
        notice(f"joined as {seat}")
        if seat == "projector":
            raise JoinError("a bot plays a delegation: this is the projector's code")
        await play_seat(client, bot, seed)
        return client.picture.phase if client.picture else "?"

    try:
        phase = asyncio.run(main())
    except JoinError as error:
        raise CommandError(str(error)) from None
    notice(f"the session has ended ({phase})")
    return 0
