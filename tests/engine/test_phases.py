"""The phase machine: `fire` moves a table exactly as transitions' own dispatch would."""

from __future__ import annotations

import pytest
from transitions import MachineError

from tabletop.engine import phases
from tabletop.engine.state import LIVE_PHASES, Phase, Table
from tabletop.exercise.model import Exercise

_PHASES: tuple[Phase, ...] = (*LIVE_PHASES, "setup", "concluded", "paused", "aborted")


@pytest.mark.parametrize("trigger", list(phases._MACHINE.events))
@pytest.mark.parametrize("phase", _PHASES)
@pytest.mark.parametrize("paused_from", [None, *LIVE_PHASES])
def test_fire_moves_as_the_machine_triggers(
    tiny: Exercise, trigger: str, phase: Phase, paused_from: Phase | None
) -> None:
    ours, theirs = Table(tiny), Table(tiny)
    for table in (ours, theirs):
        table.phase, table.paused_from = phase, paused_from
    try:
        moved = phases._MACHINE.events[trigger].trigger(theirs)
    except MachineError:
        moved = False
    if moved:
        phases.fire(ours, trigger)
        assert (ours.phase, ours.paused_from) == (theirs.phase, theirs.paused_from)
    else:
        with pytest.raises(AssertionError):
            phases.fire(ours, trigger)
