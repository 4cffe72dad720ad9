"""The after-action report as data: everything the debrief shows, taken from one log.

`build_report` reads only the trusted part of a log (see `trust`) and makes a
`Report` the renderers (`markdown`, `html`) lay out; they decide nothing about
content. A report is for one of two audiences. The participants' report (the
default) holds what every delegation saw at the table: events visible to all,
public briefings, proposals and the outcome. The facilitator's (`reveal=True`)
adds what only some saw: Control's notes, private messages and inject texts,
confidential briefings, and every reservation, score and scoring sheet with
the analysis built on them. What an audience may not see never enters its
`Report`, so a renderer cannot leak what it never received.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from tabletop.analysis import debrief
from tabletop.engine.events import Event
from tabletop.engine.history import History, history
from tabletop.engine.state import SessionState
from tabletop.exercise.model import Exercise
from tabletop.log import LogContents
from tabletop.log.trust import trusted
from tabletop.narration.events import STAGES, event_words
from tabletop.narration.names import ENDING_WORDS, actor_name, package_lines
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


@dataclass(frozen=True)
class Concession:
    seq: int
    round: int
    proposal: int
    score: int
    reservation: int


@dataclass(frozen=True)
class Leading:
    seq: int
    round: int
    proposal: int | None
    scores: dict[str, int | None]


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
    proposals: list[ProposalLine]
    outcome: OutcomeSection | None
    scores: list[RoleScore] | None
    """Facilitator's only, as is every field below but `round_starts`."""
    concessions: dict[str, list[Concession]] | None
    leading: list[Leading] | None
    round_starts: list[tuple[int, int]]
    """(seq, round) of each round's start, for chart markers."""
    frontier: Frontier | None
    back_channel: dict[str, dict[str, int]] | None
    """Sender id → recipient id → number of private messages."""
    annotations: list[Entry] | None
    sheets: dict[str, dict[str, dict[str, int]]] | None
    """Each role's valuations in force at the end, by names."""


def build_report(contents: LogContents, reveal: bool = False) -> Report:
    """The report of a log's trusted part: the participants', or with `reveal` the facilitator's."""
    log = trusted(contents)
    session = log.session
    header = log.header
    exercise = header.exercise
    state = session.state
    series = history(exercise, header.seed, log.events)
    rounds_at = {point.seq: point.round for point in series.leading}
    timeline = [
        _entry(exercise, e, rounds_at[e.seq], reveal)
        for e in log.events
        if reveal or e.visible_to is None
    ]
    scores, frontier = _against_frontier(exercise, state)
    problem = log.problem
    parent = header.parent
    return Report(
        title=exercise.title,
        summary=exercise.summary,
        log=str(log.path),
        started_at=header.started_at,
        seed=header.seed,
        engine=header.engine,
        parent=f"{parent.log}, event {parent.seq}" if parent else None,
        receipt=log.receipt,
        revealed=reveal,
        sources=[
            SourceLine(title=s.title, author=s.author, outlet=s.outlet, date=s.date, url=s.url)
            for s in exercise.sources
        ],
        roles=[
            RoleLine(
                id=role.id,
                name=role.label,
                title=role.title,
                seat=str(header.seats[role.id]) if role.id in header.seats else "unassigned",
                public_briefing=role.public_briefing,
                confidential_briefing=role.confidential_briefing if reveal else None,
            )
            for role in exercise.roles
        ],
        damage=None
        if problem is None
        else Damage(
            line=problem.line,
            kind=problem.kind,
            message=problem.message,
            trusted_events=len(log.events),
        ),
        events=len(log.events),
        phase=state.phase,
        round=state.round,
        rounds=state.rounds,
        timeline=timeline,
        proposals=_proposals(exercise, state),
        outcome=_outcome(exercise, state),
        scores=scores if reveal else None,
        concessions=_concessions(series) if reveal else None,
        leading=[
            Leading(seq=p.seq, round=p.round, proposal=p.proposal, scores=p.scores)
            for p in series.leading
        ]
        if reveal
        else None,
        round_starts=[(e.seq, e.payload["round"]) for e in log.events if e.kind == "round_started"],
        frontier=frontier if reveal else None,
        back_channel=_back_channel(exercise, log.events) if reveal else None,
        annotations=[entry for entry in timeline if entry.kind == "annotated"] if reveal else None,
        sheets=_sheets(exercise, state) if reveal else None,
    )


def _entry(exercise: Exercise, event: Event, round_: int, reveal: bool) -> Entry:
    private: list[str] = []
    withheld = 0
    if event.kind == "inject_fired":
        texts = exercise.inject(event.payload["inject"]).private
        if reveal:
            private = [f"{actor_name(exercise, r)}: {t.strip()}" for r, t in texts.items()]
        else:
            withheld = len(texts)
    return Entry(
        seq=event.seq,
        round=round_,
        kind=event.kind,
        words=event_words(exercise, event),
        marker=event.kind in STAGES,
        private=private,
        withheld=withheld,
    )


def _proposals(exercise: Exercise, state: SessionState) -> list[ProposalLine]:
    return [
        ProposalLine(
            id=p.id,
            author=actor_name(exercise, p.author),
            round=p.round,
            seq=p.seq,
            parent=p.parent,
            status=p.status,
            package=package_lines(exercise, p.package),
            supporters=[actor_name(exercise, r) for r in p.supporters],
            rejections=[(actor_name(exercise, r.role), r.reason) for r in p.rejections],
        )
        for p in state.proposals
    ]


def _outcome(exercise: Exercise, state: SessionState) -> OutcomeSection | None:
    conclusion = state.conclusion
    if conclusion is None:
        return None
    outcome = exercise.outcome(conclusion.outcome)
    return OutcomeSection(
        id=outcome.id,
        title=outcome.title,
        narrative=outcome.narrative,
        ending=ENDING_WORDS[conclusion.ending],
        reason=conclusion.reason,
        package=package_lines(exercise, conclusion.package) if conclusion.package else None,
    )


def _concessions(series: History) -> dict[str, list[Concession]]:
    return {
        role: [
            Concession(
                seq=p.seq,
                round=p.round,
                proposal=p.proposal,
                score=p.score,
                reservation=p.reservation,
            )
            for p in points
        ]
        for role, points in series.concessions.items()
    }


def _back_channel(exercise: Exercise, events: list[Event]) -> dict[str, dict[str, int]]:
    counts = {sender: dict.fromkeys(exercise.role_ids, 0) for sender in exercise.role_ids}
    for event in events:
        if event.kind == "messaged":
            counts[event.actor][event.payload["to"]] += 1
    return counts


def _sheets(exercise: Exercise, state: SessionState) -> dict[str, dict[str, dict[str, int]]]:
    return {
        actor_name(exercise, role): {
            issue.name: {
                option.name: state.valuations[role][issue.id][option.id] for option in issue.options
            }
            for issue in exercise.issues
        }
        for role in exercise.role_ids
    }


def _against_frontier(exercise: Exercise, state: SessionState) -> tuple[list[RoleScore], Frontier]:
    """The scores and the frontier section, from the sheet in force at the end."""
    conclusion = state.conclusion
    deal = conclusion.package if conclusion else None
    found = debrief(exercise, state.valuations, state.reservations, deal or None)
    gap = found.gap
    scores = [
        RoleScore(
            role=role,
            name=actor_name(exercise, role),
            score=conclusion.scores[role] if conclusion else None,
            reservation=state.reservations[role],
            nash=found.nash_scores[role] if found.nash_scores else None,
        )
        for role in exercise.role_ids
    ]
    nash = found.nash
    return scores, Frontier(
        packages=found.packages,
        frontier_size=found.frontier_size,
        zopa=found.zopa,
        nash=package_lines(exercise, nash) if nash else None,
        deal=package_lines(exercise, deal) if deal else None,
        on_frontier=gap.on_frontier if gap else None,
        joint_gain=gap.joint_gain if gap else None,
        better=package_lines(exercise, gap.better) if gap and gap.better else None,
        nash_joint_gain=None
        if nash is None
        else sum((s.nash or 0) - s.reservation for s in scores),
    )
