"""Plain-text helpers with no dependencies, for screens that must load fast."""

from __future__ import annotations


def reflow(text: str) -> str:
    """An author's text as YAML kept it, its lines rejoined: paragraphs stay, line breaks go."""
    paragraphs = (" ".join(p.split()) for p in text.strip().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
