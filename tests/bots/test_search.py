"""The package search against every package, one by one: the same answers, ties and order."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from tabletop.bots.search import Layout, Plan, Scale, Signals, scale_of

Table = tuple[Layout, dict[str, dict[str, int]], Signals]


@st.composite
def tables(draw: st.DrawFn) -> Table:
    """A role's points on 1-5 issues of 2-6 options, and support signals on each option."""
    sizes = draw(st.lists(st.integers(2, 6), min_size=1, max_size=5))
    issues = tuple((f"i{n}", tuple(f"o{k}" for k in range(size))) for n, size in enumerate(sizes))
    points = st.integers(-30, 30)
    valuations = {issue: {o: draw(points) for o in options} for issue, options in issues}
    # Few distinct counts, as on a real table: ties everywhere.
    signals = tuple(tuple(draw(st.integers(0, 3)) for _ in options) for _, options in issues)
    return issues, valuations, signals


def _ranked(scale: Scale, signals: Signals) -> dict[int, tuple[int, tuple[int, ...]]]:
    """Score → the most signal a package of that score has, and the package the search owes:
    of those with that signal, the one whose last issue's option comes first, then the one
    before it, and so on."""
    best: dict[int, tuple[int, tuple[int, ...]]] = {}
    for choice in itertools.product(*(range(len(names)) for names in scale.options)):
        score = scale.worst + sum(steps[n] for steps, n in zip(scale.steps, choice, strict=True))
        signal = sum(row[n] for row, n in zip(signals, choice, strict=True))
        order = choice[::-1]
        known = best.get(score)
        if known is None or (signal, [-n for n in order]) > (known[0], [-n for n in known[1]]):
            best[score] = (signal, order)
    return {score: (signal, order[::-1]) for score, (signal, order) in best.items()}


@settings(max_examples=300, deadline=None)
@given(table=tables(), cut=st.floats(0, 1), low=st.floats(0, 1))
def test_the_search_finds_what_trying_every_package_finds(
    table: Table, cut: float, low: float
) -> None:
    issues, valuations, signals = table
    scale = scale_of(issues, valuations)
    plan = Plan(scale, signals)
    ranked = _ranked(scale, signals)
    floor = scale.worst + round(cut * (scale.best - scale.worst))
    least = scale.worst + round(low * (floor - scale.worst))

    above = sorted((s for s in ranked if s >= floor), key=lambda s: (-ranked[s][0], s))
    below = sorted((s for s in ranked if least <= s < floor), reverse=True)
    expected = [scale.package(ranked[s][1]) for s in (*above, *below)]
    assert list(plan.offers(floor, least)) == expected
    assert plan.most_acceptable(floor) == (expected[0] if above else None)
