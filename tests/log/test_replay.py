"""Replay's fast paths keep every guarantee: what is read, where it stops, what it says."""

from __future__ import annotations

import copy
import gc
import json
import pickle
from dataclasses import FrozenInstanceError
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tabletop.engine.acts import Message
from tabletop.engine.events import Event, made
from tabletop.log import read_log
from tabletop.log.format import GENESIS, seal
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
