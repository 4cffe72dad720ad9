"""The report as one self-contained HTML file: inline CSS and SVG, nothing fetched.

It is meant to be mailed, archived and printed, so it depends on nothing
outside the file, and a print stylesheet keeps tables and charts whole on
the page. Briefings and narratives are the author's Markdown, rendered with
raw HTML disabled, so an exercise file cannot inject markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from markdown_it import MarkdownIt

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
from tabletop.report.svg import concession_chart, leading_chart, render
from tabletop.safe_markdown import followable

_MARKDOWN = MarkdownIt("commonmark", {"html": False})

STYLE = """
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111;
  margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { border-bottom: 2px solid #333; padding-bottom: .15rem; margin-top: 2rem; }
h3 { margin-bottom: .3rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #bbb; padding: .2rem .5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.notice { border-left: 4px solid #555; background: #f6f6f6; padding: .5rem .8rem; margin: 1rem 0; }
.notice.damage { border-color: #b00020; background: #fdecee; }
.facts { color: #444; }
figure { margin: 1rem 0; }
figcaption { font-size: .9rem; color: #444; }
table.timeline { width: 100%; }
table.timeline tr.marker th { background: #e4e4e4; }
table.timeline td.private { font-style: italic; }
.confidential { border: 1px dashed #b00020; padding: 0 .8rem; }
nav ol { columns: 2; }
@page { margin: 16mm; }
@media print {
  body { font-size: 10pt; max-width: none; padding: 0; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; }
  table, figure, .notice, li { break-inside: avoid; }
  table.timeline { break-inside: auto; }
  table.timeline tr { break-inside: avoid; }
  th { background: none; }
}
"""

_SECTIONS = (
    ("outcome", "Outcome"),
    ("frontier", "Against the Pareto frontier"),
    ("proposals", "Proposals"),
    ("charts", "Scores over the session"),
    ("back-channel", "Back channel"),
    ("annotations", "Control's annotations"),
    ("timeline", "Timeline"),
    ("briefings", "Briefings"),
)
_FACILITATORS = frozenset({"frontier", "charts", "back-channel", "annotations"})
"""Sections only the facilitator's report has."""


def to_html(report: Report) -> str:
    """The whole report as one HTML document."""
    title = escape(f"After-action report: {report.title}")
    body = [
        f"<header><h1>{title}</h1>",
        _markdown(report.summary),
        _facts(report),
        "</header>",
    ]
    damage = damage_notice(report)
    if damage:
        body.append(
            f'<aside class="notice damage" role="alert"><strong>Damaged log.</strong> '
            f"{escape(damage)}</aside>"
        )
    body.append(f'<aside class="notice">{escape(confidential_notice(report))}</aside>')
    body.append(
        '<nav aria-label="Contents"><ol>'
        + "".join(
            f'<li><a href="#{key}">{escape(name)}</a></li>'
            for key, name in _SECTIONS
            if report.revealed or key not in _FACILITATORS
        )
        + "</ol></nav>"
    )
    if report.sources:
        body.append(_section("sources", "Sources", [_sources(report)]))
    body.append(
        _section(
            "delegations",
            "Delegations",
            [_table(*seats_table(report))],
        )
    )
    body.append(_section("outcome", "Outcome", _outcome(report)))
    if report.frontier is not None:
        sentences = frontier_sentences(report.frontier)
        items = ["<ul>", *(f"<li>{escape(s)}</li>" for s in sentences), "</ul>"]
        body.append(_section("frontier", "Against the Pareto frontier", items))
    body.append(_section("proposals", "Proposals", _proposals(report)))
    if report.concessions is not None and report.leading is not None:
        charts = _charts(report, report.concessions, report.leading)
        body.append(_section("charts", "Scores over the session", charts))
    if report.back_channel is not None:
        channel = _back_channel(report, report.back_channel)
        body.append(_section("back-channel", "Back channel", channel))
    if report.annotations is not None:
        notes = _annotations(report.annotations)
        body.append(_section("annotations", "Control's annotations", notes))
    body += [
        _section("timeline", "Timeline", [_timeline(report)]),
        _section("briefings", "Briefings", _briefings(report)),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def _facts(report: Report) -> str:
    facts = [
        ("Log", report.log),
        ("Started", f"{report.started_at:%Y-%m-%d %H:%M %Z}".rstrip()),
        ("Seed", f"{report.seed} · engine {report.engine}"),
    ]
    if report.parent:
        facts.append(("Forked from", report.parent))
    facts.append(("Events", str(report.events)))
    if report.receipt:
        facts.append(("Receipt (tabletop log verify --receipt)", report.receipt))
    items = "".join(f"<li>{escape(k)}: {escape(v)}</li>" for k, v in facts)
    return f'<ul class="facts">{items}</ul>'


def _sources(report: Report) -> str:
    items = []
    for s in report.sources:
        text = escape(f"{s.title} — {s.author}, {s.outlet}, {s.date}")
        if s.url and followable(s.url):
            text += f'. <a href="{escape(s.url)}">{escape(s.url)}</a>'
        elif s.url:
            text += f". {escape(s.url)}"
        items.append(f"<li>{text}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _outcome(report: Report) -> list[str]:
    parts = [f"<p>{escape(status(report))}</p>"]
    outcome = report.outcome
    if outcome is not None:
        parts.append(f"<h3>{escape(outcome.title)}</h3>")
        if outcome.reason:
            parts.append(f"<p>{escape(reason_given(outcome.reason))}</p>")
        parts.append(_markdown(outcome.narrative))
        if outcome.package:
            parts += [f"<p>{AGREED}</p>", _package(outcome.package)]
    if report.scores is not None:
        parts += [f"<h3>{SCORES}</h3>", _table(*scores_table(report.scores))]
    return parts


def _proposals(report: Report) -> list[str]:
    if not report.proposals:
        return [f"<p>{NO_PROPOSAL}</p>"]
    parts = []
    for p in report.proposals:
        parts.append(
            f"<h3>{escape(proposal_title(p))} <small>{escape(proposal_detail(p))}</small></h3>"
        )
        parts.append(_package(p.package))
        lines = [supported(p), *(rejected(role, reason) for role, reason in p.rejections)]
        parts.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>")
    return parts


def _charts(
    report: Report, concessions: dict[str, list[Concession]], leading_points: list[Leading]
) -> list[str]:
    curves = concession_chart(report, concessions)
    leading = leading_chart(report, leading_points)
    rows = [
        [role.name, str(p.seq), str(p.round), f"#{p.proposal}", str(p.score), str(p.reservation)]
        for role in report.roles
        for p in concessions.get(role.id, [])
    ]
    return [
        f"<h3>{escape(curves.title)}</h3>",
        f"<figure>{render(curves)}<figcaption>{escape(curves.description)}</figcaption></figure>",
        _table(
            ["Delegation", "Event", "Round", "Proposal", "Own score", "Reservation"],
            rows,
            numeric={1, 2, 4, 5},
        )
        if rows
        else f"<p>{NO_PROPOSAL}</p>",
        f"<h3>{escape(leading.title)}</h3>",
        f"<figure>{render(leading)}<figcaption>{escape(leading.description)}</figcaption></figure>",
    ]


def _back_channel(report: Report, counts: dict[str, dict[str, int]]) -> list[str]:
    return [
        f"<p>{BACK_CHANNEL}</p>",
        _table(*back_channel_table(report, counts)),
    ]


def _annotations(annotations: list[Entry]) -> list[str]:
    if not annotations:
        return ["<p>None.</p>"]
    items = (f"<li>Event {e.seq} ({when(e)}): {escape(sentence(e))}</li>" for e in annotations)
    return ["<ul>", *items, "</ul>"]


def _timeline(report: Report) -> str:
    if not report.timeline:
        return "<p>No events.</p>"
    rows = [
        '<table class="timeline"><thead><tr><th class="num">Event</th><th>What happened</th>'
        "</tr></thead><tbody>"
    ]
    gap = report.timeline_gap
    for index, entry in enumerate(report.timeline):
        if gap is not None and index == gap.after:
            rows.append(
                f'<tr class="gap"><td colspan="2">{escape(left_out(report, gap))}</td></tr>'
            )
        if entry.marker:
            rows.append(
                f'<tr class="marker"><th class="num">{entry.seq}</th>'
                f"<th>{escape(sentence(entry))}</th></tr>"
            )
            continue
        notes = [f"Private, to {text}" for text in entry.private]
        if entry.withheld:
            notes.append(withheld(entry.withheld))
        extra = "".join(f"<br><span class=private>{escape(n)}</span>" for n in notes)
        rows.append(
            f'<tr><td class="num">{entry.seq}</td><td>{escape(sentence(entry))}{extra}</td></tr>'
        )
    rows.append("</tbody></table>")
    return "\n".join(rows)


def _briefings(report: Report) -> list[str]:
    parts: list[str] = []
    for role in report.roles:
        parts += [f"<h3>{escape(role.title)}</h3>", _markdown(role.public_briefing)]
        if role.confidential_briefing is not None:
            parts.append(
                f'<div class="confidential"><h4>{escape(role.title)}: confidential</h4>'
                f"{_markdown(role.confidential_briefing)}</div>"
            )
    if report.sheets is not None:
        parts.append(f"<h3>{SHEETS}</h3>")
        for name, sheet in report.sheets.items():
            parts += [f"<h4>{escape(name)}</h4>", _table(*sheet_table(sheet))]
    return parts


def _section(key: str, title: str, parts: Iterable[str]) -> str:
    return f'<section id="{key}">\n<h2>{escape(title)}</h2>\n' + "\n".join(parts) + "\n</section>"


def _package(package: PackageLines) -> str:
    return _table(*package_table(package))


def _table(
    header: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int] | None = None
) -> str:
    right = numeric or set()

    def cells(tag: str, row: Sequence[str]) -> str:
        return "".join(
            f"<{tag}{' class=num' if i in right else ''}>{escape(c)}</{tag}>"
            for i, c in enumerate(row)
        )

    body = "".join(f"<tr>{cells('td', row)}</tr>" for row in rows)
    return f"<table><thead><tr>{cells('th', header)}</tr></thead><tbody>{body}</tbody></table>"


def _markdown(text: str) -> str:
    return str(_MARKDOWN.render(text.strip()))
