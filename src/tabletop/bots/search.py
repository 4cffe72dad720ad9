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
from collections.abc import Iterator, Mapping, Sequence
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

    Build it with `Search.scale`, which shares one per distinct set of points
    across the bots and sessions of a session set: a simulation builds each only once.
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
    return _scale(issues, _points(issues, valuations))


Points = tuple[tuple[int, ...], ...]
"""A role's points per issue and option, in the layout's order: what a scale is made of."""


def _points(issues: Layout, valuations: Mapping[str, Mapping[str, int]]) -> Points:
    return tuple([tuple([valuations[issue][o] for o in options]) for issue, options in issues])


def _scale(issues: Layout, key: Points) -> Scale:
    return Scale(
        issues=tuple(issue for issue, _ in issues),
        options=tuple(options for _, options in issues),
        steps=tuple(tuple(p - min(row) for p in row) for row in key),
        best=sum(max(row) for row in key),
        worst=sum(min(row) for row in key),
        positions=tuple({name: n for n, name in enumerate(options)} for _, options in issues),
    )


class Search:
    """The search work the bots of one session set share: scales and forward passes.

    The bots of a session meet the same table again and again, and those of a
    simulation meet the same tables across its sessions, so what was worked
    out is kept here, within a memory budget. One object per session set (a
    simulation, a live session) owns it all, so nothing outlives the sessions
    it served.
    """

    def __init__(self, budget: int = 32 * 2**20) -> None:
        # A cache per object, not per module; on a plain function, as a bound
        # method would make a cycle through `self`.
        self._scale = functools.lru_cache(maxsize=256)(_scale)
        self._plans = _Plans(budget)

    def scale(self, issues: Layout, valuations: Mapping[str, Mapping[str, int]]) -> Scale:
        """The scale for these points, the same object for the same points."""
        return self._scale(issues, _points(issues, valuations))

    def plan(self, scale: Scale, signals: Signals) -> Plan:
        """The search for one role's points and one table's signals, for any floor."""
        return self._plans.get(scale, signals)


class Plan:
    """The forward pass of the search for one scale and signals, and the packages it gave.

    reach[s] is the most signal a package can have when it is worth exactly
    s points above `scale.worst`; picks[i][s] is the option of issue i on the
    way to it. Each score has one such package, found once: the floor falls
    round by round while the table stays the same.
    """

    __slots__ = ("_best", "_packages", "_picks", "_reach", "_scale", "nbytes")

    def __init__(self, scale: Scale, signals: Signals) -> None:
        self._scale = scale
        self._reach, self._picks = _most_signal(scale, signals)
        self._packages: dict[int, dict[str, str]] = {}
        self._best: dict[int, dict[str, str] | None] = {}
        self.nbytes = self._reach.nbytes + sum(pick.nbytes for pick in self._picks)

    def most_acceptable(self, floor: int) -> dict[str, str] | None:
        """The package worth at least `floor` with the most support signals; None if none is.

        Ties go to the package worth least to this role (it gives the most away
        while still meeting its aspiration), then to the earlier options. Kept
        per floor: a bot's floor stays put for rounds while it holds out.
        """
        try:
            return self._best[floor]
        except KeyError:
            pass
        scale = self._scale
        if floor > scale.best:
            found = None
        else:
            start = max(floor - scale.worst, 0)
            # The role's best package is reachable and meets the floor, so some state does.
            found = self._package(start + int(self._reach[start:].argmax()))
        self._best[floor] = found
        return found

    def offers(self, floor: int, least: int) -> Iterator[dict[str, str]]:
        """Packages to offer, one per score: at least `floor` the most signal first (ties to
        the fewer points), then below it down to `least`, the nearest first."""
        reach, worst = self._reach, self._scale.worst
        start = max(floor - worst, 0)
        above = (np.lexsort((np.arange(len(reach) - start), -reach[start:])) + start).tolist()
        below = range(min(start, len(reach)) - 1, max(least - worst, 0) - 1, -1)
        for state in (*above, *below):
            # Signals are counts, never negative: a state below zero is out of reach.
            if reach.item(state) >= 0:
                yield self._package(state)

    def _package(self, state: int) -> dict[str, str]:
        """The package worth exactly `state` points above the worst, traced back once."""
        package = self._packages.get(state)
        if package is None:
            scale = self._scale
            choice: list[int] = []
            left = state
            for pick, steps in zip(reversed(self._picks), reversed(scale.steps), strict=True):
                option: int = pick.item(left)
                choice.append(option)
                left -= steps[option]
            package = self._packages[state] = scale.package(choice[::-1])
        return package


class _Plans:
    """Plans already made, the least recently used dropped beyond a memory budget.

    Tables recur within a session and across the sessions of a simulation. A
    plan takes a few kilobytes for a classroom exercise and up to half a
    megabyte for the largest the format allows (12 issues of ±1000 points),
    so the budget is counted in bytes, not entries: 32 MiB holds every table
    a simulation of a classroom exercise meets (a few MiB).
    """

    def __init__(self, budget: int) -> None:
        self._budget = budget
        self._size = 0
        self._plans: OrderedDict[tuple[Scale, Signals], Plan] = OrderedDict()

    def get(self, scale: Scale, signals: Signals) -> Plan:
        key = (scale, signals)
        found = self._plans.get(key)
        if found is not None:
            self._plans.move_to_end(key)
            return found
        found = self._plans[key] = Plan(scale, signals)
        self._size += found.nbytes
        while self._size > self._budget:
            _, dropped = self._plans.popitem(last=False)
            self._size -= dropped.nbytes
        return found


def _most_signal(scale: Scale, signals: Signals) -> tuple[Ints, tuple[Picks, ...]]:
    """The forward pass of the search (see `Plan`)."""
    reach: Ints = np.zeros(1, dtype=np.int64)
    picks: list[Picks] = []
    add = np.add
    for steps, signal in zip(scale.steps, signals, strict=True):
        width = len(reach)
        span = width + max(steps)
        # The table's rows laid end to end, each option's written in place by one call (a
        # ufunc's `out`, a 1-D slice): at these sizes the calls cost more than the work,
        # and numpy's Python wrappers (np.full, ndarray.max) and 2-D indexes cost most.
        table = np.empty(len(steps) * span, dtype=np.int64)
        table.fill(_UNREACHABLE)
        at = 0
        for step, count in zip(steps, signal, strict=True):
            if count:
                add(reach, count, out=table[at + step : at + step + width])
            else:
                table[at + step : at + step + width] = reach
            at += span
        rows = table.reshape(len(steps), span)
        picks.append(rows.argmax(axis=0).astype(np.int8))
        reach = np.maximum.reduce(rows, axis=0)
    return reach, tuple(picks)
