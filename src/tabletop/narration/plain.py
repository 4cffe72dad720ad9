"""An author's Markdown as one plain paragraph: for timelines, news and one-line choices.

The papers render Markdown in full; everywhere else an inject's or an
outcome's text is read as plain words, so emphasis marks and citations
(which point into the papers' sources) are taken out without leaving gaps.
"""

from __future__ import annotations

import re

_CITATION = re.compile(r"[ \t]*\[(?:[a-z][a-z0-9_-]*:)?F[0-9]+\]")
"""A citation as `exercise.citations` reads it, with the space before it."""
_EMPHASIS = re.compile(r"(\*\*|\*|(?<!\w)__|(?<!\w)_)(?=\S)(.+?)(?<=\S)\1(?!\w)")
"""Markdown emphasis; underscores only at word edges, so snake_case survives."""


def reflow(text: str) -> str:
    """An author's text as YAML kept it, its lines rejoined: paragraphs stay, line breaks go."""
    paragraphs = (" ".join(p.split()) for p in text.strip().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def plain(text: str) -> str:
    """`reflow`ed, less citations and emphasis: "Belarus [F28], *with*" → "Belarus, with"."""
    text = _CITATION.sub("", text)
    return reflow(_EMPHASIS.sub(r"\2", text))
