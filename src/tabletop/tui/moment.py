"""What the replay viewer shows at its cursor, for Control or one delegation.

The pictures are the live screens' own (`tui.pictures`): a delegation's is
built from its `RoleView` of the session at the cursor, so it holds only what
that delegation knew then. The events themselves stay in the log
(`ReplayLog`): a timeline is given them lazily, each told to the viewer as
`events_for` tells it, so a step costs the same at event 10 or 1,000,000.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text

from tabletop.engine import Event, RoleView, SessionState
from tabletop.engine.view import InjectNotice
from tabletop.exercise.model import CONTROL
from tabletop.log.cursor import ReplayCursor
from tabletop.tui.describe import PHASE_WORDS, actor_name, event_text
from tabletop.tui.pictures import control_notices, control_picture, delegation_picture, score_chart
from tabletop.tui.widgets.proposals import TablePicture
from tabletop.tui.widgets.score_chart import ChartData


@dataclass(frozen=True)
class Moment:
    """Everything the screen shows at the cursor, for one viewer: built, then set on widgets."""

    status: Text
    current: Text
    table: TablePicture
    events: Sequence[Event]
    """The events the viewer saw up to the cursor, read from the log when drawn."""
    messages: Sequence[Event]
    """A delegation's private messages up to the cursor; none for Control."""
    notices: tuple[InjectNotice, ...]
    chart: ChartData
    papers: str
    """Control's papers (every briefing and scoring sheet); empty for a delegation."""
    view: RoleView | None
    """A delegation's view, for its briefing; None for Control."""


def moment(cursor: ReplayCursor, viewer: str) -> Moment:
    """What `viewer` (Control or a role id) may see with the cursor where it is."""
    session = cursor.session
    log = cursor.source
    exercise = session.exercise
    state = session.state
    position = cursor.position
    injects = [e for e in log.injects if e.seq <= position]
    messages: Sequence[Event] = ()
    if viewer == CONTROL:
        control = control_picture(session, log.header.seats, log.path)
        table, events = control.table, log.seen(None, position)
        notices = control_notices(exercise, injects)
        roles, papers, view = exercise.role_ids, _control_papers(cursor, state), None
    else:
        # The view's history is the injects alone: it tells them as the role was told
        # them (`injects`); the rest of what it saw is read from the log when drawn.
        role = RoleView(
            session.reading(viewer), session.table, injects, viewer, memo=session.legal_memo
        )
        picture = delegation_picture(role)
        table, notices, view = picture.table, picture.notices, picture.view
        events, messages = log.seen(viewer, position), log.messages(viewer, position)
        roles, papers = [viewer], ""
    return Moment(
        status=status(cursor, state, viewer),
        current=_current(cursor, viewer),
        table=table,
        events=events,
        messages=messages,
        notices=notices,
        chart=score_chart(exercise, log.leading(position), state.reservations, roles),
        papers=papers,
        view=view,
    )


def status(cursor: ReplayCursor, state: SessionState, viewer: str) -> Text:
    """The status line: where the cursor is (of how many checked so far), whose turn, as whom."""
    exercise = cursor.session.exercise
    text = Text()
    text.append(" REPLAY ", style="bold reverse")
    text.append(f" event {cursor.position:,}/{cursor.total:,}", style="bold")
    if cursor.source.halted:
        text.append(" checked; the rest could not be read", style="italic")
    elif not cursor.source.done:
        text.append(" checked so far", style="italic")
    text.append(f" · round {state.round}/{state.rounds} · {PHASE_WORDS[state.phase]}")
    if state.turn is not None:
        text.append(f" · {actor_name(exercise, state.turn)} to act")
    text.append(" · as ")
    text.append("Control" if viewer == CONTROL else actor_name(exercise, viewer), style="bold")
    return text


def _current(cursor: ReplayCursor, viewer: str) -> Text:
    """The event the cursor stands after, in words, if the viewer saw it."""
    event = cursor.event
    if event is None:
        return Text("Before the first event. → steps forward.", style="dim")
    text = Text(f"{event.seq}. ", style="bold")
    if viewer == CONTROL or event.visible_for(viewer):
        text.append_text(event_text(cursor.session.exercise, event))
    else:
        text.append("(an event this delegation did not see)", style="dim")
    return text


def _control_papers(cursor: ReplayCursor, state: SessionState) -> str:
    """Every delegation's briefing and scoring sheet as in force at the cursor."""
    exercise = cursor.session.exercise
    seats = cursor.source.header.seats
    blocks = [f"# {exercise.title}", exercise.summary.strip()]
    for role in exercise.roles:
        seat = str(seats[role.id]) if role.id in seats else "unassigned"
        blocks += [
            f"## {role.title}: {seat}",
            role.public_briefing.strip(),
            "### Confidential briefing",
            role.confidential_briefing.strip(),
            f"Reservation now: **{state.reservations[role.id]}** points.",
        ]
        rows = ["| Issue | Option | Points |", "|---|---|---:|"]
        for issue in exercise.issues:
            for option in issue.options:
                points = state.valuations[role.id][issue.id][option.id]
                rows.append(f"| {issue.name} | {option.name} | {points} |")
        blocks.append("\n".join(rows))
    return "\n\n".join(blocks)
