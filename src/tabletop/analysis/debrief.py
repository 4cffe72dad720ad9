"""What the after-action report measures a deal by, in seconds on any exercise the format allows.

The deal's gap to the frontier and the Nash package come from searches that
skip what cannot matter, so they are always there. Counting the frontier and
the zone of agreement means visiting every package: the report has them only
while that fits its budget.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from tabletop.analysis.budget import REPORT_BUDGET, work
from tabletop.analysis.compute import analyze
from tabletop.analysis.gap import deal_gap
from tabletop.analysis.models import Debrief
from tabletop.analysis.nash import nash_package
from tabletop.analysis.scoring import Valuations, exercise_sheet
from tabletop.exercise.model import Exercise


def debrief(
    exercise: Exercise,
    valuations: Valuations,
    reservations: Mapping[str, int],
    deal: Mapping[str, str] | None,
    budget: int = REPORT_BUDGET,
) -> Debrief:
    """The measures of a session's end: the sheet in force then, and the deal, if any."""
    sheet = exercise_sheet(exercise, valuations, reservations)
    gap = None if deal is None else deal_gap(sheet, deal)
    if work(exercise) <= budget:
        full = analyze(exercise, valuations, reservations)
        nash = full.nash
        frontier_size: int | None = len(full.pareto_frontier)
        zopa: int | None = full.zopa
    else:
        index = nash_package(sheet)
        nash = None if index is None else sheet.package_at(index)
        frontier_size = zopa = None
    scores = None
    if nash is not None:
        row = sheet.scores(np.array([sheet.digits_of(nash)], dtype=np.int64))[0].tolist()
        scores = dict(zip(sheet.roles, row, strict=True))
    return Debrief(
        packages=sheet.count,
        frontier_size=frontier_size,
        zopa=zopa,
        nash=nash,
        nash_scores=scores,
        gap=gap,
    )
