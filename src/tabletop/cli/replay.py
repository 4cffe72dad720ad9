"""`tabletop replay LOG`: the replay viewer, or with `--fork SEQ` a new log that continues it.

A log whose header cannot be trusted is refused with the reason; the viewer
opens at once and checks the events (chain and rules) as it shows them. A
fork made in the viewer closes the viewer and opens the live console on the
new log, as `tabletop resume` would.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tabletop.cli.common import CommandError

if TYPE_CHECKING:
    from tabletop.log.replay_log import ReplayLog


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "replay",
        help="step through a session log as Control or as one delegation",
        description="Open the replay viewer on a session log: step through it event by "
        "event, jump to a round or an event, view it as Control or as one delegation "
        "(only what it knew then), and fork a new session from any event.",
    )
    parser.add_argument("log", type=Path, metavar="LOG", help="a session log (.jsonl)")
    parser.add_argument(
        "--fork",
        type=int,
        metavar="SEQ",
        help="no viewer: write a new log continuing from event SEQ and say how to resume it",
    )
    parser.add_argument(
        "--fork-log",
        type=Path,
        metavar="PATH",
        help="where --fork writes the new log (default: LOG's name with -fork-SEQ, next to it)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tabletop.log import LogError
    from tabletop.log.replay_log import ReplayLog

    if args.fork_log is not None and args.fork is None:
        raise CommandError("--fork-log needs --fork SEQ", exit_code=2)
    try:
        # The header only: the viewer checks the events as it shows them.
        log = ReplayLog(args.log)
        if args.fork is not None:
            log.read()
    except LogError as error:
        raise CommandError(str(error)) from None
    if args.fork is not None:
        return _fork(args, log)
    # Only the viewer needs the terminal UI: a fork is made without loading it.
    from tabletop.tui.screens.replay import ReplayApp, ReplayScreen

    forked = ReplayApp(ReplayScreen(log)).run()
    if forked is None:
        return 0
    return _carry_on(forked)


def _carry_on(path: Path) -> int:
    """The live console on a fork just made in the viewer."""
    from tabletop.log import LogError
    from tabletop.tui.app import resumed_app, run_app

    try:
        app = resumed_app(path)
    except LogError as error:
        raise CommandError(str(error)) from None
    code = run_app(app)
    print(f"Session log: {path}", file=sys.stderr)
    return code


def _fork(args: argparse.Namespace, log: ReplayLog) -> int:
    from tabletop.log import LogError
    from tabletop.log.fork import fork, fork_path

    seq: int = args.fork
    target: Path = args.fork_log or fork_path(args.log, seq)
    try:
        fork(log, seq, target).close()
    except LogError as error:
        raise CommandError(str(error)) from None
    print(f"{target}: a new session continuing {args.log} from event {seq}")
    _tell_how_to_resume(target)
    return 0


def _tell_how_to_resume(path: Path) -> None:
    print(f"carry it on with: tabletop resume {shlex.quote(str(path))}")
