"""`tabletop log verify|state`: check a session log, or rebuild its state."""

from __future__ import annotations

import argparse
from pathlib import Path

from tabletop.cli.common import CommandError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("log", help="check a session log or print its state")
    actions = parser.add_subparsers(dest="log_command", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify", help="check the hash chain; names the first bad line and exits 1"
    )
    verify.add_argument("log", type=Path, metavar="LOG")
    verify.set_defaults(run=run_verify)
    state = actions.add_parser("state", help="print the rebuilt session state as JSON")
    state.add_argument("log", type=Path, metavar="LOG")
    state.add_argument(
        "--at", type=int, metavar="SEQ", help="the state just after event SEQ (default: the last)"
    )
    state.set_defaults(run=run_state)


def run_verify(args: argparse.Namespace) -> int:
    from tabletop.log import LogError, read_log, rebuild

    try:
        contents = read_log(args.log)
        rebuild(contents)
    except LogError as error:
        raise CommandError(str(error)) from None
    count = len(contents.events)
    problem = contents.problem
    if problem is None:
        print(f"{args.log}: ok: {count} events, hash chain intact")
        return 0
    print(f"{args.log}:{problem.line}: {problem.message}")
    if problem.kind == "torn":
        print(
            f"{args.log}: {count} whole events before it; `tabletop resume` carries on from there"
        )
    else:
        print(
            f"{args.log}: the first {count} events are intact; nothing after line "
            f"{problem.line - 1} can be trusted"
        )
    return 1


def run_state(args: argparse.Namespace) -> int:
    from tabletop.log import LogError, read_log, rebuild

    try:
        contents = read_log(args.log)
    except LogError as error:
        raise CommandError(str(error)) from None
    trusted = len(contents.events)
    at: int | None = args.at
    if at is not None and not 0 <= at <= trusted:
        limit = (
            "the log holds events 1 to" if contents.problem is None else "trusted events are 1 to"
        )
        raise CommandError(f"{args.log}: no event {at}: {limit} {trusted}")
    if contents.problem is not None and at is None:
        problem = contents.problem
        raise CommandError(
            f"{args.log}:{problem.line}: {problem.message}; "
            f"use --at SEQ (up to {trusted}) for the state of the trusted part"
        )
    try:
        session = rebuild(contents, at)
    except LogError as error:
        raise CommandError(str(error)) from None
    print(session.state.model_dump_json(indent=2))
    return 0
