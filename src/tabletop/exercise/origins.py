"""Where each field of the merged exercise was written: the file, and the line in it."""

from __future__ import annotations

from dataclasses import dataclass

from tabletop.exercise.problems import LoadProblem
from tabletop.exercise.references import Path as FieldPath
from tabletop.exercise.yamlread import Document


@dataclass(frozen=True)
class Mount:
    """A document whose data sits at `at` in the exercise (the exercise itself at ())."""

    at: FieldPath
    doc: Document


class Origins:
    """The documents of one load, where each sits in the exercise, and every problem found."""

    def __init__(self, exercise: Document) -> None:
        self.exercise = exercise
        self.documents: list[Document] = [exercise]
        self.mounts: list[Mount] = [Mount((), exercise)]
        self.incomplete: set[FieldPath] = set()
        """Sources whose digest could not be read: their missing fields are no news."""

    def problems(self) -> list[LoadProblem]:
        """Every problem, a file at a time in the order they were read, each in line order."""
        order = {doc.file: index for index, doc in enumerate(self.documents)}
        found = [problem for doc in self.documents for problem in doc.problems]
        return sorted(found, key=lambda p: (order[p.file], p.line))

    def report(self, path: FieldPath, message: str, *, missing: bool = False) -> None:
        """Blame a problem with the merged exercise on the line that wrote `path`.

        Nothing is said about a field already reported, or missing from an unread digest.
        """
        if missing and path[:-1] in self.incomplete:
            return
        doc, rel, line = self._where(path)
        if any(rel[:depth] in doc.flagged for depth in range(len(rel) + 1)):
            return
        doc.report(line, rel, message)

    def _where(self, path: FieldPath) -> tuple[Document, FieldPath, int]:
        """The document and line of the deepest node on `path` that exists.

        A path that exists in full wins (the exercise first: its fields override a
        digest's); otherwise the deepest partial match, a digest over the exercise, so a
        field a digest lacks is blamed on the digest.
        """
        best: tuple[tuple[bool, int, int], Document, FieldPath, int] | None = None
        for index, mount in enumerate(self.mounts):
            if path[: len(mount.at)] != mount.at:
                continue
            rel = path[len(mount.at) :]
            depth = next(d for d in range(len(rel), -1, -1) if rel[:d] in mount.doc.lines)
            exact = depth == len(rel)
            score = (exact, len(mount.at) + depth, -index if exact else index)
            if best is None or score > best[0]:
                best = (score, mount.doc, rel, mount.doc.lines[rel[:depth]])
        assert best is not None, "the exercise is mounted at the root"
        return best[1], best[2], best[3]
