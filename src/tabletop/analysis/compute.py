"""What an exercise offers before anyone negotiates: frontier, Nash package, zone of agreement.

Exact over every package, and fast enough to run on every `analyze` and at
every debrief: the frontier is built issue by issue, everything else comes
from one vectorised sweep.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from tabletop.analysis.budget import Progress
from tabletop.analysis.models import Analysis, RoleAnalysis
from tabletop.analysis.pareto import frontier, undominated
from tabletop.analysis.scoring import (
    IntArray,
    Package,
    Sheet,
    Valuations,
    digits,
    exercise_sheet,
)
from tabletop.analysis.signatories import requirements
from tabletop.analysis.sweep import sample as sampled
from tabletop.analysis.sweep import sweep
from tabletop.engine.rules import signing_rounds
from tabletop.exercise.model import Exercise


def analyze(
    exercise: Exercise,
    valuations: Valuations | None = None,
    reservations: Mapping[str, int] | None = None,
    *,
    sample: int | None = None,
    seed: int = 0,
    progress: Progress | None = None,
) -> Analysis:
    """Analyse an exercise, or the sheet in force late in a session.

    `valuations` (role → issue → option → points) replaces the exercise's;
    `reservations` (role → points) replaces those of the roles it names. A
    `ValueError` says what an override lacks. With `sample`, only that many
    packages drawn at random (from `seed`) are analysed: the frontier is
    theirs and the zone of agreement is scaled up from them, so both are
    approximate. `progress` hears (thousandths done, 1000) as the work goes.
    """
    sheet = exercise_sheet(exercise, valuations, reservations)
    required = [requirements(exercise, sheet, at_round) for at_round in signing_rounds(exercise)]
    if sample is not None and sample < sheet.count:
        indices = _draw(sheet.count, sample, seed)
        found = sampled(sheet, required, indices)
        scores = sheet.scores(digits(indices, sheet.radices))
        front = digits(indices[undominated(scores)], sheet.radices)
        zopa = round(found.zopa * sheet.count / sample)
    else:
        sample = None
        front = frontier(sheet, _part(progress, 0, 500))
        found = sweep(sheet, required, _part(progress, 500, 500))
        zopa = found.zopa
    nash = None if found.nash is None else sheet.package_at(found.nash)
    return Analysis(
        packages=sheet.count,
        sampled=sample,
        pareto_frontier=[sheet.package(row) for row in front.tolist()],
        nash=nash,
        zopa=zopa,
        zopa_example=None if found.zopa_first is None else sheet.package_at(found.zopa_first),
        roles=_roles(sheet, nash),
        valuations=sheet.valuations(),
    )


def _draw(count: int, size: int, seed: int) -> IntArray:
    """`size` distinct package indices at random, rising; cheap however many packages there are."""
    rng = np.random.default_rng(seed)
    found = np.unique(rng.integers(0, count, size=size))
    while len(found) < size:
        found = np.unique(np.concatenate([found, rng.integers(0, count, size=size - len(found))]))
    return found


def _part(progress: Progress | None, offset: int, share: int) -> Progress | None:
    """Report one stage's (done, total) as its share of the whole, in thousandths."""
    if progress is None:
        return None
    return lambda done, total: progress(offset + share * done // max(total, 1), 1000)


def _roles(sheet: Sheet, nash: Package | None) -> dict[str, RoleAnalysis]:
    """Best and worst per role, issue by issue: additive scores need no search.

    The first best option on every issue gives the first best package in
    package order, since each issue's choice is free of the others.
    """
    best = np.stack([matrix.argmax(axis=0) for matrix in sheet.values], axis=1)
    worst = np.stack([matrix.argmin(axis=0) for matrix in sheet.values], axis=1)
    best_scores, worst_scores = sheet.scores(best), sheet.scores(worst)
    nash_scores = None if nash is None else sheet.scores(np.array([sheet.digits_of(nash)]))[0]
    return {
        role: RoleAnalysis(
            reservation=int(sheet.reservations[r]),
            best=sheet.package(best[r].tolist()),
            best_score=int(best_scores[r, r]),
            worst=sheet.package(worst[r].tolist()),
            worst_score=int(worst_scores[r, r]),
            nash_score=None if nash_scores is None else int(nash_scores[r]),
        )
        for r, role in enumerate(sheet.roles)
    }
