"""A headless host keeps the turn clock in the log: stopped when told to stop, resumed as left."""

from __future__ import annotations

import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tabletop import bundled
from tabletop.engine.acts import Advance, Pause, Start
from tabletop.engine.session import Session
from tabletop.exercise.loader import load
from tabletop.net.headless import TurnDeadline
from tests.net.helpers import log_lines, start_host, stopping, verify, wait_for


def test_a_stopped_host_logs_the_clock_and_a_resumed_one_carries_on_with_it(
    tmp_path: Path,
) -> None:
    host = start_host(tmp_path)
    with stopping(host.process):
        wait_for(lambda: any(line["kind"] == "advanced" for line in log_lines(host.log)))
        host.process.send_signal(signal.SIGINT)
        assert host.wait() == 0
    stopped = log_lines(host.log)[-1]
    assert stopped["kind"] == "clock_stopped"
    payload = stopped["payload"]
    assert isinstance(payload, dict) and 0 < payload["left"] <= 110

    stop = len(log_lines(host.log))
    again = start_host(tmp_path, resume=True)
    with stopping(again.process):
        wait_for(lambda: len(log_lines(again.log)) > stop)
        again.process.send_signal(signal.SIGINT)
        assert again.wait() == 0
    # The opening statements went on where they stood, the turn with the time it had left.
    after = log_lines(again.log)[stop:]
    assert [line["kind"] for line in after] == ["clock_started", "clock_stopped"]
    assert after[0]["payload"] == payload
    assert verify(again.log).returncode == 0


def test_in_a_pause_the_seats_are_told_what_the_pause_left() -> None:
    treaty = load(next(p for p in bundled.exercises() if p.stem == "treaty-for-security"))
    begun = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    session = Session(treaty, seed=1)
    for act in (Start(), Advance()):
        session.apply(act, begun)
    seconds = treaty.schedule.seconds_per_turn
    assert seconds is not None
    session.apply(Pause(), begun + timedelta(seconds=10))
    later = begun + timedelta(seconds=500)
    deadline = TurnDeadline(session, now=lambda: later)
    assert deadline.remaining() == seconds - 10  # frozen, as the console shows it
    assert deadline.left() is None  # and no deadline for the host to wait for
