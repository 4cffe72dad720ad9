"""`tabletop simulate`: exit codes, the JSON summary, determinism, and clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tabletop.cli import main
from tests.conftest import tiny_exercise_data


@pytest.fixture
def exercise(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(tiny_exercise_data(), sort_keys=False))
    return path


def test_json_summary(exercise: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(exercise), "--runs", "6", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    for key in ("runs", "agreement_rate", "outcomes", "mean_score", "mean_rounds"):
        assert key in summary
    assert summary["runs"] == 6
    assert sum(summary["outcomes"].values()) == 6


def test_the_same_seed_prints_the_same_bytes(
    exercise: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["simulate", str(exercise), "--runs", "5", "--seed", "42", "--json"]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert main(args) == 0
    assert capsys.readouterr().out == first


def test_table_names_outcomes_and_roles(exercise: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(exercise), "--runs", "4", "--bot", "town=linear"]) == 0
    captured = capsys.readouterr()
    assert "agreement rate" in captured.out
    for title in ("Deal", "Walk-out", "No deal", "Town", "Festival"):
        assert title in captured.out
    assert "linear 4" in captured.out
    assert captured.err == ""  # no progress bar when stderr is not a terminal


def test_log_dir_gets_one_log_per_run(exercise: Path, tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    assert main(["simulate", str(exercise), "--runs", "2", "--log-dir", str(logs)]) == 0
    assert len(list(logs.glob("*.jsonl"))) == 2
    # A second simulation into the same folder refuses to overwrite the logs.
    assert main(["simulate", str(exercise), "--runs", "2", "--log-dir", str(logs)]) == 1


@pytest.mark.parametrize(
    ("bot", "message"),
    [
        ("mayor=linear", "no role 'mayor'"),
        ("town=tough", "no strategy 'tough'; choose one of boulware"),
        ("town=linear --bot town=boulware", "already plays linear"),
    ],
)
def test_bad_bot_exits_2_with_a_message(
    exercise: Path, capsys: pytest.CaptureFixture[str], bot: str, message: str
) -> None:
    assert main(["simulate", str(exercise), "--runs", "2", "--bot", *bot.split()]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize(
    "args", [["--bot", "town"], ["--bot", "=linear"], ["--runs", "0"], ["--runs", "-3"]]
)
def test_malformed_options_exit_2(
    exercise: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["simulate", str(exercise), *args])
    assert exit_.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_missing_exercise_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["simulate", str(tmp_path / "none.yaml")]) == 1
    assert "Traceback" not in capsys.readouterr().err


class _Terminal:
    """Stands in for stderr on a terminal."""

    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


def test_progress_bar_on_a_terminal(exercise: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["simulate", str(exercise), "--runs", "4", "--json"]) == 0
    assert f"\r[{'#' * 20}{'.' * 20}] 50%" in terminal.text
    assert f"\r[{'#' * 40}] 100%" in terminal.text
    assert terminal.text.endswith("\r")  # the bar is cleared once the runs are done


def test_a_log_dir_that_cannot_be_made_is_a_message(
    exercise: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["simulate", str(exercise), "--log-dir", str(blocker / "logs")]) == 1
    err = capsys.readouterr().err
    assert "cannot create the log folder" in err and "Traceback" not in err


def test_a_bundled_exercise_by_its_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "tutorial", "--runs", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["exercise"] == "tutorial"


def test_a_name_that_is_neither_a_file_nor_bundled(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "no-such-exercise", "--runs", "2"]) == 1
    err = capsys.readouterr().err
    assert "no bundled exercise of that name" in err and "tutorial" in err
