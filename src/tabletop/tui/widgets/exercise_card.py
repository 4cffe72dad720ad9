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


class ExerciseCard(Static):
    """Title, summary, roles, rounds and the number of possible packages; or why it cannot load."""

    exercise: reactive[Exercise | None] = reactive(None, layout=True)
    problem: reactive[str | None] = reactive(None, layout=True)

    def render(self) -> Text:
        if self.problem is not None:
            return literal(self.problem, "bold red")
        exercise = self.exercise
        if exercise is None:
            return Text("Loading exercises…", style="dim")
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
