"""Pydantic errors in words: an exercise's in its author's (the path they wrote and what to
fix there), and anything else's as its first problem on one line (`first_problem`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, get_args

from pydantic import BaseModel, StringConstraints, ValidationError
from pydantic_core import ErrorDetails

from tabletop.exercise.locations import Location, fields, locate
from tabletop.exercise.model import Fact, Id
from tabletop.exercise.problems import keys, one_line, shown
from tabletop.exercise.references import Path as FieldPath

Said = tuple[FieldPath, str, bool]
"""Where a problem is, what to say, and whether it is a missing field."""


def explain(errors: list[ErrorDetails], data: Any) -> Iterator[Said]:
    """What to say about each error in validating `data`; one message per failed union."""
    unions: dict[FieldPath, dict[type[BaseModel], list[tuple[Location, ErrorDetails]]]] = {}
    for error in errors:
        loc = locate(error["loc"])
        if loc.union is None or loc.member is None:
            yield _said(error, loc)
        else:
            unions.setdefault(loc.union, {}).setdefault(loc.member, []).append((loc, error))
    for where, members in unions.items():
        yield from _explain_union(where, members, _value_at(data, where))


def first_problem(error: ValidationError) -> str:
    """Where the first problem is and what it is, as one line with control characters
    written out: a log line or a wire message may carry anything, and the message about it
    goes to a terminal, a console and back over the wire."""
    first = error.errors(include_url=False)[0]
    where = ".".join(str(part) for part in first["loc"])
    return one_line(f"{where}: {first['msg']}" if where else first["msg"])


def _explain_union(
    where: FieldPath,
    members: dict[type[BaseModel], list[tuple[Location, ErrorDetails]]],
    value: Any,
) -> Iterator[Said]:
    """Explain the member the author evidently meant, or say what the choices are.

    The member meant is the one whose own fields the mapping has; when it has
    fields of several, the one with fewest errors, unless that is a tie.
    """
    alternatives = _alternatives(list(members))
    either = " or ".join(
        f"({', '.join(names)})" if any(len(n) > 1 for n in alternatives.values()) else names[0]
        for names in alternatives.values()
    )
    if not isinstance(value, dict):
        yield where, f"expected a mapping with either {either}, got {shown(value)}", False
        return
    meant = [m for m, names in alternatives.items() if any(n in value for n in names)]
    ranked = sorted((members[m] for m in meant), key=len)
    if len(ranked) == 1 or (len(ranked) > 1 and len(ranked[0]) < len(ranked[1])):
        for loc, error in ranked[0]:
            yield _said(error, loc)
    elif ranked:
        yield where, f"expected either {either}, not both", False
    elif value:
        yield where, f"expected either {either}, got {keys(value)}", False
    else:
        yield where, f"expected either {either}", False


def _alternatives(models: list[type[BaseModel]]) -> dict[type[BaseModel], list[str]]:
    """The required fields that tell each union member from the others."""
    required = {m: [n for n, f in fields(m).items() if f.is_required()] for m in models}
    common = set.intersection(*(set(names) for names in required.values()))
    return {m: [n for n in names if n not in common] or names for m, names in required.items()}


def _value_at(data: Any, path: FieldPath) -> Any:
    for step in path:
        data = data[step]
    return data


def _pattern(metadata: Iterable[Any]) -> str:
    return next(str(m.pattern) for m in metadata if isinstance(m, StringConstraints) and m.pattern)


_PATTERNS = {
    _pattern(get_args(Id)[1:]): "must be a lower-case id: a letter, then letters, digits, - or _",
    _pattern(Fact.model_fields["id"].metadata): "must be F and a number, like F3",
}

_MESSAGES = {
    "missing": "field required",
    "string_type": "expected text, got {shown}",
    "int_type": "expected an integer, got {shown}",
    "int_parsing": "expected an integer, got {shown}",
    "int_from_float": "expected a whole number, got {shown}",
    "int_parsing_size": "number too large",
    "float_type": "expected a number, got {shown}",
    "float_parsing": "expected a number, got {shown}",
    "finite_number": "must be a finite number",
    "bool_type": "expected true or false, got {shown}",
    "bool_parsing": "expected true or false, got {shown}",
    "list_type": "expected a list, got {shown}",
    "dict_type": "expected a mapping, got {shown}",
    "model_type": "expected a mapping, got {shown}",
    "literal_error": "expected {expected}, got {shown}",
    "greater_than_equal": "must be at least {ge}",
    "greater_than": "must be more than {gt}",
    "less_than_equal": "must be at most {le}",
    "too_short": "needs at least {min_length} {items}, got {actual_length}",
    "too_long": "allows at most {max_length} {items}, got {actual_length}",
    "string_too_long": "must be at most {max_length} characters",
}


def _said(error: ErrorDetails, loc: Location) -> Said:
    return loc.path, _message(error, loc), error["type"] == "missing"


def _message(error: ErrorDetails, loc: Location) -> str:
    kind, value = error["type"], error["input"]
    context: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "extra_forbidden":
        expected = f" (expected one of: {', '.join(fields(loc.model))})" if loc.model else ""
        return f"unknown field '{loc.path[-1]}'{expected}"
    if kind == "string_too_short":
        minimum = context.get("min_length")
        text = "must not be empty" if minimum == 1 else f"must be at least {minimum} characters"
    elif kind == "string_pattern_mismatch":
        pattern = str(context.get("pattern"))
        text = f"{_PATTERNS.get(pattern, f'must match {pattern}')}, got {shown(value)}"
    elif kind in _MESSAGES:
        items = "item" if context.get("min_length", context.get("max_length")) == 1 else "items"
        text = _MESSAGES[kind].format(shown=shown(value), items=items, **context)
    else:  # the models' own messages (conditions, validators) are already written for authors
        text = f"{error['msg'].removeprefix('Value error, ')}, got {shown(value)}"
    if kind == "string_type" and isinstance(value, bool | int | float):
        text += " (put it in quotes to keep it as text)"
    return f"key {text}" if loc.key else text
