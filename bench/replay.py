"""Replay throughput: rebuilding a session from a long log, with and without hash checks,
and the replay viewer's pass over it and its moves.

Run: .venv/bin/python bench/replay.py [--events N] [--runs R] [--log PATH]
Writes a log of about N events (a long session: proposals, support, statements and a
busy back channel), or takes the one at PATH, then times `read_log` + `rebuild` (best,
median and worst of --runs, in CPU time) and measures peak memory. Then the viewer's
`ReplayLog`: its header read (what the screen waits for), its one pass (chain, rules,
checkpoints, indexes, chart) in CPU time with its peak memory, and the cursor's moves
with the picture Control sees after each (a step, a step back, a jump), best and median.
Target: every move under 50 ms.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from tabletop.engine import IllegalAct
from tabletop.engine.acts import (
    Act,
    Advance,
    Decline,
    ExtendRounds,
    Message,
    Pass,
    Propose,
    Start,
    Statement,
    Support,
    Withdraw,
)
from tabletop.engine.checks import MAX_ROUNDS
from tabletop.engine.state import Table
from tabletop.exercise.model import CONTROL, Exercise
from tabletop.exercise.synthetic import synthetic_exercise
from tabletop.log import RecordedSession, Seat, read_log, rebuild
from tabletop.log.cursor import ReplayCursor
from tabletop.log.replay_log import ReplayLog
from tabletop.tui.moment import moment

MOVE_TARGET = 0.050


def write_long_log(path: Path, events: int, seed: int = 1) -> int:
    """A long session: every turn a move and a message; Control extends the rounds
    as far as they go, and after that only the back channel stays busy."""
    exercise = synthetic_exercise(roles=5, issues=6, options=4, seed=seed, rounds=10)
    rng = random.Random(seed)
    seats = {r: Seat(kind="human") for r in exercise.role_ids}
    recorded = RecordedSession.create(path, exercise, seed, seats, fsync=False)
    recorded.apply(Start())
    recorded.apply(Advance())
    session = recorded.session
    while len(session.events) < events:
        state = session.table
        sender = rng.choice(exercise.role_ids)
        others = [r for r in exercise.role_ids if r != sender]
        recorded.apply(Message(actor=sender, to=rng.choice(others), text="shall we talk?"))
        last_round = state.round >= state.rounds - 1
        if last_round and state.rounds + 5 <= MAX_ROUNDS:
            recorded.apply(ExtendRounds(rounds=5))
        elif state.turn is not None and not last_round:
            act = _turn_act(session.table, state.turn, exercise, rng)
            with contextlib.suppress(IllegalAct):
                recorded.apply(act)
    recorded.close()
    return len(session.events)


def _turn_act(table: Table, role: str, exercise: Exercise, rng: random.Random) -> Act:
    if table.phase == "ratification":
        return Decline(actor=role, reason="not yet")
    live = [p.id for p in table.live_proposals]
    roll = rng.random()
    if roll < 0.25 and live:
        return Support(actor=role, proposal=rng.choice(live))
    if roll < 0.35 and live:
        return Withdraw(actor=role, proposal=rng.choice(live))
    if roll < 0.6:
        package = {i.id: rng.choice(i.options).id for i in exercise.issues}
        return Propose(actor=role, package=package)
    if roll < 0.8:
        return Statement(actor=role, text="We remain committed to a settlement.")
    return Pass(actor=role)


def measure(path: Path, verify: bool, runs: int) -> tuple[list[float], int, int]:
    """CPU seconds of each of `runs` rebuilds and the events rebuilt, then the peak
    traced memory of one more (tracemalloc slows what it watches, so it is kept apart).

    CPU time of this process, not wall time: the machine is shared, and a
    neighbour's work should not count as ours.
    """
    times = []
    for _ in range(runs):
        gc.collect()  # the garbage of the run before is not this run's cost
        began = time.process_time()
        count = len(rebuild(read_log(path, verify=verify)).events)
        times.append(time.process_time() - began)
    tracemalloc.start()
    rebuild(read_log(path, verify=verify))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return times, count, peak


def viewer_pass(path: Path, runs: int) -> tuple[float, list[float], int]:
    """Seconds to read the header, CPU seconds of each of `runs` passes, and the peak
    traced memory of one more."""
    began = time.perf_counter()
    ReplayLog(path)
    header = time.perf_counter() - began
    times = []
    for _ in range(runs):
        gc.collect()
        log = ReplayLog(path)
        began = time.process_time()
        log.read()
        times.append(time.process_time() - began)
    del log
    gc.collect()
    tracemalloc.start()
    ReplayLog(path).read()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return header, times, peak


def moves(path: Path, runs: int) -> dict[str, list[float]]:
    """CPU seconds of each kind of move, each with Control's picture after it (a screenful
    of its timeline drawn from the log), `runs` times, all over the log."""
    log = ReplayLog(path)
    log.read()
    cursor = ReplayCursor(log)
    rng = random.Random(3)
    times: dict[str, list[float]] = {"step": [], "step back": [], "jump": [], "to the end": []}
    for _ in range(runs):
        for name in times:
            start = rng.randrange(1, cursor.total)
            cursor.move_to(start)
            target = {
                "step": start + 1,
                "step back": start - 1,
                "jump": rng.randrange(cursor.total),
                "to the end": cursor.total,
            }[name]
            began = time.process_time()
            cursor.move_to(target)
            shown = moment(cursor, CONTROL).events
            [shown[i] for i in range(max(len(shown) - 40, 0), len(shown))]
            times[name].append(time.process_time() - began)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="timed rebuilds of each kind")
    parser.add_argument("--log", type=Path, help="an existing log, rather than writing one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.log or Path(folder) / "long.jsonl"
        if args.log is None:
            began = time.perf_counter()
            written = write_long_log(path, args.events)
            print(
                f"wrote {written:,} events ({path.stat().st_size / 2**20:.1f} MiB) "
                f"in {time.perf_counter() - began:.1f} s"
            )
        print(f"CPU time of this process, {args.runs} runs each")
        print(
            f"{'replay':<20}{'events/s best':>15}{'median':>10}{'worst':>10}"
            f"{'best s':>8}{'peak MiB':>10}"
        )
        for verify in (True, False):
            times, count, peak = measure(path, verify, args.runs)
            rates = sorted(count / elapsed for elapsed in times)
            label = "with hash check" if verify else "without hash check"
            print(
                f"{label:<20}{rates[-1]:>15,.0f}{statistics.median(rates):>10,.0f}"
                f"{rates[0]:>10,.0f}{min(times):>8.2f}{peak / 2**20:>10.1f}"
            )
        header, passes, peak = viewer_pass(path, args.runs)
        print(
            f"replay viewer: header read in {header * 1000:.0f} ms (the screen opens); "
            f"the checked pass {min(passes):.2f} s CPU at best, "
            f"{statistics.median(passes):.2f} median; peak {peak / 2**20:.1f} MiB traced"
        )
        for name, took in moves(path, max(args.runs, 10)).items():
            verdict = "ok" if statistics.median(took) < MOVE_TARGET else "over target"
            print(
                f"replay viewer move, {name:<11} best {min(took) * 1000:6.1f} ms   "
                f"median {statistics.median(took) * 1000:6.1f} ms   worst "
                f"{max(took) * 1000:6.1f} ms   (target {MOVE_TARGET * 1000:.0f} ms: {verdict})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
