"""The after-action report as data: what the renderers lay out, and nothing they must decide.

`build` fills a `Report` for one audience; what that audience may not see
never enters it, so a renderer cannot leak what it never received.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from tabletop.engine.history import ConcessionPoint, LeadingPoint
from tabletop.narration.segments import Words

PackageLines = list[tuple[str, str]]
"""(issue name, option name) for each issue."""


@dataclass(frozen=True)
class SourceLine:
    title: str
    author: str
    outlet: str
    date: str
    url: str | None


@dataclass(frozen=True)
class RoleLine:
    """A delegation, who played it, and its briefing (the confidential part only if revealed)."""

    id: str
    name: str
    """As every sentence of the report names it (`actor_name`)."""
    title: str
    """Where the role is introduced: "South Korea (ROK)"."""
    seat: str
    public_briefing: str
    confidential_briefing: str | None


@dataclass(frozen=True)
class Damage:
    """Where the log stops being trustworthy; the report covers the events before it."""

    line: int
    kind: Literal["torn", "corrupt"]
    message: str
    trusted_events: int


@dataclass(frozen=True)
class Entry:
    """One line of the timeline."""

    seq: int
    round: int
    kind: str
    words: Words
    """The sentence, as the screens tell it."""
    marker: bool
    private: list[str]
    """Private inject texts ("Role: text"), when revealed."""
    withheld: int
    """How many private inject texts were left out."""


@dataclass(frozen=True)
class TimelineGap:
    """Entries of a very long timeline left out of the report (`tabletop replay` shows all)."""

    after: int
    """How many entries of the timeline come before the gap."""
    left_out: int


@dataclass(frozen=True)
class ProposalLine:
    id: int
    author: str
    round: int
    seq: int
    parent: int | None
    status: str
    package: PackageLines
    supporters: list[str]
    rejections: list[tuple[str, str]]
    """(role name, reason) for each rejection."""


@dataclass(frozen=True)
class OutcomeSection:
    id: str
    title: str
    narrative: str
    ending: str
    reason: str
    package: PackageLines | None


@dataclass(frozen=True)
class RoleScore:
    """A role's result against its reservation (both as in force at the end)."""

    role: str
    name: str
    score: int | None
    reservation: int
    nash: int | None
    """Its score of the Nash package."""

    @property
    def gain(self) -> int | None:
        return None if self.score is None else self.score - self.reservation


Concession = ConcessionPoint
"""A role's own score of a proposal it made, and its reservation then."""
Leading = LeadingPoint
"""Each role's score of the leading proposal after an event."""


@dataclass(frozen=True)
class Frontier:
    """Where the deal sits against what the exercise offered (valuations in force at the end)."""

    packages: int
    frontier_size: int | None
    """None (as `zopa`) when there were too many packages to count for a report."""
    zopa: int | None
    nash: PackageLines | None
    deal: PackageLines | None
    on_frontier: bool | None
    joint_gain: int | None
    """For a deal, the joint gain a frontier package at least as good for all would add."""
    better: PackageLines | None
    nash_joint_gain: int | None
    """The Nash package's gains over reservation, summed over roles."""


@dataclass(frozen=True)
class Report:
    title: str
    summary: str
    log: str
    started_at: datetime
    seed: int
    engine: str
    parent: str | None
    receipt: str | None
    """The log's last hash when the whole log is trusted: `log verify --receipt` checks it."""
    revealed: bool
    """The facilitator's report; the fields below marked so are None in the participants'."""
    sources: list[SourceLine]
    roles: list[RoleLine]
    damage: Damage | None
    events: int
    phase: str
    round: int
    rounds: int
    timeline: list[Entry]
    """The whole timeline, or for a very long session its start and its end."""
    timeline_gap: TimelineGap | None
    """Where the middle of a very long timeline was left out."""
    proposals: list[ProposalLine]
    outcome: OutcomeSection | None
    scores: list[RoleScore] | None
    """Facilitator's only, as is every field below but `round_starts`."""
    concessions: dict[str, list[Concession]] | None
    leading: list[Leading] | None
    """The chart's points: one an event, or thinned for a very long session (`chart_thinned`)."""
    leading_changes: list[Leading] | None
    """The leading proposal and its scores each time they change."""
    chart_thinned: bool
    round_starts: list[tuple[int, int]]
    """(seq, round) of each round's start, for chart markers."""
    frontier: Frontier | None
    back_channel: dict[str, dict[str, int]] | None
    """Sender id → recipient id → number of private messages."""
    annotations: list[Entry] | None
    sheets: dict[str, dict[str, dict[str, int]]] | None
    """Each role's valuations in force at the end, by names."""
