"""The sentences and tables both renderers print, so Markdown and HTML say the same thing."""

from __future__ import annotations

from typing import NamedTuple

from tabletop.log import LogProblem
from tabletop.log.trust import breach_notice
from tabletop.narration.segments import text_of
from tabletop.report.model import (
    Entry,
    Frontier,
    PackageLines,
    ProposalLine,
    Report,
    RoleScore,
    TimelineGap,
)

REVEAL_HINT = "`tabletop report --reveal`"
AGREED = "Agreed package:"
NO_PROPOSAL = "No proposal was made."
SCORES = "Scores against reservation"
SHEETS = "Scoring sheets (as in force at the end)"
BACK_CHANNEL = "Private messages sent (rows) to each delegation (columns)."


def damage_notice(report: Report) -> str | None:
    """Where the log stops being trustworthy, and what the report covers, if it does."""
    damage = report.damage
    if damage is None:
        return None
    problem = LogProblem(damage.line, damage.kind, damage.message)
    return breach_notice(problem, damage.trusted_events)


def confidential_notice(report: Report) -> str:
    """Who the report is for, and exactly what it holds and leaves out."""
    if report.revealed:
        return (
            "The facilitator's report: everything in the log. Besides what every delegation "
            "saw, it holds Control's notes, private messages (who wrote to whom, and the "
            "texts), private inject texts, confidential briefings, every delegation's "
            "reservation, scores and scoring sheet, and the analysis built on them (Pareto "
            "frontier, Nash package, concession curves). Do not hand it to players before "
            "the debrief."
        )
    return (
        "The participants' report: what every delegation saw at the table (the public "
        "briefings, the public acts and injects, the proposals and the outcome). It leaves "
        "out Control's notes, private messages (texts, and who wrote to whom), private "
        "inject texts, confidential briefings, every reservation, score and scoring sheet, "
        "and the analysis built on them (Pareto frontier, Nash package, concession curves). "
        f"{REVEAL_HINT} makes the facilitator's report, which holds them."
    )


def status(report: Report) -> str:
    """How the session stands at its last trusted event."""
    if report.outcome is not None:
        return f"The talks ended after {report.events} events: {report.outcome.ending}."
    if report.phase == "aborted":
        return f"Control abandoned the session after {report.events} events: no outcome."
    return (
        f"The session did not conclude: it stops in phase {report.phase}, "
        f"round {report.round} of {report.rounds}, after {report.events} events."
    )


def frontier_sentences(frontier: Frontier) -> list[str]:
    """Where the deal sits against the Pareto frontier and the Nash package."""
    if frontier.frontier_size is None or frontier.zopa is None:
        counted = (
            f"Of {frontier.packages} possible packages, too many to count the Pareto frontier "
            "and the zone of agreement for a report (`tabletop analyze --budget N` counts them)."
        )
    else:
        counted = (
            f"Of {frontier.packages} possible packages, {frontier.frontier_size} are on the "
            f"Pareto frontier and {frontier.zopa} in the zone of agreement (worth at least no "
            "deal to every signatory they need; valuations and reservations as in force at the "
            "end)."
        )
    lines = [counted]
    if frontier.deal is not None:
        if frontier.on_frontier:
            lines.append(
                "The agreed package is on the Pareto frontier: no value was left unclaimed."
            )
        else:
            lines.append(
                f"The agreed package is not on the Pareto frontier: a package at least as good "
                f"for every delegation would have added {frontier.joint_gain} points in all "
                f"({inline_package(frontier.better)})."
            )
    if frontier.nash is None:
        lines.append("No package is worth its reservation to every delegation: no Nash package.")
    else:
        lines.append(f"The Nash bargaining package: {inline_package(frontier.nash)}.")
        if frontier.deal is None and frontier.nash_joint_gain is not None:
            lines.append(
                f"With no deal, the delegations left {frontier.nash_joint_gain} points over their "
                "reservations on the table, measured by the Nash package."
            )
    return lines


def reason_given(reason: str) -> str:
    return f"Reason given: {reason}"


def proposal_title(p: ProposalLine) -> str:
    return f"#{p.id} by {p.author}"


def proposal_detail(p: ProposalLine) -> str:
    """When and from what the proposal came, and how it stands at the end."""
    origin = f", amending #{p.parent}" if p.parent else ""
    return f"(round {p.round}, event {p.seq}{origin}): {p.status}"


def supported(p: ProposalLine) -> str:
    return f"Supported at the end by: {', '.join(p.supporters) or 'nobody'}"


def rejected(role: str, reason: str) -> str:
    return f"Rejected by {role}: {reason}"


def when(entry: Entry) -> str:
    return f"round {entry.round}" if entry.round else "before round 1"


def inline_package(package: PackageLines | None) -> str:
    return "; ".join(f"{issue}: {option}" for issue, option in package or [])


def signed(value: int | None) -> str:
    """A gain with its sign, or a dash when there is none."""
    return "—" if value is None else f"{value:+d}"


def number(value: int | None) -> str:
    return "—" if value is None else str(value)


def sentence(entry: Entry) -> str:
    """The entry as one plain line, as the screens tell it."""
    return " ".join(text_of(entry.words).split())


def left_out(report: Report, gap: TimelineGap) -> str:
    """What a very long timeline leaves out, where it leaves it out."""
    shown = len(report.timeline)
    return (
        f"… {gap.left_out} more events here: this timeline is too long to print whole, so "
        f"the report shows its first {gap.after} and last {shown - gap.after} of "
        f"{shown + gap.left_out} entries (tabletop replay shows every event)"
    )


def withheld(count: int) -> str:
    return f"(private text for {count} delegation{'s' if count > 1 else ''} withheld)"


class Table(NamedTuple):
    """A table's content; each renderer draws it in its own markup."""

    header: list[str]
    rows: list[list[str]]
    numeric: set[int]
    """Columns of numbers, aligned right."""


def seats_table(report: Report) -> Table:
    return Table(["Delegation", "Played by"], [[r.title, r.seat] for r in report.roles], set())


def scores_table(scores: list[RoleScore]) -> Table:
    return Table(
        ["Delegation", "Score", "Reservation", "Gain", "Nash score"],
        [
            [s.name, number(s.score), str(s.reservation), signed(s.gain), number(s.nash)]
            for s in scores
        ],
        {1, 2, 3, 4},
    )


def back_channel_table(report: Report, counts: dict[str, dict[str, int]]) -> Table:
    """Private messages sent (rows) to each delegation (columns): counts, never contents."""
    return Table(
        ["From \\ To", *(r.name for r in report.roles)],
        [
            [sender.name, *(str(counts[sender.id][r.id]) for r in report.roles)]
            for sender in report.roles
        ],
        set(range(1, len(report.roles) + 1)),
    )


def package_table(package: PackageLines) -> Table:
    return Table(["Issue", "Option"], [[issue, option] for issue, option in package], set())


def sheet_table(sheet: dict[str, dict[str, int]]) -> Table:
    """One delegation's scoring sheet: every option's points."""
    return Table(
        ["Issue", "Option", "Points"],
        [
            [issue, option, str(points)]
            for issue, options in sheet.items()
            for option, points in options.items()
        ],
        {2},
    )
