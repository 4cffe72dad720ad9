"""The after-action report built from one log: everything the debrief shows.

`build_report` reads only the trusted part of a log (see `trust`), one event
at a time, and makes a `Report` (see `model`) the renderers (`markdown`,
`html`) lay out; they decide nothing about content. It holds what the report
shows (see `gather`), never the log's events, so a log of a million events
costs no more memory than its report.

A report is for one of two audiences. The participants' report (the
default) holds what every delegation saw at the table: events visible to all,
public briefings, proposals and the outcome. The facilitator's (`reveal=True`)
adds what only some saw: Control's notes, private messages and inject texts,
confidential briefings, and every reservation, score and scoring sheet with
the analysis built on them. What an audience may not see never enters its
`Report`, so a renderer cannot leak what it never received.
"""

from __future__ import annotations

from tabletop.analysis import debrief
from tabletop.engine.state import SessionState, standing
from tabletop.exercise.model import Exercise
from tabletop.log import LogContents, LogStream
from tabletop.log.trust import TrustedEvents
from tabletop.narration.names import ENDING_WORDS, actor_name, package_lines
from tabletop.report.gather import gather
from tabletop.report.model import (
    Damage,
    Frontier,
    OutcomeSection,
    ProposalLine,
    Report,
    RoleLine,
    RoleScore,
    SourceLine,
)


def build_report(log: LogContents | LogStream, reveal: bool = False) -> Report:
    """The report of a log's trusted part: the participants', or with `reveal` the facilitator's.

    Given a `LogStream` (`open_log`), the log is read as the report is built.
    """
    header = log.header
    exercise = header.session_exercise
    checked = TrustedEvents(
        log, log.events if isinstance(log, LogContents) else log, keep_events=False
    )
    found = gather(exercise, checked, reveal)
    state = checked.session.state
    scores, frontier = _against_frontier(exercise, state)
    problem = checked.problem
    parent = header.parent
    return Report(
        title=exercise.title,
        summary=exercise.summary,
        log=str(log.path),
        started_at=header.started_at,
        seed=header.seed,
        engine=header.engine,
        parent=f"{parent.log}, event {parent.seq}" if parent else None,
        receipt=checked.receipt,
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
            trusted_events=found.events,
        ),
        events=found.events,
        phase=state.phase,
        round=state.round,
        rounds=state.rounds,
        timeline=found.timeline,
        timeline_gap=found.gap,
        proposals=_proposals(exercise, state),
        outcome=_outcome(exercise, state),
        scores=scores if reveal else None,
        concessions=found.concessions if reveal else None,
        leading=found.leading if reveal else None,
        leading_changes=found.changes if reveal else None,
        chart_thinned=found.thinned,
        round_starts=found.round_starts,
        frontier=frontier if reveal else None,
        back_channel=found.back_channel if reveal else None,
        annotations=found.annotations if reveal else None,
        sheets=_sheets(exercise, state) if reveal else None,
    )


def _proposals(exercise: Exercise, state: SessionState) -> list[ProposalLine]:
    return [
        ProposalLine(
            id=p.id,
            author=actor_name(exercise, p.author),
            round=p.round,
            seq=p.seq,
            parent=p.parent,
            status=standing(p, state.phase, state.conclusion),
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
