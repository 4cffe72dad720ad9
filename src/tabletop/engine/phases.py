"""The session's phases, their groups, and the one machine that moves between them.

The machine (transitions) is the only place that says which phase moves are
legal: the fold fires its triggers, and `checks` asks `may` before any act of
Control that moves the phase. The groups below are the only place that names
a set of phases; everything else asks them.

One machine serves every session: it holds no model of its own, and each
trigger is fired on the `Table` passed in, whose `phase` attribute it reads
and writes. So a trial copy of a table can change phase without touching the
original, and a replayed table needs no machine rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, cast, get_args

from transitions import EventData, Machine

if TYPE_CHECKING:
    from tabletop.engine.state import Table

Phase = Literal[
    "setup", "briefing", "opening", "negotiating", "ratification", "concluded", "paused", "aborted"
]
PHASES: tuple[Phase, ...] = get_args(Phase)

LIVE_PHASES: frozenset[Phase] = frozenset({"briefing", "opening", "negotiating", "ratification"})
"""Started, not paused and not over: delegations may write, Control may fire injects."""
TALK_PHASES: frozenset[Phase] = LIVE_PHASES - {"briefing"}
"""The talks proper, after the briefing: the rules move them on, a delegation may walk out."""
TURN_PHASES: frozenset[Phase] = TALK_PHASES - {"ratification"}
"""Delegations act in turn order (under signature, the signatories sign in theirs)."""
UNDER_WAY_PHASES: frozenset[Phase] = LIVE_PHASES | {"paused"}
"""Started and not over: Control may still extend the rounds or end the talks."""
ENDED_PHASES: frozenset[Phase] = frozenset({"concluded", "aborted"})
"""Nothing more can happen in the session."""


def _in_order(group: frozenset[Phase]) -> list[Phase]:
    """A group's phases in `Phase`'s order, so the machine and its diagram are stable."""
    return [phase for phase in PHASES if phase in group]


def _table(event: EventData) -> Table:
    return cast("Table", event.model)


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
    states=list(PHASES),
    initial="setup",
    model_attribute="phase",
    auto_transitions=False,
    send_event=True,
    transitions=[
        {"trigger": "start", "source": "setup", "dest": "briefing"},
        {"trigger": "open", "source": "briefing", "dest": "opening"},
        {"trigger": "negotiate", "source": ["briefing", "opening"], "dest": "negotiating"},
        {"trigger": "ratify", "source": "negotiating", "dest": "ratification"},
        {"trigger": "reopen", "source": "ratification", "dest": "negotiating"},
        {
            "trigger": "conclude",
            "source": _in_order(UNDER_WAY_PHASES),
            "dest": "concluded",
            "after": _forget_phase,
        },
        {
            "trigger": "pause",
            "source": _in_order(LIVE_PHASES),
            "dest": "paused",
            "before": _remember_phase,
        },
        *[
            {
                "trigger": "resume",
                "source": "paused",
                "dest": phase,
                "conditions": _left_from(phase),
                "after": _forget_phase,
            }
            for phase in _in_order(LIVE_PHASES)
        ],
        {
            "trigger": "abort",
            "source": _in_order(UNDER_WAY_PHASES | {"setup"}),
            "dest": "aborted",
        },
    ],
)


def may(table: Table, trigger: str) -> bool:
    """Whether the trigger moves the table from its phase now, conditions included.

    This is what a model's `may_<trigger>()` asks; the machine has no model
    to hang that method on, so its transitions from the table's phase are
    asked directly, each condition given the table as the event's model.
    """
    transitions = _MACHINE.get_transitions(trigger, source=table.phase)
    if not transitions:
        return False
    event = EventData(
        _MACHINE.get_state(table.phase), _MACHINE.events[trigger], _MACHINE, table, (), {}
    )
    return any(all(c.check(event) for c in t.conditions) for t in transitions)


def fire(table: Table, trigger: str) -> None:
    """Move the table to its next phase; the caller has checked the move is legal."""
    if not _MACHINE.events[trigger].trigger(table):
        raise AssertionError(f"{trigger!r} did not move the session from {table.phase!r}")


def diagram() -> str:
    """The phases as a Mermaid state diagram: the README shows exactly this."""
    lines = ["stateDiagram-v2", f"    [*] --> {_MACHINE.initial}"]
    for trigger, event in _MACHINE.events.items():
        for source, transitions in event.transitions.items():
            for transition in transitions:
                lines.append(f"    {source} --> {transition.dest}: {trigger}")
    return "\n".join(dict.fromkeys(lines))
