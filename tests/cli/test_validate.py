"""`tabletop validate`: one line per problem, `PATH: ok (...)` per valid file, exit 1 if any."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tabletop import bundled
from tabletop.cli import main
from tabletop.cli.common import CommandError, load_exercise
from tests.exercise.conftest import EXERCISE, line_of, write_exercise

Capture = pytest.CaptureFixture[str]


def validate(capsys: Capture, *paths: Path) -> tuple[int, str]:
    code = main(["validate", *map(str, paths)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert err == ""
    return code, out


def test_a_valid_file_is_ok_with_its_size(tmp_path: Path, capsys: Capture) -> None:
    path = write_exercise(tmp_path)
    assert validate(capsys, path) == (0, f"{path}: ok (2 roles, 2 issues, 4 packages)\n")


def test_the_bundled_exercises_are_valid(capsys: Capture) -> None:
    paths = bundled.exercises()
    if not paths:
        pytest.skip("no bundled exercises yet")
    code, out = validate(capsys, *paths)
    assert code == 0, out
    assert out.count(": ok (") == len(paths)


def broken(old: str, new: str) -> str:
    assert old in EXERCISE
    return EXERCISE.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "needle", "expected"),
    [
        ("", None, "the file is empty"),
        ("# only a comment\n", None, "the file is empty"),
        ("- a\n- b\n", None, "an exercise must be a mapping of fields, got a list"),
        (broken("  rounds: 4\n", "  rounds: 4\n    x: 1\n"), "x: 1", "YAML syntax error: "),
        (broken("  rounds: 4\n", "  rounds: 4\n  rounds: 5\n"), "rounds: 5", "schedule.rounds: "),
        (broken("    name: South\n", ""), "- id: south", "roles.1.name: field required"),
        (broken("reservation: 10", "resrvation: 10"), "- id: north", "roles.0.reservation: field"),
        (broken("reservation: 20", "reservation: ten"), "ten", "roles.1.reservation: expected"),
        (broken("freeze: 30}", "freeze: 3000}"), "3000", "valuations.south.nuclear.freeze: must"),
        (broken("{at_round: 2}", "{round: 2}"), "round: 2", "injects.0.trigger: expected either"),
        (broken("id: tiny", "id: !!python/object tiny"), "!!python", "id: YAML tag"),
        (broken("[north, south]", "[&n north, *n]"), "*n", "schedule.turn_order.1: alias *n"),
        (broken("status_quo: none", "status_quo: nil"), "nil", "issues.1.status_quo: 'nil'"),
        (broken("smith-2020.yaml", "nope.yaml"), "nope.yaml", "sources.0.digest: cannot read"),
        (broken("[F2]", "[F7]"), "[F7]", "roles.0.confidential_briefing: citation [F7]"),
    ],
    ids=[
        "empty",
        "comments",
        "list",
        "syntax",
        "duplicate",
        "missing",
        "unknown",
        "type",
        "range",
        "union",
        "tag",
        "alias",
        "reference",
        "digest",
        "citation",
    ],
)
def test_each_problem_is_a_file_line_path_message_line(
    tmp_path: Path, capsys: Capture, text: str, needle: str | None, expected: str
) -> None:
    path = write_exercise(tmp_path, text)
    line = line_of(text, needle) if needle else 1
    code, out = validate(capsys, path)
    assert code == 1
    assert out.startswith(f"{path}:{line}: {expected}"), out


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"\x00\x01binary\xff", "1: binary data"), (b"id: x\n\xff\xfe\n", "2: not UTF-8 text")],
)
def test_files_that_are_not_text(
    tmp_path: Path, capsys: Capture, content: bytes, expected: str
) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(content)
    code, out = validate(capsys, path)
    assert (code, out.startswith(f"{path}:{expected}")) == (1, True), out


def test_every_path_is_checked_and_any_problem_fails_the_run(
    tmp_path: Path, capsys: Capture
) -> None:
    good = write_exercise(tmp_path / "good")
    bad = write_exercise(tmp_path / "bad", broken("reservation: 20", "reservation: ten"))
    missing = tmp_path / "missing.yaml"
    code, out = validate(capsys, good, tmp_path, bad, missing)
    assert code == 1
    assert out.splitlines() == [
        f"{good}: ok (2 roles, 2 issues, 4 packages)",
        f"{tmp_path}:1: is a directory",
        f"{bad}:{line_of(EXERCISE, 'reservation: 20')}: roles.1.reservation: "
        "expected an integer, got 'ten'",
        f"{missing}:1: no such file",
    ]


def test_load_exercise_fails_with_every_problem_a_line(tmp_path: Path) -> None:
    text = broken("reservation: 20", "reservation: ten").replace("rounds: 4", "rounds: 0")
    path = write_exercise(tmp_path, text)
    with pytest.raises(CommandError) as caught:
        load_exercise(path)
    assert str(caught.value).splitlines() == [
        f"{path}:{line_of(text, 'ten')}: roles.1.reservation: expected an integer, got 'ten'",
        f"{path}:{line_of(text, 'rounds: 0')}: schedule.rounds: must be at least 1",
    ]
    assert load_exercise(write_exercise(tmp_path / "good")).id == "tiny"


def test_the_console_script(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("tabletop")
    if not script.exists():
        pytest.skip("the tabletop console script is not installed")
    good = write_exercise(tmp_path / "good")
    bad = write_exercise(tmp_path / "bad", broken("reservation: 10", "reservation: many"))
    result = subprocess.run(
        [str(script), "validate", str(good), str(bad)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"{good}: ok (2 roles, 2 issues, 4 packages)",
        f"{bad}:{line_of(EXERCISE, 'reservation: 10')}: roles.0.reservation: "
        "expected an integer, got 'many'",
    ]
