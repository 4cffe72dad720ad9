"""Headless all-bot sessions in bulk: is an exercise balanced before a class plays it?

Each run is a whole session with a bot in every seat, its seed derived from
the simulation seed and the run's index, so the same arguments always give
the same summary. Roles without a chosen strategy take turns through all of
them, run by run, so one role does not always face the same opponents.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from statistics import fmean

from pydantic import BaseModel, ConfigDict

from tabletop.bots import ROTATION, bots_for, check_strategy, play_out
from tabletop.engine.events import SESSION
from tabletop.engine.session import Session
from tabletop.exercise.conditions import Ending
from tabletop.exercise.model import Exercise

Progress = Callable[[int, int], None]
"""Called with (runs done, runs in all) after each run."""

ENDINGS: tuple[Ending, ...] = ("agreement", "deadline", "walk_out", "breakdown")
_PLACES = 4
"""Decimals kept in the summary: enough to compare, and the same on every machine."""


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
class _Run:
    """What the summary needs of one session, so the session itself can go."""

    outcome: str
    ending: Ending
    scores: dict[str, int]
    rounds: int
    acts: int
    seats: dict[str, str]

    @classmethod
    def of(cls, session: Session, seats: dict[str, str]) -> _Run:
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


def simulate(
    exercise: Exercise,
    runs: int,
    seed: int = 0,
    strategies: Mapping[str, str] | None = None,
    log_dir: Path | None = None,
    progress: Progress | None = None,
) -> SimulationSummary:
    """Play `runs` all-bot sessions and sum them up; with `log_dir`, log each run there.

    Raises ValueError for fewer than one run, a role not in the exercise or
    an unknown strategy, before any run; `LogError` when a log cannot be written.
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
    played: list[_Run] = []
    for run in range(runs):
        seats = seating(exercise, run, chosen)
        session = _play(exercise, run_seed(seed, run), seats, log_dir, run)
        played.append(_Run.of(session, seats))
        if progress is not None:
            progress(run + 1, runs)
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


def _summary(exercise: Exercise, seed: int, played: list[_Run]) -> SimulationSummary:
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
