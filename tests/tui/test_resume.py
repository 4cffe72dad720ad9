"""Crash safety: what was acknowledged is in the log, and resuming brings the screen back."""

from __future__ import annotations

import errno
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tabletop import bundled
from tabletop.cli import main
from tabletop.engine.acts import Advance, Start, Statement
from tabletop.exercise.model import Exercise
from tabletop.log import Seat, read_log
from tabletop.tui.app import new_session_app, resumed_app
from tabletop.tui.live import create
from tabletop.tui.screens.console import ConsoleScreen
from tabletop.tui.screens.handover import HandoverScreen
from tests.tui.helpers import screen_text, until

SIZE = (80, 24)


def play_until_the_first_round(exercise: Exercise, log: Path) -> bytes:
    """Festival (a person), Council and Residents (bots) reach round 1; returns the log then."""
    linear = Seat(kind="bot", strategy="linear")
    seats = {"festival": Seat(kind="human"), "council": linear, "residents": linear}
    live = create(log, exercise, 5, seats)
    for act in (Start(), Advance(), Statement(actor="festival", text="Good morning.")):
        live.apply(act)
    while live.state.round == 0:
        live.play_bot()
    assert live.state.round == 1 and live.mover == "festival"
    # What a kill -9 would leave: the bytes on disk, every act already fsynced.
    crashed = log.read_bytes()
    live.close()
    return crashed


async def test_a_torn_last_line_is_cut_and_reported(tutorial: Exercise, tmp_path: Path) -> None:
    crashed = tmp_path / "torn.jsonl"
    whole = play_until_the_first_round(tutorial, tmp_path / "s.jsonl")
    crashed.write_bytes(whole + b'{"seq": 99, "at": "2026')

    app = resumed_app(crashed, pace=0)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(app._notifications))
        notice = " ".join(n.message for n in app._notifications)
        assert "cut short by a crash" in notice
    assert read_log(crashed).problem is None


def test_a_damaged_log_is_refused_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "damaged.jsonl"
    log.write_text('{"format": "tabletop-log"}\n')
    assert main(["resume", str(log)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"tabletop: {log}:1:")
    assert "Traceback" not in err


async def test_a_log_that_cannot_be_written_changes_nothing(
    tutorial: Exercise, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seats = {r: Seat(kind="human") for r in tutorial.role_ids}
    app = new_session_app(tutorial, seats, 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        assert app.driver is not None
        writer = app.driver.live.recorded._writer

        def full(*args: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(writer, "append", full)
        await pilot.press("s")
        assert app.driver.live.state.phase == "setup"
        assert "s starts the briefing" in screen_text(app)
        assert any("No space left" in n.message for n in app._notifications)


KILLED_MID_SESSION = """
import os, signal, sys
from pathlib import Path
from tabletop.exercise.loader import load
from tabletop.log import Seat
from tabletop.tui.app import new_session_app

exercise = load(Path(sys.argv[1]))
linear = Seat(kind="bot", strategy="linear")
seats = {"festival": Seat(kind="human"), "council": linear, "residents": linear}
app = new_session_app(exercise, seats, 5, Path(sys.argv[2]), pace=0)

async def pilot(pilot):
    await pilot.press("s", "a", "enter", *"Hi", "enter")
    while app.driver.live.mover != "festival" or app.driver.live.state.round != 1:
        await pilot.pause(0.05)
    os.kill(os.getpid(), signal.SIGKILL)

app.run(headless=True, size=(80, 24), auto_pilot=pilot)
"""


async def test_killing_the_process_loses_nothing_acknowledged(
    tutorial: Exercise, tmp_path: Path
) -> None:
    log = tmp_path / "killed.jsonl"
    exercise = next(p for p in bundled.exercises() if p.stem == "tutorial")
    child = subprocess.run(
        [sys.executable, "-c", KILLED_MID_SESSION, str(exercise), str(log)],
        capture_output=True,
        timeout=60,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    logged = read_log(log).events
    kinds = [e.kind for e in logged]
    assert kinds.count("stated") == 3 and kinds[-1] == "round_started"

    app = resumed_app(log, pace=0)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        assert "Riverside Sounds Festival" in screen_text(app)
        assert "Round 1 of 4: your delegation's turn." in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, ConsoleScreen)
        assert app.driver is not None
        assert list(app.driver.live.session.events) == logged
        assert "Negotiating · round 1/4 · Festival to move" in screen_text(app)
