"""`tabletop analyze EXERCISE [--json]`: what an exercise offers, before anyone plays it.

An author checks balance (is there a zone of agreement? does any role hold
every card?) and an instructor prepares the debrief: frontier size, the Nash
package and each role's range, for people or (with `--json`) for scripts.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from tabletop.cli.common import CommandError, load_exercise

if TYPE_CHECKING:
    from tabletop.analysis import Analysis, Package
    from tabletop.exercise.model import Exercise


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help="analyse every package: Pareto frontier, Nash package, each role's range",
        description="Analyse every package of an exercise: the Pareto frontier, the "
        "Nash bargaining package, the zone of agreement (packages every required "
        "signatory prefers to its reservation) and each role's best and worst package.",
    )
    parser.add_argument(
        "exercise",
        type=Path,
        metavar="EXERCISE",
        help="an exercise file, or a session log (.jsonl) to analyse with the points "
        "in force at its end",
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object instead of a summary"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tabletop.analysis import analyze

    path: Path = args.exercise
    if path.suffix == ".jsonl":
        exercise, analysis = _at_end_of(path)
    else:
        exercise = load_exercise(path)
        analysis = analyze(exercise)
    if args.json:
        found = analysis.model_dump(exclude={"valuations"})
        found["nash_product"] = nash_product(analysis)
        print(json.dumps(found, indent=2))
    else:
        print(summary(exercise, analysis))
    return 0


def nash_product(analysis: Analysis) -> int | None:
    """The product of every role's gain over its reservation at the Nash package."""
    if analysis.nash is None:
        return None
    product = 1
    for role in analysis.roles.values():
        assert role.nash_score is not None, "every role scores the Nash package"
        product *= role.nash_score - role.reservation
    return product


def _at_end_of(path: Path) -> tuple[Exercise, Analysis]:
    """The exercise of a session log, analysed with the points in force at its last event."""
    from tabletop.analysis import analyze
    from tabletop.log import LogError, read_log, rebuild

    try:
        contents = read_log(path)
        state = rebuild(contents).state
    except LogError as error:
        raise CommandError(str(error)) from None
    if contents.problem is not None:
        print(
            f"tabletop: {path}:{contents.problem.line}: {contents.problem.message}; "
            f"analysing the {len(contents.events)} events before it",
            file=sys.stderr,
        )
    exercise = contents.header.exercise
    return exercise, analyze(exercise, state.valuations, state.reservations)


def summary(exercise: Exercise, analysis: Analysis) -> str:
    """The analysis for a person: counts first, then the Nash package, then each role."""
    from tabletop.analysis import score

    lines = [
        exercise.title,
        f"  packages           {analysis.packages:,}",
        f"  Pareto frontier    {len(analysis.pareto_frontier):,}",
        f"  zone of agreement  {analysis.zopa:,} (beat the reservation of every "
        "signatory they need)",
        "",
    ]
    if analysis.nash is None:
        lines.append("Nash package: none — no package beats every role's reservation")
    else:
        lines.append("Nash package (largest product of gains over reservation):")
        lines.extend(_package(exercise, analysis.nash))
        width = max(len(role.name) for role in exercise.roles)
        for role in exercise.roles:
            reservation = analysis.roles[role.id].reservation
            points = score(analysis.valuations, role.id, analysis.nash)
            lines.append(
                f"    {role.name:<{width}}  {points:>5}  vs reservation "
                f"{reservation:>5}  ({points - reservation:+})"
            )
    for role in exercise.roles:
        found = analysis.roles[role.id]
        lines += [
            "",
            f"{role.name} (reservation {found.reservation})",
            *_ranked("best", found.best_score, _names(exercise, found.best)),
            *_ranked("worst", found.worst_score, _names(exercise, found.worst)),
        ]
    return "\n".join(lines)


def _package(exercise: Exercise, package: Package) -> list[str]:
    width = max(len(issue.name) for issue in exercise.issues)
    return [
        f"    {issue.name:<{width}}  {name}"
        for issue, name in zip(exercise.issues, _names(exercise, package), strict=True)
    ]


def _names(exercise: Exercise, package: Package) -> list[str]:
    """Option names in issue order: what a person reads, where the JSON has ids."""
    return [
        next(o.name for o in issue.options if o.id == package[issue.id])
        for issue in exercise.issues
    ]


def _ranked(label: str, score: int, names: list[str]) -> list[str]:
    return textwrap.wrap(
        "; ".join(names),
        width=88,
        initial_indent=f"  {label:<5} {score:>5}  ",
        subsequent_indent=" " * 15,
    )
