"""Applying one event to a table: the only place the table changes.

The fold trusts its events (the session checked them before they were
made), so replaying a log is just folding its events onto a fresh table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from tabletop.engine import phases
from tabletop.engine.clock import CLOCK_KINDS, TurnTime, time_left
from tabletop.engine.events import Event
from tabletop.engine.state import Conclusion, Proposal, Ratification, Rejection, Table
from tabletop.exercise.model import Exercise, ValuationEffect

TURN_KINDS = frozenset({"proposed", "supported", "withdrawn", "rejected", "stated", "passed"})
"""Events that use up the actor's turn (a message or a walk-out does not)."""
NEW_TURN_KINDS = TURN_KINDS | {
    "skipped",
    "advanced",
    "round_started",
    "ratification_opened",
    "signed",
    "declined",
}
"""Events after which another turn is under way, whose clock starts then (`engine.clock`).

A walk-out is one too when the delegation walking out had the turn.
"""


def fold(exercise: Exercise, table: Table, event: Event) -> None:
    """Apply `event` to `table` in place."""
    _HANDLERS[event.kind](exercise, table, event)
    if event.kind in TURN_KINDS or event.kind == "skipped":
        _next_turn(table)
    if event.kind in NEW_TURN_KINDS:
        _new_turn(table, event)
    table.seq = event.seq


def _new_turn(table: Table, event: Event) -> None:
    """Another turn is under way: its clock starts in full at this event."""
    table.turn_began = event.at
    table.clock = None


def _next_turn(table: Table) -> None:
    """Hand the turn to the next delegation still at the table, or end the pass."""
    if table.turn_index is None:
        return
    for index in range(table.turn_index + 1, len(table.order)):
        if table.order[index] not in table.walked_out:
            table.turn_index = index
            return
    table.turn_index = None
    if table.phase == "opening":
        table.opening_done = True
    else:
        table.round_over = True


def _first_turn(table: Table) -> None:
    table.turn_index = -1
    table.round_over = False
    _next_turn(table)


def _store(table: Table, proposal: Proposal) -> None:
    """Put a proposal, new or changed, on the table, and keep its indexes in step."""
    if not table.owns_proposals:
        table.proposals, table.live = dict(table.proposals), dict(table.live)
        table.owns_proposals = True
    number = proposal.id
    before = table.proposals.get(number)
    table.proposals[number] = proposal
    if proposal.status == "live":
        table.live[number] = proposal
    else:
        table.live.pop(number, None)
    had = before.supporters if before is not None else ()
    if had != proposal.supporters:
        backing = dict(table.backing)
        for role in set(had).difference(proposal.supporters):
            backing[role] = backing[role] - {number}
        for role in set(proposal.supporters).difference(had):
            backing[role] = backing.get(role, frozenset()) | {number}
        table.backing = backing
    if table.backs_whole(proposal) != (number in table.candidates):
        table.candidates = table.candidates ^ {number}


def _started(exercise: Exercise, table: Table, event: Event) -> None:
    phases.fire(table, "start")


def _advanced(exercise: Exercise, table: Table, event: Event) -> None:
    if event.payload["phase"] == "opening":
        phases.fire(table, "open")
        _first_turn(table)
    elif table.phase == "ratification":
        _reopen(table)  # a signatory walked out
    else:
        phases.fire(table, "negotiate")


def _round_started(exercise: Exercise, table: Table, event: Event) -> None:
    table.round = event.payload["round"]
    _first_turn(table)


def _proposed(exercise: Exercise, table: Table, event: Event) -> None:
    parent = event.payload["parent"]
    if parent is not None and table.proposals[parent].author == event.actor:
        _store(table, table.proposals[parent].but(status="superseded"))
    proposal = Proposal(
        id=event.payload["proposal"],
        author=event.actor,
        package=event.payload["package"],
        parent=parent,
        round=table.round,
        seq=event.seq,
        supporters=(event.actor,),
    )
    _store(table, proposal)


def _supported(exercise: Exercise, table: Table, event: Event) -> None:
    proposal = table.proposals[event.payload["proposal"]]
    _store(table, proposal.but(supporters=(*proposal.supporters, event.actor)))


def _withdrawn(exercise: Exercise, table: Table, event: Event) -> None:
    proposal = table.proposals[event.payload["proposal"]]
    if proposal.author == event.actor:
        _store(table, proposal.but(status="withdrawn", supporters=()))
    else:
        kept = tuple(r for r in proposal.supporters if r != event.actor)
        _store(table, proposal.but(supporters=kept))


def _rejected(exercise: Exercise, table: Table, event: Event) -> None:
    proposal = table.proposals[event.payload["proposal"]]
    rejection = Rejection(role=event.actor, reason=event.payload["reason"])
    supporters = tuple(r for r in proposal.supporters if r != event.actor)
    rejections = (*proposal.rejections, rejection)
    _store(table, proposal.but(supporters=supporters, rejections=rejections))


def _walked_out(exercise: Exercise, table: Table, event: Event) -> None:
    was_turn = table.turn == event.actor
    table.walked_out = table.walked_out | {event.actor}
    for proposal in list(table.proposals.values()):
        if event.actor in proposal.supporters:
            kept = tuple(r for r in proposal.supporters if r != event.actor)
            _store(table, proposal.but(supporters=kept))
    if was_turn and table.phase in phases.TURN_PHASES:
        _next_turn(table)
        _new_turn(table, event)


def _ratification_opened(exercise: Exercise, table: Table, event: Event) -> None:
    phases.fire(table, "ratify")
    table.ratification = Ratification(
        proposal=event.payload["proposal"], signatories=tuple(event.payload["signatories"])
    )


def _signed(exercise: Exercise, table: Table, event: Event) -> None:
    assert table.ratification is not None
    table.ratification = replace(
        table.ratification, signed=(*table.ratification.signed, event.actor)
    )


def _declined(exercise: Exercise, table: Table, event: Event) -> None:
    assert table.ratification is not None
    proposal = table.proposals[table.ratification.proposal]
    kept = tuple(r for r in proposal.supporters if r != event.actor)
    _store(table, proposal.but(supporters=kept))
    _reopen(table)


def _reopen(table: Table) -> None:
    """The signature fails: the proposal goes back to the table and the talks go on."""
    phases.fire(table, "reopen")
    table.ratification = None


def _inject_fired(exercise: Exercise, table: Table, event: Event) -> None:
    inject = exercise.inject(event.payload["inject"])
    table.fired = (*table.fired, inject.id)
    for effect in inject.effects:
        if isinstance(effect, ValuationEffect):
            role = {issue: dict(points) for issue, points in table.valuations[effect.role].items()}
            role[effect.issue][effect.option] += effect.delta
            table.valuations = {**table.valuations, effect.role: role}
        else:
            table.reservations = {
                **table.reservations,
                effect.role: table.reservations[effect.role] + effect.reservation_delta,
            }


def _paused(exercise: Exercise, table: Table, event: Event) -> None:
    left = time_left(table, exercise.schedule.seconds_per_turn, event.at)
    if left is not None:
        table.clock = TurnTime(left, False, event.at)
    phases.fire(table, "pause")


def _resumed(exercise: Exercise, table: Table, event: Event) -> None:
    phases.fire(table, "resume")
    clock = table.clock
    if clock is not None and table.turn is not None:
        table.clock = TurnTime(clock.left, True, event.at)


def _time_extended(exercise: Exercise, table: Table, event: Event) -> None:
    left = time_left(table, exercise.schedule.seconds_per_turn, event.at) or 0.0
    table.clock = TurnTime(left + event.payload["seconds"], True, event.at)


def _clock_stopped(exercise: Exercise, table: Table, event: Event) -> None:
    table.clock = TurnTime(event.payload["left"], False, event.at)


def _clock_started(exercise: Exercise, table: Table, event: Event) -> None:
    table.clock = TurnTime(event.payload["left"], True, event.at)


def _extended(exercise: Exercise, table: Table, event: Event) -> None:
    table.rounds = event.payload["rounds"]


def _concluded(exercise: Exercise, table: Table, event: Event) -> None:
    phases.fire(table, "conclude")
    table.conclusion = Conclusion.model_validate(event.payload)
    table.ratification = None
    table.turn_index = None


def _aborted(exercise: Exercise, table: Table, event: Event) -> None:
    phases.fire(table, "abort")
    table.turn_index = None


def _nothing(exercise: Exercise, table: Table, event: Event) -> None:
    """Statements, passes, skips, messages and notes leave the table as it was."""


_HANDLERS: dict[str, Callable[[Exercise, Table, Event], None]] = {
    "started": _started,
    "advanced": _advanced,
    "round_started": _round_started,
    "proposed": _proposed,
    "supported": _supported,
    "withdrawn": _withdrawn,
    "rejected": _rejected,
    "stated": _nothing,
    "messaged": _nothing,
    "passed": _nothing,
    "skipped": _nothing,
    "walked_out": _walked_out,
    "ratification_opened": _ratification_opened,
    "signed": _signed,
    "declined": _declined,
    "inject_fired": _inject_fired,
    "paused": _paused,
    "resumed": _resumed,
    "extended": _extended,
    "time_extended": _time_extended,
    "clock_stopped": _clock_stopped,
    "clock_started": _clock_started,
    "annotated": _nothing,
    "concluded": _concluded,
    "aborted": _aborted,
}

QUIET_KINDS = CLOCK_KINDS | {kind for kind, handler in _HANDLERS.items() if handler is _nothing}
"""Events that leave proposals, support, valuations and reservations as they were."""
