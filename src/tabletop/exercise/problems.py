"""What a failed load tells an author: one line per problem, values as they wrote them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from tabletop.controls import escaped

_DIGITS = 40
"""Longer numbers are shown cut, as long text is: an author recognises the start."""


@dataclass(frozen=True)
class LoadProblem:
    """One thing an author has to fix, printed as `FILE:LINE: field.path: message`."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        said = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return one_line(said)


class ExerciseError(ValueError):
    """An exercise that cannot be loaded, with every problem found, in line order."""

    def __init__(self, problems: list[LoadProblem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def one_line(text: str) -> str:
    """Escape line breaks and control characters an author's file may hold: a problem is one
    line, and a file under review must not command the terminal it is checked in."""
    return escaped(text, one_line=True)


def shown(value: Any) -> str:
    """A value as an author would recognise it from their YAML."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and abs(value) >= 10**_DIGITS:
        # Python refuses to write out an int of over 4,300 digits: count them instead.
        return f"a number of {int(math.log10(abs(value))) + 1:,} digits"
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
