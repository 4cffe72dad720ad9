"""`tabletop papers EXERCISE`: a delegation's papers, or the instructor pack, for the printer.

What each delegation reads before class: its public and confidential
briefings, its points, and the words of the sources they cite, as at the
start of a session. `--role control` gives the instructor pack followed by
every delegation's papers. HTML starts each delegation on a new page.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tabletop.cli.common import CommandError, add_exercise_argument
from tabletop.cli.output import FORMATS, format_of, write_atomically

EVERY = "all"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "papers",
        help="print the delegations' papers or the instructor pack, for pre-reading",
        description="Write the papers delegations read before a session: briefings, "
        "points and cited sources. One delegation's with --role ROLE, every delegation's "
        "with --role all (the default), and the instructor pack with every delegation's "
        "with --role control. HTML is print-ready, a new page for each delegation.",
    )
    add_exercise_argument(parser)
    parser.add_argument(
        "--role",
        default=EVERY,
        metavar="ROLE",
        help="a role id, 'control' (the instructor pack and every sheet) or 'all' (default)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="md or html (one self-contained file to print); "
        "default: html when FILE ends in .html or .htm, else md",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: stdout)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tabletop.cli.common import load_exercise
    from tabletop.engine import Session, role_view
    from tabletop.exercise.model import CONTROL
    from tabletop.papers import control_papers, delegation_papers, to_html

    exercise = load_exercise(args.exercise)
    roles = exercise.role_ids
    if args.role == CONTROL:
        documents = control_papers(exercise)
        title = f"{exercise.title}: instructor pack"
    elif args.role == EVERY or args.role in roles:
        chosen = roles if args.role == EVERY else [args.role]
        session = Session(exercise, 0)
        documents = [delegation_papers(role_view(session, role)) for role in chosen]
        title = f"{exercise.title}: papers" if args.role == EVERY else exercise.role(args.role).name
    else:
        raise CommandError(
            f"--role {args.role!r}: no such role; choose one of {', '.join(roles)}, "
            f"{CONTROL} or {EVERY}"
        )
    output: Path | None = args.output
    if (args.format or format_of(output)) == "html":
        text = to_html(title, documents)
    else:
        text = "\n\n---\n\n".join(documents) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomically(output, text)
    return 0
