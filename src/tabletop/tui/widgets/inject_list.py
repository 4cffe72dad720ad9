"""Control's list of injects: fired, ready to fire or not, with every text, private ones too."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from tabletop.exercise.model import ConditionTrigger, Exercise, Inject, RoundTrigger
from tabletop.narration.plain import plain
from tabletop.tui.describe import actor_name


@dataclass(frozen=True)
class InjectStatus:
    fired: tuple[str, ...] = ()
    ready: tuple[str, ...] = ()
    """Injects Control may fire now, from `legal_acts("control").injects`."""


def _trigger(inject: Inject) -> str:
    trigger = inject.trigger
    if isinstance(trigger, RoundTrigger):
        when = f"at round {trigger.at_round}"
    elif isinstance(trigger, ConditionTrigger):
        when = "when its condition holds"
    else:
        when = "by Control only"
    if inject.probability < 1:
        when += f" ({inject.probability:.0%} chance)"
    return when


class InjectList(Static):
    """Each inject with its state: fired, ready to fire (press i), or not now."""

    status: reactive[InjectStatus] = reactive(InjectStatus, layout=True)

    def __init__(self, exercise: Exercise, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.exercise = exercise

    def render(self) -> Text:
        if not self.exercise.injects:
            return Text("This exercise has no injects.", style="dim")
        text = Text()
        for inject in self.exercise.injects:
            if inject.id in self.status.fired:
                mark, style = "✓ fired", "dim"
            elif inject.id in self.status.ready:
                mark, style = "● ready (i)", "bold"
            else:
                mark, style = "○ not now", ""
            text.append(f"{mark:<12}", style=style)
            text.append(f"{inject.title}", style="bold")
            text.append(f" — {_trigger(inject)}\n", style="dim")
            text.append(f"  {plain(inject.text)}\n")
            for role, private in inject.private.items():
                text.append(f"  Only {actor_name(self.exercise, role)}: ", style="italic dim")
                text.append(f"{plain(private)}\n", style="italic")
            text.append("\n")
        text.rstrip()
        return text
