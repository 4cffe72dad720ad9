"""A line chart of each role's score over the session, drawn in braille dots.

Textual has no multi-series chart of its own and a plotting dependency is
not worth one picture: braille gives two by four dots a cell, enough for a
readable line per role, with each role's reservation as a dotted line in
its colour so the room sees when a deal on the table beat no deal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
"""Braille dot bit by (row in cell, column in cell)."""

_PALETTE = ("primary", "warning", "success", "error", "accent", "secondary")
"""Theme colours the series take in turn, so the chart reads in every theme."""

_LABEL = 5
"""Columns for the y-axis labels."""


@dataclass(frozen=True)
class Series:
    """One role's score after each event (None: nothing on the table then)."""

    label: str
    values: tuple[int | None, ...]
    reservation: int


@dataclass(frozen=True)
class ChartData:
    series: tuple[Series, ...] = ()
    rounds: tuple[int, ...] = field(default=())
    """The round after each event, for the ticks on the x axis."""


class ScoreChart(Widget):
    """Scores up the side, events along the bottom with the rounds marked."""

    data: reactive[ChartData] = reactive(ChartData)

    def _colours(self) -> list[Style]:
        variables = self.app.theme_variables
        return [Style(color=variables.get(name, "white")) for name in _PALETTE]

    def render(self) -> Text:
        data = self.data
        points = [v for s in data.series for v in (*s.values, s.reservation) if v is not None]
        length = max((len(s.values) for s in data.series), default=0)
        if not points or length == 0:
            return Text("Nothing to chart yet.", style="dim")
        colours = self._colours()
        legend = _legend(data.series, colours, self.size.width)
        if self.size.height - 1 - len(legend) < 2:
            # Too short for the full legend: the short one, rather than roles cut off.
            legend = _legend(data.series, colours, self.size.width, short=True)
        rows = max(self.size.height - 1 - len(legend), 1)
        cols = max(self.size.width - _LABEL - 1, 4)
        low, high = min(points), max(points)
        if low == high:
            low, high = low - 1, high + 1
        grid = _Grid(cols, rows, low, high)
        for index, series in enumerate(data.series):
            grid.dotted(series.reservation, index)
        for index, series in enumerate(data.series):
            grid.line(series.values, index)
        text = Text()
        for row in range(rows):
            label = str(high) if row == 0 else str(low) if row == rows - 1 else ""
            text.append(f"{label:>{_LABEL}}│", style="dim")
            text.append_text(grid.row(row, colours))
            text.append("\n")
        text.append_text(_axis(data.rounds, cols))
        for line in legend:
            text.append("\n")
            text.append_text(line)
        return text


class _Grid:
    """Dots per cell and the series each cell belongs to (the last drawn wins)."""

    def __init__(self, cols: int, rows: int, low: int, high: int) -> None:
        self.cols, self.rows, self.low, self.high = cols, rows, low, high
        self.masks = [[0] * cols for _ in range(rows)]
        self.owner: list[list[int | None]] = [[None] * cols for _ in range(rows)]
        self.faint = [[False] * cols for _ in range(rows)]

    def _y(self, value: int) -> int:
        span = self.rows * 4 - 1
        return span - round((value - self.low) / (self.high - self.low) * span)

    def _dot(self, x: int, y: int, series: int, faint: bool) -> None:
        row, col = y // 4, x // 2
        if not (0 <= row < self.rows and 0 <= col < self.cols):
            return
        if faint and self.owner[row][col] is not None and not self.faint[row][col]:
            return
        self.masks[row][col] |= _BITS[y % 4][x % 2]
        self.owner[row][col] = series
        self.faint[row][col] = faint

    def dotted(self, value: int, series: int) -> None:
        y = self._y(value)
        for x in range(series % 3, self.cols * 2, 3):
            self._dot(x, y, series, faint=True)

    def line(self, values: tuple[int | None, ...], series: int) -> None:
        width = self.cols * 2 - 1
        last = max(len(values) - 1, 1)
        previous: tuple[int, int] | None = None
        for index, value in enumerate(values):
            if value is None:
                previous = None
                continue
            point = (round(index * width / last), self._y(value))
            start = previous or point
            steps = max(abs(point[0] - start[0]), abs(point[1] - start[1]), 1)
            for step in range(steps + 1):
                x = start[0] + (point[0] - start[0]) * step // steps
                y = start[1] + (point[1] - start[1]) * step // steps
                self._dot(x, y, series, faint=False)
            previous = point

    def row(self, row: int, colours: list[Style]) -> Text:
        text = Text()
        for col in range(self.cols):
            mask = self.masks[row][col]
            owner = self.owner[row][col]
            if not mask or owner is None:
                text.append(" ")
                continue
            style = colours[owner % len(colours)]
            if self.faint[row][col]:
                style += Style(dim=True)
            text.append(chr(0x2800 + mask), style=style)
        return text


def _axis(rounds: tuple[int, ...], cols: int) -> Text:
    """The x axis, with the number of each round where it begins."""
    line = ["─"] * cols
    last = max(len(rounds) - 1, 1)
    seen = 0
    for index, number in enumerate(rounds):
        if number > seen and number > 0:
            seen = number
            col = round(index * (cols * 2 - 1) / last) // 2
            for offset, char in enumerate(str(number)):
                if col + offset < cols:
                    line[col + offset] = char
    text = Text(" " * _LABEL + "└", style="dim")
    text.append("".join(line), style="dim")
    return text


def _legend(
    series: tuple[Series, ...], colours: list[Style], width: int, short: bool = False
) -> list[Text]:
    """One entry per role: its colour, name, last score and reservation, wrapped to the width.

    `short` writes the reservation as "vs N" instead of "(no deal N)".
    """
    lines: list[Text] = [Text(" " * (_LABEL + 1))]
    for index, one in enumerate(series):
        last = next((v for v in reversed(one.values) if v is not None), None)
        entry = Text()
        entry.append("━━ ", style=colours[index % len(colours)])
        shown = "—" if last is None else str(last)
        against = f"vs {one.reservation}" if short else f"(no deal {one.reservation})"
        entry.append(f"{one.label} {shown} {against}  ")
        if lines[-1].cell_len + entry.cell_len > width:
            lines.append(Text(" " * (_LABEL + 1)))
        lines[-1].append_text(entry)
    return lines
