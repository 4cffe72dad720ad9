"""`tabletop play` and `tabletop resume`: arguments checked, logs made, no tracebacks."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tabletop import bundled
from tabletop.cli import main
from tabletop.log import read_log
from tabletop.log.recorded import RecordedSession, rebuild
from tabletop.tui import app as tui_app
from tabletop.tui.app import TabletopApp
from tabletop.tui.paths import recent_logs, sessions_dir

TUTORIAL = str(next(p for p in bundled.exercises() if p.stem == "tutorial"))


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[TabletopApp]:
    """The apps the commands would run, kept instead of taking over the terminal."""
    apps: list[TabletopApp] = []

    def run_app(app: TabletopApp) -> int:
        apps.append(app)
        return 0

    monkeypatch.setattr(tui_app, "run_app", run_app)
    return apps


def test_play_seats_bots_and_writes_the_log_header(
    tmp_path: Path, opened: list[TabletopApp]
) -> None:
    log = tmp_path / "game.jsonl"
    args = ["play", TUTORIAL, "--bot", "council=linear", "--seed", "9", "--log", str(log)]
    assert main([*args, "--pace", "0"]) == 0
    header = read_log(log).header
    assert header.seed == 9
    assert str(header.seats["council"]) == "bot (linear)"
    assert header.seats["festival"].kind == "human"
    assert opened[0].pace == 0


def test_play_logs_to_the_data_folder_by_default(opened: list[TabletopApp]) -> None:
    assert main(["play", TUTORIAL]) == 0
    [summary] = recent_logs()
    assert summary.path.parent == sessions_dir()
    assert summary.exercise == "Tutorial: The Riverside Festival"
    assert summary.status == "setup"
    assert summary.resumable


@pytest.mark.parametrize(
    ("bot", "message"),
    [
        ("mayor=linear", "no role 'mayor'; the roles are festival, council"),
        ("council=greedy", "no strategy 'greedy'; choose one of boulware"),
    ],
)
def test_play_names_a_bad_bot(
    bot: str, message: str, capsys: pytest.CaptureFixture[str], opened: list[TabletopApp]
) -> None:
    assert main(["play", TUTORIAL, "--bot", bot]) == 2
    assert message in capsys.readouterr().err
    assert not opened


def test_play_shows_how_to_write_a_bot(
    capsys: pytest.CaptureFixture[str], opened: list[TabletopApp]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["play", TUTORIAL, "--bot", "council"])
    assert exit_.value.code == 2
    assert "write ROLE=STRATEGY" in capsys.readouterr().err
    assert not opened


def test_play_refuses_to_overwrite_a_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opened: list[TabletopApp]
) -> None:
    log = tmp_path / "taken.jsonl"
    log.write_text("mine\n")
    assert main(["play", TUTORIAL, "--log", str(log)]) == 1
    assert "a log is already there" in capsys.readouterr().err
    assert log.read_text() == "mine\n"


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
    assert main(["log", "verify", str(log)]) == 0


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


def test_resume_opens_the_logged_session(tmp_path: Path, opened: list[TabletopApp]) -> None:
    log = tmp_path / "game.jsonl"
    assert main(["play", TUTORIAL, "--log", str(log)]) == 0
    played = opened[-1].initial
    assert played is not None
    played.close()  # as the app does when it exits: a log has one writer at a time
    assert main(["resume", str(log)]) == 0
    resumed = opened[-1]
    assert resumed.driver is None
    assert resumed.initial is not None and resumed.initial.path == log


def test_resume_of_a_missing_log_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["resume", str(tmp_path / "nope.jsonl")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_closing_the_terminal_ends_tabletop_even_untold(tmp_path: Path) -> None:
    """A closed terminal tells no one here (as under `make run`): tabletop notices it itself."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    child = subprocess.Popen(
        [str(Path(sys.executable).with_name("tabletop"))],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**os.environ, "TERM": "xterm-256color", "XDG_DATA_HOME": str(tmp_path)},
        start_new_session=True,
    )
    os.close(follower)
    try:
        written = b""
        while b"Recent sessions" not in written:
            assert select.select([leader], [], [], 30)[0], f"no start screen: {written!r}"
            written += os.read(leader, 1 << 16)
        os.close(leader)
        assert child.wait(timeout=10) == 129
    finally:
        child.kill()
        child.wait()


def test_a_session_cut_to_one_round_replays_and_verifies(tmp_path: Path) -> None:
    from tabletop.bots import bots_for, play_out
    from tabletop.exercise.loader import load
    from tabletop.log import Seat

    tutorial = load(Path(TUTORIAL))
    log = tmp_path / "short.jsonl"
    # Linear bots, seed 3: nobody deals or walks out, so the one round runs to its deadline.
    seats = {role: Seat(kind="bot", strategy="linear") for role in tutorial.role_ids}
    recorded = RecordedSession.create(log, tutorial, 3, seats, rounds=1)
    try:
        play_out(
            recorded.session, bots_for(dict.fromkeys(tutorial.role_ids, "linear")), recorded.apply
        )
    finally:
        recorded.close()
    conclusion = recorded.session.table.conclusion
    assert conclusion is not None and conclusion.ending == "deadline"
    assert rebuild(read_log(log)).table.round == 1
    assert main(["log", "verify", str(log)]) == 0


def test_tabletop_with_paths_opens_the_start_screen_on_them(
    tmp_path: Path, opened: list[TabletopApp]
) -> None:
    assert main([TUTORIAL, str(tmp_path)]) == 0
    [app] = opened
    assert app.given == (Path(TUTORIAL), tmp_path)


def test_tabletop_with_a_path_that_is_not_there_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opened: list[TabletopApp]
) -> None:
    missing = tmp_path / "gone\x1b[31m.yaml"
    assert main([str(missing)]) == 2
    err = capsys.readouterr().err
    assert "no such file or folder: not a command, exercise file or folder" in err
    assert "\x1b" not in err
    assert not opened
