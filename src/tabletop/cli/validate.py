"""`tabletop validate PATH ...`: check exercise files the way an author needs.

Every problem in every file is printed as `FILE:LINE: field.path: message`, so
an editor or CI log can jump to it; the exit code says whether all were valid.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check exercise files; one line per problem, exit 1 if any",
        description="Check exercise files and their source digests. Prints "
        "'PATH: ok (...)' for a valid file and one 'FILE:LINE: field.path: message' "
        "line per problem otherwise; exits 0 only when every file is valid.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="an exercise file")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tabletop.exercise.loader import ExerciseError, load

    valid = True
    for path in args.paths:
        try:
            exercise = load(path)
        except ExerciseError as error:
            valid = False
            for problem in error.problems:
                print(problem)
            continue
        counts = (
            _count(len(exercise.roles), "role"),
            _count(len(exercise.issues), "issue"),
            _count(exercise.package_count, "package"),
        )
        print(f"{path}: ok ({', '.join(counts)})")
    return 0 if valid else 1


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
