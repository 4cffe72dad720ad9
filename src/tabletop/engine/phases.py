"""The session's phases as a state machine (transitions).

One machine serves every session: it holds no model of its own, and each
trigger is fired on the `Table` passed in, whose `phase` attribute it reads
and writes. So a trial copy of a table can change phase without touching the
original, and a replayed table needs no machine rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable

from transitions import EventData, Machine

from tabletop.engine.state import LIVE_PHASES, Phase, Table

_LIVE = list(LIVE_PHASES)


def _table(event: EventData) -> Table:
    table = event.model
    assert isinstance(table, Table)
    return table


def _left_from(phase: Phase) -> Callable[[EventData], bool]:
    def condition(event: EventData) -> bool:
        return _table(event).paused_from == phase

    return condition


def _remember_phase(event: EventData) -> None:
    table = _table(event)
    table.paused_from = table.phase


def _forget_phase(event: EventData) -> None:
    _table(event).paused_from = None


_MACHINE = Machine(
    model=None,
    states=["setup", *_LIVE, "concluded", "paused", "aborted"],
    initial="setup",
    model_attribute="phase",
    auto_transitions=False,
    send_event=True,
    transitions=[
        {"trigger": "start", "source": "setup", "dest": "briefing"},
        {"trigger": "open", "source": "briefing", "dest": "opening"},
        {
            "trigger": "negotiate",
            "source": ["briefing", "opening", "ratification"],
            "dest": "negotiating",
        },
        {"trigger": "ratify", "source": "negotiating", "dest": "ratification"},
        {
            "trigger": "conclude",
            "source": [*_LIVE, "paused"],
            "dest": "concluded",
            "after": _forget_phase,
        },
        {"trigger": "pause", "source": _LIVE, "dest": "paused", "before": _remember_phase},
        *[
            {
                "trigger": "resume",
                "source": "paused",
                "dest": phase,
                "conditions": _left_from(phase),
                "after": _forget_phase,
            }
            for phase in _LIVE
        ],
        {"trigger": "abort", "source": ["setup", *_LIVE, "paused"], "dest": "aborted"},
    ],
)


def may(table: Table, trigger: str) -> bool:
    """Whether the trigger leads anywhere from the table's phase (conditions aside)."""
    return trigger in _MACHINE.get_triggers(table.phase)


def fire(table: Table, trigger: str) -> None:
    """Move the table to its next phase; the caller has checked the move is legal."""
    if not _MACHINE.events[trigger].trigger(table):
        raise AssertionError(f"{trigger!r} did not move the session from {table.phase!r}")


def diagram() -> str:
    """The phases as a Mermaid diagram, for the README."""
    lines = ["stateDiagram-v2", "    [*] --> setup"]
    for trigger, event in _MACHINE.events.items():
        for source, transitions in event.transitions.items():
            for transition in transitions:
                lines.append(f"    {source} --> {transition.dest}: {trigger}")
    return "\n".join(dict.fromkeys(lines))
