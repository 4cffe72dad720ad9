"""The frontier's dominance test against the definition, on small score tables full of ties."""

from __future__ import annotations

from unittest.mock import patch

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tabletop.analysis import pareto


def brute(scores: np.ndarray) -> list[bool]:
    rows = scores.tolist()
    return [
        not any(all(x >= y for x, y in zip(t, s, strict=True)) and t != s for t in rows)
        for s in rows
    ]


@st.composite
def tables(draw: st.DrawFn) -> np.ndarray:
    """Up to 60 rows of 1–7 roles; few distinct points, so ties and equal rows abound."""
    roles = draw(st.integers(1, 7))
    rows = draw(st.integers(0, 60))
    spread = draw(st.sampled_from([2, 4, 50, 2000]))
    table = draw(hnp.arrays(np.int64, (rows, roles), elements=st.integers(-spread, spread)))
    if rows and draw(st.booleans()):
        # Repeat some rows outright.
        picks = draw(st.lists(st.integers(0, rows - 1), max_size=rows))
        table = np.concatenate([table, table[picks]])
    return table


@settings(max_examples=300, deadline=None)
@given(
    tables(),
    st.sampled_from([16, 512]),
    st.sampled_from([1, 64, 1 << 22]),
    st.sampled_from([0, 4096]),
)
def test_undominated_matches_the_definition(
    table: np.ndarray, block: int, pairs: int, grouped: int
) -> None:
    with (
        patch.object(pareto, "_BLOCK", block),
        patch.object(pareto, "_PAIRS", pairs),
        patch.object(pareto, "_GROUPED", grouped),
    ):
        found = pareto.undominated(table)
    assert found.tolist() == brute(table)


def test_many_roles_and_wide_points_still_exact() -> None:
    """Past 32 roles no coarse code fits; past 4 the codes hold a few levels each."""
    rng = np.random.default_rng(3)
    for roles in (3, 5, 12, 33):
        table = rng.integers(-1000, 1000, size=(300, roles))
        table[::7] = table[1::7][: len(table[::7])]
        with patch.object(pareto, "_GROUPED", 0):
            assert pareto.undominated(table).tolist() == brute(table)
        assert pareto.undominated(table).tolist() == brute(table)


def test_wide_ranges_of_points_do_not_overflow_the_codes() -> None:
    rng = np.random.default_rng(4)
    table = rng.integers(-(2**40), 2**40, size=(200, 4))
    table[::5, 0] = 2**40
    assert pareto.undominated(table).tolist() == brute(table)
