"""`tabletop validate PATH ...`: check exercise files the way an author needs.

Every problem in every file is printed as `FILE:LINE: field.path: message`, so
an editor or CI log can jump to it; the exit code says whether all were valid.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tabletop.exercise.model import Exercise


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check exercise files; one line per problem, exit 1 if any",
        description="Check exercise files and their source digests. Prints "
        "'PATH: ok (...)' for a valid file and one 'FILE:LINE: field.path: message' "
        "line per problem otherwise; exits 0 only when every file is valid. A valid "
        "exercise that cannot play as meant (an empty zone of agreement, an outcome no "
        "package reaches, a reservation above every package a role must sign) gets "
        "'FILE:LINE: field.path: warning: message' lines, and still exits 0.",
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
        _warn(path, exercise)
    return 0 if valid else 1


def _warn(path: Path, exercise: Exercise) -> None:
    """The design warnings of a valid exercise, each on the line of the field it concerns."""
    from tabletop.design import design_warnings

    found = design_warnings(exercise)
    if not found:
        return
    from tabletop.exercise.loader import MAX_BYTES, MAX_DEPTH
    from tabletop.exercise.textfile import read_text
    from tabletop.exercise.yamlread import parse

    lines = parse(read_text(path, str(path), MAX_BYTES), str(path), "an exercise", MAX_DEPTH).lines
    for warning in found:
        where = warning.path
        depth = next((d for d in range(len(where), 0, -1) if where[:d] in lines), 0)
        field = ".".join(map(str, where))
        print(f"{path}:{lines.get(where[:depth], 1)}: {field}: warning: {warning.message}")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
