"""`tabletop schema`: a JSON Schema that editors can use on exercise files as written.

`jsonschema` is not a dependency, so a small checker below covers exactly the
keywords the schema uses, and fails on any other: a new keyword cannot make
these tests pass by being ignored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tabletop import bundled
from tabletop.cli import main
from tabletop.cli.schema import exercise_schema
from tabletop.exercise.loader import load
from tests.exercise.conftest import EXERCISE, write_exercise

ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description", "default"}
TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}
BOUNDS: dict[str, tuple[type | tuple[type, ...], Callable[[Any, Any], object]]] = {
    "pattern": (str, lambda value, rule: re.search(rule, value)),
    "minLength": (str, lambda value, rule: len(value) >= rule),
    "maxLength": (str, lambda value, rule: len(value) <= rule),
    "minItems": (list, lambda value, rule: len(value) >= rule),
    "maxItems": (list, lambda value, rule: len(value) <= rule),
    "minimum": ((int, float), lambda value, rule: value >= rule),
    "maximum": ((int, float), lambda value, rule: value <= rule),
    "exclusiveMinimum": ((int, float), lambda value, rule: value > rule),
}


def check(schema: dict[str, Any], value: Any, ref: str = "#") -> list[str]:
    """Where `value` breaks `schema` (or the part of it `ref` names), one line each."""
    return _errors({"$ref": ref}, value, schema, "")


def _errors(schema: dict[str, Any], value: Any, root: dict[str, Any], at: str) -> list[str]:
    found: list[str] = []
    mapping = value if isinstance(value, dict) else {}
    for keyword, rule in schema.items():
        if keyword in ANNOTATIONS:
            continue
        if keyword == "$ref":
            target: Any = root
            for part in rule.removeprefix("#").split("/")[1:]:
                target = target[part]
            found += _errors(target, value, root, at)
        elif keyword == "type":
            if not isinstance(value, TYPES[rule]) or (
                isinstance(value, bool) and rule != "boolean"
            ):
                found.append(f"{at}: not {rule}: {value!r}")
        elif keyword == "required":
            found += [
                f"{at}: missing {n!r}" for n in rule if isinstance(value, dict) and n not in value
            ]
        elif keyword == "properties":
            for key in rule.keys() & mapping.keys():
                found += _errors(rule[key], mapping[key], root, f"{at}/{key}")
        elif keyword == "patternProperties":
            for key, pattern in ((k, p) for k in mapping for p in rule if re.search(p, k)):
                found += _errors(rule[pattern], mapping[key], root, f"{at}/{key}")
        elif keyword == "additionalProperties":
            patterns = schema.get("patternProperties", {})
            for key in mapping.keys() - schema.get("properties", {}).keys():
                if not any(re.search(p, key) for p in patterns):
                    found += (
                        [f"{at}: unknown {key!r}"]
                        if rule is False
                        else _errors(rule, mapping[key], root, f"{at}/{key}")
                    )
        elif keyword == "propertyNames":
            for key in mapping:
                found += _errors(rule, key, root, f"{at}/{key}")
        elif keyword == "items":
            for index, item in enumerate(value if isinstance(value, list) else []):
                found += _errors(rule, item, root, f"{at}/{index}")
        elif keyword in ("anyOf", "oneOf"):
            passing = sum(not _errors(sub, value, root, at) for sub in rule)
            if passing == 0 or (keyword == "oneOf" and passing > 1):
                found.append(f"{at}: matches {passing} of {keyword}: {value!r}")
        elif keyword == "const":
            found += [] if value == rule else [f"{at}: not {rule!r}"]
        elif keyword == "enum":
            found += [] if value in rule else [f"{at}: not one of {rule!r}"]
        else:
            assert keyword in BOUNDS, f"the test checker does not know {keyword!r}"
            kind, holds = BOUNDS[keyword]
            if isinstance(value, kind) and not isinstance(value, bool) and not holds(value, rule):
                found.append(f"{at}: {value!r} breaks {keyword} {rule!r}")
    return found


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return exercise_schema()


def test_schema_prints_pretty_json_with_its_identity(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    printed = json.loads(out)
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert printed["$id"].startswith("urn:tabletop:")
    assert printed["title"] == "tabletop exercise (format tabletop/1)"
    assert out.startswith('{\n  "$schema"')


def test_the_test_fixture_as_written_conforms(schema: dict[str, Any]) -> None:
    assert check(schema, yaml.safe_load(EXERCISE)) == []


def test_the_bundled_exercises_as_written_conform(schema: dict[str, Any]) -> None:
    paths = bundled.exercises()
    if not paths:
        pytest.skip("no bundled exercises yet")
    for path in paths:
        assert check(schema, yaml.safe_load(path.read_text(encoding="utf-8"))) == [], path


def test_an_exercise_as_loaded_conforms_too(schema: dict[str, Any], tmp_path: Path) -> None:
    loaded = load(write_exercise(tmp_path)).model_dump(mode="json", by_alias=True)
    assert check(schema, loaded) == []


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("    reservation: 10", "    resrvation: 10", "unknown 'resrvation'"),
        ("reservation: 10", "reservation: ten", "not integer"),
        ("reservation: 10", "reservation: 5000", "breaks maximum 1000"),
        ("  - role: north", "  - role: North", "breaks pattern '^[a-z]"),
        ("{ended_by: agreement}", "{ended: agreement}", "matches 0 of anyOf: {'ended'"),
        ("    digest: ../seeds/smith-2020.yaml\n", "", "matches 0 of anyOf"),
    ],
)
def test_mistakes_break_the_schema(
    schema: dict[str, Any], old: str, new: str, problem: str
) -> None:
    found = check(schema, yaml.safe_load(EXERCISE.replace(old, new, 1)))
    assert any(problem in line for line in found), found


def test_a_source_carries_a_digest_or_its_own_fields(schema: dict[str, Any]) -> None:
    source = "#/$defs/Source"
    inline = {"id": "a", "title": "t", "author": "a", "outlet": "o", "date": "2020"}
    assert check(schema, {"id": "a", "digest": "../seeds/a.yaml"}, source) == []
    assert check(schema, inline, source) == []
    assert check(schema, {"id": "a", "title": "t"}, source) == [
        ": matches 0 of anyOf: {'id': 'a', 'title': 't'}"
    ]
