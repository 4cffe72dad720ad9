"""What the replay viewer shows at its cursor, for Control or one delegation.

The pictures are the live screens' own (`tui.pictures`): a delegation's is
built from its `role_view` of the session at the cursor, so it holds only what
that delegation knew then.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from tabletop.engine import Event, RoleView, SessionState, role_view
from tabletop.engine.history import History
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
    events: tuple[Event, ...]
    notices: tuple[InjectNotice, ...]
    chart: ChartData
    papers: str
    """Control's papers (every briefing and scoring sheet); empty for a delegation."""
    view: RoleView | None
    """A delegation's view, for its briefing; None for Control."""


def moment(cursor: ReplayCursor, series: History | None, viewer: str) -> Moment:
    """What `viewer` (Control or a role id) may see with the cursor where it is.

    Without the `series` (still being worked out), the chart is empty.
    """
    session = cursor.session
    exercise = session.exercise
    state = session.state
    leading = series.leading[: cursor.position] if series is not None else []
    if viewer == CONTROL:
        control = control_picture(session, cursor.source.header.seats, cursor.source.path)
        table, events = control.table, control.events
        notices = control_notices(exercise, events)
        roles, papers, view = exercise.role_ids, _control_papers(cursor, state), None
    else:
        picture = delegation_picture(role_view(session, viewer))
        table, events, notices = picture.table, picture.events, picture.notices
        roles, papers, view = [viewer], "", picture.view
    return Moment(
        status=_status(cursor, state, viewer),
        current=_current(cursor, viewer),
        table=table,
        events=events,
        notices=notices,
        chart=score_chart(exercise, leading, state.reservations, roles),
        papers=papers,
        view=view,
    )


def _status(cursor: ReplayCursor, state: SessionState, viewer: str) -> Text:
    exercise = cursor.session.exercise
    text = Text()
    text.append(" REPLAY ", style="bold reverse")
    text.append(f" event {cursor.position}/{cursor.total}", style="bold")
    text.append(f" · round {state.round}/{state.rounds} · {PHASE_WORDS[state.phase]}")
    if state.turn is not None:
        text.append(f" · {actor_name(exercise, state.turn)} to act")
    text.append(" · as ")
    text.append("Control" if viewer == CONTROL else actor_name(exercise, viewer), style="bold")
    return text


def _current(cursor: ReplayCursor, viewer: str) -> Text:
    """The event the cursor stands after, in words, if the viewer saw it."""
    if cursor.position == 0:
        return Text("Before the first event. → steps forward.", style="dim")
    event = cursor.session.events[-1]
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
