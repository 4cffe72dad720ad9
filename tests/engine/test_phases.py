"""The phases: the machine decides which moves Control may make, and the README draws it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
from transitions import MachineError

from tabletop.engine import Session
from tabletop.engine.acts import (
    ACTS,
    CONTROL_KINDS,
    DELEGATION_KINDS,
    Abort,
    Act,
    ActKind,
    Advance,
    End,
    Pass,
    Pause,
    Propose,
    Start,
    Statement,
    Support,
)
from tabletop.engine.phases import ENDED_PHASES, PHASES, UNDER_WAY_PHASES, diagram, fire, may
from tabletop.engine.state import Table
from tabletop.exercise.model import Exercise

README = Path(__file__).parents[2] / "README.md"

_TALKS: list[Act] = [Start(), Advance(), Statement(actor="town", text="Hi"), Pass(actor="fest")]
ON_THE_WAY_TO: dict[str, list[Act]] = {
    "setup": [],
    "briefing": [Start()],
    "opening": [Start(), Advance()],
    "negotiating": _TALKS,
    "ratification": [
        *_TALKS,
        Propose(actor="town", package={"date": "july", "fee": "low"}),
        Support(actor="fest", proposal=1),
    ],
    "paused": [Start(), Advance(), Pause()],
    "concluded": [Start(), End()],
    "aborted": [Start(), Abort()],
}
"""Acts that bring a session of the tiny exercise to each phase."""

NOT_STARTED = "the session has not started: Control starts it"
STARTED = "the session has already started"
NOT_PAUSED = "the session is not paused"
PAUSED = "the session is paused: Control resumes it"
UNDER_WAY = (
    "the talks are under way: signature comes when every required signatory "
    "supports one proposal, or end the talks"
)
OVER = "the talks are over"
ABORTED = "the session was aborted"

CONTROL_MOVES: dict[str, dict[str, str | None]] = {
    "setup": {"start": None, "advance": NOT_STARTED, "pause": NOT_STARTED, "resume": NOT_PAUSED,
              "end": NOT_STARTED, "abort": None},
    "briefing": {"start": STARTED, "advance": None, "pause": None, "resume": NOT_PAUSED,
                 "end": None, "abort": None},
    "opening": {"start": STARTED, "advance": None, "pause": None, "resume": NOT_PAUSED,
                "end": None, "abort": None},
    "negotiating": {"start": STARTED, "advance": UNDER_WAY, "pause": None, "resume": NOT_PAUSED,
                    "end": None, "abort": None},
    "ratification": {"start": STARTED, "advance": "there is no next phase to move to",
                     "pause": None, "resume": NOT_PAUSED, "end": None, "abort": None},
    "paused": {"start": STARTED, "advance": PAUSED, "pause": PAUSED, "resume": None,
               "end": None, "abort": None},
    "concluded": {"start": STARTED, "advance": OVER, "pause": OVER, "resume": NOT_PAUSED,
                  "end": OVER, "abort": OVER},
    "aborted": {"start": STARTED, "advance": ABORTED, "pause": ABORTED, "resume": NOT_PAUSED,
                "end": ABORTED, "abort": ABORTED},
}  # fmt: skip
"""Control's acts that move the phase: open (None) or refused with these words."""


def session_in(exercise: Exercise, phase: str) -> Session:
    session = Session(exercise, seed=1)
    for act in ON_THE_WAY_TO[phase]:
        session.apply(act)
    assert session.state.phase == phase
    return session


@pytest.mark.parametrize("phase", PHASES)
def test_control_moves_the_phase_only_where_the_machine_allows(tiny: Exercise, phase: str) -> None:
    legal = session_in(tiny, phase).legal_acts("control")
    seen = {kind: None if kind in legal else legal.reasons[kind] for kind in CONTROL_MOVES[phase]}
    assert seen == CONTROL_MOVES[phase]


TRIGGERS = [  # every trigger the machine has
    "start",
    "open",
    "negotiate",
    "ratify",
    "reopen",
    "conclude",
    "pause",
    "resume",
    "abort",
]


def _moves(table: Table, trigger: str) -> bool:
    trial = table.copy()
    try:
        fire(trial, trigger)
    except (MachineError, AssertionError):
        return False
    return True


@pytest.mark.parametrize("phase", PHASES)
def test_may_says_exactly_which_triggers_move_the_phase(tiny: Exercise, phase: str) -> None:
    table = session_in(tiny, phase).table
    allowed = {trigger for trigger in TRIGGERS if may(table, trigger)}
    assert allowed == {trigger for trigger in TRIGGERS if _moves(table, trigger)}
    assert table.phase == phase
    assert ("resume" in allowed) is (phase == "paused")


def test_may_asks_the_conditions_of_a_move(tiny: Exercise) -> None:
    table = session_in(tiny, "paused").table.copy()
    assert may(table, "resume") and _moves(table, "resume")
    table.paused_from = None  # resume goes back to the phase left, and there is none
    assert not may(table, "resume") and not _moves(table, "resume")


def test_control_can_end_the_talks_exactly_while_they_are_under_way(tiny: Exercise) -> None:
    can_end = {phase for phase in PHASES if "end" in session_in(tiny, phase).legal_acts("control")}
    assert can_end == UNDER_WAY_PHASES
    assert not can_end & ENDED_PHASES


def test_without_opening_statements_the_briefing_advances_to_the_negotiation(
    tiny: Exercise,
) -> None:
    exercise = tiny.model_copy(
        update={"schedule": tiny.schedule.model_copy(update={"opening_statements": False})}
    )
    session = session_in(exercise, "briefing")
    session.apply(Advance())
    assert session.state.phase == "negotiating"
    assert session.legal_acts("control").reasons["advance"] == UNDER_WAY


def test_the_readme_draws_the_machine() -> None:
    blocks = re.findall(r"```mermaid\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks == [diagram() + "\n"], (
        "the README's diagram is not the machine's: paste in the output of "
        ".venv/bin/python -c 'from tabletop.engine.phases import diagram; print(diagram())'"
    )


def test_every_kind_of_act_has_one_class_and_one_side() -> None:
    assert set(get_args(ActKind)) == set(ACTS)
    assert all(ACTS[kind].model_fields["kind"].default == kind for kind in ACTS)
    assert set(ACTS) == CONTROL_KINDS | DELEGATION_KINDS
    assert not CONTROL_KINDS & DELEGATION_KINDS


@pytest.mark.parametrize("phase", PHASES)
def test_every_kind_of_act_is_open_or_says_why(tiny: Exercise, phase: str) -> None:
    session = session_in(tiny, phase)
    for actor, kinds in (("control", CONTROL_KINDS), ("town", DELEGATION_KINDS)):
        legal = session.legal_acts(actor)
        assert legal.kinds | legal.reasons.keys() == kinds
        assert not legal.kinds & legal.reasons.keys()
