"""The loader on mangled copies of the bundled exercises: a problem with a line, never a crash.

Each example takes a bundled exercise, deletes, duplicates or replaces a few of
its nodes (with scalars of every YAML type, huge numbers, NUL and other control
characters, long text, deep nesting, or raw YAML such as a 4,400-digit hex
number) and loads it the way `tabletop validate` does. Whatever the file, the
loader gives an `Exercise` or an `ExerciseError` whose every problem is one
`FILE:LINE: ...` line a terminal can print.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tabletop.controls import UNSAFE
from tabletop.exercise.loader import ExerciseError, load_text

EXERCISES = Path(__file__).resolve().parents[2] / "exercises"
BUNDLED = {path.name: path.read_text(encoding="utf-8") for path in EXERCISES.glob("*.yaml")}
DATA = {name: yaml.safe_load(text) for name, text in BUNDLED.items()}
PROBLEM = re.compile(r"^[^\n]+:[1-9][0-9]*: [^\n]+$")


@dataclass(frozen=True)
class Raw:
    """YAML written out as is, for values `yaml.safe_dump` would never write."""

    text: str


RAW = st.sampled_from(
    [
        "0x" + "f" * 4400,
        "0o" + "7" * 5000,
        "1" * 4400,
        "-" + "9" * 4301,
        "0b" + "1" * 20000,
        "1e999",
        "-.inf",
        ".nan",
        "!!binary aGVsbG8=",
        "!!python/object:os.system ls",
        "!!set {a, b}",
        "!!timestamp 2001-12-14t21:59:43.10-05:00",
        "!!float abc",
        "!!int 0x",
        '"\\e]52;c;cHduZWQ=\\a"',
        '"a\\0b"',
        '"\\x9b2J\\u202e"',
        "*nowhere",
        "&anchor [1, 2]",
        "[" * 80 + "]" * 80,
        "{a: {b: {c: {d: [[[[[]]]]]}}}}",
        "''",
        "~",
        '"[@click=app.quit]x[/]"',
    ]
).map(Raw)

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    # Written out raw: neither Hypothesis nor PyYAML can print an int of over 4,300 digits.
    st.integers(min_value=4000, max_value=6000).map(lambda digits: Raw("-" + "9" * digits)),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.text(alphabet=st.characters(max_codepoint=0x20AC), max_size=30),
    st.sampled_from(["", "\0", "a\0b", "\x1b[2J", "\x07", "\u202e", "x" * 20_000, "tutorial"]),
)


def _nested(depth: int) -> Any:
    value: Any = "deep"
    for step in range(depth):
        value = [value] if step % 2 else {"k": value}
    return value


VALUES = st.one_of(
    SCALARS,
    RAW,
    st.integers(min_value=60, max_value=120).map(_nested),
    st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3), max_leaves=6),
    st.dictionaries(st.text(max_size=8), SCALARS, max_size=3),
)


def _paths(data: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every node's path, the root's children down."""
    found: list[tuple[Any, ...]] = []
    if isinstance(data, dict | list):
        for key, value in data.items() if isinstance(data, dict) else enumerate(data):
            found.append((*at, key))
            found.extend(_paths(value, (*at, key)))
    return found


def _mutate(data: Any, path: tuple[Any, ...], how: str, value: Any) -> None:
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if how == "delete":
        del parent[last]
    elif how == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif how == "rename" and isinstance(parent, dict) and isinstance(value, str):
        parent[value] = parent.pop(last)
    else:
        parent[last] = value


def _dump(data: Any) -> str:
    """The data as YAML, with each `Raw` value written as it is."""
    raws: list[str] = []

    def placeholder(value: Any) -> Any:
        if isinstance(value, Raw):
            raws.append(value.text)
            return f"RAW{len(raws) - 1}RAW"
        if isinstance(value, dict):
            return {k: placeholder(v) for k, v in value.items()}
        if isinstance(value, list):
            return [placeholder(v) for v in value]
        return value

    text = yaml.safe_dump(placeholder(data), allow_unicode=True, sort_keys=False, width=10**6)
    return re.sub(r"RAW(\d+)RAW", lambda m: raws[int(m[1])], text)


@st.composite
def mangled(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(DATA)))
    data = copy.deepcopy(DATA[name])
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        how = draw(st.sampled_from(["delete", "duplicate", "rename", "replace"]))
        _mutate(data, path, how, draw(VALUES))
    return name, _dump(data)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mangled())
def test_a_mangled_exercise_loads_or_gives_file_line_problems(case: tuple[str, str]) -> None:
    name, text = case
    try:
        load_text(text, name, EXERCISES)
    except ExerciseError as error:
        assert error.problems
        for problem in error.problems:
            said = str(problem)
            assert PROBLEM.match(said), said
            assert problem.line >= 1
            assert not UNSAFE.search(said), said


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(BUNDLED)), st.data())
def test_a_raw_yaml_value_in_place_of_any_line_gives_a_problem_not_a_crash(
    name: str, data: st.DataObject
) -> None:
    """The hex number over 4,300 digits crashed the message that names it: try raw values."""
    lines = BUNDLED[name].splitlines()
    candidates = [i for i, line in enumerate(lines) if re.match(r"^\s*[a-z_]+: \S", line)]
    index = data.draw(st.sampled_from(candidates))
    raw = data.draw(RAW)
    key = lines[index].split(":", 1)[0]
    lines[index] = f"{key}: {raw.text}"
    try:
        load_text("\n".join(lines), name, EXERCISES)
    except ExerciseError as error:
        assert all(PROBLEM.match(str(p)) for p in error.problems)


def problems_of(text: str, name: str) -> list[str]:
    """What loading `text` says, a problem a line; fails if it loads."""
    try:
        load_text(text, name, EXERCISES)
    except ExerciseError as error:
        return [str(p) for p in error.problems]
    raise AssertionError(f"{name} loaded")


def test_a_huge_hex_number_is_named_not_written_out() -> None:
    text = BUNDLED["tutorial.yaml"]
    title = re.search(r"^title: .*$", text, re.MULTILINE)
    assert title is not None
    line = text[: title.start()].count("\n") + 1
    huge = text.replace(title[0], "title: 0x" + "f" * 4400, 1)
    assert problems_of(huge, "tutorial.yaml") == [
        f"tutorial.yaml:{line}: title: expected text, got a number of 5,299 digits "
        "(put it in quotes to keep it as text)"
    ]


def test_a_digest_path_with_a_nul_is_a_problem_at_its_line() -> None:
    text = BUNDLED["treaty-for-security.yaml"]
    digest = re.search(r"digest: (\S+)", text)
    assert digest is not None
    line = text[: digest.start()].count("\n") + 1
    with_nul = text.replace(digest[0], 'digest: "a\\0b"', 1)
    assert problems_of(with_nul, "treaty.yaml") == [
        f"treaty.yaml:{line}: sources.0.digest: cannot read digest "
        f"{EXERCISES / 'a'}\\x00b: a path cannot hold a NUL character"
    ]
