"""Exact analysis of an exercise: Pareto frontier, Nash package, zone of agreement, best and worst.

Pure and vectorised: no UI, no files. The after-action report measures a
deal with `debrief`, which needs no frontier.
"""

from tabletop.analysis.compute import analyze
from tabletop.analysis.debrief import debrief
from tabletop.analysis.gap import frontier_gap
from tabletop.analysis.models import Analysis, Debrief, FrontierGap, RoleAnalysis
from tabletop.analysis.scoring import Package, Valuations, score

__all__ = [
    "Analysis",
    "Debrief",
    "FrontierGap",
    "Package",
    "RoleAnalysis",
    "Valuations",
    "analyze",
    "debrief",
    "frontier_gap",
    "score",
]
