"""The working table: copies that a decision can change without touching the original."""

from __future__ import annotations

from tabletop.engine.state import Table
from tabletop.exercise.model import Exercise


def test_a_copy_has_every_slot_and_its_own_proposals_and_live_ones(tiny: Exercise) -> None:
    table = Table(tiny)
    markers = {name: object() for name in Table.__slots__}
    for name, marker in markers.items():
        setattr(table, name, marker)
    table.proposals, table.live = {}, {}
    copy = table.copy()
    for name in Table.__slots__:
        if name in ("proposals", "live"):
            assert getattr(copy, name) == {} and getattr(copy, name) is not getattr(table, name)
        else:
            assert getattr(copy, name) is markers[name], name


def test_the_live_proposals_and_who_backs_what_follow_the_proposals() -> None:
    """The fold keeps the table's indexes in step with its proposals, act after act."""
    from tabletop.bots import Style, play_out
    from tabletop.bots.autoplay import bots_for
    from tabletop.engine.session import Session
    from tabletop.exercise.synthetic import synthetic_exercise

    exercise = synthetic_exercise(roles=4, issues=4, options=4, seed=3, rounds=10)
    checked = 0
    for seed, offer in ((1, False), (2, True), (3, True)):
        session = Session(exercise, seed)
        names = ("boulware", "conceder", "reciprocating", "linear")
        bots = bots_for(
            dict(zip(exercise.role_ids, names, strict=True)), Style(offer_every_turn=offer)
        )

        def apply(act: object, session: Session = session) -> None:
            nonlocal checked
            session.apply(act)  # type: ignore[arg-type]
            laid = Table(exercise)
            laid.set_proposals(session.table.proposals.values())
            assert session.table.live == laid.live
            assert list(session.table.live) == list(laid.live)
            # The fold may keep a role that backs nothing any more; a laid table leaves it out.
            assert {r: b for r, b in session.table.backing.items() if b} == laid.backing
            checked += 1

        play_out(session, bots, apply)
    assert checked > 100
