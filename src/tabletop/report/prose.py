"""The sentences and tables both renderers print, so Markdown and HTML say the same thing."""

from __future__ import annotations

from typing import NamedTuple

from tabletop.log import LogProblem
from tabletop.log.trust import breach_notice
from tabletop.report.build import Entry, PackageLines, Report

REVEAL_HINT = "`tabletop report --reveal`"


def damage_notice(report: Report) -> str | None:
    """Where the log stops being trustworthy, and what the report covers, if it does."""
    damage = report.damage
    if damage is None:
        return None
    problem = LogProblem(damage.line, damage.kind, damage.message)
    return breach_notice(problem, damage.trusted_events)


def confidential_notice(report: Report) -> str:
    if report.revealed:
        return (
            "This report reveals confidential content: confidential briefings, private "
            "messages, private inject texts and every delegation's scoring sheet. "
            "Do not hand it to players before the debrief."
        )
    return (
        "Confidential content is left out: confidential briefings, the texts of private "
        "messages and injects, and the delegations' scoring sheets (who messaged whom, "
        f"and how often, is shown). {REVEAL_HINT} includes them."
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


def frontier_sentences(report: Report) -> list[str]:
    """Where the deal sits against the Pareto frontier and the Nash package."""
    frontier = report.frontier
    lines = [
        f"Of {frontier.packages} possible packages, {frontier.frontier_size} are on the Pareto "
        f"frontier and {frontier.zopa} in the zone of agreement (better than no deal for "
        "every signatory they need; valuations and reservations as in force at the end)."
    ]
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
        lines.append(
            "No package gives every delegation more than its reservation: no Nash package."
        )
    else:
        lines.append(f"The Nash bargaining package: {inline_package(frontier.nash)}.")
        if frontier.deal is None and frontier.nash_joint_gain is not None:
            lines.append(
                f"With no deal, the delegations left {frontier.nash_joint_gain} points over their "
                "reservations on the table, measured by the Nash package."
            )
    return lines


def inline_package(package: PackageLines | None) -> str:
    return "; ".join(f"{issue}: {option}" for issue, option in package or [])


def signed(value: int | None) -> str:
    """A gain with its sign, or a dash when there is none."""
    return "—" if value is None else f"{value:+d}"


def number(value: int | None) -> str:
    return "—" if value is None else str(value)


def sentence(entry: Entry) -> str:
    """The entry as one line: who did what, or what happened when the rules acted."""
    text = " ".join(entry.text.split())
    if not entry.actor:
        return text[:1].upper() + text[1:]
    # A message reads "A → B", its text (if revealed) after a colon.
    return f"{entry.actor} {text}" if entry.kind == "messaged" else f"{entry.actor}: {text}"


def withheld(count: int) -> str:
    return f"(private text for {count} delegation{'s' if count > 1 else ''} withheld)"


class Table(NamedTuple):
    """A table's content; each renderer draws it in its own markup."""

    header: list[str]
    rows: list[list[str]]
    numeric: set[int]
    """Columns of numbers, aligned right."""


def seats_table(report: Report) -> Table:
    return Table(["Delegation", "Played by"], [[r.name, r.seat] for r in report.roles], set())


def scores_table(report: Report) -> Table:
    return Table(
        ["Delegation", "Score", "Reservation", "Gain", "Nash score"],
        [
            [s.name, number(s.score), str(s.reservation), signed(s.gain), number(s.nash)]
            for s in report.scores
        ],
        {1, 2, 3, 4},
    )


def back_channel_table(report: Report) -> Table:
    """Private messages sent (rows) to each delegation (columns): counts, never contents."""
    return Table(
        ["From \\ To", *(r.name for r in report.roles)],
        [
            [sender.name, *(str(report.back_channel[sender.id][r.id]) for r in report.roles)]
            for sender in report.roles
        ],
        set(range(1, len(report.roles) + 1)),
    )


def package_table(package: PackageLines) -> Table:
    return Table(["Issue", "Option"], [[issue, option] for issue, option in package], set())
