"""Is an exercise balanced? Every mix of bot strategies, many runs each, measured.

Run: .venv/bin/python bench/balance.py [EXERCISE] [--runs 20] [--jobs 2] [--seed 0]
                                       [--strategies boulware,linear,conceder,reciprocating]

For every assignment of the strategies to the roles (by default the four
time-based and reciprocating ones issue 14 names: 4**5 = 1,024 mixes for
Treaty for Security) it plays `--runs` all-bot sessions with the same code as
`tabletop simulate --json --bot ROLE=STRATEGY ...`, then prints what issue 14
asks of a class-ready exercise:
- the share of sessions ending in each outcome (none above 70 %, every one at
  least 1 %);
- each role's gain at the Nash package (`tabletop analyze`): at least 15, the
  smallest at least half the largest;
- each role's mean score by the strategy it played: the spread at least 3.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tabletop.analysis import analyze
from tabletop.bots import STRATEGIES
from tabletop.exercise.loader import load
from tabletop.exercise.model import Exercise
from tabletop.simulation import SimulationSummary, simulate

TREATY = Path(__file__).resolve().parent.parent / "exercises" / "treaty-for-security.yaml"
FOUR = ("boulware", "linear", "conceder", "reciprocating")
MOST_COMMON = 0.70
RAREST = 0.01
NASH_GAIN = 15
STRATEGY_SPREAD = 3.0


def _one_mix(job: tuple[Path, tuple[str, ...], int, int]) -> SimulationSummary:
    path, mix, runs, seed = job
    exercise = load(path)
    return simulate(exercise, runs, seed, dict(zip(exercise.role_ids, mix, strict=True)))


def sweep(
    path: Path, exercise: Exercise, runs: int, seed: int, jobs: int, strategies: tuple[str, ...]
) -> list[SimulationSummary]:
    mixes = list(itertools.product(strategies, repeat=len(exercise.roles)))
    # Each mix plays its own seeds: with one seed for all, every mix would replay the
    # same `runs` draws of chance, and the sweep would measure those draws, not the mixes.
    work = [(path, mix, runs, seed + n * runs) for n, mix in enumerate(mixes)]
    if jobs <= 1:
        return [_one_mix(job) for job in work]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(_one_mix, work, chunksize=16))


def report(
    exercise: Exercise, summaries: list[SimulationSummary], strategies: tuple[str, ...]
) -> list[str]:
    """The measures, one line each; the last lines say which targets are missed."""
    lines: list[str] = []
    missed: list[str] = []
    total = sum(s.runs for s in summaries)
    outcomes: Counter[str] = Counter()
    by_strategy: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for summary in summaries:
        outcomes.update(summary.outcomes)
        for role, played in summary.strategies.items():
            [strategy] = played
            by_strategy[role][strategy].append(summary.mean_score[role])
    lines.append(f"{len(summaries)} mixes x {summaries[0].runs} runs = {total} sessions")
    lines.append("outcomes:")
    for outcome in exercise.outcomes:
        share = outcomes[outcome.id] / total
        lines.append(f"  {outcome.id:22} {share:7.2%}")
        if share > MOST_COMMON:
            missed.append(f"{outcome.id} ends {share:.1%} of sessions (at most 70 %)")
        if share < RAREST:
            missed.append(f"{outcome.id} ends {share:.2%} of sessions (at least 1 %)")
    analysis = analyze(exercise)
    lines.append("gain at the Nash package:")
    gains: dict[str, int] = {}
    for role_id, role in analysis.roles.items():
        gains[role_id] = (role.nash_score or 0) - role.reservation
        lines.append(f"  {role_id:8} {gains[role_id]:+d}  (reservation {role.reservation})")
    if analysis.nash is None:
        missed.append("no Nash package: no package beats every reservation")
    for role_id, gain in gains.items():
        if gain < NASH_GAIN:
            missed.append(f"{role_id} gains {gain} at the Nash package (at least 15)")
    if min(gains.values()) * 2 < max(gains.values()):
        missed.append("the smallest Nash gain is under half the largest")
    lines.append("mean score by the strategy a role played:")
    lines.append("  " + " " * 8 + "".join(f"{s:>14}" for s in strategies) + "    spread")
    for role_id in exercise.role_ids:
        means = {s: sum(v) / len(v) for s, v in by_strategy[role_id].items()}
        spread = max(means.values()) - min(means.values())
        row = "".join(f"{means[s]:14.2f}" for s in strategies)
        lines.append(f"  {role_id:8}{row}    {spread:6.2f}")
        if spread < STRATEGY_SPREAD:
            missed.append(f"{role_id}'s strategy moves its mean score by {spread:.2f} (at least 3)")
    lines.append("targets: all met" if not missed else "targets missed:")
    lines += [f"  - {m}" for m in missed]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exercise", nargs="?", type=Path, default=TREATY)
    parser.add_argument("--runs", type=int, default=20, help="sessions per mix (default 20)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument(
        "--strategies", default=",".join(FOUR), help="comma-separated (default: %(default)s)"
    )
    args = parser.parse_args()
    strategies = tuple(args.strategies.split(","))
    unknown = [s for s in strategies if s not in STRATEGIES]
    if unknown:
        parser.error(f"unknown strategy {', '.join(unknown)}: choose from {', '.join(STRATEGIES)}")
    exercise = load(args.exercise)
    start = time.perf_counter()
    summaries = sweep(args.exercise, exercise, args.runs, args.seed, args.jobs, strategies)
    print("\n".join(report(exercise, summaries, strategies)))
    print(f"({time.perf_counter() - start:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
