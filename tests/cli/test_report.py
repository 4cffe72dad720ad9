"""`tabletop report`: exit codes, output files written whole or not at all, bad inputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tabletop.cli import main
from tests.report.test_report import CONFIDENTIAL, write_log


@pytest.fixture
def log(tmp_path: Path) -> Path:
    return write_log(tmp_path / "session.jsonl")


def test_markdown_to_stdout_by_default(log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(log)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# After-action report: Tiny")
    assert not any(secret in out for secret in CONFIDENTIAL)


def test_reveal_and_html(log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(log), "--format", "html", "--reveal"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and "<svg" in out
    assert all(secret in out for secret in CONFIDENTIAL)


def test_output_file_takes_its_format_from_its_name(log: Path, tmp_path: Path) -> None:
    target = tmp_path / "debrief.html"
    assert main(["report", str(log), "-o", str(target)]) == 0
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert main(["report", str(log), "-o", str(target), "--format", "md"]) == 0
    assert target.read_text().startswith("# After-action report")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["debrief.html", "session.jsonl"]


def test_a_failed_write_leaves_the_old_file_whole(
    log: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "debrief.md"
    target.write_text("the previous report")

    def refuse(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    assert main(["report", str(log), "-o", str(target)]) == 1
    assert target.read_text() == "the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["debrief.md", "session.jsonl"]
    assert "No space left on device" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["missing/debrief.md", "."])
def test_an_unwritable_output_is_refused(
    log: Path, tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(log), "-o", str(tmp_path / where)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tabletop: ") and "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "empty file"),
        (b"\x00\xff not text\n", "not a session log"),
        (b'{"format": "tabletop-log"}\n', "not a session log"),
        (b"# notes\nsome text\n", "not a session log"),
    ],
)
def test_what_is_not_a_log_exits_1_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    path = tmp_path / "input.jsonl"
    if content is not None:
        path.write_bytes(content)
    assert main(["report", str(path)]) == 1
    captured = capsys.readouterr()
    assert message in captured.err and "Traceback" not in captured.err
    assert captured.out == ""


def test_a_directory_is_not_a_log(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(tmp_path)]) == 1
    assert "is a directory" in capsys.readouterr().err


def test_a_damaged_log_gets_a_report_of_its_trusted_part(
    log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log.write_bytes(log.read_bytes().replace(b"quiet", b"QUIET"))
    assert main(["report", str(log)]) == 0
    captured = capsys.readouterr()
    assert "stops being trustworthy at line 4" in captured.out
    assert f"{log}:4: the hash does not match" in captured.err
    assert "covers only the 2 trusted events" in captured.err


@pytest.mark.parametrize("kind", ["symlink", "fifo", "device", "folder"])
def test_only_a_regular_file_or_a_new_path_is_written(
    log: Path, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "debrief.md"
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("not the report's to replace")
    if kind == "symlink":
        target.symlink_to(elsewhere)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        target = Path("/dev/null")
    before = os.lstat(target)
    assert main(["report", str(log), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"tabletop: {target}: is ") and "Traceback" not in err
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert elsewhere.read_text() == "not the report's to replace"
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".partial")]
