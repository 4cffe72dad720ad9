"""`tabletop analyze` through exit codes and output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tabletop.cli import main
from tests.conftest import tiny_exercise_data


def _write(folder: Path, data: dict[str, Any]) -> Path:
    path = folder / "tiny.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def tiny_file(tmp_path: Path) -> Path:
    return _write(tmp_path, tiny_exercise_data())


def test_summary_names_counts_nash_and_each_role(
    tiny_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", str(tiny_file)]) == 0
    out = capsys.readouterr().out
    assert "packages           4" in out
    assert "Pareto frontier    3" in out
    # July + low fee: town 50, festival 45, both over 30.
    assert "Date  July" in out and "Fee   Low" in out
    assert "Town         50  vs reservation    30  (+20)" in out
    assert "Festival (reservation 30)" in out
    assert "best     50  June; Low" in out


def test_json_has_every_key_and_ids(tiny_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(tiny_file), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {"packages", "pareto_frontier", "nash", "roles", "zopa"} <= set(result)
    assert "valuations" not in result
    assert result["packages"] == 4
    assert result["nash"] == {"date": "july", "fee": "low"}
    assert {"date": "june", "fee": "high"} not in result["pareto_frontier"]
    assert result["roles"]["town"] | {"best": None, "worst": None} == {
        "reservation": 30,
        "best": None,
        "best_score": 60,
        "worst": None,
        "worst_score": 10,
        "nash_score": 50,
    }


def test_no_nash_package_is_said_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tiny_exercise_data()
    for role in data["roles"]:
        role["reservation"] = 100
    path = _write(tmp_path, data)
    assert main(["analyze", str(path)]) == 0
    assert "Nash package: none" in capsys.readouterr().out
    assert main(["analyze", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["nash"], result["zopa"]) == (None, 0)


def test_a_missing_file_fails_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", str(tmp_path / "nope.yaml")]) == 1
    err = capsys.readouterr().err
    assert "nope.yaml" in err and "no such file" in err
    assert "Traceback" not in err


def test_an_invalid_exercise_fails_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tiny_exercise_data()
    data["valuations"]["town"]["date"]["august"] = 5
    path = _write(tmp_path, data)
    assert main(["analyze", str(path), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{path}:" in captured.err and "august" in captured.err
    assert "Traceback" not in captured.err


def test_a_session_log_is_refused_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "session.jsonl"
    log.write_text("{}\n", encoding="utf-8")
    assert main(["analyze", str(log)]) == 1
    assert "not a session log" in capsys.readouterr().err


def test_a_session_log_is_analysed_with_the_points_in_force_at_its_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.log.test_log import write_session

    log = tmp_path / "session.jsonl"
    write_session(log)  # round 2 has begun: the rain inject cost the festival 5 points
    assert main(["analyze", str(log), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["roles"]["fest"]["reservation"] == 25
    assert result["roles"]["town"]["reservation"] == 30


@pytest.fixture(scope="module")
def largest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The largest exercise the format allows: 12 roles, 12 issues of 6 options."""
    from tabletop.exercise.synthetic import synthetic_exercise

    exercise = synthetic_exercise(12, 12, 6, seed=1)
    folder = tmp_path_factory.mktemp("largest")
    return _write(folder, exercise.model_dump(by_alias=True, exclude_none=True))


def test_past_the_budget_analyze_says_what_it_would_take_and_stops(
    largest: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", str(largest)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "2,176,782,336 packages × 12 roles" in captured.err
    assert "--budget" in captured.err and "--sample N" in captured.err
    assert "Traceback" not in captured.err


def test_a_sample_is_labelled_approximate(
    largest: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", str(largest), "--sample", "2000"]) == 0
    out = capsys.readouterr().out
    assert "APPROXIMATE: a random sample of 2,000 packages" in out
    assert main(["analyze", str(largest), "--sample", "2000", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["packages"], result["sampled"]) == (6**12, 2000)
    assert 0 < len(result["pareto_frontier"]) <= 2000


def test_a_budget_lets_a_large_analysis_go_on(
    tiny_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The tiny exercise is 4 packages × 2 roles: 8 package scores.
    assert main(["analyze", str(tiny_file), "--budget", "7"]) == 1
    assert "over the budget of 7" in capsys.readouterr().err
    assert main(["analyze", str(tiny_file), "--budget", "8", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["packages"], result["sampled"]) == (4, None)


def test_a_sample_of_every_package_is_exact(
    tiny_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", str(tiny_file), "--sample", "10"]) == 0
    captured = capsys.readouterr()
    assert "APPROXIMATE" not in captured.out and "Pareto frontier    3" in captured.out
    # Not a terminal: no progress bar.
    assert captured.err == ""


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_budget_and_sample_must_be_whole_positive_numbers(
    tiny_file: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["analyze", str(tiny_file), "--sample", value])
    assert exit_.value.code == 2
    assert "--sample" in capsys.readouterr().err
