"""Simulation across cores: wall-clock sessions/s on 1 core and on 2, run alternately.

Run: .venv/bin/python bench/spread.py [--runs N] [--repeat K]
Wall-clock time, since the point of more cores is the time an author waits;
the two settings take turns, so a slow spell of this shared machine falls on
both. The pool's start-up (forkserver, imports) is counted: it is part of
the wait.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from tabletop.exercise.loader import load
from tabletop.simulation import simulate
from tabletop.spread import cores, on_cores

TREATY = Path(__file__).parent.parent / "exercises" / "treaty-for-security.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    exercise = load(TREATY)
    jobs = sorted({1, min(2, cores())})
    rates: dict[int, list[float]] = {n: [] for n in jobs}
    for repeat in range(args.repeat):
        for n in jobs:
            start = time.perf_counter()
            simulate(exercise, runs=args.runs, seed=repeat * args.runs, spread=on_cores(n))
            rates[n].append(args.runs / (time.perf_counter() - start))
    print(f"{exercise.title}: {args.runs} sessions, {args.repeat} times, wall clock")
    for n in jobs:
        print(
            f"  --jobs {n}: {max(rates[n]):,.0f} sessions/s at best, "
            f"{statistics.median(rates[n]):,.0f} median"
        )
    if len(jobs) == 2:
        speedup = statistics.median(rates[2]) / statistics.median(rates[1])
        print(f"  speed-up on 2 cores: {speedup:.2f}x (median over median)")


if __name__ == "__main__":
    main()
