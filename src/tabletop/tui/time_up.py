"""When a turn's time runs out: Control decides, never the app, and the log keeps the clock.

The clock (`TurnClock`) only reads the session's record. This is what the
hot seat does about it: a delegation at the keyboard hands it back first,
Control still behind the give-back screen is asked once it is back, and
Control's answer (skip the turn, or more time) is an act like any other.
It also writes the clock's own moments: it starts again when this program
takes a session up from its log, and stops when the program closes, so a
resume after a clean quit gives the turn exactly what it had left.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress

from textual.app import App

from tabletop.engine import IllegalAct
from tabletop.engine.acts import Act, ExtendTime, SkipTurn, StartClock, StopClock
from tabletop.exercise.model import CONTROL
from tabletop.tui.live import LiveSession
from tabletop.tui.screens.clock import ClockPrompt
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.screens.give_back import GiveBackScreen
from tabletop.tui.turn_clock import TurnClock, TurnKey


class TimeUp:
    def __init__(
        self,
        app: App[None],
        live: LiveSession,
        clock: TurnClock,
        act: Callable[[Act], bool],
        leave: Callable[[DelegationScreen], None],
    ) -> None:
        self.app = app
        self.live = live
        self.clock = clock
        self._act = act
        self._leave = leave
        """Closes a delegation's screen because its time is up (the driver's `_leave`)."""
        self._due: TurnKey | None = None
        """A turn whose time ran out while Control was away from the keyboard: asked once back."""

    def start(self) -> None:
        """The turn under way, if any, carries on with what the log says it had left."""
        if self.live.session.refusal(StartClock()) is None:
            self._act(StartClock())

    def stop(self) -> None:
        """The program closes: the clock stops where it stands, in the log.

        A stop that cannot be written is no loss: a resume then counts the
        clock up to the last event written (`engine.clock`).
        """
        if self.live.session.refusal(StopClock()) is None:
            with suppress(IllegalAct, OSError):
                self.live.apply(StopClock())

    def tick(self) -> None:
        """Read the clock; when the turn's time has just run out, see that Control decides."""
        clock = self.clock
        if not clock.tick(self.live.session.table) or self.live.mover is None:
            return
        top = self.app.screen
        if isinstance(top, DelegationScreen) and top.turn_key == clock.key:
            # The delegation has the keyboard: Control takes it back before it chooses.
            self._due = clock.key
            self._leave(top)
        elif isinstance(top, GiveBackScreen):
            self._due = clock.key  # Control is not back yet: it is asked once it is.
        else:
            self._ask()

    def control_is_back(self) -> None:
        """Control has the keyboard again: the question its absence put off, if still open."""
        due, self._due = self._due, None
        if due is not None and due == self.live.turn_key():
            self._ask()

    def _ask(self) -> None:
        live = self.live
        mover = live.mover
        key = self.clock.key
        if mover is None:
            return
        legal = live.session.legal_acts(CONTROL)
        blocked = None if "skip" in legal else legal.reasons.get("skip", "not possible now")
        seconds = self.clock.seconds

        def decided(choice: str | None) -> None:
            if live.turn_key() != key:
                self.app.notify("The turn had already passed.", severity="information")
            elif choice == "skip":
                self._act(SkipTurn())
            else:
                self._act(ExtendTime(seconds=seconds))

        name = live.exercise.role(mover).title
        self.app.push_screen(ClockPrompt(name, seconds, blocked), decided)
