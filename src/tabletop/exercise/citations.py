"""Citations in an exercise's texts: `[F3]` (the only source) or `[smith-2020:F3]`.

Briefings state facts from the digests in `seeds/` and cite them by id; the
checks in `references` make sure every citation resolves, and the screens
show the cited facts' own words next to the papers that cite them.
"""

from __future__ import annotations

import re

from tabletop.exercise.model import Exercise, Fact, Source

CITATION = re.compile(r"\[(?:(?P<source>[a-z][a-z0-9_-]*):)?(?P<fact>F[0-9]+)\]")


def cited_source(exercise: Exercise, match: re.Match[str]) -> str | None:
    """The id of the source a citation names, or the exercise's only source; None if neither."""
    if match["source"]:
        return match["source"]
    return exercise.sources[0].id if len(exercise.sources) == 1 else None


def cited_facts(exercise: Exercise, text: str) -> list[tuple[Source, list[Fact]]]:
    """The facts `text` cites, by source, in the order each source lists them.

    A citation that does not resolve is left out: the exercise's checks report it.
    """
    cited: set[tuple[str | None, str]] = {
        (cited_source(exercise, match), match["fact"]) for match in CITATION.finditer(text)
    }
    found: list[tuple[Source, list[Fact]]] = []
    for source in exercise.sources:
        facts = [fact for fact in source.facts if (source.id, fact.id) in cited]
        if facts:
            found.append((source, facts))
    return found
