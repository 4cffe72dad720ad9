"""`tabletop simulate EXERCISE`: many headless all-bot sessions, summed up.

An author runs it before a class plays the exercise: how often do bots
agree, which outcomes come up, and does any delegation do far better than
its reservation? The same seed always prints the same summary, on one core,
on all of them (`--jobs`) or on a Dask cluster (`--cluster`).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tabletop.cli.common import (
    CommandError,
    ProgressBar,
    add_bot_option,
    add_exercise_argument,
    bot_seats,
    load_exercise,
    positive,
)
from tabletop.cli.terminal import raw

if TYPE_CHECKING:
    from tabletop.exercise.model import Exercise
    from tabletop.simulation import SimulationSummary, Spread

_POOL_FROM = 100
"""Runs from which other cores are worth their start-up (about half a second) by default."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "simulate",
        help="play many headless all-bot sessions and summarise them",
        description="Play headless sessions with a bot in every seat and summarise them: "
        "agreement rate, outcomes, each role's mean score against its reservation. "
        "Roles without --bot take the strategies boulware, linear, conceder and "
        "reciprocating in turn, run by run.",
    )
    add_exercise_argument(parser)
    parser.add_argument(
        "--runs", type=positive, default=100, metavar="N", help="sessions to play (default 100)"
    )
    parser.add_argument(
        "--seed", type=int, default=0, metavar="N", help="simulation seed (default 0)"
    )
    add_bot_option(parser, "the strategy a role plays in every run (repeatable)")
    parser.add_argument(
        "--log-dir", type=Path, metavar="DIR", help="write each run's session log into DIR"
    )
    parser.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--jobs",
        type=positive,
        metavar="N",
        help=f"play on N cores of this machine (default: all it may use, from {_POOL_FROM} runs)",
    )
    where.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="play on the workers of a Dask cluster, e.g. tcp://10.0.0.5:8786 "
        "(needs tabletop[cluster] here and on the workers)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tabletop.log import LogError
    from tabletop.simulation import simulate

    exercise = load_exercise(args.exercise)
    strategies = bot_seats(exercise, args.bot)
    if args.cluster is not None and args.log_dir is not None:
        raise CommandError(
            "--log-dir writes logs on this machine, but --cluster plays the runs on the "
            "cluster's workers: leave out one of them",
            exit_code=2,
        )
    if args.log_dir is not None:
        _make_folder(args.log_dir)
    bar = ProgressBar(raw(sys.stderr)) if sys.stderr.isatty() else None
    with _spread(args) as spread:
        try:
            summary = simulate(
                exercise,
                args.runs,
                args.seed,
                strategies,
                log_dir=args.log_dir,
                progress=bar.show if bar else None,
                spread=spread,
            )
        except LogError as error:
            raise CommandError(str(error)) from None
        except OSError as error:  # a log that could not be written, cut back to its last act
            message = f"{error.filename}: cannot write the log: {error.strerror}"
            raise CommandError(message) from None
        finally:
            if bar is not None:
                bar.close()
    print(summary.model_dump_json(indent=2) if args.json else report(exercise, summary))
    return 0


@contextmanager
def _spread(args: argparse.Namespace) -> Iterator[Spread]:
    """Where the runs are played: the cluster asked for, or this machine's cores."""
    from tabletop.spread import Cluster, SpreadError, cores, on_cores

    if args.cluster is None:
        yield on_cores(args.jobs or (cores() if args.runs >= _POOL_FROM else 1))
        return
    logging.getLogger("distributed").setLevel(logging.ERROR)
    try:
        cluster = Cluster(args.cluster)
    except SpreadError as error:
        raise CommandError(str(error)) from None
    try:
        yield cluster
    finally:
        cluster.close()


def _make_folder(folder: Path) -> None:
    """Create the log folder before any run, so a bad path fails at once and plainly."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(f"{folder}: cannot create the log folder: {error.strerror}") from None


def report(exercise: Exercise, summary: SimulationSummary) -> str:
    """The summary for a person: agreement, outcomes, then each role against its reservation."""
    runs = summary.runs
    lines = [
        f"{exercise.title}: {runs:,} runs, seed {summary.seed}",
        f"  agreement rate  {summary.agreement_rate:.1%}",
        f"  mean rounds     {summary.mean_rounds:.2f}",
        f"  mean acts       {summary.mean_acts:.2f}",
        "",
        "Outcomes",
    ]
    width = max(len(o.title) for o in exercise.outcomes)
    for outcome in exercise.outcomes:
        count = summary.outcomes[outcome.id]
        lines.append(f"  {outcome.title:<{width}}  {count:>7,}  {count / runs:>6.1%}")
    width = max(len(r.name) for r in exercise.roles)
    lines += [
        "",
        f"  {'Role':<{width}}  {'mean score':>10}  {'reservation':>11}  {'gain':>8}  strategies",
    ]
    for role in exercise.roles:
        played = ", ".join(f"{name} {n:,}" for name, n in summary.strategies[role.id].items())
        lines.append(
            f"  {role.name:<{width}}  {summary.mean_score[role.id]:>10.2f}  "
            f"{role.reservation:>11}  {summary.mean_gain[role.id]:>+8.2f}  {played}"
        )
    return "\n".join(lines)
