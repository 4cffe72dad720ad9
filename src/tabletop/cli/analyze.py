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

from tabletop.cli.common import CommandError, ProgressBar, load_exercise, positive
from tabletop.cli.terminal import raw

if TYPE_CHECKING:
    from tabletop.analysis import Analysis, Package, Valuations
    from tabletop.exercise.model import Exercise


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help="analyse every package: Pareto frontier, Nash package, each role's range",
        description="Analyse every package of an exercise: the Pareto frontier, the "
        "Nash bargaining package, the zone of agreement (packages every required "
        "signatory values at least at its reservation) and each role's best and worst package.",
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
    parser.add_argument(
        "--budget",
        type=positive,
        metavar="N",
        help="analyse even if that takes up to N package scores (packages × roles); "
        "past the default budget, analyze says what it would cost and stops",
    )
    parser.add_argument(
        "--sample",
        type=positive,
        metavar="N",
        help="analyse N packages drawn at random instead of all: quick on any exercise, "
        "but the frontier, the Nash package and the zone of agreement are approximate",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path: Path = args.exercise
    if path.suffix == ".jsonl":
        exercise, valuations, reservations = _at_end_of(path)
    else:
        exercise, valuations, reservations = load_exercise(path), None, None
    _check_budget(path, exercise, args.budget, args.sample)
    analysis = _analyze(exercise, valuations, reservations, args.sample)
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


def _check_budget(path: Path, exercise: Exercise, budget: int | None, sample: int | None) -> None:
    """Refuse, before any work, an analysis past the budget, saying what it would take."""
    from tabletop.analysis.budget import BUDGET, seconds, work

    roles = len(exercise.roles)
    needed = work(exercise) if sample is None else min(sample, exercise.package_count) * roles
    allowed = BUDGET if budget is None else budget
    if needed <= allowed:
        return
    raise CommandError(
        f"{path}: analysing {exercise.package_count:,} packages × {roles} roles is "
        f"{needed:,} package scores, about {_duration(seconds(needed))} of work, over the "
        f"budget of {allowed:,}. To go on, raise it with --budget {needed}, or analyse "
        "a random sample with --sample N (approximate results)."
    )


def _duration(secs: float) -> str:
    if secs < 120:
        return f"{max(secs, 1):.0f} s"
    if secs < 7200:
        return f"{secs / 60:.0f} min"
    return f"{secs / 3600:.0f} h"


def _analyze(
    exercise: Exercise,
    valuations: Valuations | None,
    reservations: dict[str, int] | None,
    sample: int | None,
) -> Analysis:
    """The analysis, with a progress bar on a terminal."""
    from tabletop.analysis import analyze

    bar = ProgressBar(raw(sys.stderr)) if sys.stderr.isatty() else None
    try:
        return analyze(
            exercise, valuations, reservations, sample=sample, progress=bar.show if bar else None
        )
    finally:
        if bar is not None:
            bar.close()


def _at_end_of(path: Path) -> tuple[Exercise, Valuations, dict[str, int]]:
    """The exercise of a session log, with the points in force at its last event."""
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
    return contents.header.exercise, state.valuations, state.reservations


def summary(exercise: Exercise, analysis: Analysis) -> str:
    """The analysis for a person: counts first, then the Nash package, then each role."""
    from tabletop.analysis import score

    lines = [exercise.title]
    if analysis.sampled is not None:
        lines.append(
            f"  APPROXIMATE: a random sample of {analysis.sampled:,} packages; the frontier "
            "is the sample's and the zone of agreement is scaled up from it"
        )
    lines += [
        f"  packages           {analysis.packages:,}",
        f"  Pareto frontier    {len(analysis.pareto_frontier):,}",
        f"  zone of agreement  {analysis.zopa:,} (worth at least the reservation of "
        "every signatory they need)",
        "",
    ]
    if analysis.nash is None:
        lines.append("Nash package: none — no package is worth every role's reservation")
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
    from tabletop.narration.names import package_lines

    width = max(len(issue.name) for issue in exercise.issues)
    return [f"    {issue:<{width}}  {option}" for issue, option in package_lines(exercise, package)]


def _names(exercise: Exercise, package: Package) -> list[str]:
    """Option names in issue order: what a person reads, where the JSON has ids."""
    from tabletop.narration.names import package_lines

    return [option for _, option in package_lines(exercise, package)]


def _ranked(label: str, score: int, names: list[str]) -> list[str]:
    return textwrap.wrap(
        "; ".join(names),
        width=88,
        initial_indent=f"  {label:<5} {score:>5}  ",
        subsequent_indent=" " * 15,
    )
