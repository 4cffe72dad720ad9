"""The start screen's list of recent session logs."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import DataTable

from tabletop.tui.paths import LogSummary


class RecentLogs(DataTable[Text | str]):
    """Newest first; `chosen` is the log under the cursor."""

    logs: reactive[tuple[LogSummary, ...]] = reactive((), always_update=True, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)

    def on_mount(self) -> None:
        # Text labels, not markup strings: parsing markup would load rich's emoji table.
        self.add_columns(Text("Exercise"), Text("Started"), Text("Where it stands"))

    def watch_logs(self, logs: tuple[LogSummary, ...]) -> None:
        self.clear()
        for index, log in enumerate(logs):
            started = log.started.astimezone().strftime("%d %b %H:%M") if log.started else "?"
            style = "" if log.resumable else "dim"
            self.add_row(
                Text(log.exercise, style=style),
                Text(started, style=style),
                Text(log.status, style=style),
                key=str(index),
            )

    @property
    def chosen(self) -> LogSummary | None:
        if not self.logs or not self.row_count:
            return None
        return self.logs[min(self.cursor_row, len(self.logs) - 1)]
