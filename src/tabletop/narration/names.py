"""What a reader calls each thing at the table: roles, options, packages, phases, endings.

Every screen and report names a role with `actor_name` (its short name when
the exercise gives one), so a delegation is never "ROK" in one place and
"South Korea" in another; `Role.title` introduces it by both.
"""

from __future__ import annotations

from collections.abc import Iterable

from tabletop.engine.events import SESSION
from tabletop.exercise.model import CONTROL, Exercise
from tabletop.narration.segments import Segment

PHASE_WORDS = {
    "setup": "setting up",
    "briefing": "briefing",
    "opening": "opening statements",
    "negotiating": "negotiating",
    "ratification": "signature",
    "concluded": "concluded",
    "paused": "paused",
    "aborted": "aborted",
}


def to_act(phase: str) -> str:
    """What the delegation whose turn it is has to do, as a status line says it."""
    return "to sign" if phase == "ratification" else "to move"


ENDING_WORDS = {
    "agreement": "an agreement",
    "deadline": "the deadline passed",
    "walk_out": "a walk-out",
    "breakdown": "Control ended the talks",
}


def actor_name(exercise: Exercise, actor: str) -> str:
    """A role's name as the table reads it, or who else acts: Control, or the table's rules."""
    if actor == CONTROL:
        return "Control"
    if actor == SESSION:
        return "The table"
    for role in exercise.roles:
        if role.id == actor:
            return role.label
    return actor


def names(exercise: Exercise, roles: Iterable[str]) -> str:
    return ", ".join(actor_name(exercise, r) for r in roles) or "—"


def option_name(exercise: Exercise, issue: str, option: str) -> str:
    found = next((i.option(option) for i in exercise.issues if i.id == issue), None)
    return found.name if found else option


def package_lines(exercise: Exercise, package: dict[str, str]) -> list[tuple[str, str]]:
    """(issue name, option name) for each issue the package settles, in the exercise's order."""
    return [
        (issue.name, option_name(exercise, issue.id, package[issue.id]))
        for issue in exercise.issues
        if issue.id in package
    ]


def package_words(exercise: Exercise, package: dict[str, str]) -> list[Segment]:
    """A package on one line: "Nuclear programme: Freeze; Verification: IAEA"."""
    words: list[Segment] = []
    for issue, option in package_lines(exercise, package):
        if words:
            words.append(Segment("; "))
        words += [Segment(f"{issue}: ", "muted"), Segment(option, "option")]
    return words
