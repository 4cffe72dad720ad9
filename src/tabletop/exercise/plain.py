"""Plain text in the models: a str type that refuses control characters (see `controls`).

Exercises, acts and logged events all use it, so nothing a file or a player
wrote can command the terminal it is shown on; an author is told at which
character, with the character escaped.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator

from tabletop.controls import UNSAFE, escape


def refuse_unsafe(text: str) -> str:
    """`text` itself, or a ValueError naming its first control character (for validators)."""
    bad = UNSAFE.search(text)
    if bad is not None:
        raise ValueError(
            f"may not hold control characters: {escape(bad[0])} (U+{ord(bad[0]):04X}) "
            f"at character {bad.start() + 1}"
        )
    return text


NO_CONTROLS = AfterValidator(refuse_unsafe)
"""Put last in an `Annotated` str, after its `StringConstraints`."""

Plain = Annotated[str, NO_CONTROLS]
"""Text that may reach a screen: no control characters but tab and newline."""
