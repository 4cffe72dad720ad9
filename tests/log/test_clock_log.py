"""The turn clock in the log: its events verify, resume with what was left, and cannot be forged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tabletop.engine.acts import Advance, ExtendTime, Pass, Start, StartClock, Statement, StopClock
from tabletop.engine.clock import time_left
from tabletop.log import RecordedSession
from tests.log.forge import Line, forge
from tests.log.test_forgery import verify
from tests.log.test_log import EXERCISE, SCRIPT, SEATS, write_session

T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def clocked_log(path: Path) -> Path:
    """Town's turn on a 60 s clock: 50 s more after it ran out, stopped 10 s later (40 s left)."""
    recorded = RecordedSession.create(path, EXERCISE, 5, SEATS, seconds_per_turn=60)
    for n, act in enumerate((Start(), Advance(), Statement(actor="town", text="Hi"))):
        recorded.apply(act, at(n - 10))
    recorded.apply(Pass(actor="fest"), at(0))
    recorded.apply(ExtendTime(seconds=50), at(70))
    recorded.apply(StopClock(), at(80))
    recorded.close()
    return path


def test_a_log_with_clock_events_verifies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = verify(clocked_log(tmp_path / "s.jsonl"), capsys)
    assert code == 0, out


def test_resuming_gives_the_turn_what_was_left_at_the_stop(tmp_path: Path) -> None:
    recorded, problem = RecordedSession.resume(clocked_log(tmp_path / "s.jsonl"))
    assert problem is None
    (start,) = recorded.apply(StartClock(), at(5_000))
    assert start.payload == {"role": "town", "left": 40.0}
    table = recorded.session.table
    assert time_left(table, 60, at(5_010)) == 30
    recorded.close()


def test_an_old_log_without_clock_events_still_verifies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.jsonl"
    write_session(path, SCRIPT)
    assert verify(path, capsys)[0] == 0


def _more_left(lines: list[Line]) -> None:
    lines[-1]["payload"]["left"] = 3600.0


def _stopped_by_a_delegation(lines: list[Line]) -> None:
    lines[-1]["actor"] = "town"


def _another_role(lines: list[Line]) -> None:
    lines[-2]["payload"]["role"] = "fest"


def _negative_time(lines: list[Line]) -> None:
    lines[-2]["payload"]["seconds"] = -600


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (_more_left, "its payload is"),
        (_stopped_by_a_delegation, "not an act"),
        (_another_role, "its payload is"),
        (_negative_time, "not an act"),
    ],
)
def test_a_forged_clock_event_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: object, says: str
) -> None:
    log = forge(clocked_log(tmp_path / "s.jsonl"), change)  # type: ignore[arg-type]
    code, out = verify(log, capsys)
    assert code == 1
    assert says in out
