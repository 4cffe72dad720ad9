"""The exercises the start screen lists, and where each one comes from.

Three places: any file or folder named on the command line, the
facilitator's own folder (`exercises/` in tabletop's data folder, listed if
it is there), and the exercises bundled with tabletop. An exercise that does
not load is listed with its problems (file, line, field), so one broken file
hides nothing else.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from tabletop import bundled
from tabletop.controls import escaped
from tabletop.tui.paths import exercises_dir

if TYPE_CHECKING:
    from tabletop.exercise.model import Exercise

Source = Literal["given", "your folder", "bundled"]
SUFFIXES = (".yaml", ".yml")
"""What an exercise file's name ends with."""


@dataclass(frozen=True)
class Entry:
    """One exercise on the start screen: loaded, or with what is wrong with it."""

    path: Path
    source: Source
    exercise: Exercise | None = None
    problems: tuple[str, ...] = ()


def gather(given: Sequence[Path] = ()) -> list[Entry]:
    """Every exercise to list, loaded: the given ones, the facilitator's, then the bundled.

    A file found in two places is listed once, where it was found first.
    Slow (each file is parsed and checked): call it off the UI thread.
    """
    from tabletop.exercise.loader import ExerciseError, load

    entries: list[Entry] = []
    seen: set[str] = set()
    for found in _found(given):
        if isinstance(found, Entry):
            entries.append(found)
            continue
        path, source = found
        if (key := os.path.realpath(path)) in seen:
            continue
        seen.add(key)
        try:
            entries.append(Entry(path, source, load(path)))
        except ExerciseError as error:
            entries.append(Entry(path, source, problems=tuple(map(str, error.problems))))
        except OSError as error:
            entries.append(Entry(path, source, problems=(_unreadable(path, error),)))
    return entries


def _found(given: Sequence[Path]) -> Iterator[tuple[Path, Source] | Entry]:
    """Each exercise file to load and where it is from; a folder that cannot be listed, as such."""
    for path in given:
        if path.is_dir():
            yield from _in_folder(path, "given", empty="no exercise files (.yaml, .yml) in it")
        else:
            yield path, "given"
    own = exercises_dir()
    if own.is_dir():
        yield from _in_folder(own, "your folder")
    for path in bundled.exercises():
        yield path, "bundled"


def _in_folder(
    folder: Path, source: Source, empty: str = ""
) -> Iterator[tuple[Path, Source] | Entry]:
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())
    except OSError as error:
        yield Entry(folder, source, problems=(_unreadable(folder, error),))
        return
    if not files and empty:
        yield Entry(folder, source, problems=(escaped(f"{folder}: {empty}", one_line=True),))
    for path in files:
        yield path, source


def _unreadable(path: Path, error: OSError) -> str:
    return escaped(f"{path}: cannot be read ({error.strerror or error})", one_line=True)
