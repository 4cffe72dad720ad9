"""Line charts as inline SVG, written by hand so the report needs no plotting library.

Each chart carries a <title> and <desc> for screen readers, one colour per
role (the Okabe–Ito palette, told apart with colour-blindness), axes with
round markers, and a legend; it prints in black and white thanks to dashes
and point marks as well as colour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from tabletop.report.model import Concession, Leading, Report

PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#F0E442",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
)
"""One colour per role, in the exercise's role order (roles are at most 12)."""

WIDTH, HEIGHT = 640, 300
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 168, 16, 40

THINNED = (
    " The session is too long to draw every change: each point is the last change "
    "in its stretch of events, as many as the chart can show."
)

Point = tuple[float, float | None]
"""(x, y); a None y breaks the line."""


@dataclass(frozen=True)
class Line:
    label: str
    colour: str
    points: Sequence[Point]
    dashed: bool = False
    step: bool = False
    """Hold each value until the next point (a state), rather than joining points (moves)."""
    marks: bool = False
    in_legend: bool = True


@dataclass(frozen=True)
class Chart:
    key: str
    """Unique within the page: the ids of the title and description derive from it."""
    title: str
    description: str
    x_label: str
    y_label: str
    x_span: tuple[float, float]
    lines: Sequence[Line]
    markers: Sequence[tuple[float, str]] = ()
    """Vertical markers (x, label), e.g. where each round starts."""
    legend_note: str = ""


def render(chart: Chart) -> str:
    """The chart as one <svg> element."""
    values = [y for line in chart.lines for _, y in line.points if y is not None]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    ticks = _ticks(low, high)
    scale = _Scale(chart.x_span, (ticks[0], ticks[-1]))
    title_id, desc_id = f"{chart.key}-title", f"{chart.key}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="{title_id} {desc_id}" class="chart">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.description)}</desc>',
        *_axes(chart, scale, ticks),
    ]
    if not values:
        parts.append(
            f'<text x="{(_LEFT + WIDTH - _RIGHT) / 2}" y="{HEIGHT / 2}" '
            'text-anchor="middle" font-size="13">nothing to plot</text>'
        )
    parts.extend(svg for line in chart.lines for svg in _line(line, scale))
    parts.extend(_legend(chart))
    parts.append("</svg>")
    return "\n".join(parts)


def concession_chart(report: Report, concessions: dict[str, list[Concession]]) -> Chart:
    """Each role's score of its own proposals over the session, with its reservation dashed."""
    lines: list[Line] = []
    for index, role in enumerate(report.roles):
        points = concessions.get(role.id, [])
        if not points:
            continue
        colour = PALETTE[index % len(PALETTE)]
        lines.append(Line(role.name, colour, [(p.seq, p.score) for p in points], marks=True))
        reservation = [(p.seq, p.reservation) for p in points]
        reservation.append((report.events, points[-1].reservation))
        lines.append(
            Line(
                f"{role.name}: reservation",
                colour,
                reservation,
                dashed=True,
                step=True,
                in_legend=False,
            )
        )
    return Chart(
        key="concessions",
        title="Concession curves",
        description="Each delegation's score of the proposals it made, by event; "
        "the dashed line of the same colour is its reservation value (no deal).",
        x_label="event",
        y_label="points",
        x_span=(1, max(report.events, 2)),
        lines=lines,
        markers=_round_markers(report),
        legend_note="dashed: reservation",
    )


def leading_chart(report: Report, leading: list[Leading]) -> Chart:
    """Every role's score of the proposal leading the table after each event."""
    lines = [
        Line(
            role.name,
            PALETTE[index % len(PALETTE)],
            [(p.seq, p.scores.get(role.id)) for p in leading],
            step=True,
        )
        for index, role in enumerate(report.roles)
    ]
    return Chart(
        key="leading",
        title="Scores of the leading proposal",
        description="After each event, every delegation's score of the live proposal with "
        "the most support (gaps: nothing on the table)."
        + (THINNED if report.chart_thinned else ""),
        x_label="event",
        y_label="points",
        x_span=(1, max(report.events, 2)),
        lines=lines,
        markers=_round_markers(report),
    )


def _round_markers(report: Report) -> list[tuple[float, str]]:
    return [(seq, f"R{number}") for seq, number in report.round_starts]


class _Scale:
    def __init__(self, x_span: tuple[float, float], y_span: tuple[float, float]) -> None:
        self.x_span = x_span
        self.y_span = y_span

    def x(self, value: float) -> float:
        low, high = self.x_span
        return round(_LEFT + (value - low) / (high - low) * (WIDTH - _LEFT - _RIGHT), 1)

    def y(self, value: float) -> float:
        low, high = self.y_span
        return round(HEIGHT - _BOTTOM - (value - low) / (high - low) * (HEIGHT - _TOP - _BOTTOM), 1)


def _ticks(low: float, high: float) -> list[float]:
    """About five round-numbered ticks covering [low, high] (1, 2 or 5 times a power of ten)."""
    if high <= low:
        low, high = low - 1, high + 1
    rough = (high - low) / 5
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    first = math.floor(low / step) * step
    count = math.ceil((high - first) / step)
    return [first + i * step for i in range(count + 1)]


def _axes(chart: Chart, scale: _Scale, ticks: list[float]) -> list[str]:
    left, right = _LEFT, WIDTH - _RIGHT
    bottom, top = HEIGHT - _BOTTOM, _TOP
    parts = [
        '<g font-size="11" fill="#333">',
        f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#333"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="#333"/>',
    ]
    for tick in ticks:
        y = scale.y(tick)
        parts.append(f'<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4}" text-anchor="end">{tick:g}</text>')
    for x_value, label in chart.markers:
        x = scale.x(x_value)
        parts.append(
            f'<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" '
            'stroke="#999" stroke-dasharray="2 3"/>'
        )
        parts.append(f'<text x="{x}" y="{bottom + 14}" text-anchor="middle">{escape(label)}</text>')
    parts.append(
        f'<text x="{(left + right) / 2}" y="{HEIGHT - 6}" text-anchor="middle">'
        f"{escape(chart.x_label)} (R: round starts)</text>"
    )
    parts.append(
        f'<text x="12" y="{(top + bottom) / 2}" text-anchor="middle" '
        f'transform="rotate(-90 12 {(top + bottom) / 2})">{escape(chart.y_label)}</text>'
    )
    parts.append("</g>")
    return parts


def _line(line: Line, scale: _Scale) -> list[str]:
    """One polyline per unbroken run of points, and a dot at each point if asked."""
    runs: list[list[tuple[float, float]]] = [[]]
    previous: float | None = None
    for x, y in line.points:
        if y is None:
            runs.append([])
        else:
            if line.step and runs[-1] and previous is not None:
                runs[-1].append((scale.x(x), scale.y(previous)))
            runs[-1].append((scale.x(x), scale.y(y)))
        previous = y
    dash = ' stroke-dasharray="6 4"' if line.dashed else ""
    parts = [
        f'<polyline fill="none" stroke="{line.colour}" stroke-width="2"{dash} '
        f'points="{" ".join(f"{x},{y}" for x, y in run)}"><title>{escape(line.label)}</title>'
        "</polyline>"
        for run in runs
        if len(run) > 1
    ]
    parts.extend(
        f'<circle cx="{x}" cy="{y}" r="3" fill="{line.colour}"/>'
        for run in runs
        if line.marks or len(run) == 1
        for x, y in run
    )
    return parts


def _legend(chart: Chart) -> list[str]:
    x = WIDTH - _RIGHT + 12
    parts = ['<g font-size="11" fill="#333">']
    shown = [line for line in chart.lines if line.in_legend]
    for row, line in enumerate(shown):
        y = _TOP + 8 + row * 16
        dash = ' stroke-dasharray="6 4"' if line.dashed else ""
        parts.append(
            f'<line x1="{x}" y1="{y}" x2="{x + 22}" y2="{y}" stroke="{line.colour}" '
            f'stroke-width="2"{dash}/>'
        )
        parts.append(f'<text x="{x + 28}" y="{y + 4}">{escape(line.label)}</text>')
    if chart.legend_note:
        y = _TOP + 8 + len(shown) * 16
        parts.append(f'<text x="{x}" y="{y + 4}">{escape(chart.legend_note)}</text>')
    parts.append("</g>")
    return parts
