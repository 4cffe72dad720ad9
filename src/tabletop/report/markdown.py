"""The report as Markdown that reads as well in a terminal or a plain-text mail.

Tables are padded into aligned columns, so nothing needs rendering; the
charts of the HTML report appear here as the tables behind them. Names,
briefings and players' words come from an exercise and a log nobody vouches
for, and a Markdown viewer renders raw HTML and follows links: so the
finished report holds no HTML and no link but to the web or a mail address
(`safe_markdown.defused`), as the HTML report renders Markdown with HTML off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tabletop.report.model import Concession, Entry, Leading, PackageLines, Report
from tabletop.report.prose import (
    AGREED,
    BACK_CHANNEL,
    NO_PROPOSAL,
    SCORES,
    SHEETS,
    back_channel_table,
    confidential_notice,
    damage_notice,
    frontier_sentences,
    left_out,
    number,
    package_table,
    proposal_detail,
    proposal_title,
    reason_given,
    rejected,
    scores_table,
    seats_table,
    sentence,
    sheet_table,
    status,
    supported,
    when,
    withheld,
)
from tabletop.safe_markdown import defused


def to_markdown(report: Report) -> str:
    """The whole report, ending in a newline."""
    blocks: list[str] = [f"# After-action report: {report.title}", report.summary.strip()]
    blocks.append(_facts(report))
    damage = damage_notice(report)
    if damage:
        blocks.append(f"> **Damaged log.** {damage}")
    blocks.append(f"> {confidential_notice(report)}")
    if report.sources:
        blocks.append("## Sources")
        blocks.append(
            "\n".join(
                f"- {s.title} — {s.author}, {s.outlet}, {s.date}" + (f". {s.url}" if s.url else "")
                for s in report.sources
            )
        )
    blocks += [
        "## Delegations",
        _table(*seats_table(report)),
    ]
    blocks += _outcome(report)
    if report.frontier is not None:
        blocks += [
            "## Against the Pareto frontier",
            "\n".join(f"- {s}" for s in frontier_sentences(report.frontier)),
        ]
    blocks += _proposals(report)
    if report.concessions is not None:
        blocks += _concessions(report, report.concessions)
    if report.leading_changes is not None:
        blocks += _leading(report, report.leading_changes)
    if report.back_channel is not None:
        blocks += _back_channel(report, report.back_channel)
    if report.annotations is not None:
        blocks.append("## Control's annotations")
        blocks.append("\n".join(_line(e) for e in report.annotations) or "None.")
    blocks += ["## Timeline", _timeline(report) or "No events."]
    blocks += _briefings(report)
    return defused("\n\n".join(blocks) + "\n")


def _facts(report: Report) -> str:
    facts = [
        f"- Log: {report.log}",
        f"- Started: {report.started_at:%Y-%m-%d %H:%M %Z}".rstrip(),
        f"- Seed: {report.seed} · engine {report.engine}",
    ]
    if report.parent:
        facts.append(f"- Forked from: {report.parent}")
    facts.append(f"- Events: {report.events}")
    if report.receipt:
        facts.append(f"- Receipt (`tabletop log verify --receipt`): {report.receipt}")
    return "\n".join(facts)


def _outcome(report: Report) -> list[str]:
    blocks = ["## Outcome", status(report)]
    outcome = report.outcome
    if outcome is not None:
        blocks.append(f"### {outcome.title}")
        if outcome.reason:
            blocks.append(reason_given(outcome.reason))
        blocks.append(outcome.narrative.strip())
        if outcome.package:
            blocks += [AGREED, _package(outcome.package)]
    if report.scores is not None:
        blocks += [f"### {SCORES}", _table(*scores_table(report.scores))]
    return blocks


def _proposals(report: Report) -> list[str]:
    blocks = ["## Proposals"]
    if not report.proposals:
        return [*blocks, NO_PROPOSAL]
    for p in report.proposals:
        blocks.append(f"### {proposal_title(p)} {proposal_detail(p)}")
        blocks.append(_package(p.package))
        lines = [f"- {supported(p)}"]
        lines += [f"- {rejected(role, _escaped(reason))}" for role, reason in p.rejections]
        blocks.append("\n".join(lines))
    return blocks


def _concessions(report: Report, concessions: dict[str, list[Concession]]) -> list[str]:
    blocks = [
        "## Concession curves",
        "Each delegation's score of its own proposals, in order (valuations as in force then).",
    ]
    for role in report.roles:
        points = concessions.get(role.id, [])
        blocks.append(f"### {role.title}")
        if not points:
            blocks.append("Made no proposal.")
            continue
        blocks.append(
            _table(
                ["Event", "Round", "Proposal", "Own score", "Reservation"],
                [
                    [str(p.seq), str(p.round), f"#{p.proposal}", str(p.score), str(p.reservation)]
                    for p in points
                ],
                numeric={0, 1, 3, 4},
            )
        )
    return blocks


def _leading(report: Report, changes: list[Leading]) -> list[str]:
    """The leading proposal's scores, one row each time they change."""
    rows: list[list[str]] = []
    for point in changes:
        proposal = f"#{point.proposal}" if point.proposal else "none"
        scores = [number(point.scores.get(r.id)) for r in report.roles]
        rows.append([str(point.seq), str(point.round), proposal, *scores])
    header = ["Event", "Round", "Leading", *(r.name for r in report.roles)]
    numeric = {0, 1, *range(3, len(header))}
    return [
        "## Scores of the leading proposal",
        "Every delegation's score of the live proposal with the most support, "
        "each time it changes.",
        _table(header, rows, numeric=numeric) if rows else "No events.",
    ]


def _back_channel(report: Report, counts: dict[str, dict[str, int]]) -> list[str]:
    return [
        "## Back channel",
        BACK_CHANNEL,
        _table(*back_channel_table(report, counts)),
    ]


def _timeline(report: Report) -> str:
    """One line an event; stage markers stand apart in bold, like headings in a transcript."""
    blocks: list[list[str]] = []
    gap = report.timeline_gap
    for index, entry in enumerate(report.timeline):
        if gap is not None and index == gap.after:
            blocks += [[f"*{_escaped(left_out(report, gap))}*"], []]
        if entry.marker:
            blocks.append([f"**{entry.seq}. {_escaped(sentence(entry))}**"])
            blocks.append([])
            continue
        if not blocks:
            blocks.append([])
        lines = blocks[-1]
        lines.append(f"- {entry.seq}. {_escaped(sentence(entry))}")
        lines += [f"    - private, to {_escaped(_flat(text))}" for text in entry.private]
        if entry.withheld:
            lines.append(f"    - {withheld(entry.withheld)}")
    return "\n\n".join("\n".join(lines) for lines in blocks if lines)


def _line(entry: Entry) -> str:
    return f"- {entry.seq}. ({when(entry)}) {_escaped(sentence(entry))}"


def _briefings(report: Report) -> list[str]:
    blocks = ["## Briefings"]
    for role in report.roles:
        blocks += [f"### {role.title}", role.public_briefing.strip()]
        if role.confidential_briefing is not None:
            blocks += [f"#### {role.title}: confidential", role.confidential_briefing.strip()]
    if report.sheets is not None:
        blocks.append(f"## {SHEETS}")
        for name, sheet in report.sheets.items():
            blocks += [f"### {name}", _table(*sheet_table(sheet))]
    return blocks


def _package(package: PackageLines) -> str:
    return _table(*package_table(package))


def _table(
    header: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int] | None = None
) -> str:
    """A pipe table padded to aligned columns; `numeric` columns align right."""
    right = numeric or set()
    cells = [[_cell(c) for c in header], *([_cell(c) for c in row] for row in rows)]
    widths = [max(3, *(len(row[i]) for row in cells)) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        padded = (
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            ("-" * (w + 1) + ":") if i in right else ("-" * (w + 2)) for i, w in enumerate(widths)
        )
        + "|"
    )
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def _cell(text: str) -> str:
    return _flat(text).replace("|", "\\|")


_MARKUP = re.compile(r"([\\`*_\[\]~])")


def _escaped(text: str) -> str:
    """Players' and authors' words shown as typed, never read as Markdown (`defused` does HTML)."""
    return _MARKUP.sub(r"\\\1", text)


def _flat(text: str) -> str:
    return " ".join(text.split())
