"""Why an act is not allowed now, in words a delegation understands.

`refusal` returns None for a legal act and a reason otherwise; it never
changes the table, so a refused act leaves the session exactly as it was.
"""

from __future__ import annotations

from tabletop.engine import phases
from tabletop.engine.acts import (
    CONTROL_KINDS,
    Abort,
    Act,
    Advance,
    Amend,
    Annotate,
    Decline,
    End,
    ExtendRounds,
    FireInject,
    Message,
    Pass,
    Pause,
    Propose,
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
from tabletop.engine.state import LIVE_PHASES, Table
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
    """The reason `act` is refused, or None when it is legal now."""
    if act.kind in CONTROL_KINDS:
        return _control(exercise, table, act)
    if act.actor == CONTROL:
        return "Control does not negotiate: that is a delegation's act"
    if act.actor not in table.reservations:
        return f"there is no delegation {act.actor!r} in this exercise"
    if act.actor in table.walked_out:
        return f"{_name(exercise, act.actor)} has walked out of the talks"
    match act:
        case Message():
            return _message(exercise, table, act)
        case WalkOut():
            if table.phase not in ("opening", "negotiating", "ratification"):
                return _PHASE_WORDS.get(table.phase, "there is nothing to walk out of yet")
            return None
        case Sign() | Decline():
            return _signature(exercise, table, act.actor)
    return _turn_act(exercise, table, act)


def _name(exercise: Exercise, role: str) -> str:
    return exercise.role(role).name


def _message(exercise: Exercise, table: Table, act: Message) -> str | None:
    if table.phase not in LIVE_PHASES:
        return _PHASE_WORDS[table.phase]
    if act.to == act.actor:
        return "a message goes to another delegation"
    if act.to not in table.reservations:
        return f"there is no delegation {act.to!r} to write to"
    if act.to in table.walked_out:
        return f"{_name(exercise, act.to)} has left the table"
    return None


def _signature(exercise: Exercise, table: Table, role: str) -> str | None:
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


def _turn_act(exercise: Exercise, table: Table, act: Act) -> str | None:
    if table.phase == "ratification":
        return "a proposal is under signature: the signatories sign or decline"
    if table.phase not in ("opening", "negotiating"):
        return _PHASE_WORDS[table.phase]
    if table.turn != act.actor:
        whose = table.turn
        return (
            f"it is not your turn: {_name(exercise, whose)} is to act"
            if whose
            else ("no delegation has the turn")
        )
    if table.phase == "opening" and not isinstance(act, Statement | Pass):
        return "this is the opening: make your opening statement, or pass"
    match act:
        case Propose():
            return _package(exercise, table, act.package)
        case Amend():
            reason = _on_table(table, act.proposal)
            if reason:
                return reason
            changes = _package(exercise, table, act.changes, partial=True)
            if changes:
                return changes
            package = {**table.proposals[act.proposal].package, **act.changes}
            if package == table.proposals[act.proposal].package:
                return "the amendment changes nothing"
            return _package(exercise, table, package)
        case Support():
            reason = _on_table(table, act.proposal)
            if reason is None and act.actor in table.proposals[act.proposal].supporters:
                return f"you already support proposal #{act.proposal}"
            return reason
        case Withdraw():
            if act.proposal not in table.proposals:
                return f"there is no proposal #{act.proposal}"
            if act.actor not in table.proposals[act.proposal].supporters:
                return f"you do not support proposal #{act.proposal}"
            return None
        case Reject():
            reason = _on_table(table, act.proposal)
            if reason is None and any(
                r.role == act.actor for r in table.proposals[act.proposal].rejections
            ):
                return f"you have already rejected proposal #{act.proposal}"
            return reason
    return None


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
    issues = {i.id: i for i in exercise.issues}
    for issue_id, option_id in package.items():
        issue = issues.get(issue_id)
        if issue is None:
            return f"there is no issue {issue_id!r} in this exercise"
        if issue.option(option_id) is None:
            names = ", ".join(o.id for o in issue.options)
            return f"{option_id!r} is not an option of {issue.name} (choose one of {names})"
    if partial:
        return None
    missing = [i.name for i in exercise.issues if i.id not in package]
    if missing:
        return f"a package settles every issue; it leaves out {', '.join(missing)}"
    for proposal in table.live_proposals:
        if proposal.package == package:
            return f"this package is already on the table as proposal #{proposal.id}"
    return None


def _control(exercise: Exercise, table: Table, act: Act) -> str | None:
    if act.actor != CONTROL:
        return "only Control can do that"
    phase = table.phase
    match act:
        case Start():
            return None if phase == "setup" else "the session has already started"
        case Advance():
            if phase in ("briefing", "opening"):
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
                return f"inject {act.inject!r} has already fired"
            return None if phase in LIVE_PHASES else _PHASE_WORDS[phase]
        case Pause():
            return (
                None
                if phases.may(table, "pause")
                else _PHASE_WORDS.get(phase, "the session cannot be paused now")
            )
        case Resume():
            return None if phase == "paused" else "the session is not paused"
        case ExtendRounds():
            if phase not in (*LIVE_PHASES, "paused"):
                return _PHASE_WORDS[phase]
            if table.rounds + act.rounds > MAX_ROUNDS:
                return f"a session has at most {MAX_ROUNDS} rounds"
            return None
        case SkipTurn():
            if phase == "ratification":
                return "a signatory must sign or decline: it cannot be skipped"
            if phase not in ("opening", "negotiating") or table.turn is None:
                return "no delegation has the turn"
            return None
        case Annotate():
            return None
        case End():
            if phase in (*LIVE_PHASES, "paused"):
                return None
            return _PHASE_WORDS.get(phase, "the talks cannot be ended now")
        case Abort():
            return None if phases.may(table, "abort") else _PHASE_WORDS[phase]
    return f"unknown act {act.kind!r}"
