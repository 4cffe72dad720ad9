"""Time and peak memory of `analyze` on the treaty and on a million-package exercise.

Run as `.venv/bin/python bench/analysis.py`. Time is the best of a few runs
without tracing; peak memory is tracemalloc's peak over one more run (numpy
reports its buffers to tracemalloc, so arrays are counted), measured apart
because tracing slows the run.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from tabletop.analysis import analyze
from tabletop.exercise.loader import ExerciseError, load
from tabletop.exercise.model import Exercise
from tabletop.exercise.synthetic import synthetic_exercise

TREATY = Path(__file__).resolve().parent.parent / "exercises" / "treaty-for-security.yaml"
RUNS = 5


def treaty() -> tuple[str, Exercise]:
    """The bundled treaty, or a synthetic stand-in of similar size while it is missing."""
    try:
        return "treaty-for-security", load(TREATY)
    except ExerciseError as error:
        print(f"(treaty not loadable, using a synthetic stand-in: {error})", file=sys.stderr)
        return "synthetic 5 roles × 9 issues × 3 options", synthetic_exercise(5, 9, 3, seed=1)


def measure(exercise: Exercise) -> tuple[float, float, int]:
    """Median and best seconds of a run, and tracemalloc's peak bytes."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        analyze(exercise)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    analyze(exercise)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), min(times), peak


def main() -> int:
    cases = [
        treaty(),
        ("synthetic 8 roles × 10 issues × 4 options", synthetic_exercise(8, 10, 4, seed=1)),
    ]
    print(
        f"{'exercise':<42} {'packages':>10} {'roles':>5} {'frontier':>8} "
        f"{'median ms':>9} {'best ms':>8} {'peak MiB':>8}"
    )
    for name, exercise in cases:
        result = analyze(exercise)
        median, best, peak = measure(exercise)
        print(
            f"{name:<42} {result.packages:>10,} {len(exercise.roles):>5} "
            f"{len(result.pareto_frontier):>8,} {median * 1000:>9.1f} {best * 1000:>8.1f} "
            f"{peak / 2**20:>8.1f}"
        )
    print("peak MiB: tracemalloc peak of one run (Python objects and numpy buffers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
