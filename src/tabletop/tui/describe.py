"""The table's words (`tabletop.narration`) styled for the screens.

The narration says what an event or a proposal is; this module only says
how each kind of segment looks. Texts become `Text`, never markup, because
players type them. Names are re-exported so screens have one import.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from tabletop.controls import escaped
from tabletop.engine import Event, Proposal
from tabletop.exercise.model import Exercise
from tabletop.narration.events import event_words
from tabletop.narration.names import (
    ENDING_WORDS,
    PHASE_WORDS,
    actor_name,
    names,
    package_lines,
    to_act,
)
from tabletop.narration.segments import Kind, Segment

__all__ = [
    "ENDING_WORDS",
    "PHASE_WORDS",
    "actor_name",
    "event_text",
    "names",
    "package_lines",
    "proposal_text",
    "styled",
    "to_act",
]

STYLES: dict[Kind, str] = {
    "plain": "",
    "actor": "bold",
    "option": "",
    "emphasis": "italic",
    "marker": "bold",
    "muted": "dim",
}


def styled(words: Iterable[Segment]) -> Text:
    """The words as `Text`, any control character written out, as `literal` does."""
    text = Text()
    for segment in words:
        text.append(escaped(segment.text), style=STYLES[segment.kind])
    return text


def event_text(exercise: Exercise, event: Event) -> Text:
    """One event as a line of the timeline; screens show only events their viewer may read."""
    return styled(event_words(exercise, event))


def proposal_text(exercise: Exercise, proposal: Proposal, status: str) -> Text:
    """A proposal in full: package, how it stands, who backs it and who turned it down, and why."""
    text = Text()
    title = f"#{proposal.id} by {actor_name(exercise, proposal.author)}"
    if proposal.parent is not None:
        title += f" (amends #{proposal.parent})"
    text.append(title, style="bold")
    text.append(f" · {status} · round {proposal.round}\n")
    for issue, option in package_lines(exercise, proposal.package):
        text.append(f"  {issue}: ", style="dim")
        text.append(f"{option}\n")
    text.append("  Supported by: ", style="dim")
    text.append(names(exercise, proposal.supporters) + "\n")
    for rejection in proposal.rejections:
        text.append(f"  Rejected by {actor_name(exercise, rejection.role)}: ", style="dim")
        text.append(rejection.reason + "\n")
    text.rstrip()
    return text
