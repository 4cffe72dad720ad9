"""Control characters: which ones tabletop keeps out of its text, and how it writes them out.

Exercise files, logs and players' acts are untrusted. A control character in
them would reach a terminal as a command (ESC starts OSC 52 clipboard writes,
OSC 8 links and title changes; BEL, CR and backspace rewrite what is shown), and
a bidirectional override makes text read differently from what it holds. The
models refuse them (`tabletop.exercise.plain`); whatever prints text from
elsewhere (problem messages, the command line, the TUI) writes them escaped.
Newline and tab are text, not commands: they stay. No imports, so the command
line and the start screen can use it without waiting.
"""

from __future__ import annotations

import re

_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
"""C0 controls but tab and newline, DEL, C1 controls, bidi embeddings, overrides, isolates."""

UNSAFE = re.compile(f"[{_UNSAFE}]")
UNSAFE_OR_BREAK = re.compile(f"[{_UNSAFE}\t\n\u2028\u2029]")
"""As `UNSAFE`, with tab and every line break: what a one-line message must escape."""


def escape(character: str) -> str:
    """A character as Python writes it in a string literal: `\\x1b`, `\\u202e`, `\\n`."""
    return repr(character)[1:-1]


def escaped(text: str, *, one_line: bool = False) -> str:
    """`text` with every unsafe character written out; tab and line breaks too if `one_line`."""
    pattern = UNSAFE_OR_BREAK if one_line else UNSAFE
    return pattern.sub(lambda match: escape(match[0]), text)


def stripped(text: str) -> str:
    """Text a person typed, without the control characters a paste may have brought."""
    return UNSAFE.sub("", text)
