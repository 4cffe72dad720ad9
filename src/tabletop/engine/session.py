"""A session of an exercise: decide acts into events, fold events into state.

Like a chess board you push moves onto, a session takes acts one at a time.
`decide` checks an act and works out every event it causes on a copy of the
table, touching nothing; `commit` makes those events history. The shell in
between writes them to the log, so nothing is shown as accepted before it is
on disk. `apply` does both for callers with no log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, assert_never

from tabletop.engine import rules
from tabletop.engine.acts import (
    Abort,
    Act,
    Advance,
    Amend,
    Annotate,
    Decline,
    End,
    ExtendRounds,
    ExtendTime,
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
    StartClock,
    Statement,
    StopClock,
    Support,
    WalkOut,
    Withdraw,
)
from tabletop.engine.checks import refusal
from tabletop.engine.clock import exact, restart_left, time_left
from tabletop.engine.events import SESSION, Event, EventKind, made
from tabletop.engine.fold import fold
from tabletop.engine.legal import LegalActs, LegalMemo
from tabletop.engine.phases import TALK_PHASES
from tabletop.engine.state import SessionState, Table
from tabletop.exercise.conditions import Ending
from tabletop.exercise.model import CONTROL, Exercise, RoundTrigger


class IllegalAct(ValueError):
    """An act the rules refuse; `reason` says why in a delegation's words."""

    def __init__(self, act: Act, reason: str) -> None:
        super().__init__(reason)
        self.act = act
        self.reason = reason


@dataclass(frozen=True)
class Decision:
    """The events an accepted act causes, and the table they lead to."""

    act: Act | None
    events: tuple[Event, ...]
    table: Table
    after_seq: int


Emit = Callable[[str, EventKind, dict[str, Any], "tuple[str, ...] | None"], None]


class Session:
    """One run of an exercise, rebuilt from its events and extended by acts."""

    def __init__(
        self,
        exercise: Exercise,
        seed: int = 0,
        events: Iterable[Event] = (),
        *,
        keep_events: bool = True,
    ) -> None:
        """With `keep_events=False`, `events` holds only the last few: the rules need no
        more, and a reader of a very long log (the report) should not hold them all."""
        self.exercise = exercise
        self.seed = seed
        self._table = Table(exercise)
        self._events: list[Event] = []
        self._keep_events = keep_events
        self._snapshot: SessionState | None = None
        self._readings: dict[tuple[str, tuple[str, ...]], Exercise] = {}
        self.legal_memo = LegalMemo()
        for event in events:
            self.replay(event)

    def replay(self, event: Event) -> None:
        """Fold one recorded event onto the session, as when it was first accepted."""
        if event.seq != self._table.seq + 1:
            raise ValueError(f"event {event.seq} cannot follow event {self._table.seq}")
        fold(self.exercise, self._table, event)
        self._remember((event,))

    def _remember(self, events: Iterable[Event]) -> None:
        if self._keep_events:
            self._events.extend(events)
            return
        for event in events:
            # Enough for `_round_start_owed`: the last event, and a round start
            # with the rules' injects after it.
            if event.kind == "inject_fired" and event.actor == SESSION:
                self._events.append(event)
            else:
                self._events = [event]

    # Reading -----------------------------------------------------------------

    @property
    def events(self) -> Sequence[Event]:
        """Every event so far (only the last few without `keep_events`)."""
        return self._events

    @property
    def state(self) -> SessionState:
        """An immutable snapshot of the session now (as Control sees it)."""
        if self._snapshot is None or self._snapshot.seq != self._table.seq:
            self._snapshot = self._table.snapshot()
        return self._snapshot

    @property
    def table(self) -> Table:
        """The working state, for readers that must not change it (views, bots, the simulation)."""
        return self._table

    def score(self, role: str, package: dict[str, str]) -> int:
        """A role's points for a package under the valuations in force now."""
        return self._table.score(role, package)

    def reading(self, role: str) -> Exercise:
        """The exercise as `role` may read it now (`Exercise.as_read_by`), asked of it once.

        Bots are shown a view every turn, and the exercise's own store of
        readings is a pydantic private attribute, slow to reach.
        """
        fired = self._table.fired
        reading = self._readings.get((role, fired))
        if reading is None:
            reading = self._readings[role, fired] = self.exercise.as_read_by(role, fired)
        return reading

    def reservation(self, role: str) -> int:
        return self._table.reservations[role]

    def legal_acts(self, actor: str) -> LegalActs:
        """What `actor` (a role id or "control") may do now, and why not the rest."""
        return self.legal_memo(self.exercise, self._table, actor)

    def refusal(self, act: Act) -> str | None:
        """Why the act would be refused now, or None if it is legal."""
        return refusal(self.exercise, self._table, act)

    # Acting ------------------------------------------------------------------

    def decide(self, act: Act, at: datetime | None = None) -> Decision:
        """The events `act` would cause; raises IllegalAct and changes nothing."""
        self._check(act)
        return Decision(act, *self._work_out(act, at), self._table.seq)

    def settle(self, at: datetime | None = None) -> Decision:
        """The events the rules still owe, if an earlier decision was cut off mid-write."""
        return Decision(None, *self._work_out(None, at), self._table.seq)

    def _check(self, act: Act) -> None:
        reason = refusal(self.exercise, self._table, act)
        if reason is not None:
            raise IllegalAct(act, reason)

    def _round_start_owed(self) -> int | None:
        """The seq of the round start whose injects may not all be written yet.

        That is the last round start, when nothing but its own injects has
        followed it: any act would have come after all of them.
        """
        for event in reversed(self._events):
            if event.kind == "round_started":
                return event.seq
            if event.kind != "inject_fired" or event.actor != SESSION:
                return None
        return None

    def _work_out(self, act: Act | None, at: datetime | None) -> tuple[tuple[Event, ...], Table]:
        """The events an act (or the rules alone) cause, and the table they lead to."""
        table = self._table.copy()
        moment = at or datetime.now(UTC)
        events: list[Event] = []

        def emit(
            actor: str, kind: EventKind, payload: dict[str, Any], visible_to: tuple[str, ...] | None
        ) -> None:
            event = made(table.seq + 1, moment, actor, kind, payload, visible_to)
            fold(self.exercise, table, event)
            events.append(event)

        if act is not None:
            last = self._events[-1].at if self._events else None
            _primary(self.exercise, table, act, emit, moment, last)
        else:
            owed = self._round_start_owed()
            if owed is not None:
                _fire_due(self.exercise, table, self.seed, owed, emit)
        _settle(self.exercise, table, self.seed, emit)
        return tuple(events), table

    def commit(self, decision: Decision) -> None:
        """Make a decision's events history."""
        if decision.after_seq != self._table.seq:
            raise ValueError("the session moved on since this decision was made")
        self._table = decision.table
        self._remember(decision.events)

    def apply(self, act: Act, at: datetime | None = None) -> tuple[Event, ...]:
        """Decide and commit at once: for sessions that keep no log."""
        decision = self.decide(act, at)
        self.commit(decision)
        return decision.events


def _primary(
    exercise: Exercise,
    table: Table,
    act: Act,
    emit: Emit,
    moment: datetime,
    last: datetime | None,
) -> None:
    """The event the act itself makes (one case per kind of act: mypy checks none is missing).

    `moment` is the act's time, `last` the time of the event before it (the
    turn clock reads them: `engine.clock`).
    """
    actor = act.actor
    match act:
        case Propose():
            package = {i.id: act.package[i.id] for i in exercise.issues}
            payload = {"proposal": len(table.proposals) + 1, "package": package, "parent": None}
            emit(actor, "proposed", payload, None)
        case Amend():
            merged = {**table.proposals[act.proposal].package, **act.changes}
            package = {i.id: merged[i.id] for i in exercise.issues}
            number = len(table.proposals) + 1
            emit(
                actor,
                "proposed",
                {"proposal": number, "package": package, "parent": act.proposal},
                None,
            )
        case Support():
            emit(actor, "supported", {"proposal": act.proposal}, None)
        case Withdraw():
            emit(actor, "withdrawn", {"proposal": act.proposal}, None)
        case Reject():
            emit(actor, "rejected", {"proposal": act.proposal, "reason": act.reason}, None)
        case Statement():
            emit(actor, "stated", {"text": act.text}, None)
        case Message():
            emit(actor, "messaged", {"to": act.to, "text": act.text}, (actor, act.to))
        case Pass():
            emit(actor, "passed", {}, None)
        case WalkOut():
            emit(actor, "walked_out", {"reason": act.reason}, None)
        case Sign():
            emit(actor, "signed", {}, None)
        case Decline():
            emit(actor, "declined", {"reason": act.reason}, None)
        case Start():
            emit(CONTROL, "started", {}, None)
        case Advance():
            opening = rules.advance_trigger(exercise, table) == "open"
            emit(CONTROL, "advanced", {"phase": "opening" if opening else "negotiating"}, None)
        case FireInject():
            emit(CONTROL, "inject_fired", {"inject": act.inject, "trigger": "control"}, None)
        case Pause():
            emit(CONTROL, "paused", {}, None)
        case Resume():
            emit(CONTROL, "resumed", {}, None)
        case ExtendRounds():
            emit(CONTROL, "extended", {"rounds": table.rounds + act.rounds}, None)
        case ExtendTime():
            emit(CONTROL, "time_extended", {"role": table.turn, "seconds": act.seconds}, None)
        case StopClock():
            left = time_left(table, exercise.schedule.seconds_per_turn, moment) or 0.0
            emit(CONTROL, "clock_stopped", {"role": table.turn, "left": exact(left)}, None)
        case StartClock():
            seconds = exercise.schedule.seconds_per_turn or 0
            left = restart_left(table, seconds, last)
            emit(CONTROL, "clock_started", {"role": table.turn, "left": exact(left)}, None)
        case SkipTurn():
            emit(CONTROL, "skipped", {"role": table.turn}, None)
        case Annotate():
            emit(CONTROL, "annotated", {"text": act.text}, ())
        case End():
            _conclude(exercise, table, emit, "breakdown", None, act.reason, CONTROL)
        case Abort():
            emit(CONTROL, "aborted", {"reason": act.reason}, None)
        case _:
            assert_never(act)


def _settle(exercise: Exercise, table: Table, seed: int, emit: Emit) -> None:
    """The events the rules add after an act, until the table is at rest."""
    while table.phase in TALK_PHASES:
        if rules.walk_out_ends(exercise, table.order, table.walked_out):
            _conclude(exercise, table, emit, "walk_out", None)
            return
        if table.phase == "ratification":
            ratification = table.ratification
            assert ratification is not None
            if any(r in table.walked_out for r in ratification.signatories):
                emit(SESSION, "advanced", {"phase": "negotiating"}, None)
                continue
            if ratification.pending is None:
                package = table.proposals[ratification.proposal].package
                _conclude(exercise, table, emit, "agreement", package)
            return
        if table.phase == "opening":
            if not table.opening_done:
                return
            emit(SESSION, "advanced", {"phase": "negotiating"}, None)
            continue
        ready = rules.ready_for_signature(exercise, table)
        if ready is not None:
            proposal, signatories = ready
            payload = {"proposal": proposal.id, "signatories": list(signatories)}
            emit(SESSION, "ratification_opened", payload, None)
            return
        if table.round > 0 and not table.round_over:
            return
        if table.round >= table.rounds:
            _conclude(exercise, table, emit, "deadline", None)
            return
        emit(SESSION, "round_started", {"round": table.round + 1}, None)
        _fire_due(exercise, table, seed, table.seq, emit)


def _fire_due(exercise: Exercise, table: Table, seed: int, round_start: int, emit: Emit) -> None:
    """Fire the injects due as the round that began at event `round_start` opens."""
    for inject in list(rules.injects_due(exercise, table, seed, round_start)):
        trigger = "round" if isinstance(inject.trigger, RoundTrigger) else "condition"
        emit(SESSION, "inject_fired", {"inject": inject.id, "trigger": trigger}, None)


def _conclude(
    exercise: Exercise,
    table: Table,
    emit: Emit,
    ending: Ending,
    package: dict[str, str] | None,
    reason: str = "",
    actor: str = SESSION,
) -> None:
    payload: dict[str, Any] = {
        "ending": ending,
        "outcome": rules.outcome(exercise, table, ending, package),
        "package": package,
        "scores": rules.final_scores(table, package),
    }
    if reason:
        payload["reason"] = reason
    emit(actor, "concluded", payload, None)
