"""The log reader and the audit against random input: only their own error, never a crash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tabletop.log import LogError, audited, read_log
from tabletop.report import build_report, to_html, to_markdown
from tests.log.forge import ended_log, lines_of, reseal

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=6,
)


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return ended_log(tmp_path_factory.mktemp("fuzz") / "s.jsonl").read_bytes()


def use(path: Path) -> str | None:
    """Everything that reads a log, as the commands do; LogError is the only way to fail.

    The report's Markdown if one could be made of the log, None if it was refused.
    """
    try:
        contents = read_log(path)
        audited(contents).close()
    except LogError:
        pass
    try:
        report = build_report(read_log(path), reveal=True)
    except LogError:
        return None
    assert "</html>" in to_html(report)
    return to_markdown(report)


def refused_or_reported(path: Path) -> bool:
    """Whether the log was refused with a LogError or reported on, as any bytes must be."""
    markdown = use(path)
    return markdown is None or markdown.startswith("# ")


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(data)
    assert refused_or_reported(path)


@FUZZ
@given(data=st.data())
def test_mutated_bytes(tmp_path: Path, original: bytes, data: st.DataObject) -> None:
    mutated = bytearray(original)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(mutated) - 1))
        match data.draw(st.sampled_from(["flip", "cut", "insert"])):
            case "flip":
                mutated[at] ^= data.draw(st.integers(1, 255))
            case "cut":
                del mutated[at : at + data.draw(st.integers(1, 200))]
            case _:
                mutated[at:at] = data.draw(st.binary(min_size=1, max_size=20))
    path = tmp_path / "m.jsonl"
    path.write_bytes(bytes(mutated))
    assert refused_or_reported(path)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*prefix, index))
    return found


@FUZZ
@given(data=st.data())
def test_rehashed_nonsense(tmp_path: Path, original: bytes, data: st.DataObject) -> None:
    """A forger's edits with the chain recomputed: the audit, not the fold, must meet them."""
    path = tmp_path / "f.jsonl"
    path.write_bytes(original)
    lines = lines_of(path)
    for _ in range(data.draw(st.integers(1, 3))):
        line = lines[data.draw(st.integers(1, len(lines) - 1))]
        where = data.draw(st.sampled_from([p for p in _paths(line) if p]))
        target = line
        for key in where[:-1]:
            target = target[key]
        if data.draw(st.booleans()):
            target[where[-1]] = data.draw(json_values)
        elif isinstance(target, dict):
            del target[where[-1]]
    reseal(path, lines)
    assert refused_or_reported(path)


@FUZZ
@given(data=st.data())
def test_rehashed_events_moved_about(tmp_path: Path, original: bytes, data: st.DataObject) -> None:
    """Whole events (actor, kind and payload) copied over others, renumbered and rehashed."""
    path = tmp_path / "e.jsonl"
    path.write_bytes(original)
    lines = lines_of(path)
    events = lines[1:]
    for _ in range(data.draw(st.integers(1, 3))):
        source = data.draw(st.sampled_from(events))
        target = data.draw(st.sampled_from(events))
        actor = data.draw(st.sampled_from([source["actor"], "town", "fest", "control", "session"]))
        target.update(actor=actor, kind=source["kind"], payload=source["payload"])
    if data.draw(st.booleans()):
        del events[data.draw(st.integers(0, len(events) - 1))]
    for number, line in enumerate(events, start=1):
        line["seq"] = number
    reseal(path, [lines[0], *events])
    assert refused_or_reported(path)
