"""The session log: durable, tamper-evident, and resumable after a crash."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tabletop.engine.acts import Act, Advance, Pass, Propose, Start, Statement, Support
from tabletop.exercise.model import Exercise
from tabletop.log import LogError, RecordedSession, Seat, read_log, rebuild
from tests.conftest import tiny_exercise_data

EXERCISE = Exercise.model_validate(tiny_exercise_data())
SEATS = {"town": Seat(kind="human"), "fest": Seat(kind="bot", strategy="linear")}
SCRIPT: list[Act] = [
    Start(),
    Advance(),
    Statement(actor="town", text="We want a quiet July."),
    Pass(actor="fest"),
    Propose(actor="town", package={"date": "july", "fee": "high"}),
    Pass(actor="fest"),
    Pass(actor="town"),
    Propose(actor="fest", package={"date": "july", "fee": "low"}),
]


def write_session(path: Path, acts: list[Act] = SCRIPT) -> RecordedSession:
    recorded = RecordedSession.create(path, EXERCISE, 5, SEATS)
    for act in acts:
        recorded.apply(act)
    recorded.close()
    return recorded


def test_header_carries_everything_needed_to_replay(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    write_session(path)
    header = json.loads(path.read_text().splitlines()[0])
    assert header["format"] == "tabletop-log" and header["version"] == 1
    assert header["exercise"]["id"] == "tiny"
    assert len(header["exercise_sha256"]) == 64
    assert header["seed"] == 5
    assert header["seats"]["fest"] == {"kind": "bot", "strategy": "linear"}
    first_event = json.loads(path.read_text().splitlines()[1])
    assert set(first_event) == {"seq", "at", "actor", "kind", "payload", "visible_to", "hash"}


def test_the_log_rebuilds_the_live_state(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    recorded = write_session(path)
    contents = read_log(path)
    assert contents.problem is None
    assert rebuild(contents).state == recorded.session.state


def test_an_edited_byte_is_caught_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    write_session(path)
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b"quiet", b"quieT")
    path.write_bytes(b"\n".join(lines))
    problem = read_log(path).problem
    assert problem is not None and (problem.line, problem.kind) == (4, "corrupt")


@pytest.mark.parametrize(("damage", "line"), [("delete", 5), ("swap", 5), ("duplicate", 6)])
def test_removed_or_reordered_lines_are_caught(tmp_path: Path, damage: str, line: int) -> None:
    path = tmp_path / "s.jsonl"
    write_session(path)
    lines = path.read_text().splitlines(keepends=True)
    if damage == "delete":
        del lines[4]
    elif damage == "swap":
        lines[4], lines[5] = lines[5], lines[4]
    else:
        lines.insert(5, lines[4])
    path.write_text("".join(lines))
    problem = read_log(path).problem
    assert problem is not None and problem.line == line and problem.kind == "corrupt"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_log_cut_at_any_byte_verifies_up_to_the_cut(tmp_path: Path, data: st.DataObject) -> None:
    path = tmp_path / "whole.jsonl"
    if not path.exists():
        write_session(path)
    raw = path.read_bytes()
    cut = data.draw(st.integers(min_value=1, max_value=len(raw) - 1))
    damaged = tmp_path / "cut.jsonl"
    damaged.write_bytes(raw[:cut])
    whole_lines = raw[:cut].count(b"\n")
    try:
        contents = read_log(damaged)
    except LogError as error:
        assert whole_lines == 0 and ":1:" in str(error)
        return
    assert len(contents.events) == max(0, whole_lines - 1)
    if raw[:cut].endswith(b"\n"):
        assert contents.problem is None
    else:
        assert contents.problem is not None and contents.problem.kind == "torn"
        assert contents.problem.line == whole_lines + 1


def test_resume_after_a_torn_line_carries_on_from_the_last_whole_event(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    write_session(path)
    raw = path.read_bytes()
    path.write_bytes(raw[: raw.rstrip(b"\n").rfind(b"\n") + 20])
    recorded, problem = RecordedSession.resume(path)
    assert problem is not None and problem.kind == "torn"
    # The cut took the start of round 3 with it; resuming finishes that decision.
    state = recorded.session.state
    assert (state.round, state.turn) == (3, "town")
    last = recorded.session.events[-1].seq
    recorded.apply(Support(actor="town", proposal=2))
    recorded.close()
    contents = read_log(path)
    assert contents.problem is None and contents.events[-1].seq > last


def test_resume_refuses_a_damaged_log(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    write_session(path)
    path.write_bytes(path.read_bytes().replace(b"quiet", b"loud!"))
    with pytest.raises(LogError, match=r"s.jsonl:4: the hash does not match"):
        RecordedSession.resume(path)


def test_a_log_has_one_writer_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    first = RecordedSession.create(path, EXERCISE, 5, SEATS)
    first.apply(Start())
    with pytest.raises(LogError, match="another tabletop is writing this log"):
        RecordedSession.resume(path)
    first.apply(Advance())
    first.close()
    second, _ = RecordedSession.resume(path)
    assert [e.kind for e in second.session.events][-1] == "advanced"
    second.close()


def test_a_new_log_never_overwrites_an_old_one(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    write_session(path)
    before = path.read_bytes()
    with pytest.raises(LogError, match="already there"):
        RecordedSession.create(path, EXERCISE, 1, SEATS)
    assert path.read_bytes() == before


def test_fork_starts_a_new_log_from_an_event_of_another(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    write_session(path)
    fork = RecordedSession.fork(path, 6, tmp_path / "fork.jsonl")
    fork.close()
    contents = read_log(tmp_path / "fork.jsonl")
    assert contents.header.parent is not None and contents.header.parent.seq == 6
    assert [e.seq for e in contents.events] == [1, 2, 3, 4, 5, 6]
    assert rebuild(contents).state == rebuild(read_log(path), 6).state


CRASHING_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tabletop.engine.acts import Pass, Start, Advance
    from tabletop.exercise.model import Exercise
    from tabletop.log import RecordedSession, Seat
    from tests.conftest import tiny_exercise_data

    exercise = Exercise.model_validate(tiny_exercise_data())
    seats = {r: Seat(kind="human") for r in exercise.role_ids}
    recorded = RecordedSession.create(Path(sys.argv[1]), exercise, 1, seats)
    recorded.apply(Start())
    recorded.apply(Advance())
    while True:
        turn = recorded.session.state.turn
        if turn is None:
            break
        events = recorded.apply(Pass(actor=turn))
        print("ack", events[-1].seq, flush=True)
        time.sleep(0.01)
    time.sleep(60)
    """
)


def test_kill_9_loses_nothing_acknowledged(tmp_path: Path) -> None:
    path = tmp_path / "crash.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-c", CRASHING_WRITER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert process.stdout is not None
    acknowledged = 0
    for _ in range(4):
        acknowledged = int(process.stdout.readline().split()[1])
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    recorded, _ = RecordedSession.resume(path)
    assert recorded.session.events[-1].seq >= acknowledged
    recorded.close()
