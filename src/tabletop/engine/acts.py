"""What delegations and Control can do: one small model per act.

An act is a request; the session decides whether it is legal and, if so,
turns it into events. Acts cross the boundary from the UI, the bots and the
command line, so they are pydantic models validated on the way in.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from tabletop.exercise.plain import NO_CONTROLS, Plain

ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000), NO_CONTROLS
]
Package = dict[str, str]
"""One option per issue: issue id → option id."""


class _Act(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    actor: str = Field(description="Role id, or 'control' for the facilitator")


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
    to: str
    text: ShortText


class Pass(_Act):
    kind: Literal["pass"] = "pass"


class WalkOut(_Act):
    kind: Literal["walk_out"] = "walk_out"
    reason: Plain = ""


class Sign(_Act):
    kind: Literal["sign"] = "sign"


class Decline(_Act):
    kind: Literal["decline"] = "decline"
    reason: Plain = ""


# Control acts -------------------------------------------------------------


class _ControlAct(_Act):
    actor: Literal["control"] = "control"


class Start(_ControlAct):
    """Open the briefing: delegations read their papers."""

    kind: Literal["start"] = "start"


class Advance(_ControlAct):
    """Move on: briefing to opening statements, or opening to the first round."""

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


Act = Annotated[
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
    | Start
    | Advance
    | FireInject
    | Pause
    | Resume
    | ExtendRounds
    | SkipTurn
    | Annotate
    | End
    | Abort,
    Field(discriminator="kind"),
]

DELEGATION_KINDS = (
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
)
CONTROL_KINDS = (
    "start",
    "advance",
    "inject",
    "pause",
    "resume",
    "extend",
    "skip",
    "annotate",
    "end",
    "abort",
)
