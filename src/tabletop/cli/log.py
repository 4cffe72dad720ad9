"""`tabletop log verify|state`: check a session log, or rebuild its state."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tabletop.cli.common import CommandError

if TYPE_CHECKING:
    from tabletop.engine.session import Session
    from tabletop.log import LogProblem, LogStream


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("log", help="check a session log or print its state")
    actions = parser.add_subparsers(dest="log_command", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify",
        help="check the hash chain and replay the rules; names the first bad line and exits 1",
        description="Check a session log: the hash chain, the header's exercise digest, and "
        "that every event is what the rules make of the acts before it. Says whether the "
        "session reached an ending, and prints the last line's hash as a receipt.",
    )
    verify.add_argument("log", type=Path, metavar="LOG")
    verify.add_argument(
        "--receipt",
        metavar="HASH",
        help="a receipt (the hash a report or the outcome screen printed): check that the "
        "log holds that line, so no whole line was cut from its end",
    )
    verify.add_argument(
        "--key",
        type=Path,
        metavar="FILE",
        help="the file holding the key of a keyed (HMAC) chain: the log must be keyed with "
        "it, so nobody without the key can have rewritten it (TABLETOP_LOG_KEY_FILE names "
        "the key every command writes and reads logs with)",
    )
    verify.set_defaults(run=run_verify)
    state = actions.add_parser("state", help="print the rebuilt session state as JSON")
    state.add_argument("log", type=Path, metavar="LOG")
    state.add_argument(
        "--at", type=int, metavar="SEQ", help="the state just after event SEQ (default: the last)"
    )
    state.set_defaults(run=run_state)


def run_verify(args: argparse.Namespace) -> int:
    from tabletop.collector import paused
    from tabletop.log import LogError, Misfit, audit_of, open_log, read_key, unfinished

    try:
        key = read_key(args.key) if args.key is not None else None
        # Each event is checked as it is read and none is kept: a log of a million
        # events is verified in the memory of one session.
        with open_log(args.log, receipt=args.receipt, key=key) as stream, paused():
            audit = audit_of(stream, keep_events=False)
            count = 0
            try:
                for event in stream:
                    audit.feed(event)
                    count += 1
            except Misfit as misfit:
                print(f"{args.log}:{misfit.line}: {misfit.reason}")
                print(
                    f"{args.log}: the first {misfit.seq - 1} events are what the rules make; "
                    f"nothing from line {misfit.line} on can be trusted"
                )
                return 1
    except LogError as error:
        raise CommandError(str(error)) from None
    problem = stream.problem or unfinished(audit, count)
    if problem is None:
        chain = "keyed chain" if stream.key is not None else "hash chain"
        print(f"{args.log}: ok: {count} events, {chain} intact, each as the rules make it")
    else:
        _say_problem(args.log, problem)
    print(f"{args.log}: {_ending(audit.close())}")
    receipt_ok = _check_receipt(args.log, stream, count, args.receipt)
    return 0 if problem is None and receipt_ok else 1


def _say_problem(log: Path, problem: LogProblem) -> None:
    print(f"{log}:{problem.line}: {problem.message}")
    count = problem.whole_events
    if problem.kind == "torn":
        print(f"{log}: {count} whole events before it; `tabletop resume` carries on from there")
    else:
        print(
            f"{log}: the first {count} events are intact; nothing after line "
            f"{problem.line - 1} can be trusted"
        )


def _ending(session: Session) -> str:
    """Whether the session ended: cutting whole blocks off a log's end leaves no other trace."""
    state = session.state
    if state.conclusion is not None:
        return (
            f"the session reached its end: {state.conclusion.ending}, "
            f"outcome {state.conclusion.outcome}"
        )
    if state.phase == "aborted":
        return "the session reached its end: aborted"
    return (
        f"the session has not reached an ending: it stands at {state.phase}, round "
        f"{state.round} of {state.rounds} (a log with lines cut off its end looks the same; "
        "a receipt from its end tells them apart)"
    )


def _check_receipt(log: Path, stream: LogStream, count: int, receipt: str | None) -> bool:
    """Say what the receipt shows of the `count` events read; False if the log does not
    hold it."""
    if receipt is None:
        if stream.problem is None:
            print(f"{log}: receipt (the last line's hash): {stream.last_hash}")
        return True
    found = stream.receipt_at
    if found is None:
        print(
            f"{log}: the receipt matches no line of this log: it is another log, "
            "or lines were cut from its end or changed"
        )
        return False
    if found == count:
        print(f"{log}: the receipt matches the last line: nothing was cut from the end")
    else:
        print(
            f"{log}: the receipt matches event {found}'s line; the log goes on past it "
            f"to event {count}"
        )
    return True


def tell_receipt(path: Path) -> None:
    """After a session, the receipt for its log as it stands, on stderr (if it can be read)."""
    from tabletop.log import LogError, open_log

    try:
        with open_log(path) as stream:
            for _ in stream:  # read to its end, keeping no event: a long session's log is long
                pass
    except LogError:
        return
    if stream.problem is None:
        print(
            f"Receipt (check it with tabletop log verify --receipt): {stream.last_hash}",
            file=sys.stderr,
        )


def run_state(args: argparse.Namespace) -> int:
    from tabletop.log import LogError, audited, read_log

    at: int | None = args.at
    try:
        # Read no further than the event asked for.
        contents = read_log(args.log, upto=at)
    except LogError as error:
        raise CommandError(str(error)) from None
    trusted = len(contents.events)
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
        session = audited(contents).close()
    except LogError as error:
        raise CommandError(str(error)) from None
    print(session.state.model_dump_json(indent=2))
    return 0
