"""The line atop Control's console that says where the session stands and what comes next."""

from __future__ import annotations

from rich.text import Text

from tabletop.tui.describe import PHASE_WORDS, actor_name, to_act
from tabletop.tui.pictures import ControlPicture


def control_summary(picture: ControlPicture, humans: tuple[str, ...]) -> Text:
    """Control's status line: the phase, the round, who is to move and what Control does next."""
    state = picture.state
    exercise = picture.exercise
    text = Text()
    text.append(PHASE_WORDS[state.phase].capitalize(), style="bold")
    if state.round:
        text.append(f" · round {state.round}/{state.rounds}")
    else:
        text.append(f" · {state.rounds} round{'' if state.rounds == 1 else 's'}")
    if state.turn is not None:
        seat = picture.seats.get(state.turn)
        who = actor_name(exercise, state.turn)
        text.append(f" · {who} {to_act(state.phase)}", style="bold")
        if state.turn in picture.remote:
            text.append(" (at its own terminal)")
        else:
            text.append(f" ({seat or 'human'})")
            if state.turn in humans:
                text.append(" — h hands over", style="dim")
    elif state.phase == "briefing":
        reading = "; h lets a delegation read" if humans else ""
        text.append(f" · a to begin the talks{reading}", style="dim")
    elif state.phase == "setup":
        text.append(" · s starts the briefing", style="dim")
    return text
