"""`tabletop report LOG`: the after-action report, as Markdown or one HTML file.

A damaged log still gets a report of its trusted part; the report and a
line on stderr say where the log stops being trustworthy. A file written
with `-o` appears whole or not at all: it is written next to its target
and renamed over it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tabletop.cli.common import CommandError
from tabletop.cli.output import FORMATS, format_of, write_atomically


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
    chosen = args.format or format_of(output)
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
