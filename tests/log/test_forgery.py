"""Logs that lie: rehashed forgeries, impossible content, cut blocks, endless lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tabletop.cli import main
from tabletop.exercise.model import Exercise
from tabletop.log import KEY_FILE, Misfit, RecordedSession, read_log, rebuild
from tabletop.log.format import exercise_digest
from tests.log.forge import Line, ended_log, forge, lines_of, reseal


@pytest.fixture
def log(tmp_path: Path) -> Path:
    return ended_log(tmp_path / "s.jsonl")


def verify(log: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["log", "verify", str(log), *extra])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out + captured.err


def test_a_whole_log_verifies_and_says_it_ended(
    log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = verify(log, capsys)
    assert code == 0
    assert "ok: 14 events" in out and "the session reached its end: breakdown" in out
    receipt = json.loads(log.read_bytes().splitlines()[-1])["hash"]
    assert f"receipt (the last line's hash): {receipt}" in out
    assert verify(log, capsys, "--receipt", receipt)[0] == 0


def test_cutting_the_end_off_shows_against_the_receipt(
    log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    receipt = json.loads(log.read_bytes().splitlines()[-1])["hash"]
    log.write_bytes(b"".join(log.read_bytes().splitlines(keepends=True)[:-1]))
    code, out = verify(log, capsys)
    assert code == 0 and "has not reached an ending" in out
    code, out = verify(log, capsys, "--receipt", receipt)
    assert code == 1 and "the receipt matches no line" in out


def _scores_999(lines: list[Line]) -> None:
    lines[-1]["payload"]["scores"] = {"town": 999, "fest": 999}


def _reservation(lines: list[Line]) -> None:
    lines[0]["exercise"]["roles"][0]["reservation"] = -1000


def _briefing(lines: list[Line]) -> None:
    lines[0]["exercise"]["roles"][1]["confidential_briefing"] = "Give in at once."


def _unknown_actor(lines: list[Line]) -> None:
    lines[3]["actor"] = "mallory"


def _act_by_session(lines: list[Line]) -> None:
    lines[3]["actor"] = "session"


def _unknown_option(lines: list[Line]) -> None:
    lines[7]["payload"]["package"]["date"] = "august"


def _no_scores(lines: list[Line]) -> None:
    lines[-1]["payload"]["scores"] = {}


def _control_signs(lines: list[Line]) -> None:
    lines[3]["actor"] = "control"
    lines[3]["kind"] = "signed"
    lines[3]["payload"] = {}


def _town_pauses(lines: list[Line]) -> None:
    lines[3]["kind"] = "paused"
    lines[3]["payload"] = {}


def _inject_dropped(lines: list[Line]) -> None:
    del lines[9]  # the round start after event 8: its inject follows the pass at once
    for number, line in enumerate(lines[1:], start=1):
        line["seq"] = number


def _round_skipped(lines: list[Line]) -> None:
    del lines[9:11]  # the round start after event 8, and its inject
    for number, line in enumerate(lines[1:], start=1):
        line["seq"] = number


@pytest.mark.parametrize(
    ("change", "line", "says"),
    [
        (_scores_999, 15, "payload"),
        (_unknown_actor, 4, "refused by the rules"),
        (_act_by_session, 4, "the rules add nothing"),
        (_unknown_option, 8, "refused by the rules"),
        (_no_scores, 15, "payload"),
        (_control_signs, 4, "Control does not negotiate"),
        (_town_pauses, 4, "not an act"),
        (_round_skipped, 10, "only the rules may finish it"),
        (_inject_dropped, 10, "the rules make 'round_started'"),
    ],
)
def test_a_rehashed_forgery_must_also_be_a_legal_session(
    log: Path, capsys: pytest.CaptureFixture[str], change: object, line: int, says: str
) -> None:
    forge(log, change)  # type: ignore[arg-type]
    assert read_log(log).problem is None  # the chain holds
    code, out = verify(log, capsys)
    assert code == 1
    assert f"{log}:{line}: event {line - 1}" in out and says in out
    # Every other command says so too, and none shows a traceback.
    assert main(["report", str(log)]) == 0
    captured = capsys.readouterr()
    assert f"{log}:{line}:" in captured.err and "Traceback" not in captured.err
    assert f"covers only the {line - 2} trusted events" in captured.err
    assert main(["log", "state", str(log)]) == 1
    assert f"{log}:{line}:" in capsys.readouterr().err


@pytest.mark.parametrize("change", [_reservation, _briefing])
def test_an_altered_exercise_breaks_its_digest(
    log: Path, capsys: pytest.CaptureFixture[str], change: object
) -> None:
    forge(log, change)  # type: ignore[arg-type]
    code, out = verify(log, capsys)
    assert code == 1 and f"{log}:1:" in out and "exercise_sha256" in out
    assert main(["report", str(log)]) == 1
    assert "exercise_sha256" in capsys.readouterr().err


def test_an_altered_exercise_with_its_digest_recomputed_is_judged_by_the_rules(
    log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forge(log, _briefing_with_digest)
    # A briefing changes no event: only a keyed chain can tell this log from the real one.
    assert verify(log, capsys)[0] == 0


@pytest.mark.parametrize(("kept", "owed"), [(4, 2), (9, 1)])
def test_a_block_cut_at_a_line_end_is_settled_on_resume(
    log: Path, capsys: pytest.CaptureFixture[str], kept: int, owed: int
) -> None:
    lines = lines_of(log)[: kept + 1]
    reseal(log, lines)
    code, out = verify(log, capsys)
    assert code == 1 and f"the rules owe {owed} more" in out
    recorded, _ = RecordedSession.resume(log)
    state = recorded.session.state
    recorded.close()
    assert state.turn is not None
    assert len(read_log(log).events) == kept + owed
    code, out = verify(log, capsys)
    assert code == 0, out


def test_an_endless_line_is_refused_without_reading_it_all(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = verify(Path("/dev/zero"), capsys)
    assert code == 1 and "/dev/zero:1: a line longer than 16 MiB" in out


def test_a_line_too_long_ends_the_trusted_part(
    log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = log.read_bytes().splitlines(keepends=True)
    log.write_bytes(b"".join(lines[:5]) + b"x" * (2 * 2**20) + b"\n" + b"".join(lines[5:]))
    code, out = verify(log, capsys)
    assert code == 1 and f"{log}:6: a line longer than 1 MiB" in out


def test_state_at_an_event_reads_no_further(
    log: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pipe that stays open after line 6: reading on would wait for the writer."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    head = b"".join(log.read_bytes().splitlines(keepends=True)[:6])
    done = threading.Event()

    def write() -> None:
        with pipe.open("wb") as file:
            file.write(head)
            file.flush()
            done.wait(timeout=30)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        code = main(["log", "state", str(pipe), "--at", "5"])
        finished_first = not done.is_set()
    finally:
        done.set()
        writer.join()
    assert code == 0 and finished_first
    assert json.loads(capsys.readouterr().out)["phase"] == "negotiating"


def test_the_report_gives_the_receipt_verify_checks(
    log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(log)]) == 0
    facts = [line for line in capsys.readouterr().out.splitlines() if "Receipt" in line]
    assert len(facts) == 1
    receipt = facts[0].rsplit(" ", 1)[-1]
    assert verify(log, capsys, "--receipt", receipt)[0] == 0
    forge(log, _scores_999)
    assert main(["report", str(log)]) == 0
    assert "Receipt" not in capsys.readouterr().out


@pytest.fixture
def key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A key every log is written with, as TABLETOP_LOG_KEY_FILE names it."""
    path = tmp_path / "facilitator.key"
    path.write_text("a secret only the facilitator keeps\n")
    monkeypatch.setenv(KEY_FILE, str(path))
    return path


def test_a_keyed_chain_shows_a_rehash_by_someone_without_the_key(
    tmp_path: Path, key_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = ended_log(tmp_path / "s.jsonl")
    assert json.loads(log.read_bytes().splitlines()[0])["chain"] == "hmac-sha256"
    code, out = verify(log, capsys, "--key", str(key_file))
    assert code == 0 and "keyed chain intact" in out
    # The forger rehashes plainly (no key), claiming a plain chain: the key holder is not fooled.
    forge(log, _briefing_with_digest)
    code, out = verify(log, capsys, "--key", str(key_file))
    assert code == 1 and "not keyed" in out
    # Keeping the keyed claim but without the key, the header's hash cannot match.
    lines = lines_of(log)
    lines[0]["chain"] = "hmac-sha256"
    reseal(log, lines)
    code, out = verify(log, capsys, "--key", str(key_file))
    assert code == 1 and f"{log}:1: the header's hash does not match" in out


def test_a_keyed_log_needs_its_key(
    tmp_path: Path,
    key_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    log = ended_log(tmp_path / "s.jsonl")
    recorded, _ = RecordedSession.resume(log)  # carried on with the same key
    recorded.close()
    assert verify(log, capsys)[0] == 0
    monkeypatch.delenv(KEY_FILE)
    code, out = verify(log, capsys)
    assert code == 1 and "the log's chain is keyed" in out
    wrong = tmp_path / "wrong.key"
    wrong.write_text("somebody else's secret key")
    code, out = verify(log, capsys, "--key", str(wrong))
    assert code == 1 and "or the key is not this log's" in out
    wrong.write_text("short")
    code, out = verify(log, capsys, "--key", str(wrong))
    assert code == 1 and "at least 16 bytes" in out


def _briefing_with_digest(lines: list[Line]) -> None:
    _briefing(lines)
    lines[0]["exercise_sha256"] = exercise_digest(Exercise.model_validate(lines[0]["exercise"]))
    lines[0].pop("chain", None)


def test_rebuild_names_a_misfit_by_its_event(log: Path) -> None:
    forge(log, _control_signs)
    with pytest.raises(Misfit) as raised:
        rebuild(read_log(log))
    assert (raised.value.seq, raised.value.line) == (3, 4)
    assert str(raised.value).startswith(f"{log}:4: event 3 (signed) does not fit")


CLI = "import sys; from tabletop.cli import main; sys.exit(main(sys.argv[1:]))"


def test_the_audit_needs_no_asserts(log: Path) -> None:
    """Under `python -O` asserts vanish: the audit still refuses what the fold cannot take."""
    forge(log, _control_signs)
    done = subprocess.run(
        [sys.executable, "-O", "-c", CLI, "log", "verify", str(log)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{log}:4: event 3 (signed)" in done.stdout


def test_text_quoted_from_a_log_cannot_drive_the_terminal(
    log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def hostile(lines: list[Line]) -> None:
        lines[3]["actor"] = "\x1b]0;pwned\x07"
        lines[7]["payload"]["package"]["\x1b[2J"] = "x"

    forge(log, hostile)
    code, out = verify(log, capsys)
    assert code == 1 and "\\x1b]0;pwned\\x07" in out
    assert "\x1b" not in out and "\x07" not in out
    assert main(["report", str(log)]) == 0
    assert "\x1b" not in capsys.readouterr().err
