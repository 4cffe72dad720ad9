"""Every command on hostile input writes nothing that commands the terminal.

`validate` is run on exactly the files nobody trusts yet; `simulate`,
`analyze`, `report` and `log` on what a hostile exercise or a forged log
holds. Each is run as a real process, and its output must hold no control
character but newline and tab: no ESC, BEL, CR or backspace, no DEL, no C1
control (8-bit CSI), no bidirectional override.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tabletop.log.format import seal, unseal
from tests.hostile.conftest import CONTROLS, FEST, QUIT, TITLE

UNSAFE_OUTPUT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def tabletop(*words: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line; fail the test if what it wrote could command a terminal."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from tabletop.cli import main; sys.exit(main())"]
        + [str(word) for word in words],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        cwd=cwd,
        timeout=120,
    )
    for stream in (done.stdout, done.stderr):
        bad = UNSAFE_OUTPUT.search(stream)
        assert bad is None, f"{bad[0]!r} in {stream[max(0, bad.start() - 60) : bad.end() + 20]!r}"
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture
def hostile_log(hostile_file: Path, tmp_path: Path) -> Path:
    """A whole session of the hostile exercise, played by bots."""
    logs = tmp_path / "logs"
    tabletop("simulate", hostile_file, "--runs", "1", "--seed", "3", "--log-dir", logs)
    (log,) = logs.glob("*.jsonl")
    return log


def forged(log: Path, target: Path, old: str, new: str) -> Path:
    """`log` with `old` replaced by `new` in every line, the hash chain recomputed to match."""
    previous, lines = "", []
    for raw in log.read_bytes().splitlines(keepends=True):
        sealed = unseal(raw)
        assert sealed is not None
        body = sealed[0].decode().replace(old, new)
        line, previous = seal(body, previous)
        lines.append(line)
    target.write_text("".join(lines), encoding="utf-8")
    return target


def test_validate_refuses_control_characters_and_shows_them_escaped(
    controlled_file: Path,
) -> None:
    done = tabletop("validate", controlled_file)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) == len(CONTROLS) + 1
    assert all(re.match(rf"{re.escape(str(controlled_file))}:\d+: ", line) for line in lines)
    assert "title: may not hold control characters: \\x1b (U+001B) at character 1" in lines[0]
    shown = done.stdout
    for escape in ("\\x1b]52;c;", "\\x07", "\\x9b", "\\x08", "\\r", "\\u202e", "\\x00", "\\x7f"):
        assert escape in shown


def test_every_command_on_a_refused_exercise_says_why_and_only_that(
    controlled_file: Path,
) -> None:
    for command in ("simulate", "analyze", "play"):
        done = tabletop(command, controlled_file)
        assert done.returncode == 1
        assert done.stdout == ""
        assert "\\x1b]0;pwned\\x07Town" in done.stderr


def test_validate_shows_markup_as_the_text_it_is(hostile_file: Path) -> None:
    done = tabletop("validate", hostile_file)
    assert done.returncode == 0
    assert done.stdout == f"{hostile_file}: ok (2 roles, 2 issues, 4 packages)\n"


def test_simulate_and_analyze_print_a_hostile_exercise_as_text(hostile_file: Path) -> None:
    summary = tabletop("simulate", hostile_file, "--runs", "3")
    assert summary.returncode == 0 and TITLE in summary.stdout and FEST in summary.stdout
    as_json = tabletop("simulate", hostile_file, "--runs", "3", "--json")
    assert json.loads(as_json.stdout)["runs"] == 3
    analysis = tabletop("analyze", hostile_file)
    assert analysis.returncode == 0 and f"{QUIT}Town[/] (reservation 30)" in analysis.stdout
    assert tabletop("analyze", hostile_file, "--json").returncode == 0


def test_report_and_log_on_a_hostile_session(hostile_log: Path) -> None:
    for extra in ([], ["--reveal"], ["--format", "html"], ["--format", "html", "--reveal"]):
        done = tabletop("report", hostile_log, *extra)
        assert done.returncode == 0 and done.stdout
    assert tabletop("log", "verify", hostile_log).returncode == 0
    assert tabletop("log", "state", hostile_log).returncode == 0
    assert tabletop("analyze", hostile_log).returncode == 0


def test_a_forged_log_with_control_characters_is_refused_in_plain_words(
    hostile_log: Path, tmp_path: Path
) -> None:
    osc52 = CONTROLS["osc52"]
    escaped_osc52 = json.dumps(osc52)[1:-1]
    in_header = forged(hostile_log, tmp_path / "header.jsonl", "Summary", escaped_osc52)
    commands = (["log", "verify"], ["log", "state"], ["report"], ["analyze"])
    for command in (*commands, ["resume"], ["replay"]):
        done = tabletop(*command, in_header)
        assert done.returncode == 1
        said = "not a valid log header: exercise.summary: Value error, may not hold control"
        assert said in done.stderr and "characters: \\x1b (U+001B)" in done.stderr

    lines = hostile_log.read_bytes().splitlines(keepends=True)[:4]
    third, fourth = (unseal(line) for line in lines[2:4])
    assert third is not None and fourth is not None
    event = {**json.loads(fourth[0]), "kind": "stated", "payload": {"text": osc52}}
    lines[3] = seal(json.dumps(event, separators=(",", ":")), third[1].decode())[0].encode()
    in_event = tmp_path / "event.jsonl"
    in_event.write_bytes(b"".join(lines))
    done = tabletop("log", "verify", in_event)
    assert done.returncode == 1
    assert (
        f"{in_event}:4: not a valid event: payload.text: Value error, may not hold" in done.stdout
    )
    assert tabletop("report", in_event).returncode == 0


def test_names_from_the_command_line_and_the_file_system_are_escaped(
    hostile_file: Path, tmp_path: Path
) -> None:
    done = tabletop("simulate", hostile_file, "--bot", f"{CONTROLS['title']}=linear")
    assert done.returncode == 2 and "\\x1b]0;pwned\\x07" in done.stderr
    missing = tmp_path / f"evil{CONTROLS['clear']}.yaml"
    done = tabletop("validate", missing)
    assert done.returncode == 1 and "evil\\x1b[2J\\x1b[H.yaml:1: no such file" in done.stdout
    done = tabletop("report", tmp_path / f"log{CONTROLS['osc8']}.jsonl")
    assert done.returncode == 1 and "\\x1b]8;;" in done.stderr
