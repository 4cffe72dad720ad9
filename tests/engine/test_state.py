"""The working table: copies that a decision can change without touching the original."""

from __future__ import annotations

from tabletop.engine.state import Table
from tabletop.exercise.model import Exercise


def test_a_copy_has_every_slot_and_its_own_proposals(tiny: Exercise) -> None:
    table = Table(tiny)
    markers = {name: object() for name in Table.__slots__}
    for name, marker in markers.items():
        setattr(table, name, marker)
    table.proposals = {}
    copy = table.copy()
    for name in Table.__slots__:
        if name == "proposals":
            assert copy.proposals == {} and copy.proposals is not table.proposals
        else:
            assert getattr(copy, name) is markers[name], name
