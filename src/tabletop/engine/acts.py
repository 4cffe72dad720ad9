"""What delegations and Control can do: one small model per act.

An act is a request; the session decides whether it is legal and, if so,
turns it into events. Acts cross the boundary from the UI, the bots and the
command line, so they are pydantic models validated on the way in.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, ClassVar, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from tabletop.exercise.plain import NO_CONTROLS, Plain
from tabletop.schedule import TURN_SECONDS

ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000), NO_CONTROLS
]
Package = dict[str, str]
"""One option per issue: issue id → option id."""


class _Act(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    actor: str = Field(description="Role id, or 'control' for the facilitator")
    takes_turn: ClassVar[bool] = True
    """Whether a delegation must hold the turn to make it (signing has an order of its own)."""


# Delegation acts -----------------------------------------------------------


class Propose(_Act):
    """Put a package on the table; the proposer supports it."""

    kind: Literal["propose"] = "propose"
    package: Package


class Amend(_Act):
    """A new proposal derived from one on the table; amending your own supersedes it."""

    kind: Literal["amend"] = "amend"
    proposal: int
    changes: Package = Field(min_length=1)


class Support(_Act):
    kind: Literal["support"] = "support"
    proposal: int


class Withdraw(_Act):
    """Withdraw support; its author withdrawing takes the proposal off the table."""

    kind: Literal["withdraw"] = "withdraw"
    proposal: int


class Reject(_Act):
    kind: Literal["reject"] = "reject"
    proposal: int
    reason: ShortText


class Statement(_Act):
    kind: Literal["statement"] = "statement"
    text: ShortText


class Message(_Act):
    """A private message: seen by sender, recipient and Control. It takes no turn."""

    kind: Literal["message"] = "message"
    takes_turn: ClassVar[bool] = False
    to: str
    text: ShortText


class Pass(_Act):
    kind: Literal["pass"] = "pass"


class WalkOut(_Act):
    kind: Literal["walk_out"] = "walk_out"
    takes_turn: ClassVar[bool] = False
    reason: Plain = ""


class Sign(_Act):
    kind: Literal["sign"] = "sign"
    takes_turn: ClassVar[bool] = False


class Decline(_Act):
    kind: Literal["decline"] = "decline"
    takes_turn: ClassVar[bool] = False
    reason: Plain = ""


# Control acts -------------------------------------------------------------


class _ControlAct(_Act):
    actor: Literal["control"] = "control"


class Start(_ControlAct):
    """Open the briefing: delegations read their papers."""

    kind: Literal["start"] = "start"


class Advance(_ControlAct):
    """Move on: to the opening statements after the briefing if scheduled, else to round one."""

    kind: Literal["advance"] = "advance"


class FireInject(_ControlAct):
    kind: Literal["inject"] = "inject"
    inject: str


class Pause(_ControlAct):
    kind: Literal["pause"] = "pause"


class Resume(_ControlAct):
    kind: Literal["resume"] = "resume"


class ExtendRounds(_ControlAct):
    kind: Literal["extend"] = "extend"
    rounds: int = Field(default=1, ge=1, le=20)


class SkipTurn(_ControlAct):
    """A delegation is away from the table: its turn passes."""

    kind: Literal["skip"] = "skip"


class ExtendTime(_ControlAct):
    """More time for the delegation whose turn it is, on top of what its clock has left."""

    kind: Literal["more_time"] = "more_time"
    seconds: int = Field(ge=1, le=TURN_SECONDS[1])


class StopClock(_ControlAct):
    """The program running the session closes: the turn clock stops where it stands."""

    kind: Literal["stop_clock"] = "stop_clock"


class StartClock(_ControlAct):
    """A program takes the session up from its log: the turn clock runs again."""

    kind: Literal["start_clock"] = "start_clock"


class Annotate(_ControlAct):
    """A note for the debrief, seen by Control alone."""

    kind: Literal["annotate"] = "annotate"
    text: ShortText


class End(_ControlAct):
    """End the talks now; the outcome is decided as a breakdown."""

    kind: Literal["end"] = "end"
    reason: Plain = ""


class Abort(_ControlAct):
    """Abandon the session: no outcome, no scores."""

    kind: Literal["abort"] = "abort"
    reason: Plain = ""


DelegationAct = (
    Propose
    | Amend
    | Support
    | Withdraw
    | Reject
    | Statement
    | Message
    | Pass
    | WalkOut
    | Sign
    | Decline
)
ControlAct = (
    Start
    | Advance
    | FireInject
    | Pause
    | Resume
    | ExtendRounds
    | ExtendTime
    | StopClock
    | StartClock
    | SkipTurn
    | Annotate
    | End
    | Abort
)
Act = Annotated[DelegationAct | ControlAct, Field(discriminator="kind")]
"""Any act, told apart by its `kind` on the way in.

A new kind of act goes in one of the two unions above and in `ActKind`; mypy
(the exhaustive matches on acts in `session` and on Control's in `checks`)
and the tests then name the places that must handle it.
"""

ActKind = Literal[
    "propose",
    "amend",
    "support",
    "withdraw",
    "reject",
    "statement",
    "message",
    "pass",
    "walk_out",
    "sign",
    "decline",
    "start",
    "advance",
    "inject",
    "pause",
    "resume",
    "extend",
    "more_time",
    "stop_clock",
    "start_clock",
    "skip",
    "annotate",
    "end",
    "abort",
]
"""The `kind` of each act, for the types of what names one (a test holds it to `ACTS`)."""


def _kind(act: type[_Act]) -> ActKind:
    kind: ActKind = act.model_fields["kind"].default
    return kind


ACTS: Mapping[ActKind, type[_Act]] = MappingProxyType(
    {_kind(act): act for act in get_args(get_args(Act)[0])}
)
"""Each kind of act and its class: the one list of acts, taken from `Act`."""
CONTROL_KINDS: frozenset[ActKind] = frozenset(
    kind for kind, act in ACTS.items() if issubclass(act, _ControlAct)
)
DELEGATION_KINDS: frozenset[ActKind] = frozenset(ACTS.keys() - CONTROL_KINDS)
NO_TURN_KINDS: frozenset[ActKind] = frozenset(
    kind for kind in DELEGATION_KINDS if not ACTS[kind].takes_turn
)
"""Delegations' acts made out of turn."""
