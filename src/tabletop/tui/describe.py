"""Events, packages and proposals put into words for the screens.

One place says how an event reads, so the console's timeline, a
delegation's history and its messages never tell the same thing two ways.
Texts are returned as `Text`, never markup, because players type them.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from tabletop.engine import Event, Proposal
from tabletop.engine.events import SESSION
from tabletop.exercise.model import CONTROL, Exercise
from tabletop.tui.text import reflow

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
ENDING_WORDS = {
    "agreement": "an agreement",
    "deadline": "the deadline passed",
    "walk_out": "a walk-out",
    "breakdown": "Control ended the talks",
}


def actor_name(exercise: Exercise, actor: str) -> str:
    if actor == CONTROL:
        return "Control"
    if actor == SESSION:
        return "The table"
    return exercise.role(actor).label if actor in exercise.role_ids else actor


def option_name(exercise: Exercise, issue: str, option: str) -> str:
    found = exercise.issue(issue).option(option)
    return found.name if found else option


def package_line(exercise: Exercise, package: dict[str, str]) -> str:
    """A package on one line, by option id: compact enough for a table row."""
    return ", ".join(f"{i.id}={package[i.id]}" for i in exercise.issues if i.id in package)


def package_lines(exercise: Exercise, package: dict[str, str]) -> list[tuple[str, str]]:
    """A package issue by issue, with full names."""
    return [
        (issue.name, option_name(exercise, issue.id, package[issue.id]))
        for issue in exercise.issues
        if issue.id in package
    ]


def names(exercise: Exercise, roles: Iterable[str]) -> str:
    return ", ".join(actor_name(exercise, r) for r in roles) or "—"


def proposal_text(exercise: Exercise, proposal: Proposal) -> Text:
    """A proposal in full: package, status, who backs it and who turned it down, and why."""
    text = Text()
    title = f"#{proposal.id} by {actor_name(exercise, proposal.author)}"
    if proposal.parent is not None:
        title += f" (amends #{proposal.parent})"
    text.append(title, style="bold")
    text.append(f" · {proposal.status} · round {proposal.round}\n")
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


def event_text(exercise: Exercise, event: Event) -> Text:
    """One event as a line of the timeline."""
    p = event.payload
    who = actor_name(exercise, event.actor)
    text = Text()
    match event.kind:
        case "started":
            text.append("Control opened the briefing")
        case "advanced":
            text.append(f"Now: {PHASE_WORDS.get(p['phase'], p['phase'])}", style="bold")
        case "round_started":
            text.append(f"── Round {p['round']} ──", style="bold")
        case "proposed":
            text.append(f"{who} ", style="bold")
            parent = f" (amends #{p['parent']})" if p["parent"] is not None else ""
            text.append(f"proposed #{p['proposal']}{parent}: ")
            text.append(package_line(exercise, p["package"]))
        case "supported":
            text.append(f"{who} ", style="bold")
            text.append(f"supports #{p['proposal']}")
        case "withdrawn":
            text.append(f"{who} ", style="bold")
            text.append(f"withdrew support from #{p['proposal']}")
        case "rejected":
            text.append(f"{who} ", style="bold")
            text.append(f"rejected #{p['proposal']}: ")
            text.append(p["reason"], style="italic")
        case "stated":
            text.append(f"{who}: ", style="bold")
            text.append(p["text"], style="italic")
        case "messaged":
            text.append(f"{who} → {actor_name(exercise, p['to'])} ", style="bold")
            text.append("(private): ", style="dim")
            text.append(p["text"], style="italic")
        case "passed":
            text.append(f"{who} ", style="bold")
            text.append("passed")
        case "skipped":
            text.append(f"Control skipped {actor_name(exercise, p['role'])}'s turn")
        case "walked_out":
            text.append(f"{who} walked out", style="bold")
            if p["reason"]:
                text.append(f": {p['reason']}", style="italic")
        case "ratification_opened":
            text.append(f"#{p['proposal']} goes to signature: ", style="bold")
            text.append(names(exercise, p["signatories"]))
        case "signed":
            text.append(f"{who} signed", style="bold")
        case "declined":
            text.append(f"{who} declined to sign", style="bold")
            if p["reason"]:
                text.append(f": {p['reason']}", style="italic")
        case "inject_fired":
            inject = exercise.inject(p["inject"])
            text.append(f"Inject: {inject.title}. ", style="bold")
            text.append(reflow(inject.text))
        case "paused":
            text.append("Control paused the session")
        case "resumed":
            text.append("Control resumed the session")
        case "extended":
            text.append(f"Control extended the talks to {p['rounds']} rounds")
        case "annotated":
            text.append("Note: ", style="bold")
            text.append(p["text"], style="italic")
        case "concluded":
            outcome = exercise.outcome(p["outcome"])
            ending = ENDING_WORDS.get(p["ending"], p["ending"])
            text.append(f"Talks concluded ({ending}): {outcome.title}", style="bold")
        case "aborted":
            text.append("Control aborted the session", style="bold")
            if p["reason"]:
                text.append(f": {p['reason']}")
    return text
