"""The analysis as data: what `tabletop analyze --json` prints and the debrief reads."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from tabletop.analysis.scoring import Package


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RoleAnalysis(_Frozen):
    """One role's range: its best and worst packages (the first in package order on ties)."""

    reservation: int
    best: Package
    best_score: int
    worst: Package
    worst_score: int
    nash_score: int | None
    """Its score of the Nash package, when there is one."""


class Analysis(_Frozen):
    packages: int
    sampled: int | None = None
    """None when every package was analysed; else how many, drawn at random, the frontier,
    the Nash package and the zone of agreement (scaled up) come from: approximate figures."""
    pareto_frontier: list[Package]
    """Every package that no other beats for a role without losing for another, in package order."""
    nash: Package | None
    """Of the packages acceptable to every role, the largest product of gains over reservation
    (the first in package order on ties)."""
    zopa: int
    """How many packages are acceptable to every signatory they need."""
    zopa_example: Package | None
    """The first such package in package order."""
    roles: dict[str, RoleAnalysis]
    valuations: dict[str, dict[str, dict[str, int]]]
    """The valuations analysed (after injects, if given), so a deal can be scored against them."""


class FrontierGap(_Frozen):
    on_frontier: bool
    joint_gain: int
    """The most the sum of all scores could grow by moving to a frontier package
    at least as good for every role; 0 on the frontier."""
    better: Package | None
    """That frontier package (the first in package order on ties); none on the frontier."""


class Debrief(_Frozen):
    """What the after-action report measures a session's end by (`debrief`)."""

    packages: int
    frontier_size: int | None
    """None past the report's budget: too many packages to count in seconds."""
    zopa: int | None
    """Likewise."""
    nash: Package | None
    nash_scores: dict[str, int] | None
    """Each role's score of the Nash package, when there is one."""
    gap: FrontierGap | None
    """How far the deal falls short of the frontier; none without a deal."""
