"""The rules replayed over a log: every event must be what the engine derives.

A hash chain shows that a log was not changed by accident; it cannot show
that a log rehashed by hand describes a session the rules allow. The audit
rebuilds the session block by block, as it was played: the first event of a
block is the act a delegation or Control made, which must be legal then, and
the events after it must be exactly those the rules derive from it (rounds,
injects, the end and its scores), down to their timestamps. A block the rules
had not finished is a crash mid-write: the log may end there, or carry on
with the events `resume` settled, and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import ValidationError

from tabletop.controls import escaped
from tabletop.engine import acts
from tabletop.engine.acts import Act
from tabletop.engine.events import SESSION, Event
from tabletop.engine.fold import fold
from tabletop.engine.session import Decision, IllegalAct, Session
from tabletop.engine.state import Table
from tabletop.exercise.model import CONTROL, Exercise
from tabletop.exercise.wording import first_problem
from tabletop.log.errors import LogError
from tabletop.log.reader import LogContents, LogProblem, LogStream


class Misfit(LogError):
    """An event that does not fit the session the events before it make."""

    def __init__(self, where: str, event: Event, reason: str) -> None:
        self.seq = event.seq
        self.line = event.seq + 1
        self.reason = (
            f"event {event.seq} ({event.kind}) does not fit the session so far: "
            + escaped(reason, one_line=True)
        )
        super().__init__(f"{where}:{self.line}: {self.reason}")


@dataclass
class Audit:
    """A session rebuilt by the rules, one logged event at a time."""

    session: Session
    where: str
    """The log's path, for messages."""
    _pending: tuple[Event, ...] = ()
    """The events the rules derive from the current block's act (or settling)."""
    _decision: Decision | None = None
    _shown: int = 0
    """How many of them the log has shown so far."""
    _partial: Table | None = None
    """The table after the shown events of an unfinished block, once asked for."""

    @classmethod
    def of(cls, exercise: Exercise, seed: int, where: str, keep_events: bool = True) -> Audit:
        """Without `keep_events`, the session keeps its state but not all its events."""
        return cls(Session(exercise, seed, keep_events=keep_events), where)

    @property
    def cut(self) -> int:
        """How many events the rules still owe the last block (a crash mid-write)."""
        return len(self._pending) - self._shown

    @property
    def table(self) -> Table:
        """The table after the last event fed, for readers that must not change it.

        The chart and the replay viewer's checkpoints read it, so a log is
        folded once, by the audit. Inside a block the rules have not finished
        showing, it is the table before the block with the shown events folded.
        """
        if not self.cut:
            return self.session.table
        partial = self._partial
        if partial is None:
            partial = self._partial = self.session.table.copy()
        done = partial.seq - self.session.table.seq
        for shown in self._pending[done : self._shown]:
            fold(self.session.exercise, partial, shown)
        return partial

    def feed(self, event: Event) -> None:
        """Take the next logged event; raises Misfit if the rules do not derive it."""
        if self.cut:
            if event == self._pending[self._shown]:
                self._shown += 1
                if not self.cut:
                    self._finish()
                return
            owed = self._pending[self._shown]
            self._settle_cut()
            if event.actor != SESSION:
                raise Misfit(
                    self.where,
                    event,
                    f"the block before it is unfinished (the rules owe {owed.kind} next), "
                    "and only the rules may finish it",
                )
        self._begin(event)

    def feed_all(self, events: Iterable[Event]) -> None:
        for event in events:
            self.feed(event)

    def close(self) -> Session:
        """The session the fed events make, a cut last block included.

        After a Misfit, that is the session of the events before the misfit.
        """
        if self.cut:
            self._settle_cut()
        return self.session

    def _begin(self, event: Event) -> None:
        session = self.session
        if event.actor == SESSION:
            decision = session.settle(event.at)
            if not decision.events:
                raise Misfit(self.where, event, "the rules add nothing at this point")
        else:
            try:
                act = act_of(event, session.table)
                if act is None:
                    raise Misfit(self.where, event, f"only the rules make {event.kind} events")
                decision = session.decide(act, event.at)
            except ValidationError as error:
                raise Misfit(self.where, event, f"not an act: {first_problem(error)}") from None
            except IllegalAct as refused:
                raise Misfit(self.where, event, f"refused by the rules: {refused.reason}") from None
        derived = decision.events
        if event != derived[0]:
            raise Misfit(self.where, event, _difference(event, derived[0]))
        if len(derived) == 1:
            session.commit(decision)  # the block is this one event
        else:
            self._decision, self._pending, self._shown = decision, derived, 1
            self._partial = None

    def _finish(self) -> None:
        if self._decision is not None:
            self.session.commit(self._decision)
        self._decision, self._pending, self._shown = None, (), 0

    def _settle_cut(self) -> None:
        """Fold the part of a block that was written: the rules derived each of its events."""
        for shown in self._pending[: self._shown]:
            self.session.replay(shown)
        self._decision, self._pending, self._shown = None, (), 0


def audit_of(log: LogContents | LogStream, keep_events: bool = True) -> Audit:
    """An audit of a log's events, none fed yet (see `Audit.of` for `keep_events`)."""
    header = log.header
    return Audit.of(header.session_exercise, header.seed, str(log.path), keep_events)


def audited(contents: LogContents, upto: int | None = None) -> Audit:
    """The rules replayed over a log's trusted events (up to `upto`); raises Misfit."""
    audit = audit_of(contents)
    audit.feed_all(contents.events if upto is None else contents.events[:upto])
    return audit


def unfinished(audit: Audit, events: int) -> LogProblem | None:
    """A block the audit was left in the middle of, as a problem at the line after it."""
    if not audit.cut:
        return None
    return LogProblem(
        events + 2,
        "torn",
        f"the last act's events are cut short (a crash while writing): the rules owe "
        f"{audit.cut} more; everything before is whole",
    )


def act_of(event: Event, table: Table) -> Act | None:
    """The act that made `event`, its first event; None for an event only the rules make.

    Raises ValidationError for an act the act models refuse (an actor or a
    text they do not allow).
    """
    actor, payload = event.actor, event.payload
    match event.kind:
        case "proposed" if payload["parent"] is None:
            return acts.Propose(actor=actor, package=payload["package"])
        case "proposed":
            parent = table.proposals.get(payload["parent"])
            package: dict[str, str] = payload["package"]
            changes = package
            if parent is not None:
                changes = {k: v for k, v in package.items() if parent.package.get(k) != v}
            return acts.Amend(actor=actor, proposal=payload["parent"], changes=changes or package)
        case "supported":
            return acts.Support(actor=actor, proposal=payload["proposal"])
        case "withdrawn":
            return acts.Withdraw(actor=actor, proposal=payload["proposal"])
        case "rejected":
            return acts.Reject(actor=actor, proposal=payload["proposal"], reason=payload["reason"])
        case "stated":
            return acts.Statement(actor=actor, text=payload["text"])
        case "messaged":
            return acts.Message(actor=actor, to=payload["to"], text=payload["text"])
        case "passed":
            return acts.Pass(actor=actor)
        case "walked_out":
            return acts.WalkOut(actor=actor, reason=payload["reason"])
        case "signed":
            return acts.Sign(actor=actor)
        case "declined":
            return acts.Decline(actor=actor, reason=payload["reason"])
    return _control_act(event, table)


def _control_act(event: Event, table: Table) -> Act | None:
    """Control's acts: the actor is checked here, as the act models fix it to Control."""
    payload = event.payload
    act: Act
    match event.kind:
        case "started":
            act = acts.Start()
        case "advanced":
            act = acts.Advance()
        case "inject_fired":
            act = acts.FireInject(inject=payload["inject"])
        case "paused":
            act = acts.Pause()
        case "resumed":
            act = acts.Resume()
        case "extended":
            act = acts.ExtendRounds(rounds=payload["rounds"] - table.rounds)
        case "time_extended":
            act = acts.ExtendTime(seconds=payload["seconds"])
        case "clock_stopped":
            act = acts.StopClock()
        case "clock_started":
            act = acts.StartClock()
        case "skipped":
            act = acts.SkipTurn()
        case "annotated":
            act = acts.Annotate(text=payload["text"])
        case "concluded":
            act = acts.End(reason=payload.get("reason", ""))
        case "aborted":
            act = acts.Abort(reason=payload["reason"])
        case _:
            return None
    if event.actor != CONTROL:
        # The act models fix their actor to Control; asking one of them
        # with another actor fails validation as the act would.
        return type(act).model_validate({**act.model_dump(), "actor": event.actor})
    return act


def _difference(logged: Event, derived: Event) -> str:
    """What differs between a logged event and the one the rules derive, in a few words."""
    for name in ("kind", "actor", "payload", "visible_to", "at"):
        have, want = getattr(logged, name), getattr(derived, name)
        if have != want:
            return f"its {name} is {_short(have)}, the rules make {_short(want)}"
    return "it differs from what the rules make"


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."
