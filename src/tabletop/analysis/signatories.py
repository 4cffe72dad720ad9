"""Who must sign which packages, as lookup tables over the issues a rule names.

A signatory rule's condition can only look at the package through its
`issue in [...]` tests, so it is evaluated once (with `holds`, the engine's
own evaluator) for each combination of options on the issues it names.
Session facts take the values of a round a package may be signed in
(`rules.signing_rounds`, one set of requirements each), with no support,
walk-out or inject yet, as the analysis knows nothing of a session.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from tabletop.analysis.scoring import BoolArray, IntArray, Sheet
from tabletop.exercise.conditions import Condition, Facts, IssueIn, leaves
from tabletop.exercise.model import Exercise


@dataclass(frozen=True)
class Requirement:
    """A role that must sign the packages for which `table` holds (all, without a table)."""

    role: int
    issues: tuple[int, ...]
    radices: tuple[int, ...]
    table: BoolArray | None

    def mask(self, position: Callable[[int], IntArray], size: int) -> BoolArray:
        """Whether each of `size` packages needs this role; `position(k)`: options on issue k."""
        if self.table is None:
            return np.ones(size, dtype=np.bool_)
        index = np.zeros(size, dtype=np.int64)
        for k, radix in zip(self.issues, self.radices, strict=True):
            index = index * radix + position(k)
        return self.table[index]


def requirements(exercise: Exercise, sheet: Sheet, at_round: int) -> list[Requirement]:
    """One requirement per signatory rule of a role on the sheet, for a package signed in
    this round."""
    found: list[Requirement] = []
    for rule in exercise.signatories:
        if rule.role not in sheet.roles:
            continue
        role = sheet.roles.index(rule.role)
        if rule.when is None:
            found.append(Requirement(role, (), (), None))
            continue
        named = sorted({sheet.issues.index(i) for i in _issues(rule.when) if i in sheet.issues})
        issues = [sheet.issues[k] for k in named]
        combos = itertools.product(*(sheet.options[k] for k in named))
        table = np.array(
            [
                rule.when.holds(
                    Facts(package=dict(zip(issues, combo, strict=True)), round=at_round)
                )
                for combo in combos
            ],
            dtype=np.bool_,
        )
        radices = tuple(sheet.radices[k] for k in named)
        found.append(Requirement(role, tuple(named), radices, table))
    return found


def _issues(condition: Condition) -> Iterator[str]:
    return (leaf.issue for leaf in leaves(condition) if isinstance(leaf, IssueIn))
