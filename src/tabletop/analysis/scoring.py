"""A scoring sheet as arrays: the one place packages become numbers.

Scores are additive per issue, so one small matrix per issue (options ×
roles) is all the analysis needs. Packages are numbered in package order:
lexicographic by issue order, then option order, so the first issue is the
most significant digit of a mixed-radix number.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tabletop.exercise.model import Exercise

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
Package = dict[str, str]
Valuations = Mapping[str, Mapping[str, Mapping[str, int]]]
"""Role id → issue id → option id → points, as in `Exercise.valuations`."""


@dataclass(frozen=True)
class Sheet:
    """Roles, issues and options in order, with each issue's points as an array."""

    roles: tuple[str, ...]
    issues: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]
    values: tuple[IntArray, ...]
    """Per issue, an (options × roles) matrix of points."""
    reservations: IntArray

    @property
    def radices(self) -> tuple[int, ...]:
        return tuple(len(o) for o in self.options)

    @property
    def strides(self) -> IntArray:
        """What one step of each issue's option moves a package's index by."""
        return np.cumprod((1, *self.radices[:0:-1]), dtype=np.int64)[::-1]

    @property
    def count(self) -> int:
        return math.prod(self.radices)

    def package(self, positions: Sequence[int]) -> Package:
        """The package whose option on each issue is at these positions."""
        return {
            issue: opts[int(n)]
            for issue, opts, n in zip(self.issues, self.options, positions, strict=True)
        }

    def package_at(self, index: int) -> Package:
        """The package at this position in package order."""
        return self.package(digits(np.array([index], dtype=np.int64), self.radices)[0].tolist())

    def digits_of(self, package: Mapping[str, str]) -> list[int]:
        """Option positions of a package; a clear `ValueError` for one that is not whole."""
        extra = sorted(set(package) - set(self.issues))
        if extra:
            raise ValueError(f"unknown issue(s) {', '.join(extra)} in the package")
        found: list[int] = []
        for issue, opts in zip(self.issues, self.options, strict=True):
            if issue not in package:
                raise ValueError(f"the package leaves issue {issue!r} open")
            if package[issue] not in opts:
                raise ValueError(f"{package[issue]!r} is not an option of issue {issue!r}")
            found.append(opts.index(package[issue]))
        return found

    def scores(self, positions: IntArray) -> IntArray:
        """Every role's score of each package given by option positions (packages × issues)."""
        return add_up(self.values, positions, len(self.roles))

    def valuations(self) -> dict[str, dict[str, dict[str, int]]]:
        return {
            role: {
                issue: {o: int(matrix[n, r]) for n, o in enumerate(opts)}
                for issue, opts, matrix in zip(self.issues, self.options, self.values, strict=True)
            }
            for r, role in enumerate(self.roles)
        }


def add_up(values: Sequence[IntArray], positions: IntArray, roles: int) -> IntArray:
    """Scores over the issues `values` covers, of (partial) packages given by option positions."""
    total = np.zeros((len(positions), roles), dtype=np.int64)
    for k, matrix in enumerate(values):
        total += matrix[positions[:, k]]
    return total


def extend(positions: IntArray, totals: IntArray, matrix: IntArray) -> tuple[IntArray, IntArray]:
    """Partial packages (positions and scores) each followed by every option of the next issue.

    Each partial package's extensions follow it in option order, so partial
    packages in package order stay in package order.
    """
    options, roles = matrix.shape
    grown = (totals[:, None, :] + matrix[None, :, :]).reshape(-1, roles)
    placed = np.concatenate(
        [
            np.repeat(positions, options, axis=0),
            np.tile(np.arange(options, dtype=np.int64), len(positions))[:, None],
        ],
        axis=1,
    )
    return placed, grown


def digits(indices: IntArray, radices: Sequence[int]) -> IntArray:
    """Mixed-radix digits of package indices, most significant (first issue) first."""
    out = np.empty((len(indices), len(radices)), dtype=np.int64)
    rest = indices.copy()
    for k in range(len(radices) - 1, -1, -1):
        rest, out[:, k] = np.divmod(rest, radices[k])
    return out


def sheet(
    roles: Sequence[str],
    issues: Sequence[tuple[str, Sequence[str]]],
    valuations: Valuations,
    reservations: Mapping[str, int],
) -> Sheet:
    """Arrays from a scoring sheet; a `ValueError` names the first point it lacks."""
    values: list[IntArray] = []
    for issue, opts in issues:
        matrix = np.empty((len(opts), len(roles)), dtype=np.int64)
        for r, role in enumerate(roles):
            for n, option in enumerate(opts):
                try:
                    matrix[n, r] = valuations[role][issue][option]
                except KeyError:
                    raise ValueError(
                        f"no valuation for role {role!r}, issue {issue!r}, option {option!r}"
                    ) from None
        values.append(matrix)
    missing = [role for role in roles if role not in reservations]
    if missing:
        raise ValueError(f"no reservation for role(s) {', '.join(missing)}")
    return Sheet(
        roles=tuple(roles),
        issues=tuple(issue for issue, _ in issues),
        options=tuple(tuple(opts) for _, opts in issues),
        values=tuple(values),
        reservations=np.array([reservations[role] for role in roles], dtype=np.int64),
    )


def exercise_sheet(
    exercise: Exercise,
    valuations: Valuations | None = None,
    reservations: Mapping[str, int] | None = None,
) -> Sheet:
    """The exercise's sheet, or the one in force after injects changed it.

    Overridden reservations may name only some roles; the rest keep the
    exercise's, as an inject changes one role's at a time.
    """
    in_force = {r.id: r.reservation for r in exercise.roles}
    unknown = sorted(set(reservations or {}) - set(in_force))
    if unknown:
        raise ValueError(f"reservation for unknown role(s) {', '.join(unknown)}")
    in_force.update(reservations or {})
    return sheet(
        exercise.role_ids,
        [(i.id, [o.id for o in i.options]) for i in exercise.issues],
        exercise.valuations if valuations is None else valuations,
        in_force,
    )


def score(source: Exercise | Valuations, role: str, package: Mapping[str, str]) -> int:
    """A role's points for a package: the sum over issues of its option's points."""
    points = source.valuations if isinstance(source, Exercise) else source
    if role not in points:
        raise ValueError(f"unknown role {role!r}")
    by_issue = points[role]
    open_issues = [issue for issue in by_issue if issue not in package]
    if open_issues:
        raise ValueError(f"the package leaves issue(s) {', '.join(open_issues)} open")
    total = 0
    for issue, option in package.items():
        if issue not in by_issue or option not in by_issue[issue]:
            raise ValueError(f"{option!r} is not an option of issue {issue!r}")
        total += by_issue[issue][option]
    return total
