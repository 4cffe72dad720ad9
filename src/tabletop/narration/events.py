"""One event as one sentence, for the console's timeline, a delegation's history and the report.

The sentence names its actor itself, in the past tense, as a record reads.
It tells whatever the event holds, a private message's text too: which
events a reader may see is the caller's call (a `RoleView`, the report's
audience), made before any words are chosen.
"""

from __future__ import annotations

import math

from tabletop.engine.events import Event
from tabletop.exercise.model import Exercise
from tabletop.narration.names import (
    ENDING_WORDS,
    PHASE_WORDS,
    actor_name,
    names,
    package_words,
)
from tabletop.narration.plain import plain
from tabletop.narration.segments import Segment, Words

STAGES = frozenset({"started", "advanced", "round_started", "ratification_opened", "concluded"})
"""Events that mark a stage of the talks rather than a move in them."""

_BEGINS = {"opening": "Opening statements began", "negotiating": "Negotiation began"}
_TRIGGERS = {"round": "on schedule", "condition": "its condition held", "control": "by Control"}


def event_words(exercise: Exercise, event: Event) -> Words:
    """What happened, who did it, and to what, as plain segments."""
    p = event.payload
    who = Segment(actor_name(exercise, event.actor), "actor")
    match event.kind:
        case "started":
            return (who, Segment(" opened the briefing"))
        case "advanced":
            phase = p["phase"]
            return (Segment(_BEGINS.get(phase, f"Now: {PHASE_WORDS.get(phase, phase)}"), "marker"),)
        case "round_started":
            return (Segment(f"Round {p['round']} began", "marker"),)
        case "proposed":
            amends = f", amending #{p['parent']}" if p["parent"] is not None else ""
            return (
                who,
                Segment(f" proposed #{p['proposal']}{amends}: "),
                *package_words(exercise, p["package"]),
            )
        case "supported":
            return (who, Segment(f" supported #{p['proposal']}"))
        case "withdrawn":
            return (who, Segment(f" withdrew support from #{p['proposal']}"))
        case "rejected":
            return (who, Segment(f" rejected #{p['proposal']}: "), Segment(p["reason"], "emphasis"))
        case "stated":
            return (who, Segment(" said: "), Segment(f"“{p['text']}”", "emphasis"))
        case "messaged":
            to = Segment(actor_name(exercise, p["to"]), "actor")
            return (
                who,
                Segment(" → "),
                to,
                Segment(" (private): ", "muted"),
                Segment(f"“{p['text']}”", "emphasis"),
            )
        case "passed":
            return (who, Segment(" passed"))
        case "skipped":
            skipped = Segment(actor_name(exercise, p["role"]), "actor")
            return (who, Segment(" skipped "), skipped, Segment("'s turn"))
        case "walked_out":
            return _with_reason((who, Segment(" walked out")), p["reason"])
        case "ratification_opened":
            signatories = names(exercise, p["signatories"])
            return (Segment(f"#{p['proposal']} went to signature by {signatories}", "marker"),)
        case "signed":
            return (who, Segment(" signed"))
        case "declined":
            return _with_reason((who, Segment(" declined to sign")), p["reason"])
        case "inject_fired":
            inject = exercise.inject(p["inject"])
            return (
                Segment(f"Inject “{inject.title}”", "marker"),
                Segment(f" ({_TRIGGERS[p['trigger']]}): ", "muted"),
                Segment(plain(inject.text)),
            )
        case "paused":
            return (who, Segment(" paused the session"))
        case "resumed":
            return (who, Segment(" resumed the session"))
        case "extended":
            return (who, Segment(f" extended the talks to {p['rounds']} rounds"))
        case "time_extended":
            role = Segment(actor_name(exercise, p["role"]), "actor")
            return (who, Segment(f" gave {seconds_words(p['seconds'])} more to "), role)
        case "clock_stopped":
            role = Segment(actor_name(exercise, p["role"]), "actor")
            left = seconds_words(p["left"])
            return (Segment(f"The clock stopped with {left} left for ", "muted"), role)
        case "clock_started":
            role = Segment(actor_name(exercise, p["role"]), "actor")
            left = seconds_words(p["left"])
            return (Segment(f"The clock ran again with {left} left for ", "muted"), role)
        case "annotated":
            return (who, Segment(" noted: "), Segment(p["text"], "emphasis"))
        case "concluded":
            title = exercise.outcome(p["outcome"]).title
            ending = ENDING_WORDS[p["ending"]]
            return _with_reason(
                (Segment(f"The talks ended ({ending}): {title}", "marker"),), p.get("reason", "")
            )
        case "aborted":
            return _with_reason((who, Segment(" aborted the session")), p["reason"])
    raise AssertionError(f"an event kind with no words: {event.kind}")


def seconds_words(seconds: float) -> str:
    """A stretch of the turn clock in whole seconds, as a room reads it: "45 s", "2 min 5 s"."""
    whole = math.ceil(seconds)
    minutes, rest = divmod(whole, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def _with_reason(words: Words, reason: str) -> Words:
    return (*words, Segment(": "), Segment(reason, "emphasis")) if reason else words
