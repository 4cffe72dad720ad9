"""Following one live session: apply acts, show the new state, do what the session waits for.

The driver is the only part of the UI that touches the session. Screens
post acts up; the app passes them here; each goes through
`LiveSession.apply`, which writes and fsyncs the log before the session
changes. Then every screen gets a fresh picture (Control's to the console,
a `RoleView` to a delegation's screen), and the driver moves things on: a
bot's move on a timer, at a pace a room can follow; a hand-over to a
person; or the outcome.

The hot seat is guarded both ways: the hand-over shows nothing until the
delegation called is at the keyboard, and once a delegation is done with it
(its move, Esc, its time out) the give-back screen shows nothing until
Control is back, unless the move hands the keyboard straight on to the next
delegation's hand-over. While a dialog is open over the console (an inject
to pick, a question to answer) the bots wait, so what the dialog offers is
still true when it is answered.
"""

from __future__ import annotations

from typing import Literal

from textual.app import App
from textual.screen import Screen

from tabletop import collector
from tabletop.engine import IllegalAct
from tabletop.engine.acts import Act
from tabletop.tui.live import LiveSession
from tabletop.tui.pictures import outcome_picture
from tabletop.tui.screens.choice import ChoiceScreen
from tabletop.tui.screens.clock import ClockPrompt
from tabletop.tui.screens.confirm import ConfirmScreen
from tabletop.tui.screens.console import ConsoleScreen
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.screens.give_back import GiveBackScreen
from tabletop.tui.screens.handover import HandoverScreen
from tabletop.tui.screens.outcome import OutcomeScreen
from tabletop.tui.screens.text_prompt import TextPrompt
from tabletop.tui.time_up import TimeUp
from tabletop.tui.turn_clock import TurnClock, TurnKey

Leaving = Literal["acted", "handed back", "time"]
"""Why a delegation's screen closed: its move, its hand-back (Esc), or its time running out."""


QUESTIONS = (ChoiceScreen, ClockPrompt, ConfirmScreen, TextPrompt)
"""Dialogs that hold the bots while open: what they offer is only true of the table as it is.

Not the hand-over or the give-back (they wait for a person, and the session
goes on behind them), nor the network's seats screen.
"""


class Driver:
    def __init__(self, app: App[None], live: LiveSession, pace: float, pin: str = "") -> None:
        self.app = app
        self.live = live
        self.pace = pace
        seconds = live.exercise.schedule.seconds_per_turn
        self.clock = TurnClock(seconds, lambda: live.now()) if seconds else None
        self.time_up = (
            TimeUp(app, live, self.clock, self.act, lambda screen: self._leave(screen, "time"))
            if self.clock is not None
            else None
        )
        self._bot_due = False
        self._held = False
        """A bot's move waits for a dialog to close."""
        self._declined: TurnKey | None = None
        """The turn for which Control took the keyboard back: no automatic hand-over for it."""
        self._outcome_shown = False
        self._screens: dict[str, DelegationScreen] = {}
        self._prefix = f"delegation-{id(self)}-"
        self._handover = HandoverScreen()
        app.install_screen(self._handover, f"handover-{id(self)}")
        self._give_back = GiveBackScreen(pin)
        app.install_screen(self._give_back, f"give-back-{id(self)}")
        self._holder: str | None = None
        """The delegation the keyboard was last handed to, until Control takes it back."""
        self._leaving: Leaving = "acted"
        self._open = True

    def console(self) -> ConsoleScreen:
        return ConsoleScreen(self.live.control(), tuple(self.live.humans))

    def start(self, notice: str = "") -> None:
        """Take charge once the console is on screen (the app ticks the clock each second)."""
        if self.time_up is not None:
            self.app.call_after_refresh(self.time_up.start)
        self.app.screen_change_signal.subscribe(self.app, self._screen_changed)
        if notice:
            self.app.notify(notice, title="Log repaired", severity="warning", timeout=12)
        self.app.call_after_refresh(self.follow)
        self.app.call_after_refresh(self._freeze)

    def close(self) -> None:
        self._open = False
        self.app.screen_change_signal.unsubscribe(self.app)
        if self.time_up is not None:
            self.time_up.stop()
        collector.let_go()
        self.live.close()

    def _freeze(self) -> None:
        """Once a screen is drawn, what lives as long as the session leaves the collector's walks.

        Why is `collector`'s to say; what is frozen is let go on `close`.
        """
        if self._open:
            collector.keep_alive()

    # Acting ------------------------------------------------------------------

    def act(self, act: Act) -> bool:
        """Apply an act through the log; say why if it is refused or cannot be written."""
        try:
            self.live.apply(act)
        except IllegalAct as refused:
            self.app.notify(refused.reason, title="Not allowed", severity="warning")
            return False
        except OSError as error:
            self._log_failed(error)
            return False
        self.follow()
        return True

    def _log_failed(self, error: OSError) -> None:
        self.app.notify(
            f"{self.live.path}: {error.strerror or error}. "
            "Nothing was changed; try again once it is fixed.",
            title="The session log could not be written",
            severity="error",
            timeout=15,
        )

    def _bot_move(self) -> None:
        self._bot_due = False
        live = self.live
        if live.mover not in live.bots or not self._open:
            return
        if self._dialog_open():
            self._held = True
            return
        try:
            live.play_bot()
        except IllegalAct as refused:
            self.app.notify(refused.reason, title="A bot's act was refused", severity="warning")
            return
        except OSError as error:
            self._log_failed(error)
            return
        self.follow()

    def _dialog_open(self) -> bool:
        """A question is on screen, whose choices a bot's move could make stale."""
        return isinstance(self.app.screen, QUESTIONS)

    def _screen_changed(self, _: Screen[object]) -> None:
        """A dialog closed: a bot held back by it moves now."""
        if self._held and self._open and not self._dialog_open():
            self._held = False
            self.follow()

    # Following the session ---------------------------------------------------

    def follow(self) -> None:
        """Do what the session waits for, then show the new state on every screen.

        In that order, so a screen the next one covers (the console under a
        hand-over) is not drawn in vain: it catches up when it is uncovered.
        """
        live = self.live
        app = self.app
        key = live.turn_key()
        if self.clock is not None:
            self.clock.follow(key, live.session.table)
        top = app.screen
        if isinstance(top, DelegationScreen | HandoverScreen) and (
            live.ended or top.turn_key not in (None, key)
        ):
            # Its turn is over: nothing is drawn on a screen on its way out. Its
            # dismissal calls `follow` again, from the screen underneath.
            if isinstance(top, DelegationScreen):
                self._leave(top, "acted")
            else:
                top.dismiss(False)
            return
        self._move_on(top)
        self._show_state()

    def _move_on(self, top: Screen[object]) -> None:
        """Do what the session waits for: the outcome, a bot's move, or a hand-over."""
        live = self.live
        app = self.app
        if isinstance(top, GiveBackScreen):
            # Behind it the session goes on (bots move); nothing is shown until Control is back.
            if not live.ended and live.mover in live.bots:
                self._bot_soon()
            return
        if live.ended:
            if not self._outcome_shown:
                self._outcome_shown = True
                app.push_screen(OutcomeScreen(outcome_picture(self.live.recorded)))
            return
        mover = live.mover
        if mover is None:
            return
        if mover in live.bots:
            self._bot_soon()
            return
        if mover in live.remote:
            return  # its own terminal has the turn
        if isinstance(top, ConsoleScreen) and live.turn_key() != self._declined:
            self.hand_over(mover)

    def _bot_soon(self) -> None:
        """The bot to move moves after the pace, at a speed a room can follow."""
        if self._bot_due:
            return
        self._bot_due = True
        if self.pace > 0:
            self.app.set_timer(self.pace, self._bot_move)
        else:
            self.app.call_after_refresh(self._bot_move)

    def _show_state(self) -> None:
        live = self.live
        picture = None
        remaining = self._remaining()
        for screen in self.app.screen_stack:
            if isinstance(screen, ConsoleScreen):
                picture = picture or live.control()
                screen.picture = picture
                screen.remaining = remaining
            elif isinstance(screen, DelegationScreen):
                screen.view = live.view(screen.role)
                screen.remaining = remaining

    def _remaining(self) -> int | None:
        return self.clock.shown if self.clock is not None else None

    def tick_clock(self) -> None:
        """One second of the turn clock; when it runs out, Control is asked what to do."""
        if self.time_up is not None:
            self.time_up.tick()
        remaining = self._remaining()
        for screen in self.app.screen_stack:
            if isinstance(screen, ConsoleScreen | DelegationScreen):
                screen.remaining = remaining

    # Hand-over ---------------------------------------------------------------

    def hand_over(self, role: str) -> None:
        """Call a delegation to the keyboard: for its turn if it has it, else out of turn."""
        live = self.live
        key = live.turn_key() if live.mover == role else None
        state = live.state
        name = live.exercise.role(role).title
        if key is None:
            why = "Control hands you the keyboard: read your papers, or write a private message."
        elif state.phase == "ratification":
            why = "A proposal is under signature: your delegation signs or declines."
        elif state.phase == "opening":
            why = "Opening statements: your delegation speaks."
        else:
            why = f"Round {state.round} of {state.rounds}: your delegation's turn."

        def answered(confirmed: bool | None) -> None:
            if live.ended or (key is not None and live.turn_key() != key):
                self._back_to_control("The turn has passed.")
            elif confirmed:
                self._holder = role
                self.app.push_screen(self._delegation(role, key), self._after_delegation)
            else:
                self._declined = key
                self._back_to_control(f"The hand-over to {name} was declined.")

        self._handover.call(name, why, key)
        self.app.push_screen(self._handover, answered)

    def _delegation(self, role: str, key: TurnKey | None) -> DelegationScreen:
        """The delegation's own screen, built the first time, kept for its next turns."""
        view = self.live.view(role)
        screen = self._screens.get(role)
        if screen is None:
            screen = self._screens[role] = DelegationScreen(view, key)
            self.app.install_screen(screen, f"{self._prefix}{role}")
            screen.call_after_refresh(self._freeze)
        screen.open_for(view, key, self._remaining())
        return screen

    def _leave(self, screen: DelegationScreen, why: Leaving) -> None:
        """Close a delegation's screen; `_after_delegation` decides where the keyboard goes."""
        self._leaving = why
        screen.dismiss(None)

    def _after_delegation(self, _: None) -> None:
        """A delegation's screen has closed: on to the next delegation, or back to Control.

        Straight to the next hand-over only after a move that passed the turn
        to another person: the hand-over shows nothing but a name. Otherwise,
        and whenever the console would show next, Control takes the keyboard
        back first.
        """
        live = self.live
        mover = live.mover
        if (
            self._leaving == "acted"
            and not live.ended
            and mover is not None
            and mover not in live.bots
            and mover not in live.remote
            and live.turn_key() != self._declined
        ):
            self.follow()
            return
        holder = live.exercise.role(self._holder).label if self._holder else "The delegation"
        why = {
            "acted": f"{holder} has made its move.",
            "handed back": f"{holder} has handed the keyboard back.",
            "time": f"Time is up for {holder}.",
        }[self._leaving]
        self._back_to_control(why)

    def _back_to_control(self, why: str) -> None:
        """Show the console again, through the give-back screen if a delegation has the keyboard."""
        if self._holder is None:
            self.follow()
            return
        self._give_back.call(why)
        self.app.push_screen(self._give_back, self._keyboard_back)
        self.follow()

    def _keyboard_back(self, _: None) -> None:
        """Control has confirmed it is at the keyboard: the console, and what waits for Control."""
        self._holder = None
        if self.time_up is not None:
            self.time_up.control_is_back()
        self.follow()

    def hand_back(self) -> None:
        """The delegation gives the keyboard back; Control keeps it for this turn.

        A delegation called out of turn leaves the turn as it was: if Control
        had kept the keyboard from the one to move, it still has it.
        """
        top = self.app.screen
        if isinstance(top, DelegationScreen):
            if top.turn_key is not None:
                self._declined = top.turn_key
            self._leave(top, "handed back")

    # Ending ------------------------------------------------------------------

    def show_outcome(self) -> None:
        if self.live.ended:
            self.app.push_screen(OutcomeScreen(outcome_picture(self.live.recorded)))
