"""The working table: copies that a decision can change without touching the original."""

from __future__ import annotations

from tabletop.engine.acts import Advance, Amend, Pass, Propose, Reject, Start, Support
from tabletop.engine.session import Session
from tabletop.engine.state import Table
from tabletop.exercise.model import Exercise


def test_a_copy_has_every_slot_and_shares_the_proposals_until_they_change(tiny: Exercise) -> None:
    table = Table(tiny)
    markers = {name: object() for name in Table.__slots__}
    for name, marker in markers.items():
        setattr(table, name, marker)
    copy = table.copy()
    for name in Table.__slots__:
        if name == "owns_proposals":
            assert copy.owns_proposals is False and table.owns_proposals is False
        else:
            assert getattr(copy, name) is markers[name], name


def test_a_decision_changes_the_proposals_of_its_own_table_only(tiny: Exercise) -> None:
    """Acts tried on copies of one table leave it, and each other, as they were."""
    session = Session(tiny, 1)
    package = {"date": "june", "fee": "low"}
    for act in (Start(), Advance(), Advance(), Pass(actor="town"), Pass(actor="fest")):
        session.apply(act)
    session.apply(Propose(actor="town", package=package))
    before = session.state
    supported = session.decide(Support(actor="fest", proposal=1))
    rejected = session.decide(Reject(actor="fest", proposal=1, reason="no"))
    amended = session.decide(Amend(actor="fest", proposal=1, changes={"fee": "high"}))
    assert session.state == before
    assert supported.table.proposals[1].supporters == ("town", "fest")
    assert rejected.table.proposals[1].rejections[0].role == "fest"
    assert supported.table.proposals[1].rejections == ()
    assert list(amended.table.live) == [1, 2] and list(rejected.table.live) == [1]
    session.commit(rejected)
    assert session.table.proposals[1].supporters == ("town",)
    assert session.table.live[1].rejections[0].reason == "no"


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
            assert session.table.candidates == laid.candidates
            # The fold may keep a role that backs nothing any more; a laid table leaves it out.
            assert {r: b for r, b in session.table.backing.items() if b} == laid.backing
            checked += 1

        play_out(session, bots, apply)
    assert checked > 100


def test_once_the_talks_are_over_only_the_agreed_proposal_stands(tiny: Exercise) -> None:
    """After a signature the other live proposals are set aside; after an end, none agreed."""
    from tabletop.engine.acts import End, Sign
    from tabletop.engine.state import standing

    def talks() -> Session:
        session = Session(tiny, 1)
        for act in (Start(), Advance(), Advance(), Pass(actor="town"), Pass(actor="fest")):
            session.apply(act)
        session.apply(Propose(actor="town", package={"date": "july", "fee": "low"}))
        session.apply(Propose(actor="fest", package={"date": "june", "fee": "high"}))
        return session

    def standings(session: Session) -> dict[int, str]:
        state = session.state
        return {p.id: standing(p, state.phase, state.conclusion) for p in state.proposals}

    signed = talks()
    assert standings(signed) == {1: "live", 2: "live"}
    signed.apply(Pass(actor="town"))
    signed.apply(Support(actor="fest", proposal=1))
    signed.apply(Sign(actor="town"))
    signed.apply(Sign(actor="fest"))
    assert signed.state.phase == "concluded"
    assert [p.status for p in signed.state.proposals] == ["live", "live"]  # the log's word
    assert standings(signed) == {1: "agreed", 2: "set aside"}

    ended = talks()
    ended.apply(End(reason="time is up"))
    assert standings(ended) == {1: "not agreed", 2: "not agreed"}
