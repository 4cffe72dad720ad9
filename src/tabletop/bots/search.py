"""Finding the package a bot should put on the table, from its own points alone.

A bot wants a package worth at least its aspiration to itself and, among
those, the one the others are likeliest to accept. It cannot see their
points, so it scores each option by how much support it has on the table
(`signals`) and maximises that. Scores are additive over issues, so this is a
multiple-choice knapsack: a small dynamic programme over the bot's possible
scores finds the exact answer for any exercise the format allows (up to
6**12 packages), where enumerating every package would not fit in memory.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tabletop.engine.state import Proposal
from tabletop.exercise.model import Exercise

Ints = npt.NDArray[np.int64]
Picks = npt.NDArray[np.int8]
Signals = tuple[tuple[int, ...], ...]
"""Per issue, per option: a count of support from the other delegations."""
_UNREACHABLE = np.int64(-(2**62))


@dataclass(frozen=True, eq=False)
class Scale:
    """One role's points as the search needs them, in the exercise's issue and option order.

    Build it with `scale_of`, which shares one per distinct set of points
    across bots and sessions: a simulation builds each only once.
    """

    issues: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]
    steps: tuple[tuple[int, ...], ...]
    """Per issue, each option's points above the issue's least-valued option."""
    best: int
    worst: int
    positions: tuple[dict[str, int], ...]
    """Per issue, option id → its place in `options`."""

    def signals(self, proposals: Sequence[Proposal], me: str) -> Signals:
        """Per issue and option: how many others support live proposals choosing it."""
        counts = [[0] * len(names) for names in self.options]
        for proposal in proposals:
            if proposal.status != "live":
                continue
            # A delegation supports a proposal once at most.
            backers = len(proposal.supporters) - (me in proposal.supporters)
            if backers == 0:
                continue
            package = proposal.package
            for row, issue, places in zip(counts, self.issues, self.positions, strict=True):
                row[places[package[issue]]] += backers
        return tuple(map(tuple, counts))

    def package(self, choice: Sequence[int]) -> dict[str, str]:
        return {
            issue: names[n]
            for issue, names, n in zip(self.issues, self.options, choice, strict=True)
        }


Layout = tuple[tuple[str, tuple[str, ...]], ...]
"""Each issue with its options, in the exercise's order."""


def layout(exercise: Exercise) -> Layout:
    return tuple(exercise.choices.items())


def scale_of(issues: Layout, valuations: Mapping[str, Mapping[str, int]]) -> Scale:
    """The scale for these points (an inject changing them makes a new one)."""
    key = tuple([tuple([valuations[issue][o] for o in options]) for issue, options in issues])
    return _scale(issues, key)


@functools.lru_cache(maxsize=256)
def _scale(issues: Layout, key: tuple[tuple[int, ...], ...]) -> Scale:
    return Scale(
        issues=tuple(issue for issue, _ in issues),
        options=tuple(options for _, options in issues),
        steps=tuple(tuple(p - min(row) for p in row) for row in key),
        best=sum(max(row) for row in key),
        worst=sum(min(row) for row in key),
        positions=tuple({name: n for n, name in enumerate(options)} for _, options in issues),
    )


def most_acceptable(scale: Scale, floor: int, signals: Signals) -> dict[str, str] | None:
    """The package worth at least `floor` with the most support signals; None if none is.

    Ties go to the package worth least to this role (it gives the most away
    while still meeting its aspiration), then to the earlier options.
    """
    if floor > scale.best:
        return None
    return scale.package(_choice(scale, signals, max(floor - scale.worst, 0)))


@functools.lru_cache(maxsize=4096)
def _choice(scale: Scale, signals: Signals, start: int) -> tuple[int, ...]:
    """Each issue's option in the package found from points `start` above the worst.

    Kept, as the passes are: a bot meets the same table at the same floor again
    within a session and across a simulation's sessions.
    """
    reach, picks = _PASSES.get(scale, signals)
    # The role's best package is reachable and meets the floor, so some state does.
    state = start + int(reach[start:].argmax())
    choice: list[int] = []
    for pick, steps in zip(reversed(picks), reversed(scale.steps), strict=True):
        option: int = pick.item(state)
        choice.append(option)
        state -= steps[option]
    return tuple(reversed(choice))


Pass = tuple[Ints, tuple[Picks, ...]]


class _Passes:
    """Forward passes already made, the least recently used dropped beyond a memory budget.

    The floor does not change a pass, and tables recur within a session and
    across the sessions of a simulation. A pass takes a few kilobytes for a
    classroom exercise and up to half a megabyte for the largest the format
    allows (12 issues of ±1000 points), so the budget is counted in bytes,
    not entries.
    """

    def __init__(self, budget: int) -> None:
        self._budget = budget
        self._size = 0
        self._passes: OrderedDict[tuple[Scale, Signals], Pass] = OrderedDict()

    def get(self, scale: Scale, signals: Signals) -> Pass:
        key = (scale, signals)
        found = self._passes.get(key)
        if found is not None:
            self._passes.move_to_end(key)
            return found
        found = self._passes[key] = _most_signal(scale, signals)
        self._size += _size(found)
        while self._size > self._budget:
            _, dropped = self._passes.popitem(last=False)
            self._size -= _size(dropped)
        return found


def _size(found: Pass) -> int:
    reach, picks = found
    return reach.nbytes + sum(pick.nbytes for pick in picks)


_PASSES = _Passes(budget=32 * 2**20)
"""Room for every table a simulation of a classroom exercise meets (a few MiB)."""


def _most_signal(scale: Scale, signals: Signals) -> Pass:
    """The forward pass of the search, for any floor.

    reach[s] is the most signal a package can have when it is worth exactly
    s points above `scale.worst`; picks[i][s] is the option of issue i on
    the way to it.
    """
    reach: Ints = np.zeros(1, dtype=np.int64)
    picks: list[Picks] = []
    for steps, signal in zip(scale.steps, signals, strict=True):
        width = len(reach)
        # Array methods and ufuncs directly: their Python wrappers (np.full,
        # ndarray.max) cost more than the work on arrays this small.
        table = np.empty((len(steps), width + max(steps)), dtype=np.int64)
        table.fill(_UNREACHABLE)
        for option, (step, count) in enumerate(zip(steps, signal, strict=True)):
            table[option, step : step + width] = reach + count if count else reach
        picks.append(table.argmax(axis=0).astype(np.int8))
        reach = np.maximum.reduce(table, axis=0)
    return reach, tuple(picks)
