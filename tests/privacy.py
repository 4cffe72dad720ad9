"""What one delegation of Treaty for Security may not know, as texts to search for.

Shared by the view's, the hot seat's and the network's privacy tests, so
they all look for the same secrets.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from typing import Any

from pydantic import BaseModel

from tabletop.exercise.model import Exercise

MESSAGES = {
    ("usa", "dprk"): "PRIVATE usa to dprk: we can move on sanctions",
    ("china", "rok"): "PRIVATE china to rok: Beijing wants a freeze first",
    ("russia", "usa"): "PRIVATE russia to usa: Moscow will not block",
}
"""Private messages the tests send, sender and recipient to text."""


def words(text: str) -> str:
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    """The long sentences of a text: each one specific to it."""
    return [words(p) for p in text.replace("\n", " ").split(". ") if len(p) > 50]


def strings(value: Any) -> list[str]:
    """Every text reachable from a value (models, dataclasses, containers), keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, BaseModel):
        return strings(value.model_dump())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return strings({f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in (*strings(key), *strings(item))]
    if isinstance(value, list | tuple | set | frozenset):
        return [s for item in value for s in strings(item)]
    return []


def secrets_of(
    exercise: Exercise, reader: str | None, fired: Collection[str] | None = None
) -> set[str]:
    """What only other roles and Control may read, as texts to search for.

    With `fired`, the injects not among them are Control's secret too: their
    titles and texts, where the public papers do not say the same.
    """
    public = words(
        " ".join(
            [r.public_briefing for r in exercise.roles]
            + strings([exercise.issues, exercise.outcomes, exercise.sources])
        )
    )
    # Words the reader's own briefing holds too (the same rules, told to
    # several delegations) are no secret from it.
    mine = words(" ".join(r.confidential_briefing for r in exercise.roles if r.id == reader))
    kept: set[str] = set()
    for role in exercise.roles:
        if role.id != reader:
            told = sentences(role.confidential_briefing)
            kept |= {s for s in told if s not in public and s not in mine}
    own = {words(i.private[reader]) for i in exercise.injects if reader in i.private}
    for inject in exercise.injects:
        kept |= {words(t) for r, t in inject.private.items() if r != reader} - own
        if fired is not None and inject.id not in fired:
            kept |= {t for t in (words(inject.title), words(inject.text)) if t not in public}
    kept |= {text for pair, text in MESSAGES.items() if reader not in pair}
    return kept
