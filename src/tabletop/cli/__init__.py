"""The `tabletop` program: one command per job, each a thin shell over the core.

Each subcommand lives in its own module with `register(subparsers)`; heavy
imports wait until a command runs, so `tabletop --help` stays instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from tabletop import __version__, collector
from tabletop.cli.common import CommandError
from tabletop.cli.terminal import escaping

COMMANDS: tuple[str, ...] = (
    # one module per subcommand, in the order `--help` lists them
    "play",
    "host",
    "join",
    "resume",
    "replay",
    "validate",
    "simulate",
    "report",
    "papers",
    "log",
    "analyze",
    "schema",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tabletop",
        description="Run negotiation tabletop exercises in the terminal. "
        "With no command, opens the start screen; `tabletop PATH ...` lists the exercise "
        "files and folders at PATH there too.",
    )
    parser.add_argument("--version", action="version", version=f"tabletop {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"tabletop.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    try:
        if not words or not _names_a_command(words[0]):
            return _start_screen(words)
        with escaping():
            return _run(words)
    except KeyboardInterrupt:
        print("tabletop: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _names_a_command(word: str) -> bool:
    """A command or an option (`--help`); any other first word is a path for the start screen."""
    return word in COMMANDS or word.startswith("-")


def _start_screen(words: list[str]) -> int:
    """`tabletop [PATH ...]`: the start screen, listing the exercises at each PATH too.

    It needs no parser: skip importing every command. Start-up makes a few
    hundred thousand objects that live as long as the app, and no garbage:
    the collector would only go over them again and again. The start screen
    ends the pause early.
    """
    paths = [Path(word) for word in words]
    for path in paths:
        problem = _not_there(path)
        if problem:
            with escaping():
                print(
                    f"tabletop: {path}: {problem}: not a command, exercise file or folder "
                    "(tabletop --help lists the commands)",
                    file=sys.stderr,
                )
            return 2
    with collector.paused():
        from tabletop.tui.app import run_start_screen

        return run_start_screen(paths)


def _not_there(path: Path) -> str:
    """Why `path` cannot be listed ("" if it is there)."""
    try:
        return "" if path.exists() else "no such file or folder"
    except OSError as error:
        return error.strerror or str(error)


def _run(words: list[str]) -> int:
    """Run the command `words` name; what it prints goes through `escaping`."""
    try:
        # With any word given, argparse either exits (help, version, a usage
        # error) or has found a command.
        args = build_parser().parse_args(words)
        code: int = args.run(args)
        return code
    except CommandError as error:
        print(f"tabletop: {error}", file=sys.stderr)
        return error.exit_code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
