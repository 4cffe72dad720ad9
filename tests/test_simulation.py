"""Simulations: deterministic for a seed, complete in their counts, and logged when asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabletop.exercise.model import Exercise
from tabletop.log import read_log, rebuild
from tabletop.simulation import batches, simulate
from tabletop.spread import Cores


def test_the_same_seed_gives_the_same_summary(tiny: Exercise) -> None:
    first = simulate(tiny, runs=12, seed=5)
    assert simulate(tiny, runs=12, seed=5) == first
    assert first.model_dump_json() == simulate(tiny, runs=12, seed=5).model_dump_json()


def test_counts_cover_every_run_and_every_outcome(tiny: Exercise) -> None:
    summary = simulate(tiny, runs=16, seed=2)
    assert list(summary.outcomes) == [o.id for o in tiny.outcomes]
    assert sum(summary.outcomes.values()) == summary.runs == 16
    assert sum(summary.endings.values()) == 16
    assert summary.agreement_rate == summary.endings["agreement"] / 16
    for role in tiny.roles:
        gain = summary.mean_gain[role.id]
        assert gain == pytest.approx(summary.mean_score[role.id] - role.reservation)
        assert sum(summary.strategies[role.id].values()) == 16


def test_roles_without_a_strategy_take_each_in_turn(tiny: Exercise) -> None:
    summary = simulate(tiny, runs=8, seed=0, strategies={"town": "boulware"})
    assert summary.strategies["town"] == {"boulware": 8}
    assert summary.strategies["fest"] == {
        "boulware": 2,
        "conceder": 2,
        "linear": 2,
        "reciprocating": 2,
    }


def test_progress_is_reported_after_each_run(tiny: Exercise) -> None:
    seen: list[tuple[int, int]] = []
    simulate(tiny, runs=3, seed=0, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


@pytest.mark.parametrize(
    ("runs", "strategies", "message"),
    [
        (0, {}, "at least 1"),
        (2, {"mayor": "linear"}, "no role 'mayor'"),
        (2, {"town": "tough"}, "unknown strategy 'tough'"),
    ],
)
def test_bad_arguments_are_refused_before_any_run(
    tiny: Exercise, runs: int, strategies: dict[str, str], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        simulate(tiny, runs=runs, seed=0, strategies=strategies)


def test_each_run_writes_a_log_that_replays_to_its_outcome(tiny: Exercise, tmp_path: Path) -> None:
    summary = simulate(tiny, runs=3, seed=9, log_dir=tmp_path)
    logs = sorted(tmp_path.glob("*.jsonl"))
    assert [p.name for p in logs] == ["run-00001.jsonl", "run-00002.jsonl", "run-00003.jsonl"]
    outcomes: dict[str, int] = dict.fromkeys(summary.outcomes, 0)
    for path in logs:
        contents = read_log(path)
        assert contents.problem is None
        assert all(seat.kind == "bot" for seat in contents.header.seats.values())
        outcome = rebuild(contents).state.outcome
        assert outcome is not None
        outcomes[outcome] += 1
    assert outcomes == summary.outcomes


def test_other_cores_give_the_same_summary(tiny: Exercise) -> None:
    alone = simulate(tiny, runs=40, seed=3)
    seen: list[int] = []
    spread = simulate(
        tiny, runs=40, seed=3, spread=Cores(2), progress=lambda done, total: seen.append(done)
    )
    assert spread.model_dump_json() == alone.model_dump_json()
    assert seen == sorted(seen) and seen[-1] == 40 and len(seen) > 1


def test_batches_cover_every_run_once(tiny: Exercise) -> None:
    for runs, workers in [(1, 1), (7, 1), (7, 2), (1000, 2), (1000, 64)]:
        cut = batches(tiny, runs, 0, {}, None, workers)
        assert [run for batch in cut for run in batch.runs] == list(range(runs))
        assert workers > 1 or all(len(batch.runs) == 1 for batch in cut)
