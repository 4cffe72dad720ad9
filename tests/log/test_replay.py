"""Replay's fast paths keep every guarantee: what is read, where it stops, what it says;
and the viewer's checkpoints and indexes show exactly what folding from the start shows."""

from __future__ import annotations

import copy
import gc
import json
import pickle
from dataclasses import FrozenInstanceError
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tabletop.cli import main
from tabletop.engine.acts import Message
from tabletop.engine.events import Event, made
from tabletop.engine.history import history
from tabletop.engine.session import Session
from tabletop.engine.view import events_for
from tabletop.log import LogError, open_log, read_log, replay_log
from tabletop.log.cursor import ReplayCursor
from tabletop.log.format import GENESIS, seal
from tabletop.log.replay_log import ReplayLog
from tabletop.log.trust import TrustedEvents
from tests.log.test_log import SCRIPT, write_session


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def _rewrite(path: Path, index: int, change: dict[str, object]) -> None:
    """Change fields of line `index` and re-seal every line, so the chain still holds."""
    lines = _lines(path)
    digest = GENESIS
    sealed = []
    for number, line in enumerate(lines):
        data = json.loads(line)
        del data["hash"]
        if number == index:
            data.update(change)
        text, digest = seal(json.dumps(data, separators=(",", ":")), digest)
        sealed.append(text.encode())
    path.write_bytes(b"".join(sealed))


def test_a_whole_log_is_trusted_to_its_end(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    recorded = write_session(path)
    last = json.loads(_lines(path)[-1])["hash"]
    for verify in (True, False):
        contents = read_log(path, verify=verify)
        assert contents.problem is None
        assert contents.events == list(recorded.session.events)
        assert (contents.good_bytes, contents.last_hash) == (path.stat().st_size, last)


@pytest.mark.parametrize("upto", [-1, 0, 3])
def test_upto_stops_after_that_many_events(tmp_path: Path, upto: int) -> None:
    path = tmp_path / "s.jsonl"
    write_session(path)
    lines = _lines(path)
    kept = lines[: max(upto, 0) + 1]
    contents = read_log(path, upto=upto)
    assert [e.seq for e in contents.events] == list(range(1, max(upto, 0) + 1))
    assert contents.problem is None
    assert contents.good_bytes == sum(len(line) for line in kept)
    assert contents.last_hash == json.loads(kept[-1])["hash"]


def test_a_payload_that_does_not_fit_its_kind_is_named(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    write_session(path)
    _rewrite(path, 7, {"payload": {"proposal": 1}})  # event 7 proposes, now with no package
    for verify in (True, False):
        contents = read_log(path, verify=verify)
        assert contents.problem is not None
        assert (contents.problem.line, contents.problem.kind) == (8, "corrupt")
        assert contents.problem.message == "not a valid event: payload.package: Field required"
        assert len(contents.events) == 6
        assert contents.good_bytes == sum(len(line) for line in _lines(path)[:7])


def test_a_bad_field_is_named(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    write_session(path)
    _rewrite(path, 2, {"at": "yesterday"})
    problem = read_log(path).problem
    assert problem is not None and problem.line == 3
    assert problem.message.startswith("not a valid event: at: Input should be a valid datetime")


def test_a_hash_cut_short_is_caught_with_or_without_verifying(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    write_session(path)
    lines = _lines(path)
    lines[3] = lines[3][: -len(b'0"}\n')] + b'"}\n'  # one hex digit fewer
    path.write_bytes(b"".join(lines))
    for verify in (True, False):
        problem = read_log(path, verify=verify).problem
        assert problem is not None and (problem.line, problem.kind) == (4, "corrupt")


def test_an_unverified_read_takes_any_hash_without_failing(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    write_session(path)
    raw = path.read_bytes()
    path.write_bytes(raw[: -len(b'0"}\n') - 63] + b"\xff" * 64 + b'"}\n')
    contents = read_log(path, verify=False)
    assert contents.problem is None and len(contents.events) == raw.count(b"\n") - 1
    assert contents.last_hash == "\ufffd" * 64
    problem = read_log(path).problem
    assert problem is not None and problem.message.startswith("the hash does not match")


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_leaves_the_garbage_collector_as_it_was(tmp_path: Path, enabled: bool) -> None:
    path = tmp_path / "s.jsonl"
    write_session(path)
    path.write_bytes(path.read_bytes()[:-10])  # a torn tail: reading stops early
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        assert read_log(path).problem is not None
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_an_event_made_without_validation_is_the_validated_one(tmp_path: Path) -> None:
    whisper = Message(actor="town", to="fest", text="psst")
    recorded = write_session(tmp_path / "s.jsonl", [*SCRIPT, whisper])
    assert any(event.visible_to for event in recorded.session.events)
    for event in recorded.session.events:
        fast = made(event.seq, event.at, event.actor, event.kind, event.payload, event.visible_to)
        validated = Event(
            seq=event.seq,
            at=event.at,
            actor=event.actor,
            kind=event.kind,
            payload=event.payload,
            visible_to=event.visible_to,
        )
        assert fast == validated and fast.to_json() == validated.to_json()
        assert Event.from_json(fast.to_json()) == fast
        assert pickle.loads(pickle.dumps(fast)) == fast
        assert copy.copy(fast) == fast and copy.deepcopy(fast) == fast
        assert repr(fast) == repr(validated)


def test_an_event_made_without_validation_is_still_frozen() -> None:
    event = made(1, datetime(2026, 1, 1, tzinfo=UTC), "control", "started", {})
    with pytest.raises(FrozenInstanceError):
        event.seq = 2  # type: ignore[misc]


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An all-bot session of Treaty for Security: rounds, injects, a few hundred events."""
    folder = tmp_path_factory.mktemp("played")
    command = ["simulate", "treaty-for-security", "--runs", "1", "--seed", "3"]
    assert main([*command, "--log-dir", str(folder)]) == 0
    return next(folder.glob("*.jsonl"))


@pytest.fixture(scope="module")
def folded(played: Path) -> list[dict[str, object]]:
    """The state after each event, folded from the start: what every move must show."""
    contents = read_log(played)
    session = Session(contents.header.session_exercise, contents.header.seed)
    states = [session.state.model_dump()]
    for event in contents.events:
        session.replay(event)
        states.append(session.state.model_dump())
    return states


def test_the_table_the_chart_reads_is_the_folded_one_after_every_event(
    played: Path, folded: list[dict[str, object]]
) -> None:
    """The audit's table (the chart's and the checkpoints'), inside a block the rules had
    not finished showing too, is what folding the events from the start makes."""
    with open_log(played) as stream:
        checked = TrustedEvents(stream, stream, keep_events=False)
        blocks = 0
        for event in checked:
            assert checked.table.snapshot().model_dump() == folded[event.seq]
            blocks += event.actor == "session"
    assert checked.problem is None and blocks > 5


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(every=st.integers(1, 40), moves=st.lists(st.integers(-5, 400), min_size=1, max_size=12))
def test_every_move_shows_what_folding_from_the_start_shows(
    played: Path, folded: list[dict[str, object]], every: int, moves: list[int]
) -> None:
    log = ReplayLog(played, every=every)
    log.read()
    events = read_log(played).events
    assert log.done and log.problem is None and log.count == len(events)
    cursor = ReplayCursor(log)
    for target in moves:
        cursor.move_to(target)
        at = max(0, min(target, len(events)))
        assert cursor.position == at
        assert cursor.session.state.model_dump() == folded[at]
        assert cursor.event == (events[at - 1] if at else None)
        assert list(log.seen(None, at)) == events[:at]
        for role in log.roles:
            told = events_for(events[:at], role)
            assert list(log.seen(role, at)) == told
            assert list(log.messages(role, at)) == [e for e in told if e.kind == "messaged"]


def test_round_starts_and_the_chart_come_from_the_one_pass(played: Path) -> None:
    log = ReplayLog(played, every=7)
    log.read()
    events = read_log(played).events
    starts = [(e.payload["round"], e.seq) for e in events if e.kind == "round_started"]
    assert log.round_starts == starts and len(starts) > 1
    assert log.injects == [e for e in events if e.kind == "inject_fired"]
    cursor = ReplayCursor(log)
    assert cursor.rounds_started() == [number for number, _ in starts]
    cursor.move_to(starts[1][1])
    assert cursor.neighbour_round(-1) == starts[0][1]
    assert cursor.round_start(starts[-1][0]) == starts[-1][1]
    header = log.header
    leading = history(header.session_exercise, header.seed, events).leading
    assert log.leading(len(events)) == leading
    assert log.leading(40) == leading[:40]


def test_a_long_chart_is_thinned_to_the_last_point_of_each_stretch(
    played: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(replay_log, "CHART_POINTS", 10)
    log = ReplayLog(played)
    log.read()
    header = log.header
    leading = history(header.session_exercise, header.seed, read_log(played).events).leading
    thinned = log.leading(len(leading))
    assert len(thinned) <= 10 and thinned[-1] == leading[-1]
    assert all(point == leading[point.seq - 1] for point in thinned)
    assert thinned == sorted(thinned, key=lambda point: point.seq)


def test_a_block_changed_on_disk_after_the_check_is_refused(played: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.jsonl"
    path.write_bytes(played.read_bytes())
    log = ReplayLog(path, every=5)
    log.read()
    first = log.event(3)
    # Rehashed whole, so every line chains: only the hashes kept from the check tell.
    _rewrite(path, 7, {"at": "2020-01-01T00:00:00Z"})
    with pytest.raises(LogError, match="changed on disk since it was checked"):
        log.event(8)
    assert first == log.event(3)  # read before the change, and kept
    assert log.event(log.count) is not None  # the last block is held, never read again


def test_a_pass_asked_to_stop_stops_at_its_next_checkpoint(played: Path) -> None:
    log = ReplayLog(played, every=10)
    log.stop()
    log.read()
    assert (log.count, log.done, log.problem) == (10, False, None)
    cursor = ReplayCursor(log)
    cursor.move_to(50)
    assert cursor.position == 10


def test_a_pass_that_cannot_read_on_says_so_on_the_status_line(
    played: Path, tmp_path: Path
) -> None:
    from tabletop.tui.moment import status

    path = tmp_path / "copy.jsonl"
    path.write_bytes(played.read_bytes())
    log = ReplayLog(path)
    _rewrite(path, 0, {"seed": 99})  # another session's header, once the screen is open
    with pytest.raises(LogError, match="replaced while it was being opened"):
        log.read()
    assert log.halted and not log.done
    cursor = ReplayCursor(log)
    line = status(cursor, cursor.session.state, "town").plain
    assert "the rest could not be read" in line and "so far" not in line
