"""Why an act is not allowed now, in words a delegation understands.

`refusal` returns None for a legal act and a reason otherwise; it never
changes the table, so a refused act leaves the session exactly as it was.
"""

from __future__ import annotations

from typing import assert_never

from tabletop.engine import phases, rules
from tabletop.engine.acts import (
    NO_TURN_KINDS,
    Abort,
    Act,
    ActKind,
    Advance,
    Amend,
    Annotate,
    ControlAct,
    Decline,
    End,
    ExtendRounds,
    ExtendTime,
    FireInject,
    Message,
    Pause,
    Propose,
    Reject,
    Resume,
    Sign,
    SkipTurn,
    Start,
    StartClock,
    StopClock,
    Support,
    WalkOut,
    Withdraw,
)
from tabletop.engine.phases import LIVE_PHASES, TALK_PHASES, TURN_PHASES, UNDER_WAY_PHASES
from tabletop.engine.state import Table
from tabletop.exercise.model import CONTROL, Exercise

MAX_ROUNDS = 100

_PHASE_WORDS = {
    "setup": "the session has not started: Control starts it",
    "briefing": "the talks have not begun: delegations are reading their briefings",
    "paused": "the session is paused: Control resumes it",
    "concluded": "the talks are over",
    "aborted": "the session was aborted",
}


def refusal(exercise: Exercise, table: Table, act: Act) -> str | None:
    """The reason `act` is refused, or None when it is legal now.

    Control's acts, delegations' acts out of turn and their acts in turn each
    have checks of their own.
    """
    actor = act.actor
    # Control's acts all have Control as their actor; asking that first spares a
    # delegation's act the isinstance, a pydantic check per class of the union.
    if actor == CONTROL and isinstance(act, ControlAct):
        return _control(exercise, table, act)
    reason = seat_reason(exercise, table, actor)
    if reason is not None:
        return reason
    if act.kind in NO_TURN_KINDS:
        return _out_of_turn(exercise, table, act)
    reason = turn_reason(exercise, table, actor, act.kind)
    if reason is not None:
        return reason
    match act:
        case Support():
            return support_reason(table, actor, act.proposal)
        case Propose():
            return _package(exercise, table, act.package)
        case Amend():
            return _amendment(exercise, table, act.proposal, act.changes)
        case Reject():
            return reject_reason(table, actor, act.proposal)
        case Withdraw():
            return withdraw_reason(table, actor, act.proposal)
    return None


def _out_of_turn(exercise: Exercise, table: Table, act: Act) -> str | None:
    match act:
        case Sign() | Decline():
            return signature_reason(exercise, table, act.actor)
        case Message():
            return message_reason(exercise, table, act.actor, act.to)
        case WalkOut():
            return walk_out_reason(table)
    raise AssertionError(f"{act.kind!r} is not an act out of turn")


def _clock(
    exercise: Exercise, table: Table, act: ExtendTime | StopClock | StartClock
) -> str | None:
    """The turn clock runs only on a turn under way, in a session that has one."""
    if exercise.schedule.seconds_per_turn is None:
        return "this session has no turn clock"
    if table.phase == "paused":
        return "the session is paused: the clock stands still until Control resumes it"
    if table.turn is None:
        return "no delegation's turn is on the clock"
    clock = table.clock
    if isinstance(act, StopClock) and clock is not None and not clock.running:
        return "the clock is already stopped"
    return None


# The checks below take plain values, so `legal` can ask them without building acts.


def seat_reason(exercise: Exercise, table: Table, actor: str) -> str | None:
    """Why this actor cannot act as a delegation at all."""
    if actor == CONTROL:
        return "Control does not negotiate: that is a delegation's act"
    if actor not in table.reservations:
        return f"there is no delegation {actor!r} in this exercise"
    if actor in table.walked_out:
        return f"{_name(exercise, actor)} has walked out of the talks"
    return None


def _name(exercise: Exercise, role: str) -> str:
    return exercise.role(role).label


def message_reason(exercise: Exercise, table: Table, actor: str, to: str) -> str | None:
    if table.phase not in LIVE_PHASES:
        return _PHASE_WORDS[table.phase]
    if to == actor:
        return "a message goes to another delegation"
    if to not in table.reservations:
        return f"there is no delegation {to!r} to write to"
    if to in table.walked_out:
        return f"{_name(exercise, to)} has left the table"
    return None


def walk_out_reason(table: Table) -> str | None:
    if table.phase not in TALK_PHASES:
        return _PHASE_WORDS.get(table.phase, "there is nothing to walk out of yet")
    return None


def signature_reason(exercise: Exercise, table: Table, role: str) -> str | None:
    ratification = table.ratification
    if table.phase != "ratification" or ratification is None:
        return (
            "there is nothing to sign: signature comes when every required signatory "
            "supports the same proposal"
        )
    if role not in ratification.signatories:
        return f"proposal #{ratification.proposal} does not need your signature"
    if role in ratification.signed:
        return f"you have already signed proposal #{ratification.proposal}"
    pending = ratification.pending
    if pending != role:
        return f"signatories sign in turn: {_name(exercise, pending or role)} is next"
    return None


def turn_reason(exercise: Exercise, table: Table, actor: str, kind: ActKind) -> str | None:
    """Why `actor` cannot take a turn with an act of this kind now."""
    if table.phase == "ratification":
        return "a proposal is under signature: the signatories sign or decline"
    if table.phase not in TURN_PHASES:
        return _PHASE_WORDS[table.phase]
    if table.turn != actor:
        whose = table.turn
        if whose is None:
            return "no delegation has the turn"
        return f"it is not your turn: {_name(exercise, whose)} is to act"
    if table.phase == "opening" and kind not in ("statement", "pass"):
        return "this is the opening: make your opening statement, or pass"
    return None


def support_reason(table: Table, actor: str, number: int) -> str | None:
    reason = _on_table(table, number)
    if reason is None and actor in table.proposals[number].supporters:
        return f"you already support proposal #{number}"
    return reason


def withdraw_reason(table: Table, actor: str, number: int) -> str | None:
    if number not in table.proposals:
        return f"there is no proposal #{number}"
    if actor not in table.proposals[number].supporters:
        return f"you do not support proposal #{number}"
    return None


def reject_reason(table: Table, actor: str, number: int) -> str | None:
    reason = _on_table(table, number)
    if reason is None and any(r.role == actor for r in table.proposals[number].rejections):
        return f"you have already rejected proposal #{number}"
    return reason


# The checks on proposals for all of them at once, for `legal` to list what is open.


def open_proposals(
    table: Table, actor: str
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """The proposals `actor` may amend, support, withdraw support from, and reject.

    `_amendment` opens every live proposal (what changes is checked on the
    act), `support_reason` the live ones it does not back, `withdraw_reason`
    any it backs, `reject_reason` the live ones it has not rejected. One pass
    over the live proposals and the table's index of support (bots ask this
    every turn, and most proposals of a long session are dead).
    """
    amend: list[int] = []
    support: list[int] = []
    reject: list[int] = []
    for proposal in table.live.values():
        amend.append(proposal.id)
        if actor not in proposal.supporters:
            support.append(proposal.id)
        if actor not in [r.role for r in proposal.rejections]:
            reject.append(proposal.id)
    withdraw = tuple(sorted(table.backing.get(actor, ())))
    return tuple(amend), tuple(support), withdraw, tuple(reject)


def addressees(table: Table, actor: str) -> tuple[str, ...]:
    """The delegations `message_reason` lets `actor` write to."""
    if table.phase not in LIVE_PHASES:
        return ()
    return tuple([r for r in table.order if r != actor and r not in table.walked_out])


def _amendment(
    exercise: Exercise, table: Table, number: int, changes: dict[str, str]
) -> str | None:
    reason = _on_table(table, number) or _package(exercise, table, changes, partial=True)
    if reason:
        return reason
    parent = table.proposals[number].package
    package = {**parent, **changes}
    if package == parent:
        return "the amendment changes nothing"
    return _package(exercise, table, package)


def _on_table(table: Table, number: int) -> str | None:
    proposal = table.proposals.get(number)
    if proposal is None:
        return f"there is no proposal #{number}"
    if proposal.status == "withdrawn":
        return f"proposal #{number} was withdrawn by its author"
    if proposal.status == "superseded":
        newer = next(p.id for p in table.proposals.values() if p.parent == number)
        return f"proposal #{number} was superseded by #{newer}"
    return None


def _package(
    exercise: Exercise, table: Table, package: dict[str, str], partial: bool = False
) -> str | None:
    choices = exercise.choices
    for issue_id, option_id in package.items():
        options = choices.get(issue_id)
        if options is None:
            return f"there is no issue {issue_id!r} in this exercise"
        if option_id not in options:
            issue = exercise.issue(issue_id)
            names = ", ".join(o.name for o in issue.options)
            return f"{option_id!r} is not an option of {issue.name} (choose one of {names})"
    if partial:
        return None
    if len(package) < len(choices):
        missing = [i.name for i in exercise.issues if i.id not in package]
        return f"a package settles every issue; it leaves out {', '.join(missing)}"
    for proposal in table.live_proposals:
        if proposal.package == package:
            return f"this package is already on the table as proposal #{proposal.id}"
    return None


def _control(exercise: Exercise, table: Table, act: ControlAct) -> str | None:
    if act.actor != CONTROL:
        return "only Control can do that"
    phase = table.phase
    match act:
        case Start():
            return None if phases.may(table, "start") else "the session has already started"
        case Advance():
            if phases.may(table, rules.advance_trigger(exercise, table)):
                return None
            if phase == "negotiating":
                return (
                    "the talks are under way: signature comes when every required signatory "
                    "supports one proposal, or end the talks"
                )
            return _PHASE_WORDS.get(phase, "there is no next phase to move to")
        case FireInject():
            if not any(i.id == act.inject for i in exercise.injects):
                return f"there is no inject {act.inject!r} in this exercise"
            if act.inject in table.fired:
                return f"the inject “{exercise.inject(act.inject).title}” has already fired"
            return None if phase in LIVE_PHASES else _PHASE_WORDS[phase]
        case Pause():
            if phases.may(table, "pause"):
                return None
            return _PHASE_WORDS.get(phase, "the session cannot be paused now")
        case Resume():
            return None if phases.may(table, "resume") else "the session is not paused"
        case ExtendRounds():
            if phase not in UNDER_WAY_PHASES:
                return _PHASE_WORDS[phase]
            if table.rounds + act.rounds > MAX_ROUNDS:
                return f"a session has at most {MAX_ROUNDS} rounds"
            return None
        case ExtendTime() | StopClock() | StartClock():
            return _clock(exercise, table, act)
        case SkipTurn():
            if phase == "ratification":
                return "a signatory must sign or decline: it cannot be skipped"
            if phase not in TURN_PHASES or table.turn is None:
                return "no delegation has the turn"
            return None
        case Annotate():
            return None
        case End():
            if phases.may(table, "conclude"):
                return None
            return _PHASE_WORDS.get(phase, "the talks cannot be ended now")
        case Abort():
            return None if phases.may(table, "abort") else _PHASE_WORDS[phase]
        case _:
            assert_never(act)
