"""`tabletop report LOG`: the after-action report, as Markdown or one HTML file.

A damaged log still gets a report of its trusted part; the report and a
line on stderr say where the log stops being trustworthy. A file written
with `-o` appears whole or not at all: it is written next to its target
and renamed over it.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
import tempfile
from pathlib import Path

from tabletop.cli.common import CommandError

FORMATS = ("md", "html")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write the after-action report of a session log",
        description="Write the after-action report of a session log. By default it is the "
        "participants' report: what every delegation saw (public briefings, public acts and "
        "injects, proposals, the outcome and the timeline). --reveal makes the facilitator's "
        "report, which adds Control's notes, private messages and inject texts, confidential "
        "briefings, every reservation, score and scoring sheet, the deal against the Pareto "
        "frontier and the Nash package, and concession curves.",
    )
    parser.add_argument("log", type=Path, metavar="LOG", help="a session log (.jsonl)")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="md (Markdown, readable as plain text) or html (one self-contained file); "
        "default: html when FILE ends in .html or .htm, else md",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: stdout)"
    )
    parser.add_argument(
        "--reveal",
        action="store_true",
        help="the facilitator's report: add Control's notes, private messages and inject "
        "texts, confidential briefings, reservations, scores and the analysis",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tabletop.log import LogError, open_log
    from tabletop.report import build_report, to_html, to_markdown

    try:
        # Read as the report is built: a long log is never held whole.
        with open_log(args.log) as log:
            report = build_report(log, reveal=args.reveal)
    except LogError as error:
        raise CommandError(str(error)) from None
    output: Path | None = args.output
    chosen = args.format or _format_of(output)
    text = to_html(report) if chosen == "html" else to_markdown(report)
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomically(output, text)
    if report.damage is not None:
        damage = report.damage
        print(
            f"tabletop: {args.log}:{damage.line}: {damage.message}; the report covers only "
            f"the {damage.trusted_events} trusted events before it",
            file=sys.stderr,
        )
    return 0


def _format_of(output: Path | None) -> str:
    return "html" if output is not None and output.suffix.lower() in (".html", ".htm") else "md"


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the whole new one.

    Only a regular file is replaced: renaming over a symlink, a fifo or a
    device node (`-o /dev/stdout` run as root) would put a report where
    something else belongs.
    """
    _refuse_special(path)
    directory = path.parent
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=directory, prefix=f".{path.name}.", suffix=".partial"
        )
    except OSError as error:
        raise CommandError(f"{path}: cannot write here: {error.strerror}") from None
    replaced = False
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        # mkstemp makes the file private; a report gets the usual permissions.
        os.chmod(temporary, 0o666 & ~_umask())
        _refuse_special(path)
        os.replace(temporary, path)
        replaced = True
    except OSError as error:
        raise CommandError(f"{path}: cannot write the report: {error.strerror}") from None
    finally:
        if not replaced:
            Path(temporary).unlink(missing_ok=True)


def _refuse_special(path: Path) -> None:
    """CommandError unless `path` is a regular file (not a link to one) or nothing yet."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise CommandError(f"{path}: cannot write the report: {error.strerror}") from None
    if stat.S_ISLNK(mode):
        raise CommandError(f"{path}: is a symbolic link; give the path of a regular file")
    if not stat.S_ISREG(mode):
        raise CommandError(
            f"{path}: is not a regular file (a folder, fifo or device): "
            "give a new path or a file to replace, or leave out -o to print the report"
        )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
