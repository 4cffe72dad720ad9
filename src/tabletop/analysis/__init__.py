"""Exact analysis of an exercise: Pareto frontier, Nash package, zone of agreement, best and worst.

Pure and vectorised: no UI, no files. The debrief measures a deal with
`frontier_gap`.
"""

from tabletop.analysis.compute import analyze
from tabletop.analysis.gap import frontier_gap
from tabletop.analysis.models import Analysis, FrontierGap, RoleAnalysis
from tabletop.analysis.scoring import Package, Valuations, score

__all__ = [
    "Analysis",
    "FrontierGap",
    "Package",
    "RoleAnalysis",
    "Valuations",
    "analyze",
    "frontier_gap",
    "score",
]
