"""The turn clock in the record: what a turn has left, from its events and the times given."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tabletop.engine import IllegalAct, Session, role_view
from tabletop.engine.acts import (
    Advance,
    Annotate,
    ExtendTime,
    Pass,
    Pause,
    Resume,
    Start,
    StartClock,
    Statement,
    StopClock,
)
from tabletop.engine.clock import time_left
from tabletop.exercise.model import Exercise
from tabletop.narration.events import event_words

T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def clocked(tiny: Exercise, seconds: int | None = 60) -> Session:
    """A session at round 1, town's turn, which began at T0."""
    session = Session(tiny.with_schedule(seconds_per_turn=seconds), seed=1)
    session.apply(Start(), at(-30))
    session.apply(Advance(), at(-20))
    session.apply(Statement(actor="town", text="Hello"), at(-10))
    session.apply(Statement(actor="fest", text="Hi"), at(0))
    assert session.state.turn == "town"
    return session


def left(session: Session, seconds: float) -> float | None:
    return time_left(session.table, session.exercise.schedule.seconds_per_turn, at(seconds))


def words(session: Session) -> str:
    event = session.events[-1]
    return "".join(segment.text for segment in event_words(session.exercise, event))


def test_a_turn_starts_in_full_and_runs_down(tiny: Exercise) -> None:
    session = clocked(tiny)
    assert left(session, 0) == 60
    assert left(session, 25) == 35
    assert left(session, 90) == 0


def test_a_pause_stops_the_clock_and_a_resume_runs_it_again(tiny: Exercise) -> None:
    session = clocked(tiny)
    session.apply(Pause(), at(20))
    assert left(session, 500) == 40
    session.apply(Resume(), at(500))
    assert left(session, 510) == 30


def test_more_time_adds_to_what_is_left_and_is_recorded(tiny: Exercise) -> None:
    session = clocked(tiny)
    (event,) = session.apply(ExtendTime(seconds=45), at(70))
    assert (event.kind, event.payload) == ("time_extended", {"role": "town", "seconds": 45})
    assert left(session, 80) == 35
    assert words(session) == "Control gave 45 s more to Town"


def test_a_clean_stop_and_restart_keep_exactly_what_was_left(tiny: Exercise) -> None:
    session = clocked(tiny)
    (stop,) = session.apply(StopClock(), at(12.25))
    assert stop.payload == {"role": "town", "left": 47.75}
    assert words(session) == "The clock stopped with 48 s left for Town"
    (start,) = session.apply(StartClock(), at(86_400))
    assert start.payload == {"role": "town", "left": 47.75}
    assert left(session, 86_410) == pytest.approx(37.75)


def test_after_a_crash_the_clock_ran_until_the_last_logged_event(tiny: Exercise) -> None:
    session = clocked(tiny)
    session.apply(ExtendTime(seconds=30), at(60))  # 30 s left at 60
    session.apply(Pause(), at(70))
    session.apply(Resume(), at(100))  # 20 s left, running from 100
    (start,) = session.apply(StartClock(), at(9_999))  # the log ended at 100: a crash
    assert start.payload["left"] == 20


def test_a_turn_nothing_stopped_restarts_in_full_as_before(tiny: Exercise) -> None:
    session = clocked(tiny)
    (start,) = session.apply(StartClock(), at(5_000))
    assert start.payload["left"] == 60


def test_the_next_turn_starts_its_own_clock(tiny: Exercise) -> None:
    session = clocked(tiny)
    session.apply(ExtendTime(seconds=300), at(61))
    session.apply(Pass(actor="town"), at(100))
    assert session.state.turn == "fest"
    assert left(session, 110) == 50


@pytest.mark.parametrize(
    ("act", "reason"),
    [
        (StopClock(), "paused"),
        (StartClock(), "paused"),
        (ExtendTime(seconds=10), "paused"),
    ],
)
def test_the_clock_is_not_set_while_paused(tiny: Exercise, act: object, reason: str) -> None:
    session = clocked(tiny)
    session.apply(Pause(), at(1))
    with pytest.raises(IllegalAct, match=reason):
        session.apply(act, at(2))  # type: ignore[arg-type]


def test_no_clock_no_clock_acts(tiny: Exercise) -> None:
    session = clocked(tiny, seconds=None)
    before = session.state
    with pytest.raises(IllegalAct, match="no turn clock"):
        session.apply(ExtendTime(seconds=10), at(1))
    assert session.state == before
    assert left(session, 1) is None


def test_a_stopped_clock_cannot_be_stopped_again(tiny: Exercise) -> None:
    session = clocked(tiny)
    session.apply(StopClock(), at(1))
    with pytest.raises(IllegalAct, match="already stopped"):
        session.apply(StopClock(), at(2))


def test_replaying_the_events_gives_the_same_clock(tiny: Exercise) -> None:
    session = clocked(tiny)
    session.apply(Pause(), at(5))
    session.apply(Resume(), at(50))
    session.apply(ExtendTime(seconds=20), at(120))
    session.apply(StopClock(), at(130.5))
    again = Session(session.exercise, 1, session.events)
    assert again.table.clock == session.table.clock
    assert left(again, 1_000) == left(session, 1_000) == pytest.approx(9.5)


def test_every_delegation_sees_the_clock_and_nothing_more_of_control(tiny: Exercise) -> None:
    session = clocked(tiny)
    session.apply(Annotate(text="Town is stalling"), at(1))
    session.apply(ExtendTime(seconds=30), at(70))
    session.apply(StopClock(), at(75))
    for role in ("town", "fest"):
        seen = [e.kind for e in role_view(session, role).events]
        assert seen[-2:] == ["time_extended", "clock_stopped"]
        assert "annotated" not in seen
