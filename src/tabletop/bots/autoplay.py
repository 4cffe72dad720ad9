"""Driving bots through a session: while a bot is to move, ask it and apply its act.

Acts go through an `apply` callable, so the live UI and a logged simulation
can route them through the session log (`RecordedSession.apply`) exactly as
a person's acts are; with no log, the session's own `apply` is used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from tabletop.bots.base import Bot, Draws, Style
from tabletop.bots.strategies import make_bot
from tabletop.engine.acts import Act, Advance, Decline, End, Pass, Start
from tabletop.engine.session import IllegalAct, Session
from tabletop.engine.view import role_view
from tabletop.exercise.model import Exercise

Apply = Callable[[Act], object]
MAX_ACTS = 10_000
"""A safety net: the schedule bounds every session far below this."""


def bot_rng(seed: int, role: str, seq: int) -> Draws:
    """What a bot draws from for one act.

    Derived from the session seed, the role and the session's position, so a
    resumed session plays on exactly as it would have without the break.
    """
    return Draws(f"tabletop-bot/{seed}/{role}/{seq}")


def play_until_human(
    session: Session,
    bots: Mapping[str, Bot],
    apply: Apply | None = None,
    max_acts: int = MAX_ACTS,
) -> int:
    """Apply bot acts while the role to move has a bot; returns how many were applied.

    The role to move is the turn holder, or the next signatory in
    ratification. An act the engine refuses is replaced by a pass (a decline
    under signature), so a faulty bot can never stall or corrupt a session.
    """
    send = apply or session.apply
    applied = 0
    while applied < max_acts:
        role = session.table.turn
        bot = bots.get(role) if role is not None else None
        if role is None or bot is None:
            break
        view = role_view(session, role)
        act = bot.act(view, bot_rng(session.seed, role, session.table.seq))
        try:
            send(act)
        except IllegalAct:
            send(_fallback(session, role))
        applied += 1
    return applied


def _fallback(session: Session, role: str) -> Act:
    if session.table.phase == "ratification":
        return Decline(actor=role, reason="no considered answer")
    return Pass(actor=role)


def play_out(
    session: Session,
    bots: Mapping[str, Bot],
    apply: Apply | None = None,
    max_acts: int = MAX_ACTS,
) -> None:
    """Play a whole session with bots in every seat, Control starting and moving it on.

    Should the bots not have finished within `max_acts`, Control ends the
    talks, so every headless session has an outcome.
    """
    missing = [r for r in session.exercise.role_ids if r not in bots]
    if missing:
        raise ValueError(f"every role needs a bot to play headless; none for {', '.join(missing)}")
    send = apply or session.apply
    if session.table.phase == "setup":
        send(Start())
    if session.table.phase == "briefing":
        send(Advance())
    play_until_human(session, bots, send, max_acts)
    if session.refusal(End()) is None:
        send(End(reason="the bots did not finish within the act limit"))


def bots_for(strategies: Mapping[str, str], style: Style | None = None) -> dict[str, Bot]:
    """A fresh bot per role from role → strategy name, all in one style (a new one if none
    is given), so that they share its search."""
    style = style or Style()
    return {role: make_bot(name, style) for role, name in strategies.items()}


def run_headless(
    exercise: Exercise,
    seed: int,
    strategies: Mapping[str, str],
    max_acts: int = MAX_ACTS,
) -> Session:
    """A whole all-bot session with no log, from Start to its outcome.

    To play into a log, call `play_out` with a `RecordedSession`'s session and apply.
    """
    session = Session(exercise, seed)
    play_out(session, bots_for(strategies), max_acts=max_acts)
    return session
