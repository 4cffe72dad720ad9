"""What each irreversible act asks before it is taken: one home for the wording of consequences."""

from __future__ import annotations

from tabletop.engine import RoleView, SessionState
from tabletop.exercise.model import Exercise
from tabletop.tui.describe import actor_name
from tabletop.tui.screens.confirm import Question


def add_round(state: SessionState) -> Question:
    rounds = state.rounds + 1
    return Question(
        "Add a round to the talks?",
        f"The talks will run for {rounds} rounds instead of {rounds - 1}; "
        "a round once added cannot be taken away.",
        "Add a round",
    )


def skip(exercise: Exercise, state: SessionState, turn: str) -> Question:
    who = actor_name(exercise, turn)
    what = "signature" if state.phase == "ratification" else "turn"
    return Question(
        f"Skip {who}'s {what}?",
        f"{who} loses this {what}; the next delegation is called.",
        f"Skip the {what}",
    )


def end(reason: str) -> Question:
    return Question(
        "End the talks now?",
        _with_reason("The session is concluded as a breakdown: no agreement.", reason),
        "End the talks",
    )


def abort(reason: str) -> Question:
    return Question(
        "Abort the session?",
        _with_reason("It ends here with no outcome and no scores.", reason),
        "Abort the session",
    )


def walk_out(view: RoleView) -> Question:
    """Said from the delegation's own view: whether its leaving ends the talks is public."""
    if view.walk_out_ends:
        body = (
            "This ends the talks for everyone: no agreement can be reached without "
            "your delegation, and the session is concluded as a walk-out."
        )
    else:
        body = (
            "Your delegation leaves the table for good: it can no longer propose, "
            "support or sign. The others carry on without you."
        )
    return Question("Walk out of the talks?", body, "Walk out")


def _with_reason(consequence: str, reason: str) -> str:
    return f"{consequence}\nReason given: {reason}" if reason else consequence
