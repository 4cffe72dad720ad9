"""Control's status line: who is to move, and whether Control can hand them the keyboard."""

from __future__ import annotations

from pathlib import Path

from tabletop.engine.acts import Advance, Propose, Start, Statement, Support
from tabletop.engine.session import Session
from tabletop.engine.view import role_view
from tabletop.exercise.model import Exercise
from tabletop.log import Seat
from tabletop.tui.pictures import control_picture
from tabletop.tui.screens.console_status import control_summary
from tabletop.tui.screens.delegation import _summary


def opening(treaty: Exercise) -> Session:
    session = Session(treaty, seed=1)
    session.apply(Start())
    session.apply(Advance())
    return session


def test_a_delegation_at_this_keyboard_is_handed_it(treaty: Exercise) -> None:
    session = opening(treaty)
    seats = {r: Seat(kind="human") for r in treaty.role_ids}
    line = control_summary(control_picture(session, seats, Path("s.jsonl")), ("usa",)).plain
    assert "USA to move (human) — h hands over" in line


def test_a_delegation_at_its_own_terminal_is_not(treaty: Exercise) -> None:
    session = opening(treaty)
    seats = {r: Seat(kind="human") for r in treaty.role_ids}
    picture = control_picture(session, seats, Path("s.jsonl"), frozenset({"usa"}))
    line = control_summary(picture, ("usa",)).plain
    assert "USA to move (at its own terminal)" in line
    assert "hands over" not in line


def test_the_briefing_offers_the_keyboard_only_when_someone_is_at_it(treaty: Exercise) -> None:
    session = Session(treaty, seed=1)
    session.apply(Start())
    seats = {r: Seat(kind="human") for r in treaty.role_ids}
    picture = control_picture(session, seats, Path("s.jsonl"), frozenset(treaty.role_ids))
    assert control_summary(picture, ()).plain.endswith("a to begin the talks")
    hot_seat = control_picture(session, seats, Path("s.jsonl"))
    assert "h lets a delegation read" in control_summary(hot_seat, ("usa",)).plain


def test_one_round_is_said_as_one(treaty: Exercise) -> None:
    session = Session(treaty.with_schedule(rounds=1), seed=1)
    line = control_summary(control_picture(session, {}, Path("s.jsonl")), ()).plain
    assert "· 1 round" in line and "1 rounds" not in line


def test_in_signature_every_status_line_says_who_is_to_sign(tiny: Exercise) -> None:
    session = Session(tiny, seed=1)
    package = {"date": "july", "fee": "low"}
    for act in (Start(), Advance(), Advance(), Statement(actor="town", text="t")):
        session.apply(act)
    for act in (Statement(actor="fest", text="f"), Propose(actor="town", package=package)):
        session.apply(act)
    session.apply(Support(actor="fest", proposal=1))
    state = session.state
    assert state.phase == "ratification" and state.turn is not None
    waiting = next(r for r in tiny.role_ids if r != state.turn)
    signer = tiny.role(state.turn).label
    assert f"{signer} to sign" in _summary(role_view(session, waiting)).plain
    line = control_summary(control_picture(session, {}, Path("s.jsonl")), ()).plain
    assert f"{signer} to sign" in line
