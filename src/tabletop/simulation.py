"""Headless all-bot sessions in bulk: is an exercise balanced before a class plays it?

Each run is a whole session with a bot in every seat, its seed derived from
the simulation seed and the run's index, so the same arguments always give
the same summary. Roles without a chosen strategy take turns through all of
them, run by run, so one role does not always face the same opponents.

Runs are played in batches, and a batch needs nothing but itself: a `Spread`
plays them here, on other cores or on a cluster, in whatever order they
finish, and the summary puts them back in order, so where they ran never
changes a figure.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from math import ceil
from pathlib import Path
from statistics import fmean
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from tabletop.bots import ROTATION, bots_for, check_strategy, play_out
from tabletop.engine.events import SESSION
from tabletop.engine.session import Session
from tabletop.exercise.conditions import Ending
from tabletop.exercise.model import Exercise

Progress = Callable[[int, int], None]
"""Called with (runs done, runs in all) after each batch of runs."""

ENDINGS: tuple[Ending, ...] = ("agreement", "deadline", "walk_out", "breakdown")
_PLACES = 4
"""Decimals kept in the summary: enough to compare, and the same on every machine."""
_BATCHES_PER_WORKER = 8
"""Batches a worker gets, about: enough that one slow batch leaves the others busy."""
_LARGEST_BATCH = 50
"""Runs in a batch at most, so progress moves and a lost worker costs little."""


class SimulationSummary(BaseModel):
    """What a batch of all-bot sessions came to."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    exercise: str
    seed: int
    runs: int
    agreement_rate: float
    outcomes: dict[str, int]
    """Outcome id → runs, every outcome of the exercise in its order, even with none."""
    endings: dict[str, int]
    """How the talks ended → runs."""
    mean_score: dict[str, float]
    """Role → mean final score."""
    mean_gain: dict[str, float]
    """Role → mean final score minus its reservation at the start."""
    mean_rounds: float
    mean_acts: float
    """Acts by delegations and Control per session (events the rules add are not acts)."""
    strategies: dict[str, dict[str, int]]
    """Role → strategy → runs it played."""


@dataclass(frozen=True)
class RunResult:
    """What the summary needs of one session, so the session itself can go."""

    outcome: str
    ending: Ending
    scores: dict[str, int]
    rounds: int
    acts: int
    seats: dict[str, str]

    @classmethod
    def of(cls, session: Session, seats: dict[str, str]) -> RunResult:
        conclusion = session.table.conclusion
        if conclusion is None:
            raise AssertionError("play_out always concludes a session")
        return cls(
            outcome=conclusion.outcome,
            ending=conclusion.ending,
            scores=conclusion.scores,
            rounds=session.table.round,
            # Each accepted act makes exactly one event in its actor's name.
            acts=sum(1 for e in session.events if e.actor != SESSION),
            seats=seats,
        )


def run_seed(seed: int, run: int) -> int:
    """The session seed of one run: unrelated-looking seeds from one simulation seed."""
    digest = hashlib.sha256(f"tabletop-simulation/{seed}/{run}".encode()).digest()
    return int.from_bytes(digest[:6], "big")


def seating(exercise: Exercise, run: int, chosen: Mapping[str, str]) -> dict[str, str]:
    """Each role's strategy in one run: the chosen one, else the next in turn."""
    names = ROTATION
    return {
        role: chosen.get(role, names[(run + position) % len(names)])
        for position, role in enumerate(exercise.role_ids)
    }


@dataclass(frozen=True)
class Batch:
    """Some runs of one simulation: all a worker needs to play them, wherever it is."""

    exercise: Exercise
    seed: int
    runs: range
    chosen: Mapping[str, str]
    log_dir: Path | None = None


def play_batch(batch: Batch) -> list[RunResult]:
    """Play a batch's runs in order; the same batch gives the same results anywhere."""
    results = []
    for run in batch.runs:
        seats = seating(batch.exercise, run, batch.chosen)
        session = _play(batch.exercise, run_seed(batch.seed, run), seats, batch.log_dir, run)
        results.append(RunResult.of(session, seats))
    return results


class Spread(Protocol):
    """Where batches are played: yields (batch index, its results) as each one finishes."""

    @property
    def workers(self) -> int: ...

    def play(self, batches: Sequence[Batch]) -> Iterator[tuple[int, list[RunResult]]]: ...


class Here:
    """Every batch in this process, one after another."""

    workers = 1

    def play(self, batches: Sequence[Batch]) -> Iterator[tuple[int, list[RunResult]]]:
        for index, batch in enumerate(batches):
            yield index, play_batch(batch)


def batches(
    exercise: Exercise,
    runs: int,
    seed: int,
    chosen: Mapping[str, str],
    log_dir: Path | None,
    workers: int,
) -> list[Batch]:
    """The runs cut into batches: one run each here, a few per worker elsewhere."""
    size = 1 if workers == 1 else ceil(runs / (workers * _BATCHES_PER_WORKER))
    size = max(1, min(size, _LARGEST_BATCH))
    return [
        Batch(exercise, seed, range(start, min(start + size, runs)), chosen, log_dir)
        for start in range(0, runs, size)
    ]


def simulate(
    exercise: Exercise,
    runs: int,
    seed: int = 0,
    strategies: Mapping[str, str] | None = None,
    log_dir: Path | None = None,
    progress: Progress | None = None,
    spread: Spread | None = None,
) -> SimulationSummary:
    """Play `runs` all-bot sessions and sum them up; with `log_dir`, log each run there.

    `spread` says where the runs are played (default: here, one after
    another); the summary is the same wherever. Raises ValueError for fewer
    than one run, a role not in the exercise or an unknown strategy, before
    any run; `LogError` when a log cannot be written.
    """
    if runs < 1:
        raise ValueError(f"the number of runs must be at least 1, not {runs}")
    chosen = dict(strategies or {})
    unknown = [role for role in chosen if role not in exercise.role_ids]
    if unknown:
        raise ValueError(
            f"there is no role {', '.join(map(repr, unknown))} in {exercise.id}: "
            f"the roles are {', '.join(exercise.role_ids)}"
        )
    for name in chosen.values():
        check_strategy(name)
    spread = spread or Here()
    work = batches(exercise, runs, seed, chosen, log_dir, spread.workers)
    finished: dict[int, list[RunResult]] = {}
    done = 0
    for index, results in spread.play(work):
        finished[index] = results
        done += len(results)
        if progress is not None:
            progress(done, runs)
    played = [result for index in range(len(work)) for result in finished[index]]
    return _summary(exercise, seed, played)


def _play(
    exercise: Exercise, seed: int, seats: dict[str, str], log_dir: Path | None, run: int
) -> Session:
    bots = bots_for(seats)
    if log_dir is None:
        session = Session(exercise, seed)
        play_out(session, bots)
        return session
    from tabletop.log import RecordedSession, Seat

    recorded = RecordedSession.create(
        log_dir / f"run-{run + 1:05d}.jsonl",
        exercise,
        seed,
        {role: Seat(kind="bot", strategy=name) for role, name in seats.items()},
        fsync=False,
    )
    try:
        play_out(recorded.session, bots, recorded.apply)
    finally:
        recorded.close()
    return recorded.session


def _summary(exercise: Exercise, seed: int, played: list[RunResult]) -> SimulationSummary:
    roles = exercise.role_ids
    start = {r.id: r.reservation for r in exercise.roles}
    runs = len(played)
    outcomes = Counter(p.outcome for p in played)
    endings = Counter(p.ending for p in played)
    mean_score = {r: fmean(p.scores[r] for p in played) for r in roles}
    return SimulationSummary(
        exercise=exercise.id,
        seed=seed,
        runs=runs,
        agreement_rate=round(endings["agreement"] / runs, _PLACES),
        outcomes={o.id: outcomes[o.id] for o in exercise.outcomes},
        endings={e: endings[e] for e in ENDINGS},
        mean_score={r: round(mean_score[r], _PLACES) for r in roles},
        mean_gain={r: round(mean_score[r] - start[r], _PLACES) for r in roles},
        mean_rounds=round(fmean(p.rounds for p in played), _PLACES),
        mean_acts=round(fmean(p.acts for p in played), _PLACES),
        strategies={r: dict(sorted(Counter(p.seats[r] for p in played).items())) for r in roles},
    )
