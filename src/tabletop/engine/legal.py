"""What a delegation or Control may do now, and why not the rest.

The UI dims what is not legal and says why; bots choose among what is.
Every answer comes from `checks`, the open proposals from `checks.open_proposals`
(its proposal checks for all proposals in one pass), so `legal` and `refusal`
never disagree; a property test holds the two together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tabletop.engine import checks
from tabletop.engine.acts import (
    DELEGATION_KINDS,
    Abort,
    Act,
    ActKind,
    Advance,
    Annotate,
    End,
    ExtendRounds,
    ExtendTime,
    FireInject,
    Pause,
    Resume,
    SkipTurn,
    Start,
    StartClock,
    StopClock,
)
from tabletop.engine.checks import refusal
from tabletop.engine.state import Table
from tabletop.exercise.model import CONTROL, Exercise


@dataclass(frozen=True, slots=True)
class LegalActs:
    """The acts open to one actor now; `reasons` explains each kind that is not."""

    actor: str
    kinds: frozenset[ActKind]
    support: tuple[int, ...] = ()
    withdraw: tuple[int, ...] = ()
    reject: tuple[int, ...] = ()
    amend: tuple[int, ...] = ()
    message_to: tuple[str, ...] = ()
    injects: tuple[str, ...] = ()
    reasons: Mapping[ActKind, str] = field(default_factory=dict)

    def __contains__(self, kind: object) -> bool:
        """Whether acts of this kind are open: `"support" in legal`."""
        return kind in self.kinds


def legal_acts(exercise: Exercise, table: Table, actor: str) -> LegalActs:
    if actor == CONTROL:
        return _control(exercise, table)
    return _delegation(exercise, table, actor)


class LegalMemo:
    """Each delegation's legal acts in one session, worked out again only when they can differ.

    They depend on the phase, whose turn it is, who walked out, the
    signature under way, the live proposals and what the delegation backs
    (`_delegation` reads nothing else of the table). Most turns change none
    of these for the next delegation but the turn, and bots ask every turn;
    when only the proposals changed (a bot offering every turn changes them
    every turn), the rest of the answer is kept (`_Standing`). A test holds
    the answers to `legal_acts`'.
    """

    def __init__(self) -> None:
        self._last: dict[str, tuple[tuple[object, ...], _Standing, tuple[object, ...], LegalActs]]
        self._last = {}

    def __call__(self, exercise: Exercise, table: Table, actor: str) -> LegalActs:
        if actor == CONTROL:
            return _control(exercise, table)
        # Tuples compare their items by identity first: the same objects match at once.
        key = (table.phase, table.turn, table.walked_out, table.ratification, table.order)
        on_table = (table.backing.get(actor), *table.live.values())
        last = self._last.get(actor)
        if last is not None and last[0] == key:
            if last[2] == on_table:
                return last[3]
            standing = last[1]
        else:
            standing = _Standing(exercise, table, actor)
        legal = standing.with_proposals(table)
        self._last[actor] = (key, standing, on_table, legal)
        return legal


_ON_PROPOSALS: dict[ActKind, str] = {
    kind: f"no proposal on the table you can {kind}"
    for kind in ("amend", "support", "withdraw", "reject")
}
"""Acts on a proposal, and why none is open when none is."""


def _delegation(exercise: Exercise, table: Table, role: str) -> LegalActs:
    return _Standing(exercise, table, role).with_proposals(table)


class _Standing:
    """What a delegation may do now but for the acts on proposals: the part of its legal
    acts that the proposals on the table leave as it is."""

    __slots__ = ("_answers", "_head", "_message_to", "_role", "_tail", "_turn")

    def __init__(self, exercise: Exercise, table: Table, role: str) -> None:
        seat = checks.seat_reason(exercise, table, role)
        turn = seat or checks.turn_reason(exercise, table, role, "propose")
        speak = seat or checks.turn_reason(exercise, table, role, "statement")
        signature = seat or checks.signature_reason(exercise, table, role)
        message_to = checks.addressees(table, role) if seat is None else ()
        self._role = role
        self._turn = turn
        self._message_to = message_to
        self._head: dict[ActKind, str | None] = {
            "statement": speak,
            "pass": speak,
            "walk_out": seat or checks.walk_out_reason(table),
            "sign": signature,
            "decline": signature,
            "propose": turn,
        }
        self._tail: dict[ActKind, str | None] = {
            "message": None
            if message_to
            else seat or checks.message_reason(exercise, table, role, role) or "no one to write to"
        }
        self._answers: dict[tuple[bool, ...], tuple[frozenset[ActKind], dict[ActKind, str]]] = {}
        """Which acts on proposals have none to act on → the kinds open and why the others
        are not: one of 16 answers, each worked out at its first need."""

    def with_proposals(self, table: Table) -> LegalActs:
        """The whole answer, with the acts open on the proposals on `table` now."""
        if self._turn is None:
            amend, support, withdraw, reject = checks.open_proposals(table, self._role)
            empty = (not amend, not support, not withdraw, not reject)
        else:
            amend = support = withdraw = reject = ()
            empty = (True, True, True, True)
        kinds, closed = self._answers.get(empty) or self._answer(empty)
        return LegalActs(
            actor=self._role,
            kinds=kinds,
            support=support,
            withdraw=withdraw,
            reject=reject,
            amend=amend,
            message_to=self._message_to,
            reasons=closed,
        )

    def _answer(self, empty: tuple[bool, ...]) -> tuple[frozenset[ActKind], dict[ActKind, str]]:
        on_proposals = {
            kind: (self._turn or why) if none else None
            for (kind, why), none in zip(_ON_PROPOSALS.items(), empty, strict=True)
        }
        # In the order the reasons are always given (a seat is sent them as they are).
        reasons = {**self._head, **on_proposals, **self._tail}
        closed = {kind: reason for kind, reason in reasons.items() if reason is not None}
        answer = self._answers[empty] = (DELEGATION_KINDS.difference(closed), closed)
        return answer


def _control(exercise: Exercise, table: Table) -> LegalActs:
    probes: dict[ActKind, Act] = {
        "start": Start(),
        "advance": Advance(),
        "pause": Pause(),
        "resume": Resume(),
        "extend": ExtendRounds(),
        "more_time": ExtendTime(seconds=1),
        "stop_clock": StopClock(),
        "start_clock": StartClock(),
        "skip": SkipTurn(),
        "annotate": Annotate(text="."),
        "end": End(),
        "abort": Abort(),
    }
    kinds: set[ActKind] = set()
    reasons: dict[ActKind, str] = {}
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
