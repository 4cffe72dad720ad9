"""How well all-bot sessions agree: deals, the frontier, the Nash package, joint gain.

Run: .venv/bin/python bench/agreement.py [--runs 200] [--seed 0] [--mix MIX ...]

Plays the sessions of `tabletop simulate EXERCISE --runs N --seed S` on the
bundled treaty and on a generated exercise of five roles with independent
interests and a unique Nash package, once per mix: "stock" is the classic four
dealt out in turn as `simulate` does, a strategy's name gives it to every role.
Each end is measured by `debrief` against the points and reservations in force
then (injects may change them, and so the Nash package):
- deals: the share of runs ending in a signed agreement;
- frontier, Nash: the share ending on the Pareto frontier, on the Nash package;
- joint: the mean sum of scores of the deals, against that of the Nash package;
- product: the mean Nash product (of gains over reservation, 0 without a deal)
  as a share of the Nash package's, as `tabletop analyze --json` gives it.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass

from analysis import treaty

from tabletop.analysis import debrief
from tabletop.bots import STRATEGIES, run_headless
from tabletop.exercise.model import Exercise
from tabletop.exercise.synthetic import independent_exercise, synthetic_exercise
from tabletop.simulation import run_seed, seating

SEEDS = 40
MIXES = ("stock", "linear", "integrative", "nash")
INDEPENDENT = (5, 6, 4, 3)
"""Roles, issues, options and seed of the generated exercise: 34 packages every role can
accept, one Nash package."""


@dataclass
class Tally:
    runs: int = 0
    deals: int = 0
    frontier: int = 0
    nash: int = 0
    joint: int = 0
    nash_joint: int = 0
    product: float = 0.0
    """Sum over runs of the end's Nash product over the Nash package's."""

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)

    def row(self) -> str:
        runs, deals = self.runs or 1, self.deals or 1
        return (
            f"{self.deals / runs:>6.0%} {self.frontier / runs:>8.0%} {self.nash / runs:>5.0%} "
            f"{self.joint / deals:>6.0f} {self.nash_joint / runs:>6.0f} {self.product / runs:>8.0%}"
        )


def gains_product(scores: Mapping[str, int], reservations: Mapping[str, int]) -> int:
    """The product of every role's gain over its reservation; 0 if a role loses (a deal may
    leave out a role whose signature it does not need)."""
    gains = [scores[role] - reservation for role, reservation in reservations.items()]
    return math.prod(gains) if min(gains) >= 0 else 0


def measure(exercise: Exercise, mix: str, runs: int, seed: int) -> Tally:
    chosen = {} if mix == "stock" else dict.fromkeys(exercise.role_ids, mix)
    tally = Tally()
    for run in range(runs):
        end = run_headless(exercise, run_seed(seed, run), seating(exercise, run, chosen)).state
        conclusion = end.conclusion
        deal = conclusion.package if conclusion and conclusion.ending == "agreement" else None
        found = debrief(exercise, end.valuations, end.reservations, deal)
        tally.runs += 1
        best = gains_product(found.nash_scores or {}, end.reservations) if found.nash else 0
        tally.nash_joint += sum((found.nash_scores or {}).values())
        if deal is None or conclusion is None or found.gap is None:
            continue
        tally.deals += 1
        tally.frontier += found.gap.on_frontier
        tally.nash += deal == found.nash
        tally.joint += sum(conclusion.scores.values())
        if best > 0:
            tally.product += gains_product(conclusion.scores, end.reservations) / best
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="sessions per mix (default 200)")
    parser.add_argument("--seed", type=int, default=0, help="the simulation seed (default 0)")
    parser.add_argument(
        "--mix",
        action="append",
        help=f"'stock' or a strategy for every role; repeat for more (default {', '.join(MIXES)})",
    )
    args = parser.parse_args()
    mixes = args.mix or list(MIXES)
    unknown = [m for m in mixes if m != "stock" and m not in STRATEGIES]
    if unknown:
        parser.error(f"unknown mix {', '.join(unknown)}: 'stock' or one of {', '.join(STRATEGIES)}")
    roles, issues, options, seed = INDEPENDENT
    cases: list[tuple[str, list[Exercise], int]] = [
        (treaty()[0], [treaty()[1]], args.runs),
        (
            f"independent {roles} roles × {issues} issues × {options}",
            [independent_exercise(roles, issues, options, seed=seed)],
            args.runs,
        ),
        (
            f"{SEEDS} × independent 5 × 5 × 4",
            [independent_exercise(5, 5, 4, seed=s) for s in range(1, SEEDS + 1)],
            1,
        ),
        (
            f"{SEEDS} × correlated 5 × 6 × 4",
            [synthetic_exercise(5, 6, 4, seed=s) for s in range(1, SEEDS + 1)],
            1,
        ),
    ]
    print(
        f"{str(args.runs) + ' runs, seed ' + str(args.seed):<36} {'mix':<13} {'deals':>6} "
        f"{'frontier':>8} {'Nash':>5} {'joint':>6} {'of N':>6} {'product':>8}"
    )
    start = time.process_time()
    for name, exercises, runs in cases:
        for mix in mixes:
            tally = Tally()
            for exercise in exercises:
                tally.add(measure(exercise, mix, runs, args.seed))
            print(f"{name:<36} {mix:<13} {tally.row()}")
    print("deals, frontier, Nash: share of runs ending in a deal, on the frontier, on the Nash")
    print("package; joint: mean sum of scores of the deals; of N: that of the Nash package;")
    print("product: mean Nash product of the ends (0 without a deal) over the Nash package's")
    print(f"({time.process_time() - start:.0f} s CPU)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
