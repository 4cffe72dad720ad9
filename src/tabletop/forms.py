"""What each delegation act asks of a player, and the act a filled-in form makes.

One table (`FORMS`) says, for each kind, what a screen shows: its label,
whether it needs a package, a proposal or a recipient, and its text field.
`build_act` turns a `Draft` into the act, or says what the draft still
lacks; whether the act is legal stays the engine's call. Headless, so the
TUI's composer and a network client share it, and it is tested without Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from tabletop.engine.acts import (
    Act,
    ActKind,
    Amend,
    Decline,
    Message,
    Pass,
    Propose,
    Reject,
    Sign,
    Statement,
    Support,
    WalkOut,
    Withdraw,
)
from tabletop.engine.legal import LegalActs
from tabletop.engine.state import Proposal


@dataclass(frozen=True)
class TextField:
    label: str
    placeholder: str
    required: bool = False


@dataclass(frozen=True)
class ActForm:
    """The fields of one act kind's form."""

    kind: ActKind
    label: str
    package: bool = False
    """Options to choose, issue by issue."""
    base: str | None = None
    """The label of the proposal field; None when the act names no proposal."""
    proposal: bool = False
    """Whether the proposal must be chosen (proposing may start from one, or from nothing)."""
    recipient: bool = False
    text: TextField | None = None
    shows: Literal["proposal", "signature"] | None = None
    """What the form shows in full: the chosen proposal, or the one under signature."""

    @property
    def text_first(self) -> bool:
        """Whether the text is what the player fills in first (a statement, a message)."""
        return self.text is not None and self.text.required and self.base is None


_REASON = "Reason"
FORMS: tuple[ActForm, ...] = (
    ActForm("propose", "Propose a package", package=True, base="Start from"),
    ActForm("amend", "Amend a proposal", package=True, base="Amend", proposal=True),
    ActForm("support", "Support a proposal", base="Proposal", proposal=True, shows="proposal"),
    ActForm("withdraw", "Withdraw support", base="Proposal", proposal=True, shows="proposal"),
    ActForm(
        "reject",
        "Reject a proposal",
        base="Proposal",
        proposal=True,
        shows="proposal",
        text=TextField(_REASON, "why you reject it: every delegation sees this", required=True),
    ),
    ActForm(
        "statement",
        "Make a statement",
        text=TextField("Statement", "what your delegation says to the whole table", True),
    ),
    ActForm(
        "message",
        "Send a private message",
        recipient=True,
        text=TextField("Message", "only the recipient (and Control) will read it", True),
    ),
    ActForm("pass", "Pass"),
    ActForm("walk_out", "Walk out", text=TextField(_REASON, "why you leave (optional)")),
    ActForm("sign", "Sign", shows="signature"),
    ActForm(
        "decline",
        "Decline to sign",
        text=TextField(_REASON, "why you do not sign (optional)"),
        shows="signature",
    ),
)
FORM_OF: dict[ActKind, ActForm] = {form.kind: form for form in FORMS}


@dataclass(frozen=True)
class Draft:
    """A form as filled in so far."""

    kind: ActKind
    base: Proposal | None = None
    package: dict[str, str] = field(default_factory=dict)
    to: str | None = None
    text: str = ""


@dataclass(frozen=True)
class Lacking:
    """What a draft still needs before it is an act, said to the player."""

    reason: str


def build_act(actor: str, draft: Draft) -> Act | Lacking:
    """The act `actor` sends with this draft, or what the draft lacks."""
    form = FORM_OF[draft.kind]
    text = draft.text.strip()
    if form.text is not None and form.text.required and not text:
        return Lacking(f"Write the {form.text.label.lower()} first.")
    if form.proposal:
        if draft.base is None:
            return Lacking("Choose a proposal first.")
        return _on_proposal(actor, draft.kind, draft.base, draft.package, text)
    match draft.kind:
        case "propose":
            return Propose(actor=actor, package=draft.package)
        case "statement":
            return Statement(actor=actor, text=text)
        case "message":
            if draft.to is None:
                return Lacking("Choose who the message is for.")
            return Message(actor=actor, to=draft.to, text=text)
        case "walk_out":
            return WalkOut(actor=actor, reason=text)
        case "sign":
            return Sign(actor=actor)
        case "decline":
            return Decline(actor=actor, reason=text)
        case "pass":
            return Pass(actor=actor)
    raise AssertionError(f"a form with no act: {draft.kind}")


def _on_proposal(
    actor: str, kind: ActKind, base: Proposal, package: dict[str, str], text: str
) -> Act | Lacking:
    match kind:
        case "amend":
            changes = {i: o for i, o in package.items() if base.package.get(i) != o}
            if not changes:
                return Lacking("Change at least one option of the proposal you amend.")
            return Amend(actor=actor, proposal=base.id, changes=changes)
        case "support":
            return Support(actor=actor, proposal=base.id)
        case "withdraw":
            return Withdraw(actor=actor, proposal=base.id)
        case "reject":
            return Reject(actor=actor, proposal=base.id, reason=text)
    raise AssertionError(f"an act on a proposal with no form: {kind}")


def proposals_open(legal: LegalActs, kind: ActKind) -> tuple[int, ...]:
    """The proposals an act of `kind` may name now; none for an act on no proposal."""
    return {
        "amend": legal.amend,
        "support": legal.support,
        "withdraw": legal.withdraw,
        "reject": legal.reject,
    }.get(kind, ())


def default_kind(legal: LegalActs) -> ActKind:
    """The act a delegation most likely came to the keyboard for."""
    kinds: tuple[ActKind, ...] = ("sign", "propose", "statement", "message")
    for kind in kinds:
        if kind in legal:
            return kind
    return "propose"
