"""What a failed load tells an author: one line per problem, values as they wrote them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_BREAKS = re.compile("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


@dataclass(frozen=True)
class LoadProblem:
    """One thing an author has to fix, printed as `FILE:LINE: field.path: message`."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ExerciseError(ValueError):
    """An exercise that cannot be loaded, with every problem found, in line order."""

    def __init__(self, problems: list[LoadProblem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def one_line(text: str) -> str:
    """Escape line breaks an author's keys or values may hold: a problem is one line."""
    return _BREAKS.sub(lambda match: repr(match[0])[1:-1], text)


def shown(value: Any) -> str:
    """A value as an author would recognise it from their YAML."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 40 else f"'{value[:37]}…'"
    if isinstance(value, dict):
        return f"a mapping with {keys(value)}" if value else "an empty mapping"
    return "a list" if isinstance(value, list) else type(value).__name__


def keys(mapping: dict[str, Any]) -> str:
    """The first few keys of a mapping, enough to recognise it."""
    names = list(mapping)
    return ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
