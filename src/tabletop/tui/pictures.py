"""What Control or one delegation sees of the table, and the outcome: one constructor per picture.

The live screens and the replay viewer build their pictures here and nowhere
else, so a privacy slip has one place to creep in, and one to be caught. A
delegation's picture is made from its `RoleView` alone (the engine's privacy
boundary), never from the session: whatever feeds a delegation's screen, a
live session, a replayed one or a role view sent over the network, it cannot
show what the view does not hold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tabletop.engine import Event, LegalActs, RoleView, Session, SessionState, rules
from tabletop.engine.history import LeadingPoint, history
from tabletop.engine.state import standing
from tabletop.engine.view import InjectNotice
from tabletop.exercise.model import CONTROL, Exercise
from tabletop.log import RecordedSession, Seat
from tabletop.tui.describe import actor_name
from tabletop.tui.screens.outcome import OutcomePicture
from tabletop.tui.widgets.proposals import TablePicture
from tabletop.tui.widgets.score_chart import ChartData, Series

YOU = "You"
"""A delegation's own score column: on its screen the score is its own."""


@dataclass(frozen=True)
class ControlPicture:
    """Everything the console shows, as Control sees it: one immutable snapshot."""

    exercise: Exercise
    state: SessionState
    events: tuple[Event, ...]
    legal: LegalActs
    seats: dict[str, Seat]
    path: Path
    scores: dict[int, dict[str, int]]
    """Proposal → role → points, under the valuations in force now."""
    leading: int | None
    """The proposal with the most support, as the engine ranks them."""
    table: TablePicture
    """Control's scoreboard: every proposal's support, every role's score and reservation."""
    remote: frozenset[str] = frozenset()
    """Delegations playing at their own terminals (`tabletop host`), not at this keyboard."""


def control_picture(
    session: Session,
    seats: Mapping[str, Seat],
    path: Path,
    remote: frozenset[str] = frozenset(),
) -> ControlPicture:
    """Control's picture of a session: everything, every role's points included."""
    exercise = session.exercise
    state = session.state
    roles = exercise.role_ids
    scores = {p.id: {r: session.score(r, p.package) for r in roles} for p in state.proposals}
    top = rules.leading(session.table)
    return ControlPicture(
        exercise=exercise,
        state=state,
        events=tuple(session.events),
        legal=session.legal_acts(CONTROL),
        seats=dict(seats),
        path=path,
        scores=scores,
        leading=top.id if top else None,
        table=TablePicture(
            proposals=tuple(state.proposals),
            standings={p.id: standing(p, state.phase, state.conclusion) for p in state.proposals},
            scores={
                number: {actor_name(exercise, r): points for r, points in by_role.items()}
                for number, by_role in scores.items()
            },
            reservations={actor_name(exercise, r): state.reservations[r] for r in roles},
            score_columns=tuple(actor_name(exercise, r) for r in roles),
            seats=len(roles),
        ),
        remote=remote,
    )


@dataclass(frozen=True)
class DelegationPicture:
    """Everything a delegation's screen shows: made from its `RoleView` and nothing else."""

    view: RoleView
    table: TablePicture
    """The table with this delegation's own score and reservation only."""
    events: tuple[Event, ...]
    """The events this delegation saw (its history, and its messages among them)."""
    notices: tuple[InjectNotice, ...]
    """Injects as this delegation was told them."""


def delegation_picture(view: RoleView) -> DelegationPicture:
    """A delegation's picture of the table, built from its view alone."""
    return DelegationPicture(
        view=view,
        table=TablePicture(
            proposals=view.proposals,
            standings={p.id: standing(p, view.phase, view.conclusion) for p in view.proposals},
            scores={p.id: {YOU: view.score(p.package)} for p in view.proposals},
            reservations={YOU: view.reservation},
            score_columns=(YOU,),
        ),
        events=view.events,
        notices=view.injects,
    )


def outcome_picture(recorded: RecordedSession) -> OutcomePicture:
    """The outcome as Control shows it to the room: every role's score and reservation,
    and the log's receipt."""
    session = recorded.session
    exercise = session.exercise
    state = session.state
    leading = history(exercise, session.seed, session.events).leading
    aborted = next((e for e in session.events if e.kind == "aborted"), None)
    return OutcomePicture(
        exercise=exercise,
        conclusion=state.conclusion,
        abort_reason=aborted.payload["reason"] if aborted else "",
        reservations=dict(state.reservations),
        chart=score_chart(exercise, leading, state.reservations, exercise.role_ids),
        receipt=recorded.receipt,
    )


def control_notices(exercise: Exercise, events: Sequence[Event]) -> tuple[InjectNotice, ...]:
    """Every inject fired so far, with every private text: Control was told them all."""
    notices = []
    for event in events:
        if event.kind != "inject_fired":
            continue
        inject = exercise.inject(event.payload["inject"])
        private = "\n".join(
            f"{actor_name(exercise, role)}: {text.strip()}" for role, text in inject.private.items()
        )
        notices.append(
            InjectNotice(inject.id, inject.title, inject.text, private or None, event.seq)
        )
    return tuple(notices)


def score_chart(
    exercise: Exercise,
    leading: Sequence[LeadingPoint],
    reservations: Mapping[str, int],
    roles: Sequence[str],
) -> ChartData:
    """Each of `roles`' score of the leading proposal after every event, against its reservation.

    A delegation's chart is given its own role only; Control's, every role.
    """
    return ChartData(
        series=tuple(
            Series(
                actor_name(exercise, role),
                tuple(point.scores[role] for point in leading),
                reservations[role],
            )
            for role in roles
        ),
        rounds=tuple(point.round for point in leading),
    )
