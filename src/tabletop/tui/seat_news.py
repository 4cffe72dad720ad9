"""What a delegation at its own terminal is told as it happens, each thing once.

At the hot seat a delegation is called to the keyboard and reads its screen
then. At its own terminal the screen changes under the player's eyes,
perhaps on another tab: its turn, a private message to it, news, a changed
reservation and the end are each said in a toast, with the tab that has
them, so nothing important passes unseen.
"""

from __future__ import annotations

from dataclasses import dataclass

from tabletop.engine import RoleView
from tabletop.tui.describe import actor_name

Turn = tuple[str, int, int | None]
"""A seat's turn: the phase, the round, and the proposal under signature if any."""


@dataclass(frozen=True)
class Tiding:
    title: str
    text: str
    lasting: bool = False
    """Kept on screen until dismissed (the end), rather than for a few seconds."""


def turn_of(view: RoleView) -> Turn | None:
    if not view.my_turn:
        return None
    signing = view.ratification.proposal if view.ratification is not None else None
    return (view.phase, view.round, signing)


def turn_words(view: RoleView) -> str:
    if view.phase == "ratification":
        return "A proposal is under signature: your delegation signs or declines"
    if view.phase == "opening":
        return "Opening statements: your delegation speaks"
    return f"Round {view.round} of {view.rounds}: your delegation's turn"


class Tidings:
    """Remembers what the player has been told, so that each thing is told once.

    A reconnection sends the seat's history again: what was told before is
    not told twice. A pause and its resumption are the same turn.
    """

    def __init__(self, view: RoleView) -> None:
        self.turn = turn_of(view)
        self._seq = view.seq
        self._reservation = view.reservation
        self._ended = view.conclusion is not None

    def turn_came(self, view: RoleView) -> bool:
        """Whether the turn has just come to this seat (it comes once per turn)."""
        if view.phase == "paused":
            return False
        turn = turn_of(view)
        came = turn is not None and turn != self.turn
        self.turn = turn
        return came

    def since(self, view: RoleView) -> list[Tiding]:
        """What happened for this seat since the last view it was told of."""
        told: list[Tiding] = []
        me = view.role.id
        for event in view.events:
            if event.seq <= self._seq:
                continue
            if event.kind == "messaged" and event.actor != me:
                name = actor_name(view.exercise, event.actor)
                told.append(Tiding(f"Message from {name} (4 Messages)", event.payload["text"]))
            elif event.kind == "skipped" and event.payload["role"] == me:
                told.append(Tiding("Turn skipped", "Control passed your turn to the next."))
        for notice in view.injects:
            if notice.seq > self._seq:
                told.append(Tiding("News (5 News)", notice.title))
        if view.reservation != self._reservation and view.conclusion is None:
            was, now = self._reservation, view.reservation
            told.append(Tiding("Your no deal", f"Worth {now} to you now (it was {was})."))
        if view.conclusion is not None and not self._ended:
            told.append(_ending(view))
        self._seq = max(self._seq, view.seq)
        self._reservation = view.reservation
        self._ended = view.conclusion is not None
        return told


def _ending(view: RoleView) -> Tiding:
    conclusion = view.conclusion
    assert conclusion is not None
    outcome = view.exercise.outcome(conclusion.outcome).title
    score = conclusion.scores.get(view.role.id)
    text = f"{outcome}."
    if score is not None:
        text += f" Your score {score} · no deal {view.reservation}."
    return Tiding("The talks are over", f"{text} 6 History has how it went.", lasting=True)
