"""Sources' digests: each read from the file a source names and merged into its entry.

A digest holds a source's facts, so the `Exercise` carries every fact a briefing
cites; the digest is mounted where its source sits, so problems in its fields are
blamed on the digest's own lines.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tabletop.exercise.origins import Mount, Origins
from tabletop.exercise.problems import ExerciseError, shown
from tabletop.exercise.references import Path as FieldPath
from tabletop.exercise.textfile import Unreadable, read_text
from tabletop.exercise.yamlread import Document, parse


def attach(origins: Origins, base: Path, *, max_bytes: int, max_depth: int) -> None:
    """Merge in the digest of every source that names one, resolving paths against `base`."""
    exercise = origins.exercise
    sources = exercise.data.get("sources")
    if not isinstance(sources, list):
        return
    for index, entry in enumerate(sources):
        if isinstance(entry, dict) and isinstance(entry.get("digest"), str):
            at: FieldPath = ("sources", index)
            named_at = (*at, "digest")
            digest = _read(base / entry["digest"], named_at, exercise, max_bytes, max_depth)
            if digest is not None:
                origins.documents.append(digest)
            if digest is None or not digest.usable:
                origins.incomplete.add(at)
            else:
                sources[index] = _merge(entry, at, exercise, digest)
                origins.mounts.append(Mount(at, digest))


def _read(
    path: Path, named_at: FieldPath, exercise: Document, max_bytes: int, max_depth: int
) -> Document | None:
    """The digest as a document, or None when it cannot be opened (blamed where it is named)."""
    name = os.path.normpath(path)
    try:
        text = read_text(path, name, max_bytes)
    except Unreadable as error:
        line = exercise.lines[named_at]
        exercise.flag(line, named_at, f"cannot read digest {name}: {error.reason}")
        return None
    except ExerciseError as error:
        return Document(name, problems=error.problems)
    return parse(text, name, "a digest", max_depth)


def _merge(
    entry: dict[str, Any], at: FieldPath, exercise: Document, digest: Document
) -> dict[str, Any]:
    """The source entry with the digest's fields; each field may be set in one place only."""
    merged = dict(entry)
    for key, value in digest.data.items():
        line = digest.lines[(key,)]
        if key == "digest":
            digest.flag(line, (key,), "a digest cannot name another digest")
        elif key == "id":
            if isinstance(entry.get("id"), str) and value != entry["id"]:
                digest.flag(
                    line,
                    (key,),
                    f"digest id {shown(value)} does not match "
                    f"source id '{entry['id']}' in {exercise.file}",
                )
        elif key in entry:
            exercise.flag(
                exercise.lines[(*at, key)],
                (*at, key),
                f"also set in the digest {digest.file}; set it in one place",
            )
        else:
            merged[key] = value
    return merged
