"""What the start screen says about an exercise before a facilitator picks it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from tabletop.narration.plain import reflow
from tabletop.tui.literal import literal

if TYPE_CHECKING:
    from tabletop.exercise.model import Exercise
    from tabletop.tui.catalogue import Entry

ORIGINS = {"given": "Given on the command line: ", "your folder": "From your folder: "}
"""How the card says where an exercise comes from, before its path."""


class ExerciseCard(Static):
    """Title, summary, roles, rounds and the number of possible packages; or why it cannot load.

    Then where it comes from, with the file's path unless it is bundled, so
    an exercise of the same title in two places is told apart. Everything
    from the file is shown as text, never markup.
    """

    entry: reactive[Entry | None] = reactive(None, layout=True)
    problem: reactive[str | None] = reactive(None, layout=True)
    """Something to say instead of any exercise (none was found)."""

    def render(self) -> Text:
        if self.problem is not None:
            return literal(self.problem, "bold red")
        entry = self.entry
        if entry is None:
            return Text("Loading exercises…", style="dim")
        if entry.exercise is None:
            text = literal(f"{entry.path.name} cannot be loaded:\n", "bold red")
            text.append_text(literal("\n".join(entry.problems), "red"))
        else:
            text = _about(entry.exercise)
        text.append("\n\n")
        if entry.source == "bundled":
            text.append("Bundled with tabletop", style="dim")
        else:
            text.append_text(literal(ORIGINS[entry.source] + str(entry.path), "dim"))
        return text


def _about(exercise: Exercise) -> Text:
    schedule = exercise.schedule
    text = Text()
    text.append(exercise.title + "\n", style="bold")
    text.append(reflow(exercise.summary) + "\n\n")
    text.append("Roles: ", style="dim")
    text.append(", ".join(r.title for r in exercise.roles) + "\n")
    text.append("Issues: ", style="dim")
    text.append(", ".join(i.name for i in exercise.issues) + "\n")
    text.append("Rounds: ", style="dim")
    text.append(f"{schedule.rounds}")
    if schedule.seconds_per_turn:
        text.append(f" · {schedule.seconds_per_turn} s a turn")
    text.append(" · Packages: ", style="dim")
    text.append(f"{exercise.package_count:,}")
    text.append(f" · Injects: {len(exercise.injects)}", style="dim")
    return text
