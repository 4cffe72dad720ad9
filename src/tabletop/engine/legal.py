"""What a delegation or Control may do now, and why not the rest.

The UI dims what is not legal and says why; bots choose among what is.
Every answer comes from `checks.refusal`, so the two never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tabletop.engine.acts import (
    Abort,
    Act,
    Advance,
    Annotate,
    Decline,
    End,
    ExtendRounds,
    FireInject,
    Message,
    Pass,
    Pause,
    Reject,
    Resume,
    Sign,
    SkipTurn,
    Start,
    Statement,
    Support,
    WalkOut,
    Withdraw,
)
from tabletop.engine.checks import refusal
from tabletop.engine.state import Table
from tabletop.exercise.model import CONTROL, Exercise


@dataclass(frozen=True)
class LegalActs:
    """The acts open to one actor now; `reasons` explains each kind that is not."""

    actor: str
    kinds: frozenset[str]
    support: tuple[int, ...] = ()
    withdraw: tuple[int, ...] = ()
    reject: tuple[int, ...] = ()
    amend: tuple[int, ...] = ()
    message_to: tuple[str, ...] = ()
    injects: tuple[str, ...] = ()
    reasons: dict[str, str] = field(default_factory=dict)

    def __contains__(self, kind: object) -> bool:
        return kind in self.kinds


def legal_acts(exercise: Exercise, table: Table, actor: str) -> LegalActs:
    if actor == CONTROL:
        return _control(exercise, table)
    return _delegation(exercise, table, actor)


def _delegation(exercise: Exercise, table: Table, role: str) -> LegalActs:
    def why(act: Act) -> str | None:
        return refusal(exercise, table, act)

    reasons: dict[str, str] = {}
    kinds: set[str] = set()

    def consider(kind: str, act: Act) -> None:
        reason = why(act)
        if reason is None:
            kinds.add(kind)
        else:
            reasons[kind] = reason

    consider("statement", Statement(actor=role, text="."))
    consider("pass", Pass(actor=role))
    consider("walk_out", WalkOut(actor=role))
    consider("sign", Sign(actor=role))
    consider("decline", Decline(actor=role))
    turn = why(Pass(actor=role))
    if turn is None and table.phase == "opening":
        turn = "this is the opening: make your opening statement, or pass"
    numbers = sorted(table.proposals)
    support = tuple(n for n in numbers if why(Support(actor=role, proposal=n)) is None)
    withdraw = tuple(n for n in numbers if why(Withdraw(actor=role, proposal=n)) is None)
    reject = tuple(n for n in numbers if why(Reject(actor=role, proposal=n, reason=".")) is None)
    amend = tuple(p.id for p in table.live_proposals) if turn is None else ()
    for kind, open_ in (
        ("propose", turn is None),
        ("amend", bool(amend)),
        ("support", bool(support)),
        ("withdraw", bool(withdraw)),
        ("reject", bool(reject)),
    ):
        if open_:
            kinds.add(kind)
        else:
            reasons[kind] = turn or f"no proposal on the table you can {kind.replace('_', ' ')}"
    message_to = tuple(r for r in table.order if why(Message(actor=role, to=r, text=".")) is None)
    if message_to:
        kinds.add("message")
    else:
        reasons["message"] = why(Message(actor=role, to=role, text=".")) or "no one to write to"
    return LegalActs(
        actor=role,
        kinds=frozenset(kinds),
        support=support,
        withdraw=withdraw,
        reject=reject,
        amend=amend,
        message_to=message_to,
        reasons=reasons,
    )


def _control(exercise: Exercise, table: Table) -> LegalActs:
    probes: dict[str, Act] = {
        "start": Start(),
        "advance": Advance(),
        "pause": Pause(),
        "resume": Resume(),
        "extend": ExtendRounds(),
        "skip": SkipTurn(),
        "annotate": Annotate(text="."),
        "end": End(),
        "abort": Abort(),
    }
    kinds: set[str] = set()
    reasons: dict[str, str] = {}
    for kind, act in probes.items():
        reason = refusal(exercise, table, act)
        if reason is None:
            kinds.add(kind)
        else:
            reasons[kind] = reason
    injects = tuple(
        i.id for i in exercise.injects if refusal(exercise, table, FireInject(inject=i.id)) is None
    )
    if injects:
        kinds.add("inject")
    else:
        reasons["inject"] = "no inject can be fired now"
    return LegalActs(actor=CONTROL, kinds=frozenset(kinds), injects=injects, reasons=reasons)
