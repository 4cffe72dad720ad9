"""Control's status line: who is to move, and whether Control can hand them the keyboard."""

from __future__ import annotations

from pathlib import Path

from tabletop.engine.acts import Advance, Start
from tabletop.engine.session import Session
from tabletop.exercise.model import Exercise
from tabletop.log import Seat
from tabletop.tui.pictures import control_picture
from tabletop.tui.screens.console_status import control_summary


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
