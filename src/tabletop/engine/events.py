"""Events: what happened, in order. A session's state is a fold over them.

An accepted act becomes one event, and the rules may add more (a round
starts, an inject fires, the talks conclude). Events are what the log
stores, so each payload is checked against its kind when read back.
"""

from __future__ import annotations

import dataclasses
import sys
from datetime import datetime
from typing import Annotated, Any, Literal, NotRequired

from pydantic import AfterValidator, ConfigDict, TypeAdapter, ValidationError
from pydantic.dataclasses import dataclass
from pydantic_core import ErrorDetails, InitErrorDetails, SchemaValidator
from typing_extensions import TypedDict

from tabletop.exercise.conditions import Ending
from tabletop.exercise.plain import Plain

SESSION = "session"
"""The actor of events the rules cause: rounds starting, injects on schedule, the end."""


class _Empty(TypedDict):
    pass


class _Phase(TypedDict):
    phase: str


class _Round(TypedDict):
    round: int


class _Proposed(TypedDict):
    proposal: int
    package: dict[str, str]
    parent: int | None


class _OnProposal(TypedDict):
    proposal: int


class _Rejected(TypedDict):
    proposal: int
    reason: Plain


class _Text(TypedDict):
    text: Plain


class _Messaged(TypedDict):
    to: str
    text: Plain


class _Skipped(TypedDict):
    role: str


class _Reason(TypedDict):
    reason: Plain


class _RatificationOpened(TypedDict):
    proposal: int
    signatories: list[str]


class _InjectFired(TypedDict):
    inject: str
    trigger: Literal["round", "condition", "control"]


class _Extended(TypedDict):
    rounds: int


class _TimeExtended(TypedDict):
    role: str
    seconds: int


class _ClockSet(TypedDict):
    role: str
    left: float
    """Seconds left on the role's turn, to the millisecond (`engine.clock`)."""


class _Concluded(TypedDict):
    ending: Ending
    outcome: str
    package: dict[str, str] | None
    scores: dict[str, int]
    reason: NotRequired[Plain]


EventKind = Literal[
    "started",
    "advanced",
    "round_started",
    "proposed",
    "supported",
    "withdrawn",
    "rejected",
    "stated",
    "messaged",
    "passed",
    "skipped",
    "walked_out",
    "ratification_opened",
    "signed",
    "declined",
    "inject_fired",
    "paused",
    "resumed",
    "extended",
    "time_extended",
    "clock_stopped",
    "clock_started",
    "annotated",
    "concluded",
    "aborted",
]

# Core validators, called directly: the TypeAdapter wrapper costs more than the check.
_PAYLOADS: dict[str, SchemaValidator] = {
    kind: TypeAdapter(shape).validator  # type: ignore[misc]
    for kind, shape in {
        "started": _Empty,
        "advanced": _Phase,
        "round_started": _Round,
        "proposed": _Proposed,
        "supported": _OnProposal,
        "withdrawn": _OnProposal,
        "rejected": _Rejected,
        "stated": _Text,
        "messaged": _Messaged,
        "passed": _Empty,
        "skipped": _Skipped,
        "walked_out": _Reason,
        "ratification_opened": _RatificationOpened,
        "signed": _Empty,
        "declined": _Reason,
        "inject_fired": _InjectFired,
        "paused": _Empty,
        "resumed": _Empty,
        "extended": _Extended,
        "time_extended": _TimeExtended,
        "clock_stopped": _ClockSet,
        "clock_started": _ClockSet,
        "annotated": _Text,
        "concluded": _Concluded,
        "aborted": _Reason,
    }.items()
}


@dataclass(frozen=True, slots=True, config=ConfigDict(extra="forbid"))
class Event:
    """One line of the session's history.

    A slotted pydantic dataclass rather than a model: a long log holds a
    hundred thousand of these, and slots halve what each one costs.
    """

    seq: int
    at: datetime
    actor: Annotated[str, AfterValidator(sys.intern)]
    kind: EventKind
    payload: dict[str, Any]
    visible_to: tuple[str, ...] | None = None
    """Roles that may see this event (Control sees all); None: everyone."""

    def visible_for(self, role: str) -> bool:
        return self.visible_to is None or role in self.visible_to

    def to_json(self) -> str:
        return _EVENT.dump_json(self).decode()

    @staticmethod
    def from_json(text: str | bytes) -> Event:
        """Parse one event and check its payload fits its kind; raises ValidationError.

        Only events from outside are checked this deeply: those the engine
        makes itself have their payloads built by its own typed code.
        """
        event: Event = _EVENT_CORE.validate_json(text)
        try:
            _PAYLOADS[event.kind].validate_python(event.payload, strict=True)
        except ValidationError as error:
            # Checked on its own, the payload's errors would name its fields from
            # the payload down; a reader looking at the line needs them from the event.
            problems = [_in_payload(problem) for problem in error.errors()]
            raise ValidationError.from_exception_data(error.title, problems) from None
        return event


def _in_payload(problem: ErrorDetails) -> InitErrorDetails:
    """A payload's problem, with its field path from the event down."""
    details: InitErrorDetails = {
        "type": problem["type"],
        "loc": ("payload", *problem["loc"]),
        "input": problem["input"],
    }
    if "ctx" in problem:
        details["ctx"] = problem["ctx"]
    return details


_EVENT: TypeAdapter[Event] = TypeAdapter(Event)
_EVENT_CORE: SchemaValidator = _EVENT.validator  # type: ignore[assignment]


# Each slot's own setter, as a frozen dataclass's `__init__` would use through
# `object.__setattr__`, minus the look-up. Unpacking keeps them in step with the fields.
_SET_SEQ, _SET_AT, _SET_ACTOR, _SET_KIND, _SET_PAYLOAD, _SET_VISIBLE_TO = (
    getattr(Event, field.name).__set__ for field in dataclasses.fields(Event)
)


def made(
    seq: int,
    at: datetime,
    actor: str,
    kind: EventKind,
    payload: dict[str, Any],
    visible_to: tuple[str, ...] | None = None,
) -> Event:
    """An event the engine makes itself, taken as given: `Event(...)` without validation.

    The engine's typed code builds right events, and checking every field
    again costs several times the rest of making one. The result is the
    same `Event`: equal, serialised, copied and pickled alike.
    """
    event = object.__new__(Event)
    _SET_SEQ(event, seq)
    _SET_AT(event, at)
    _SET_ACTOR(event, actor)
    _SET_KIND(event, kind)
    _SET_PAYLOAD(event, payload)
    _SET_VISIBLE_TO(event, visible_to)
    return event
