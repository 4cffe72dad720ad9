"""Markdown made from outside text that a reader may open safely: the report's and the papers'.

Exercise files and logs come from outside, and their authors write Markdown.
What ends up in a document a person opens must not carry raw HTML, nor a
link that would run or open something on the reader's machine.
"""

from __future__ import annotations

import re
from html import unescape

_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:")
_FOLLOWABLE = ("http:", "https:", "mailto:")
_DROPPED = re.compile(r"[\s\x00-\x1f\x7f]")
"""What a browser drops from an address before reading its scheme (`java\tscript:`)."""

_LINK_TARGET = re.compile(r"\](?=[(:][ \t]*\n?[ \t]*([^\s)]*))")
"""The `]` before an inline link's destination, or a link reference definition's.

The destination is only looked at, not taken: it may hold the next `](`."""
_BACKSLASHED = re.compile(r"\\(?=[!-/:-@\[-`{-~])")


def followable(url: str) -> bool:
    """Whether a document may link to `url`: a web or mail address, or one with no scheme.

    An exercise may name any address; `javascript:`, `data:` or `file:` would
    run or open something on the reader's machine, so they are shown as text.
    """
    scheme = _SCHEME.match(_DROPPED.sub("", url).lower())
    return scheme is None or scheme[0] in _FOLLOWABLE


def defused(document: str) -> str:
    """The document with no raw HTML, autolink or link to anything but the web or mail.

    Every `<` is written as an entity, so nothing makes a tag or an autolink;
    a link whose destination names another scheme (`javascript:`, `data:`,
    `file:`, however spelt with entities, escapes or spaces) has its `](` or
    `]:` escaped, and reads as the text it is.
    """
    return unlinked(document.replace("<", "&lt;"))


def unlinked(document: str) -> str:
    """The document with every link to anything but the web or mail shown as its text.

    For Markdown whose HTML is already escaped another way (the papers
    backslash-escape names and write briefings' `<` as an entity).
    """
    return _LINK_TARGET.sub(_unlinked, document)


def _unlinked(match: re.Match[str]) -> str:
    """The link as it is if a reader may follow it, else with its bracket escaped."""
    # What Markdown reads as the destination: escapes and entities resolved.
    return "]" if followable(unescape(_BACKSLASHED.sub("", match[1]))) else "]\\"
