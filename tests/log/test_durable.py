"""The log on an unlucky machine: full disks, read-only folders, races, power cuts."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tabletop.cli import main
from tabletop.engine.acts import Pass, Statement
from tabletop.log import LogError, LogWriter, RecordedSession, audited, read_log
from tabletop.log.writer import LogFile, claim
from tests.log.test_log import EXERCISE, SCRIPT, SEATS, write_session

ROOT = Path(__file__).parents[2]


class FullDisk:
    """A log file on a disk with `room` bytes left: a write past it fails with ENOSPC.

    Like the kernel, it writes what fits first, so a line is left cut on disk.
    """

    def __init__(self, file: LogFile, room: int) -> None:
        self.file = file
        self.room = room

    def write(self, data: bytes | memoryview, /) -> int | None:
        if self.room <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        taken = bytes(data[: self.room])
        self.room -= len(taken)
        return self.file.write(taken)

    def truncate(self, size: int, /) -> int:
        return self.file.truncate(size)

    def seek(self, offset: int, whence: int = os.SEEK_SET, /) -> int:
        return self.file.seek(offset, whence)

    def fileno(self) -> int:
        return self.file.fileno()

    def close(self) -> None:
        self.file.close()


def on_full_disk(path: Path, room: int) -> tuple[RecordedSession, FullDisk]:
    """The logged session of `path`, carried on through a disk with `room` bytes left."""
    contents = read_log(path)
    disk = FullDisk(claim(path), room)
    writer = LogWriter(path, disk, contents.last_hash)
    return RecordedSession(path, contents.header, audited(contents).close(), writer), disk


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(room=st.integers(min_value=0, max_value=600))
def test_a_full_disk_leaves_the_log_and_the_session_as_they_were(
    tmp_path_factory: pytest.TempPathFactory, room: int
) -> None:
    path = tmp_path_factory.mktemp("full") / "s.jsonl"
    write_session(path, SCRIPT[:3])  # the pass that follows ends the opening: a block of 3
    before = path.read_bytes()
    recorded, disk = on_full_disk(path, room)
    state = recorded.session.state
    try:
        recorded.apply(Pass(actor="fest"))
    except OSError as error:
        assert error.errno == errno.ENOSPC and error.filename == str(path)
        assert path.read_bytes() == before
        assert recorded.session.state == state
        disk.room = 10**6  # space is freed: the same act again
        recorded.apply(Pass(actor="fest"))
    disk.room = 10**6
    recorded.apply(Statement(actor="town", text="Still here."))
    recorded.close()
    contents = read_log(path)
    assert contents.problem is None
    assert audited(contents).close().state == recorded.session.state
    assert [e.kind for e in contents.events[3:]] == [
        "passed",
        "advanced",
        "round_started",
        "stated",
    ]


def test_a_log_that_cannot_be_cut_back_takes_no_more_blocks(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    write_session(path, SCRIPT[:3])
    recorded, disk = on_full_disk(path, 10)

    def refuse(size: int, /) -> int:
        raise OSError(errno.EIO, "Input/output error")

    disk.truncate = refuse  # type: ignore[method-assign]
    with pytest.raises(OSError, match="could not be cut back"):
        recorded.apply(Pass(actor="fest"))
    disk.room = 10**6
    with pytest.raises(OSError, match="could not be cut back"):
        recorded.apply(Pass(actor="fest"))
    recorded.close()
    resumed, problem = RecordedSession.resume(path)  # the torn tail is cut off
    assert problem is not None and problem.kind == "torn"
    assert resumed.session.state.turn == "fest"
    resumed.close()


@contextmanager
def tmpfs(folder: Path, options: str) -> Iterator[Path]:
    """A tmpfs mounted on `folder` for the test; skipped where it cannot be mounted."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 256 KiB disk (needs root and a kernel that lets us mount a tmpfs)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    with tmpfs(folder, "size=256k"):
        yield folder


def test_a_real_full_disk(small_disk: Path) -> None:
    path = small_disk / "s.jsonl"
    write_session(path, SCRIPT[:4])
    recorded, _ = RecordedSession.resume(path)
    filler = small_disk / "filler"
    with filler.open("wb", buffering=0) as file, pytest.raises(OSError):
        while True:
            file.write(b"x" * 4096)
    text = "A long statement to fill the disk. " * 100
    acknowledged = len(recorded.session.events)
    with pytest.raises(OSError) as failed:
        for turn in range(1000):
            actor = recorded.session.state.turn
            assert actor is not None
            recorded.apply(Statement(actor=actor, text=f"{turn} {text}"))
            acknowledged = len(recorded.session.events)
    assert failed.value.errno == errno.ENOSPC
    state = recorded.session.state
    contents = read_log(path)
    assert contents.problem is None and len(contents.events) == acknowledged
    filler.unlink()
    actor = state.turn
    assert actor is not None
    recorded.apply(Statement(actor=actor, text="Space again."))
    recorded.close()
    contents = read_log(path)
    assert contents.problem is None and len(contents.events) == acknowledged + 1
    assert audited(contents).close().state.seq == acknowledged + 1


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write to (as root, a tmpfs mounted read-only)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    with tmpfs(folder, "ro,size=64k"):
        yield folder


def test_a_read_only_folder_refuses_a_new_log_with_a_message(read_only: Path) -> None:
    with pytest.raises(LogError, match="cannot create the log"):
        RecordedSession.create(read_only / "s.jsonl", EXERCISE, 1, SEATS)
    assert list(read_only.iterdir()) == []


CREATOR = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tabletop.engine.acts import Start, Annotate
    from tabletop.log import LogError, RecordedSession
    from tests.log.test_log import EXERCISE, SEATS

    folder, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    while not (folder / "go").exists():
        time.sleep(0.001)
    won = 0
    for number in range(count):
        try:
            recorded = RecordedSession.create(folder / f"{number}.jsonl", EXERCISE, 1, SEATS)
        except LogError:
            continue
        recorded.apply(Start())
        recorded.apply(Annotate(text=name))
        recorded.close()
        won += 1
    print(won)
    """
)


def test_two_processes_creating_the_same_logs_never_share_one(tmp_path: Path) -> None:
    count = 60
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", CREATOR, str(tmp_path), name, str(count)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for name in ("first", "second")
    ]
    (tmp_path / "go").touch()
    won = [int(process.communicate()[0]) for process in processes]
    assert sum(won) == count
    for number in range(count):
        contents = read_log(tmp_path / f"{number}.jsonl")
        assert contents.problem is None
        notes = [e.payload["text"] for e in contents.events if e.kind == "annotated"]
        assert len(notes) == 1 and notes[0] in ("first", "second")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_default_names_of_two_sessions_in_the_same_second_differ(tmp_path: Path) -> None:
    script = (
        "from datetime import datetime; from tabletop.tui.paths import new_log_path; "
        "print(new_log_path('tiny', datetime(2026, 11, 29, 19, 0, 0)))"
    )
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    names = [
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert names[0] != names[1]
    assert all(name.startswith(str(tmp_path)) for name in names)


TUTORIAL = str(ROOT / "exercises" / "tutorial.yaml")


def test_commands_on_a_read_only_folder_say_so(
    read_only: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "s.jsonl"
    write_session(log)
    commands = [
        ["simulate", TUTORIAL, "--runs", "1", "--log-dir", str(read_only)],
        ["play", TUTORIAL, "--log", str(read_only / "new.jsonl")],
        ["replay", str(log), "--fork", "3", "--fork-log", str(read_only / "fork.jsonl")],
    ]
    for command in commands:
        assert main(command) == 1, command
        err = capsys.readouterr().err
        assert "cannot create the log" in err and "Traceback" not in err, command


def test_simulate_on_a_full_disk_says_so(
    small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Room for a log's header and a few events, not for a whole session.
    assert main(["simulate", TUTORIAL, "--runs", "1", "--log-dir", str(tmp_path)]) == 0
    header = len((tmp_path / "run-00001.jsonl").read_bytes().split(b"\n")[0])
    capsys.readouterr()
    free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
    room = (header // 4096 + 1) * 4096
    (small_disk / "filler").write_bytes(b"x" * (free - room))
    assert main(["simulate", TUTORIAL, "--runs", "1", "--log-dir", str(small_disk)]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Traceback" not in err
    (small_disk / "filler").unlink()
    contents = read_log(small_disk / "run-00001.jsonl")
    assert contents.problem is None and contents.events
    audited(contents)


def test_a_new_log_is_its_owners_alone(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    write_session(path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["s.jsonl"]


def test_without_hard_links_a_log_is_created_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: object, target: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "s.jsonl"
    write_session(path)
    assert read_log(path).problem is None
    with pytest.raises(LogError, match="a log is already there"):
        RecordedSession.create(path, EXERCISE, 1, SEATS)
    assert [p.name for p in tmp_path.iterdir()] == ["s.jsonl"]
