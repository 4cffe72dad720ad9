"""`tabletop log verify` and `tabletop log state` through exit codes and output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tabletop.cli import main
from tabletop.cli.log import tell_receipt
from tests.log.test_log import write_session


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "s.jsonl"
    write_session(path)
    return path


def test_verify_passes_an_intact_log(log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "verify", str(log)]) == 0
    assert "hash chain intact" in capsys.readouterr().out


def test_verify_names_the_first_bad_line(log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log.write_bytes(log.read_bytes().replace(b"quiet", b"qu1et"))
    assert main(["log", "verify", str(log)]) == 1
    out = capsys.readouterr().out
    assert f"{log}:4: the hash does not match" in out


def test_verify_reports_a_torn_tail(log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log.write_bytes(log.read_bytes()[:-15])
    assert main(["log", "verify", str(log)]) == 1
    assert "cut short" in capsys.readouterr().out


@pytest.mark.parametrize("content", [b"", b"\x00\xff garbage", b'{"format": "nope"}\n'])
def test_verify_refuses_what_is_not_a_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    assert main(["log", "verify", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:1:" in err and "Traceback" not in err


def test_verify_of_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "verify", str(tmp_path / "none.jsonl")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_state_prints_the_rebuilt_state(log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "state", str(log)]) == 0
    state = json.loads(capsys.readouterr().out)
    assert {"phase", "round", "turn", "proposals", "outcome", "scores"} <= set(state)
    assert state["phase"] == "negotiating" and len(state["proposals"]) == 2


def test_state_at_an_earlier_event(log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "state", str(log), "--at", "2"]) == 0
    assert json.loads(capsys.readouterr().out)["phase"] == "opening"
    assert main(["log", "state", str(log), "--at", "999"]) == 1
    assert "no event 999" in capsys.readouterr().err


def test_the_receipt_told_after_a_session_is_the_one_verify_accepts(
    log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tell_receipt(log)
    told = capsys.readouterr().err.strip()
    assert told.startswith("Receipt (check it with tabletop log verify --receipt): ")
    assert main(["log", "verify", str(log), "--receipt", told.rsplit(" ", 1)[1]]) == 0
    log.write_bytes(log.read_bytes()[:-15])
    tell_receipt(log)  # a torn log has no receipt to give
    assert "Receipt" not in capsys.readouterr().err
