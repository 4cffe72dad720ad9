"""Events in words: one line a person reads, for the report and the replay viewer.

Private message texts are told only when `reveal` is set; who wrote to whom
is always told, since the count of back-channel messages is no secret.
"""

from __future__ import annotations

from tabletop.engine.events import SESSION, Event
from tabletop.exercise.model import CONTROL, Exercise

ENDINGS = {
    "agreement": "agreement",
    "deadline": "the deadline passed",
    "walk_out": "a walk-out",
    "breakdown": "Control ended the talks",
}
_TRIGGERS = {"round": "on schedule", "condition": "its condition held", "control": "by Control"}


def actor_name(exercise: Exercise, actor: str) -> str:
    """A role's name, or who else acts: Control, or the rules themselves."""
    if actor == CONTROL:
        return "Control"
    if actor == SESSION:
        return "Session"
    return exercise.role(actor).name


def package_lines(exercise: Exercise, package: dict[str, str]) -> list[tuple[str, str]]:
    """(issue name, option name) for each issue, in the exercise's order."""
    lines = []
    for issue in exercise.issues:
        option = issue.option(package[issue.id])
        lines.append((issue.name, option.name if option else package[issue.id]))
    return lines


def package_text(exercise: Exercise, package: dict[str, str]) -> str:
    return "; ".join(f"{issue}: {option}" for issue, option in package_lines(exercise, package))


def describe(exercise: Exercise, event: Event, reveal: bool) -> str:
    """What the event's actor did, without the actor's name."""
    payload = event.payload
    match event.kind:
        case "started":
            return "opens the briefing"
        case "advanced":
            return (
                "opening statements begin"
                if payload["phase"] == "opening"
                else "negotiation begins"
            )
        case "round_started":
            return f"round {payload['round']} begins"
        case "proposed":
            text = package_text(exercise, payload["package"])
            if payload["parent"] is None:
                return f"proposes #{payload['proposal']}: {text}"
            return f"amends #{payload['parent']} as #{payload['proposal']}: {text}"
        case "supported":
            return f"supports #{payload['proposal']}"
        case "withdrawn":
            return f"withdraws support from #{payload['proposal']}"
        case "rejected":
            return f"rejects #{payload['proposal']}: {payload['reason']}"
        case "stated":
            return f"states: “{payload['text']}”"
        case "messaged":
            to = actor_name(exercise, payload["to"])
            return f"→ {to}: “{payload['text']}”" if reveal else f"→ {to} (private message)"
        case "passed":
            return "passes"
        case "skipped":
            return f"skips the turn of {actor_name(exercise, payload['role'])}"
        case "walked_out":
            return _with_reason("walks out", payload["reason"])
        case "ratification_opened":
            names = ", ".join(actor_name(exercise, r) for r in payload["signatories"])
            return f"#{payload['proposal']} goes to signature by {names}"
        case "signed":
            return "signs"
        case "declined":
            return _with_reason("declines to sign", payload["reason"])
        case "inject_fired":
            inject = exercise.inject(payload["inject"])
            return (
                f"inject “{inject.title}” ({_TRIGGERS[payload['trigger']]}): {inject.text.strip()}"
            )
        case "paused":
            return "pauses the session"
        case "resumed":
            return "resumes the session"
        case "extended":
            return f"extends the talks to {payload['rounds']} rounds"
        case "annotated":
            return f"notes: {payload['text']}"
        case "concluded":
            title = exercise.outcome(payload["outcome"]).title
            return _with_reason(
                f"the talks end ({ENDINGS[payload['ending']]}): {title}", payload.get("reason", "")
            )
        case "aborted":
            return _with_reason("abandons the session", payload["reason"])
    raise AssertionError(f"an event kind with no words: {event.kind}")


def _with_reason(text: str, reason: str) -> str:
    return f"{text}: {reason}" if reason else text
