"""The start screen: the exercises and the recent session logs; new, resume, replay."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, OptionList
from textual.widgets.option_list import Option

from tabletop import collector
from tabletop.tui import keymap
from tabletop.tui.catalogue import Entry, Source, gather
from tabletop.tui.literal import literal
from tabletop.tui.messages import OpenLog, OpenReplay
from tabletop.tui.paths import LogSummary, recent_logs
from tabletop.tui.widgets.exercise_card import ExerciseCard
from tabletop.tui.widgets.key_footer import KeyFooter
from tabletop.tui.widgets.recent_logs import RecentLogs

if TYPE_CHECKING:
    from tabletop.exercise.model import Exercise

HEADINGS: dict[Source, str] = {
    "given": "Given",
    "your folder": "Your folder",
    "bundled": "Bundled",
}
"""The list's heading over the exercises from each place."""


class StartScreen(Screen[None]):
    BINDINGS = keymap.START

    def __init__(self, given: Sequence[Path] = (), also: Sequence[Path] = ()) -> None:
        super().__init__()
        self.given = tuple(given)
        """Exercise files and folders named on the command line."""
        self.also = tuple(also)
        """Logs to list besides the sessions folder's: those left this run."""
        self.exercises: list[Entry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="start-top"):
            with Vertical(id="exercise-column"):
                yield Label("Exercises", classes="section")
                yield OptionList(id="exercise-list")
            with VerticalScroll(id="card-scroll"):
                yield ExerciseCard(id="exercise-card")
        yield Label("Recent sessions", classes="section")
        yield RecentLogs(id="recent")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "tabletop"
        self.sub_title = "negotiation exercises"
        self.query_one("#exercise-list", OptionList).focus()
        # After the first frame: the loader imports pydantic, and would hold it up.
        self.call_after_refresh(self.load_exercises)

    @work(thread=True, exclusive=True, group="exercises")
    def load_exercises(self) -> None:
        """Parse the exercises off the UI thread, so the screen is up at once."""
        found = gather(self.given)
        self.app.call_from_thread(self._show_exercises, found)

    def _show_exercises(self, found: list[Entry]) -> None:
        self.exercises = found
        options = self.query_one("#exercise-list", OptionList)
        options.clear_options()
        source = None
        first: int | None = None
        for index, entry in enumerate(found):
            if entry.source != source:
                source = entry.source
                heading = Text(HEADINGS[source], style="bold dim")
                options.add_option(Option(heading, disabled=True))
            if first is None and entry.exercise is not None:
                first = options.option_count
            options.add_option(Option(_label(entry), id=str(index)))
        if found:
            options.highlighted = 1 if first is None else first  # the first that loads
        else:
            self.query_one(ExerciseCard).problem = "No exercises were found."
        self.refresh_bindings()
        # Start-up is over: keep what it made out of collections for good (see cli.main).
        collector.start_up_over()
        # The recent logs second: they are replayed to be summed up, which
        # needs the engine, and would make the exercises wait.
        self.load_recent()

    @work(thread=True, exclusive=True, group="recent")
    def load_recent(self) -> None:
        """Summarise recent logs off the UI thread: each one is replayed to know its phase."""
        logs = tuple(recent_logs(also=self.also))
        self.app.call_from_thread(self._show_recent, logs)

    def _show_recent(self, logs: tuple[LogSummary, ...]) -> None:
        self.query_one(RecentLogs).logs = logs
        self.refresh_bindings()

    def on_screen_resume(self) -> None:
        if self.exercises:
            self.load_recent()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        entry = self._entry(event.option)
        if entry is not None:
            self.query_one(ExerciseCard).entry = entry

    def _entry(self, option: Option | None) -> Entry | None:
        """The exercise an option of the list stands for (None: a heading)."""
        if option is None or option.id is None:
            return None
        return self.exercises[int(option.id)]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_new()

    def _chosen_exercise(self) -> Exercise | None:
        entry = self._entry(self.query_one("#exercise-list", OptionList).highlighted_option)
        return entry.exercise if entry is not None else None

    def _chosen_log(self) -> LogSummary | None:
        return self.query_one(RecentLogs).chosen

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new":
            return True if self._chosen_exercise() is not None else None
        if action in ("resume", "replay"):
            chosen = self._chosen_log()
            if chosen is None:
                return None
            return True if action == "replay" or chosen.resumable else None
        return True

    def on_data_table_row_highlighted(self) -> None:
        self.refresh_bindings()

    def action_new(self) -> None:
        from tabletop.tui.screens.setup import SetupScreen

        exercise = self._chosen_exercise()
        if exercise is None:
            self.notify("Choose an exercise that loads first.", severity="warning")
            return
        self.app.push_screen(SetupScreen(exercise))

    def action_resume(self) -> None:
        chosen = self._chosen_log()
        if chosen is None:
            self.notify("No session log to resume: start a new session.", severity="warning")
            return
        self.post_message(OpenLog(chosen.path))

    def action_replay(self) -> None:
        chosen = self._chosen_log()
        if chosen is None:
            self.notify("No session log to replay yet.", severity="warning")
            return
        self.post_message(OpenReplay(chosen.path))


def _label(entry: Entry) -> Text:
    """An exercise's title in the list; a file that does not load, by name and in red."""
    if entry.exercise is None:
        return literal(f"{entry.path.name} (broken)", "red")
    return literal(entry.exercise.title)
