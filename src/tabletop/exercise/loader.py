"""Read an exercise file into an `Exercise`, or say exactly what is wrong and where.

Authors fix problems by line, so a load keeps the line of every YAML node
(`yamlread`), merges in each source's digest so the `Exercise` carries every fact
a briefing cites (`digests`), validates the result with the models, and blames
every problem on the file, line and field path the author wrote (`wording` for
pydantic's errors, `origins` for the file and line).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from tabletop.exercise import digests
from tabletop.exercise.model import Exercise
from tabletop.exercise.origins import Origins
from tabletop.exercise.problems import ExerciseError, LoadProblem
from tabletop.exercise.references import problems as reference_problems
from tabletop.exercise.textfile import Unreadable, read_text
from tabletop.exercise.wording import explain
from tabletop.exercise.yamlread import parse

__all__ = ["MAX_BYTES", "MAX_DEPTH", "ExerciseError", "LoadProblem", "load", "load_text"]

MAX_BYTES = 4 * 1024 * 1024
"""Exercises are a few hundred kilobytes at most; a bigger file is a mistake."""

MAX_DEPTH = 64
"""Deeper nesting is never an exercise, and would strain recursive validation."""


def load(path: Path) -> Exercise:
    """Load an exercise file, resolving digest paths against its folder."""
    name = str(path)
    try:
        text = read_text(path, name, MAX_BYTES)
    except Unreadable as error:
        raise ExerciseError([LoadProblem(name, 1, "", error.reason)]) from None
    return load_text(text, name, path.parent)


def load_text(text: str, name: str, base: Path) -> Exercise:
    """Load an exercise from text; `name` is the file to blame, `base` the folder for digests."""
    origins = Origins(parse(text, name, "an exercise", MAX_DEPTH))
    exercise = _validate(origins, base) if origins.exercise.usable else None
    problems = origins.problems()
    if exercise is None or problems:
        raise ExerciseError(problems)
    return exercise


def _validate(origins: Origins, base: Path) -> Exercise | None:
    """The exercise with its digests merged in, or None; every problem goes to `origins`."""
    digests.attach(origins, base, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH)
    data = origins.exercise.data
    try:
        # References are checked below instead, so each problem keeps its path and line.
        exercise = Exercise.model_validate(data, context={"skip_references": True})
    except ValidationError as error:
        for path, message, missing in explain(error.errors(include_url=False), data):
            origins.report(path, message, missing=missing)
        return None
    for problem in reference_problems(exercise):
        origins.report(problem.path, problem.message)
    return exercise
