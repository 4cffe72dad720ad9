"""The working table and its records: copies a decision can change, proposals the fold remakes."""

from __future__ import annotations

from dataclasses import replace

from tabletop.engine.state import Proposal, Rejection, Table
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


def test_but_is_dataclasses_replace() -> None:
    proposal = Proposal(1, "town", {"date": "july"}, None, 2, 7, supporters=("town",))
    rejection = Rejection("fest", "too late")
    changed = proposal.but(status="superseded", rejections=(rejection,))
    assert changed == replace(proposal, status="superseded", rejections=(rejection,))
    assert repr(changed) == repr(replace(proposal, status="superseded", rejections=(rejection,)))
    assert proposal.but() == proposal
