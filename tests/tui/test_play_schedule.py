"""`play --rounds N --turn-seconds S`: a session's own schedule, kept in its log header."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tabletop import bundled
from tabletop.cli import main
from tabletop.log import read_log
from tabletop.log.recorded import RecordedSession, rebuild
from tabletop.tui import app as tui_app
from tabletop.tui.app import TabletopApp

TUTORIAL = str(next(p for p in bundled.exercises() if p.stem == "tutorial"))


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[TabletopApp]:
    apps: list[TabletopApp] = []

    def run_app(app: TabletopApp) -> int:
        apps.append(app)
        return 0

    monkeypatch.setattr(tui_app, "run_app", run_app)
    return apps


def test_the_session_schedule_is_written_and_replayed(
    tmp_path: Path, opened: list[TabletopApp]
) -> None:
    log = tmp_path / "short.jsonl"
    args = ["play", TUTORIAL, "--log", str(log), "--rounds", "2", "--turn-seconds", "45"]
    assert main(args) == 0
    header = read_log(log).header
    assert (header.rounds, header.seconds_per_turn) == (2, 45)
    assert header.exercise.schedule.rounds != 2, "the exercise is kept as loaded"
    played = opened[0].initial
    assert played is not None
    assert played.exercise.schedule.rounds == 2
    assert played.exercise.schedule.seconds_per_turn == 45
    played.close()
    resumed, _ = RecordedSession.resume(log)
    try:
        assert resumed.session.exercise.schedule.rounds == 2
        assert rebuild(read_log(log)).exercise.schedule.seconds_per_turn == 45
    finally:
        resumed.close()


def test_without_the_options_the_header_is_as_before(
    tmp_path: Path, opened: list[TabletopApp]
) -> None:
    log = tmp_path / "plain.jsonl"
    assert main(["play", TUTORIAL, "--log", str(log)]) == 0
    header = json.loads(log.read_text().splitlines()[0])
    assert "rounds" not in header and "seconds_per_turn" not in header
    assert read_log(log).header.rounds is None


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--rounds", "0", "--rounds: give between 1 and 100 rounds"),
        ("--turn-seconds", "5", "--turn-seconds: give between 10 and 3600 seconds"),
    ],
)
def test_a_schedule_out_of_range_is_refused(
    option: str,
    value: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
    opened: list[TabletopApp],
) -> None:
    assert main(["play", TUTORIAL, option, value]) == 1
    assert message in capsys.readouterr().err
    assert not opened
