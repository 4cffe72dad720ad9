"""What an exercise offers before anyone negotiates: frontier, Nash package, zone of agreement.

Exact over every package, and fast enough to run on every `analyze` and at
every debrief: the frontier is built issue by issue, everything else comes
from one vectorised sweep.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from tabletop.analysis.models import Analysis, RoleAnalysis
from tabletop.analysis.pareto import frontier
from tabletop.analysis.scoring import Package, Sheet, Valuations, exercise_sheet
from tabletop.analysis.signatories import requirements
from tabletop.analysis.sweep import sweep
from tabletop.exercise.model import Exercise


def analyze(
    exercise: Exercise,
    valuations: Valuations | None = None,
    reservations: Mapping[str, int] | None = None,
) -> Analysis:
    """Analyse an exercise, or the sheet in force late in a session.

    `valuations` (role → issue → option → points) replaces the exercise's;
    `reservations` (role → points) replaces those of the roles it names. A
    `ValueError` says what an override lacks.
    """
    sheet = exercise_sheet(exercise, valuations, reservations)
    found = sweep(sheet, requirements(exercise, sheet))
    nash = None if found.nash is None else sheet.package_at(found.nash)
    return Analysis(
        packages=sheet.count,
        pareto_frontier=[sheet.package(row) for row in frontier(sheet).tolist()],
        nash=nash,
        zopa=found.zopa,
        zopa_example=None if found.zopa_first is None else sheet.package_at(found.zopa_first),
        roles=_roles(sheet, nash),
        valuations=sheet.valuations(),
    )


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
