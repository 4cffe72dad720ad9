"""The report as Markdown that reads as well in a terminal or a plain-text mail.

Tables are padded into aligned columns, so nothing needs rendering; the
charts of the HTML report appear here as the tables behind them. Names,
briefings and players' words come from an exercise and a log nobody vouches
for, and a Markdown viewer renders raw HTML and follows links: so the
finished report holds no HTML and no link but to the web or a mail address
(`_defused`), as the HTML report renders Markdown with HTML off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import unescape

from tabletop.report.build import Concession, Entry, Leading, PackageLines, Report
from tabletop.report.prose import (
    back_channel_table,
    confidential_notice,
    damage_notice,
    followable,
    frontier_sentences,
    number,
    package_table,
    scores_table,
    seats_table,
    sentence,
    status,
    withheld,
)


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
    if report.leading is not None:
        blocks += _leading(report, report.leading)
    if report.back_channel is not None:
        blocks += _back_channel(report, report.back_channel)
    if report.annotations is not None:
        blocks.append("## Control's annotations")
        blocks.append("\n".join(_line(e) for e in report.annotations) or "None.")
    blocks += ["## Timeline", _timeline(report.timeline) or "No events."]
    blocks += _briefings(report)
    return _defused("\n\n".join(blocks) + "\n")


_LINK_TARGET = re.compile(r"\](?=[(:][ \t]*\n?[ \t]*([^\s)]*))")
"""The `]` before an inline link's destination, or a link reference definition's.

The destination is only looked at, not taken: it may hold the next `](`."""
_BACKSLASHED = re.compile(r"\\(?=[!-/:-@\[-`{-~])")


def _defused(document: str) -> str:
    """The document with no raw HTML, autolink or link to anything but the web or mail.

    Every `<` is written as an entity, so nothing makes a tag or an autolink;
    a link whose destination names another scheme (`javascript:`, `data:`,
    `file:`, however spelt with entities, escapes or spaces) has its `](` or
    `]:` escaped, and reads as the text it is.
    """
    return _LINK_TARGET.sub(_unlinked, document.replace("<", "&lt;"))


def _unlinked(match: re.Match[str]) -> str:
    """The link as it is if a reader may follow it, else with its bracket escaped."""
    # What Markdown reads as the destination: escapes and entities resolved.
    return "]" if followable(unescape(_BACKSLASHED.sub("", match[1]))) else "]\\"


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
            blocks.append(f"Reason given: {outcome.reason}")
        blocks.append(outcome.narrative.strip())
        if outcome.package:
            blocks += ["Agreed package:", _package(outcome.package)]
    if report.scores is not None:
        blocks += ["### Scores against reservation", _table(*scores_table(report.scores))]
    return blocks


def _proposals(report: Report) -> list[str]:
    blocks = ["## Proposals"]
    if not report.proposals:
        return [*blocks, "No proposal was made."]
    for p in report.proposals:
        origin = f", amending #{p.parent}" if p.parent else ""
        blocks.append(
            f"### #{p.id} by {p.author} (round {p.round}, event {p.seq}{origin}): {p.status}"
        )
        blocks.append(_package(p.package))
        lines = [f"- Supported at the end by: {', '.join(p.supporters) or 'nobody'}"]
        lines += [f"- Rejected by {role}: {_escaped(reason)}" for role, reason in p.rejections]
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


def _leading(report: Report, leading: list[Leading]) -> list[str]:
    """The leading proposal's scores, one row each time they change."""
    rows: list[list[str]] = []
    last: tuple[object, ...] | None = None
    for point in leading:
        key = (point.proposal, *point.scores.values())
        if key == last:
            continue
        last = key
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
        "Private messages sent (rows) to each delegation (columns).",
        _table(*back_channel_table(report, counts)),
    ]


def _timeline(entries: Sequence[Entry]) -> str:
    """One line an event; stage markers stand apart in bold, like headings in a transcript."""
    blocks: list[list[str]] = []
    for entry in entries:
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
    when = f"round {entry.round}" if entry.round else "before round 1"
    return f"- {entry.seq}. ({when}) {_escaped(sentence(entry))}"


def _briefings(report: Report) -> list[str]:
    blocks = ["## Briefings"]
    for role in report.roles:
        blocks += [f"### {role.title}", role.public_briefing.strip()]
        if role.confidential_briefing is not None:
            blocks += [f"#### {role.title}: confidential", role.confidential_briefing.strip()]
    if report.sheets is not None:
        blocks.append("## Scoring sheets (as in force at the end)")
        for name, sheet in report.sheets.items():
            rows = [
                [issue, option, str(points)]
                for issue, options in sheet.items()
                for option, points in options.items()
            ]
            blocks += [f"### {name}", _table(["Issue", "Option", "Points"], rows, numeric={2})]
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
    """Players' and authors' words shown as typed, never read as Markdown (`_defused` does HTML)."""
    return _MARKUP.sub(r"\\\1", text)


def _flat(text: str) -> str:
    return " ".join(text.split())
