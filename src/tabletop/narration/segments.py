"""A sentence as plain segments, each saying what kind of text it is, never how it looks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Kind = Literal["plain", "actor", "option", "emphasis", "marker", "muted"]
"""What a segment is, for its reader to style: `actor` a role or Control, `option` what a
package holds, `emphasis` words a player or author wrote, `marker` a stage of the talks,
`muted` an aside."""


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    kind: Kind = "plain"


Words = tuple[Segment, ...]


def text_of(words: Iterable[Segment]) -> str:
    """The words as one plain string, for a toast, a choice or a test."""
    return "".join(segment.text for segment in words)
