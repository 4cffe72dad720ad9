"""Which proposal goes to signature: the fold's candidates give what a scan of the table gives."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tabletop.engine import IllegalAct, Session, rules
from tabletop.engine.acts import Act, Advance, Propose, Start, Statement, Support
from tabletop.engine.state import Proposal, Table
from tabletop.exercise.model import Exercise
from tests.conftest import tiny_exercise_data
from tests.engine.strategies import any_act

MOMENT = datetime(2026, 1, 1, tzinfo=UTC)

SIGNATORIES: dict[str, list[dict[str, Any]]] = {
    "both always": [{"role": "town"}, {"role": "fest"}],
    "one on a condition": [
        {"role": "town"},
        {"role": "fest", "when": {"issue": "fee", "in": ["low"]}},
    ],
    "all on conditions": [
        {"role": "town", "when": {"supported_by": "fest"}},
        {"role": "fest", "when": {"round_at_least": 2}},
    ],
}


def _exercise(signatories: list[dict[str, Any]]) -> Exercise:
    return Exercise.model_validate({**tiny_exercise_data(), "signatories": signatories})


EXERCISES = {name: _exercise(signatories) for name, signatories in SIGNATORIES.items()}


def _scan(exercise: Exercise, table: Table) -> tuple[Proposal, tuple[str, ...]] | None:
    """The rule as a scan of every live proposal, as it read before the fold kept candidates."""
    always = exercise.always_signing
    for proposal in table.live_proposals:
        if not always.issubset(proposal.supporters):
            continue
        needed = rules.signatories(exercise, table, proposal.package)
        if needed and all(r in proposal.supporters and r not in table.walked_out for r in needed):
            return proposal, needed
    return None


@pytest.mark.parametrize("name", sorted(EXERCISES))
@settings(max_examples=120, deadline=None)
@given(data=st.data(), seed=st.integers(min_value=0, max_value=2**32))
def test_the_candidates_give_what_a_scan_of_the_live_proposals_gives(
    name: str, data: st.DataObject, seed: int
) -> None:
    """Compared wherever the session asks after an act, and after every act, refused or not."""
    exercise = EXERCISES[name]
    acts: list[Act] = [Start(), Advance(), *data.draw(st.lists(any_act(exercise), max_size=60))]
    session = Session(exercise, seed)
    table = session._table
    ready = rules.ready_for_signature

    def checked(exercise: Exercise, table: Table) -> tuple[Proposal, tuple[str, ...]] | None:
        found = ready(exercise, table)
        assert found == _scan(exercise, table)
        return found

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rules, "ready_for_signature", checked)
        for act in acts:
            with contextlib.suppress(IllegalAct):
                session.apply(act, MOMENT)
            live = [p for p in table.live_proposals if exercise.always_signing <= set(p.supporters)]
            assert table.candidates == {p.id for p in live}
            assert ready(exercise, table) == _scan(exercise, table)


def test_a_package_both_support_goes_to_signature_as_the_scan_says() -> None:
    """The property above is no comparison of two Nones: the same acts reach signature."""
    exercise = EXERCISES["one on a condition"]
    session = Session(exercise, 1)
    package = {"date": "june", "fee": "low"}
    acts: list[Act] = [Start(), Advance(), Advance(), Statement(actor="town", text="t")]
    acts += [Statement(actor="fest", text="f"), Propose(actor="town", package=package)]
    for act in [*acts, Support(actor="fest", proposal=1)]:
        session.apply(act, MOMENT)
    table = session._table
    assert table.phase == "ratification"
    found = rules.ready_for_signature(exercise, table)
    assert found is not None and found == _scan(exercise, table)
    assert found[0].id == 1 and found[1] == ("town", "fest")
