"""The analysis against a brute force over every package, and its debrief measure."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping
from typing import Any
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tabletop.analysis import analyze, debrief, frontier_gap, nash, pareto, score, sweep
from tabletop.analysis import gap as gap_module
from tabletop.analysis.nash import NashSearch
from tabletop.analysis.scoring import exercise_sheet
from tabletop.engine.rules import needed_signatures
from tabletop.exercise.conditions import Facts
from tabletop.exercise.model import Exercise
from tabletop.exercise.synthetic import synthetic_exercise
from tests.conftest import tiny_exercise_data

Package = dict[str, str]
Points = Mapping[str, Mapping[str, Mapping[str, int]]]


def packages(exercise: Exercise) -> Iterator[Package]:
    """Every package in package order: issue order, then option order."""
    ids = [i.id for i in exercise.issues]
    for combo in itertools.product(*([o.id for o in i.options] for i in exercise.issues)):
        yield dict(zip(ids, combo, strict=True))


def dominates(a: list[int], b: list[int]) -> bool:
    return all(x >= y for x, y in zip(a, b, strict=True)) and a != b


def brute(
    exercise: Exercise, valuations: Points | None = None, reservations: dict[str, int] | None = None
) -> dict[str, Any]:
    """The analysis by definition, one package at a time."""
    points = exercise.valuations if valuations is None else valuations
    res = {r.id: r.reservation for r in exercise.roles} | (reservations or {})
    roles = exercise.role_ids
    every = list(packages(exercise))
    scores = [[sum(points[r][i][o] for i, o in p.items()) for r in roles] for p in every]
    nash, product = None, -1
    zopa: list[Package] = []
    for package, row in zip(every, scores, strict=True):
        gains = [s - res[r] for r, s in zip(roles, row, strict=True)]
        if all(g >= 0 for g in gains) and math.prod(gains) > product:
            nash, product = package, math.prod(gains)
        # Signable if in some round of the talks someone must sign and all who must accept.
        gain = dict(zip(roles, gains, strict=True))
        for at_round in range(1, exercise.schedule.rounds + 1):
            needed = needed_signatures(exercise, Facts(package=package, round=at_round))
            if needed and all(gain[r] >= 0 for r in needed):
                zopa.append(package)
                break
    # list.index finds the first package in package order with that score.
    best = {
        r: [row[k] for row in scores].index(max(row[k] for row in scores))
        for k, r in enumerate(roles)
    }
    worst = {
        r: [row[k] for row in scores].index(min(row[k] for row in scores))
        for k, r in enumerate(roles)
    }
    return {
        "packages": len(every),
        "sampled": None,
        "pareto_frontier": [
            p
            for p, s in zip(every, scores, strict=True)
            if not any(dominates(t, s) for t in scores)
        ],
        "nash": nash,
        "zopa": len(zopa),
        "zopa_example": zopa[0] if zopa else None,
        "roles": {
            r: {
                "reservation": res[r],
                "best": every[best[r]],
                "best_score": scores[best[r]][k],
                "worst": every[worst[r]],
                "worst_score": scores[worst[r]][k],
                "nash_score": None if nash is None else scores[every.index(nash)][k],
            }
            for k, r in enumerate(roles)
        },
    }


def _issue_test(exercise: Exercise) -> st.SearchStrategy[dict[str, Any]]:
    return st.sampled_from(exercise.issues).flatmap(
        lambda issue: st.lists(
            st.sampled_from([o.id for o in issue.options]), min_size=1, unique=True
        ).map(lambda chosen: {"issue": issue.id, "in": chosen})
    )


def conditions(exercise: Exercise) -> st.SearchStrategy[dict[str, Any]]:
    """Signatory conditions over the exercise's issues, mixed with session facts."""
    leaves = st.one_of(
        _issue_test(exercise),
        st.sampled_from(
            [
                {"round_at_least": 0},
                {"round_at_least": 1},
                {"round_at_least": 3},
                {"round_at_most": 2},
                {"fired": "offer"},
            ]
        ),
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, min_size=1, max_size=3).map(lambda c: {"all": c}),
            st.lists(inner, min_size=1, max_size=3).map(lambda c: {"any": c}),
            inner.map(lambda c: {"not": c}),
        ),
        max_leaves=4,
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[Exercise, Points | None, dict[str, int] | None]:
    """A small synthetic exercise, often with conditional signatories and overrides."""
    exercise = synthetic_exercise(
        draw(st.integers(2, 4)),
        draw(st.integers(1, 4)),
        draw(st.integers(2, 4)),
        seed=draw(st.integers(0, 10_000)),
    )
    roles = exercise.role_ids
    signing = draw(st.lists(st.sampled_from(roles), min_size=1, unique=True))
    rules = [
        {"role": r, **draw(st.one_of(st.just({}), conditions(exercise).map(lambda c: {"when": c})))}
        for r in signing
    ]
    data = exercise.model_dump(by_alias=True, exclude_none=True) | {"signatories": rules}
    exercise = Exercise.model_validate(data)
    if not draw(st.booleans()):
        partial = st.dictionaries(st.sampled_from(roles), st.integers(0, 60), max_size=len(roles))
        return exercise, None, draw(st.none() | partial)
    # Few distinct points: many ties, equal score vectors and equal products.
    valuations = {
        r: {i.id: {o.id: draw(st.integers(-2, 3)) for o in i.options} for i in exercise.issues}
        for r in roles
    }
    reservations = {r: draw(st.integers(-3, 4)) for r in roles}
    return exercise, valuations, reservations


@settings(max_examples=150, deadline=None)
@given(cases(), st.sampled_from([1, 5, 8, 12, 1 << 16]), st.sampled_from([1, 2, 5, 512]))
def test_analysis_matches_brute_force(
    case: tuple[Exercise, Points | None, dict[str, int] | None], chunk: int, block: int
) -> None:
    exercise, valuations, reservations = case
    with patch.object(sweep, "_CHUNK", chunk), patch.object(pareto, "_BLOCK", block):
        result = analyze(exercise, valuations, reservations)
    assert result.model_dump(exclude={"valuations"}) == brute(exercise, valuations, reservations)


@settings(max_examples=40, deadline=None)
@given(cases(), st.sampled_from([1, 3, 1 << 14]))
def test_frontier_gap_matches_brute_force(
    case: tuple[Exercise, Points | None, dict[str, int] | None], chunk: int
) -> None:
    exercise, valuations, reservations = case
    result = analyze(exercise, valuations, reservations)
    points = result.valuations
    frontier = result.pareto_frontier
    for package in packages(exercise):
        own = [score(points, r, package) for r in exercise.role_ids]
        rivals = [
            (sum(s) - sum(own), f)
            for f in frontier
            if dominates(s := [score(points, r, f) for r in exercise.role_ids], own)
        ]
        with patch.object(gap_module, "_CHUNK", chunk):
            gap = frontier_gap(result, package)
        assert gap.on_frontier == (package in frontier) == (not rivals)
        if rivals:
            top = max(g for g, _ in rivals)
            assert (gap.joint_gain, gap.better) == (top, next(f for g, f in rivals if g == top))
        else:
            assert (gap.joint_gain, gap.better) == (0, None)


def test_frontier_gap_on_the_tiny_exercise() -> None:
    result = analyze(Exercise.model_validate(tiny_exercise_data()))
    assert frontier_gap(result, {"date": "july", "fee": "low"}).on_frontier
    # June + high fee: town 20, festival 10; July + low fee gives 50 and 45.
    gap = frontier_gap(result, {"date": "june", "fee": "high"})
    assert (gap.on_frontier, gap.joint_gain, gap.better) == (
        False,
        65,
        {"date": "july", "fee": "low"},
    )


def test_frontier_gap_refuses_a_partial_package() -> None:
    result = analyze(Exercise.model_validate(tiny_exercise_data()))
    with pytest.raises(ValueError, match="leaves issue 'fee' open"):
        frontier_gap(result, {"date": "july"})
    with pytest.raises(ValueError, match="'may' is not an option of issue 'date'"):
        frontier_gap(result, {"date": "may", "fee": "low"})


def _one_issue(points: dict[str, list[int]], reservation: int = 0) -> Exercise:
    """Roles a, b, … over one issue with options o1, o2, …"""
    options = len(next(iter(points.values())))
    return Exercise.model_validate(
        {
            "id": "ties",
            "title": "Ties",
            "summary": "s",
            "roles": [
                {
                    "id": r,
                    "name": r,
                    "public_briefing": "p",
                    "confidential_briefing": "c",
                    "reservation": reservation,
                }
                for r in points
            ],
            "issues": [
                {
                    "id": "deal",
                    "name": "Deal",
                    "status_quo": "o1",
                    "options": [{"id": f"o{n + 1}", "name": f"O{n + 1}"} for n in range(options)],
                }
            ],
            "valuations": {
                r: {"deal": {f"o{n + 1}": v for n, v in enumerate(row)}}
                for r, row in points.items()
            },
            "schedule": {"rounds": 2, "turn_order": list(points)},
            "signatories": [{"role": r} for r in points],
            "outcomes": [{"id": "end", "title": "End", "narrative": "n"}],
        }
    )


def test_nash_ties_go_to_the_first_package_in_package_order() -> None:
    # Products of gains: 1·4, 4·1, 2·2, all 4.
    exercise = _one_issue({"a": [1, 4, 2, 0], "b": [4, 1, 2, 9]})
    assert analyze(exercise).nash == {"deal": "o1"}
    assert analyze(exercise, reservations={"a": 1}).nash == {"deal": "o2"}


def test_nash_is_none_without_a_package_every_role_prefers() -> None:
    exercise = _one_issue({"a": [1, 4], "b": [4, 1]}, reservation=3)
    result = analyze(exercise)
    assert (result.nash, result.zopa, result.zopa_example) == (None, 0, None)
    assert all(role.nash_score is None for role in result.roles.values())


def test_nash_ties_are_exact_where_floats_are_not() -> None:
    """Permuted gains have equal products, but their log sums may round apart."""
    primes = [997, 991, 983, 977, 971, 967, 953, 947, 941, 937, 929, 919]
    rows = [primes[n:] + primes[:n] for n in range(len(primes))]
    for order in (rows, rows[::-1]):
        search = NashSearch()
        search.update(0, np.array(order[:5], dtype=np.int64))
        search.update(5, np.array(order[5:], dtype=np.int64))
        assert search.index == 0
    search = NashSearch()
    bigger = [primes[0] + 1, *primes[1:]]
    search.update(0, np.array([*rows, bigger], dtype=np.int64))
    assert search.index == len(rows)


def test_zopa_counts_only_the_signatories_a_package_needs() -> None:
    data = tiny_exercise_data()
    # The festival signs only when the fee is low; the town always.
    data["signatories"] = [
        {"role": "town"},
        {"role": "fest", "when": {"issue": "fee", "in": ["low"]}},
    ]
    result = analyze(Exercise.model_validate(data))
    # town (res 30): june/high 20, june/low 10, july/high 60, july/low 50;
    # fest (res 30): june/low 50 and july/low 45 beat it; july/high needs no festival.
    assert (result.zopa, result.zopa_example) == (2, {"date": "july", "fee": "high"})


@pytest.mark.parametrize("chunk", [1, 4, 12, 1 << 16])
def test_zopa_with_rules_naming_issues_on_both_sides_of_a_chunk(chunk: int) -> None:
    """Chunks split issues into head and tail; a rule may name issues in each."""
    exercise = synthetic_exercise(3, 4, 3, seed=5)
    data = exercise.model_dump(by_alias=True, exclude_none=True)
    data["signatories"] = [
        {
            "role": "r1",
            "when": {"all": [{"issue": "i1", "in": ["o2"]}, {"issue": "i4", "in": ["o1", "o3"]}]},
        },
        {
            "role": "r2",
            "when": {"any": [{"issue": "i3", "in": ["o3"]}, {"issue": "i2", "in": ["o1"]}]},
        },
        {"role": "r3", "when": {"not": {"issue": "i4", "in": ["o2"]}}},
    ]
    exercise = Exercise.model_validate(data)
    expected = brute(exercise)
    with patch.object(sweep, "_CHUNK", chunk):
        result = analyze(exercise)
    assert 0 < expected["zopa"] < exercise.package_count
    assert (result.zopa, result.zopa_example) == (expected["zopa"], expected["zopa_example"])


def test_session_facts_are_those_of_a_round_a_package_may_be_signed_in() -> None:
    data = tiny_exercise_data()
    data["signatories"] = [
        {"role": "town"},
        {"role": "fest", "when": {"any": [{"round_at_least": 1}, {"fired": "rain"}]}},
    ]
    # Signing starts in round 1, so the festival always signs: only july/low suits both.
    assert analyze(Exercise.model_validate(data)).zopa == 1
    # Needed only once an inject has fired, the festival is never needed here.
    data["signatories"][1]["when"] = {"fired": "rain"}
    assert analyze(Exercise.model_validate(data)).zopa == 2


def test_a_package_nobody_must_sign_is_outside_the_zone() -> None:
    data = tiny_exercise_data()
    # As in the engine, a package no rule asks anyone to sign can never be signed.
    data["signatories"] = [{"role": "town", "when": {"issue": "fee", "in": ["high"]}}]
    # town (res 30) accepts july/high (60); the low-fee packages need no one.
    result = analyze(Exercise.model_validate(data))
    assert (result.zopa, result.zopa_example) == (1, {"date": "july", "fee": "high"})


def test_overrides_must_cover_the_sheet() -> None:
    exercise = Exercise.model_validate(tiny_exercise_data())
    with pytest.raises(ValueError, match="no valuation for role 'fest'"):
        analyze(exercise, valuations={"town": exercise.valuations["town"]})
    with pytest.raises(ValueError, match="unknown role"):
        analyze(exercise, reservations={"mayor": 3})


def test_score_helper_reads_an_exercise_or_valuations() -> None:
    exercise = Exercise.model_validate(tiny_exercise_data())
    package = {"date": "july", "fee": "low"}
    assert score(exercise, "town", package) == score(exercise.valuations, "town", package) == 50
    with pytest.raises(ValueError, match="unknown role"):
        score(exercise, "mayor", package)


@pytest.mark.parametrize(
    ("size", "message"),
    [((1, 2, 2), "roles"), ((2, 13, 2), "issues"), ((2, 2, 7), "options")],
)
def test_synthetic_refuses_sizes_the_format_forbids(
    size: tuple[int, int, int], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        synthetic_exercise(*size, seed=0)


def test_synthetic_is_deterministic_and_has_a_zone_of_agreement() -> None:
    first = synthetic_exercise(5, 6, 4, seed=7)
    assert first == synthetic_exercise(5, 6, 4, seed=7)
    assert first != synthetic_exercise(5, 6, 4, seed=8)
    assert first.package_count == 4**6
    assert analyze(first).zopa > 0


@settings(max_examples=150, deadline=None)
@given(cases(), st.sampled_from([1, 3, 1 << 14]))
def test_nash_search_without_a_sweep_matches_brute_force(
    case: tuple[Exercise, Points | None, dict[str, int] | None], chunk: int
) -> None:
    exercise, valuations, reservations = case
    scoring = exercise_sheet(exercise, valuations, reservations)
    with patch.object(nash, "_CHUNK", chunk):
        found = nash.nash_package(scoring)
    expected = brute(exercise, valuations, reservations)["nash"]
    assert (None if found is None else scoring.package_at(found)) == expected


def test_progress_rises_to_the_whole() -> None:
    seen: list[tuple[int, int]] = []
    with patch.object(sweep, "_CHUNK", 64):
        analyze(synthetic_exercise(3, 5, 3, seed=2), progress=lambda *p: seen.append(p))
    done = [d for d, _ in seen]
    assert done == sorted(done) and seen[-1] == (1000, 1000) and len(seen) > 5


def test_a_sample_analyses_only_its_packages() -> None:
    exercise = synthetic_exercise(3, 5, 3, seed=2)
    whole, part = analyze(exercise), analyze(exercise, sample=40, seed=3)
    assert (part.sampled, part.packages, whole.sampled) == (40, whole.packages, None)
    exact = {"nash_score"}
    assert all(
        part.roles[r].model_dump(exclude=exact) == whole.roles[r].model_dump(exclude=exact)
        for r in exercise.role_ids
    )
    assert part == analyze(exercise, sample=40, seed=3)
    assert analyze(exercise, sample=exercise.package_count) == whole


@settings(max_examples=60, deadline=None)
@given(cases(), st.data())
def test_debrief_past_its_budget_agrees_with_the_full_analysis(
    case: tuple[Exercise, Points | None, dict[str, int] | None], data: st.DataObject
) -> None:
    exercise, valuations, reservations = case
    full = analyze(exercise, valuations, reservations)
    deal = data.draw(st.none() | st.sampled_from(list(packages(exercise))))
    points = full.valuations
    in_force = {role: r.reservation for role, r in full.roles.items()}
    counted, searched = (
        debrief(exercise, points, in_force, deal, budget=budget) for budget in (10**9, 0)
    )
    assert (counted.frontier_size, counted.zopa) == (len(full.pareto_frontier), full.zopa)
    assert (searched.frontier_size, searched.zopa) == (None, None)
    for found in (counted, searched):
        assert found.nash == full.nash
        assert found.nash_scores == (
            None if full.nash is None else {r: a.nash_score for r, a in full.roles.items()}
        )
        assert found.gap == (None if deal is None else frontier_gap(full, deal))
