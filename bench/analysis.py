"""Time and memory of `analyze` and the report's `debrief` (bots' deals: bench/agreement.py).

Run as `.venv/bin/python bench/analysis.py`. Time is CPU time of this
process, the best and median of a few runs without tracing; peak memory is
tracemalloc's peak over one more run (numpy reports its buffers to
tracemalloc), measured apart because tracing slows the run.

Interests come two ways. *Correlated*: `synthetic_exercise`, where roles
agree on a third of the issues and reservations sit below a joint best, so
the frontier is small. *Independent*: every role's points drawn apart
(0–100 per option), so a third or more of the packages are on the frontier,
the hard case for a frontier search.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from tabletop.analysis import analyze, debrief
from tabletop.exercise.loader import ExerciseError, load
from tabletop.exercise.model import Exercise
from tabletop.exercise.synthetic import independent_exercise as independent
from tabletop.exercise.synthetic import synthetic_exercise

TREATY = Path(__file__).resolve().parent.parent / "exercises" / "treaty-for-security.yaml"
RUNS = 3


def treaty() -> tuple[str, Exercise]:
    """The bundled treaty, or a synthetic stand-in of similar size while it is missing."""
    try:
        return "treaty-for-security", load(TREATY)
    except ExerciseError as error:
        print(f"(treaty not loadable, using a synthetic stand-in: {error})", file=sys.stderr)
        return "synthetic 5 roles × 9 issues × 3 options", synthetic_exercise(5, 9, 3, seed=1)


def measure(run: Callable[[], object]) -> tuple[float, float, int]:
    """Median and best CPU seconds of a run, and tracemalloc's peak bytes."""
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), min(times), peak


def main() -> int:
    cases = [
        treaty(),
        ("correlated 8 roles × 10 issues × 4", synthetic_exercise(8, 10, 4, seed=1)),
        ("correlated 10 roles × 9 issues × 4", synthetic_exercise(10, 9, 4, seed=1)),
        ("independent 10 roles × 9 issues × 4", independent(10, 9, 4, seed=1)),
        ("correlated 12 roles × 8 issues × 4", synthetic_exercise(12, 8, 4, seed=1)),
        ("independent 12 roles × 8 issues × 4", independent(12, 8, 4, seed=1)),
    ]
    print(
        f"{'analyze':<40} {'packages':>10} {'frontier':>8} "
        f"{'median s':>8} {'best s':>7} {'peak MiB':>8}"
    )
    for name, exercise in cases:
        result = analyze(exercise)
        median, best, peak = measure(lambda exercise=exercise: analyze(exercise))
        print(
            f"{name:<40} {result.packages:>10,} {len(result.pareto_frontier):>8,} "
            f"{median:>8.3f} {best:>7.3f} {peak / 2**20:>8.1f}"
        )
    print()
    title = "debrief (report), a deal on"
    print(f"{title:<40} {'packages':>10} {'':>8} {'median s':>8} {'best s':>7}")
    for name, exercise in (
        ("correlated 12 roles × 12 issues × 6", synthetic_exercise(12, 12, 6, seed=1)),
        ("independent 12 roles × 12 issues × 6", independent(12, 12, 6, seed=1)),
    ):
        deal = {issue.id: issue.options[n % 3].id for n, issue in enumerate(exercise.issues)}
        reservations = {r.id: r.reservation for r in exercise.roles}
        median, best, _ = measure(
            lambda e=exercise, d=deal, r=reservations: debrief(e, e.valuations, r, d)
        )
        print(f"{name:<40} {exercise.package_count:>10,} {'':>8} {median:>8.3f} {best:>7.3f}")
    print("peak MiB: tracemalloc peak of one run (Python objects and numpy buffers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
