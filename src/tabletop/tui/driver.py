"""Following one live session: apply acts, show the new state, do what the session waits for.

The driver is the only part of the UI that touches the session. Screens
post acts up; the app passes them here; each goes through
`LiveSession.apply`, which writes and fsyncs the log before the session
changes. Then every screen gets a fresh picture (Control's to the console,
a `RoleView` to a delegation's screen), and the driver moves things on: a
bot's move on a timer, at a pace a room can follow; a hand-over to a
person; or the outcome.
"""

from __future__ import annotations

from textual.app import App
from textual.screen import Screen

from tabletop import collector
from tabletop.engine import IllegalAct
from tabletop.engine.acts import Act, SkipTurn
from tabletop.engine.history import history
from tabletop.exercise.model import CONTROL
from tabletop.tui.live import LiveSession
from tabletop.tui.pictures import score_chart
from tabletop.tui.screens.clock import ClockPrompt
from tabletop.tui.screens.console import ConsoleScreen
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.screens.handover import HandoverScreen
from tabletop.tui.screens.outcome import OutcomePicture, OutcomeScreen
from tabletop.tui.turn_clock import TurnClock, TurnKey


class Driver:
    def __init__(self, app: App[None], live: LiveSession, pace: float) -> None:
        self.app = app
        self.live = live
        self.pace = pace
        seconds = live.exercise.schedule.seconds_per_turn
        self.clock = TurnClock(seconds) if seconds else None
        self._bot_due = False
        self._declined: TurnKey | None = None
        """The turn for which Control took the keyboard back: no automatic hand-over for it."""
        self._outcome_shown = False
        self._screens: dict[str, DelegationScreen] = {}
        self._prefix = f"delegation-{id(self)}-"
        self._handover = HandoverScreen()
        app.install_screen(self._handover, f"handover-{id(self)}")
        self._open = True

    def console(self) -> ConsoleScreen:
        return ConsoleScreen(self.live.control(), tuple(self.live.humans))

    def start(self, notice: str = "") -> None:
        """Take charge once the console is on screen."""
        if self.clock is not None:
            self.app.set_interval(1, self.tick_clock)
        if notice:
            self.app.notify(notice, title="Log repaired", severity="warning", timeout=12)
        self.app.call_after_refresh(self.follow)
        self.app.call_after_refresh(self._freeze)

    def close(self) -> None:
        self._open = False
        collector.let_go()
        self.live.close()

    def _freeze(self) -> None:
        """Leave what is alive now out of the garbage collector's walks until the session closes.

        Called once the console, then each delegation's screen, is drawn: they,
        the exercise and the engine live as long as the session, and a full
        collection that walked them all again held up an occasional key press
        by 150 ms. Garbage frozen with them is freed after `close`.
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
        if live.mover not in live.bots:
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

    # Following the session ---------------------------------------------------

    def follow(self) -> None:
        """Do what the session waits for, then show the new state on every screen.

        In that order, so a screen the next one covers (the console under a
        hand-over) is not drawn in vain: it catches up when it is uncovered.
        """
        live = self.live
        app = self.app
        key = live.turn_key()
        state = live.state
        if self.clock is not None:
            self.clock.follow(key, state.phase == "paused")
        top = app.screen
        if isinstance(top, DelegationScreen | HandoverScreen) and (
            live.ended or top.turn_key not in (None, key)
        ):
            # Its turn is over: nothing is drawn on a screen on its way out. Its
            # dismissal calls `follow` again, from the screen underneath.
            if isinstance(top, DelegationScreen):
                top.dismiss(None)
            else:
                top.dismiss(False)
            return
        self._move_on(top)
        self._show_state()

    def _move_on(self, top: Screen[object]) -> None:
        """Do what the session waits for: the outcome, a bot's move, or a hand-over."""
        live = self.live
        app = self.app
        if live.ended:
            if not self._outcome_shown:
                self._outcome_shown = True
                app.push_screen(OutcomeScreen(self.outcome()))
            return
        mover = live.mover
        if mover is None:
            return
        if mover in live.bots:
            if not self._bot_due:
                self._bot_due = True
                if self.pace > 0:
                    app.set_timer(self.pace, self._bot_move)
                else:
                    app.call_after_refresh(self._bot_move)
            return
        if isinstance(top, ConsoleScreen) and live.turn_key() != self._declined:
            self.hand_over(mover)

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
        clock = self.clock
        return clock.remaining if clock is not None and clock.key is not None else None

    def tick_clock(self) -> None:
        """One second of the turn clock; when it runs out, Control is asked what to do."""
        clock = self.clock
        if clock is None:
            return
        if clock.tick():
            self._time_is_up(clock)
        remaining = self._remaining()
        for screen in self.app.screen_stack:
            if isinstance(screen, ConsoleScreen | DelegationScreen):
                screen.remaining = remaining

    def _time_is_up(self, clock: TurnClock) -> None:
        live = self.live
        mover = live.mover
        key = clock.key
        if mover is None:
            return
        legal = live.session.legal_acts(CONTROL)
        blocked = None if "skip" in legal else legal.reasons.get("skip", "not possible now")

        def decided(choice: str | None) -> None:
            if live.turn_key() != key:
                self.app.notify("The turn had already passed.", severity="information")
            elif choice == "skip":
                self.act(SkipTurn())
            else:
                clock.extend()

        name = live.exercise.role(mover).title
        self.app.push_screen(ClockPrompt(name, clock.seconds, blocked), decided)

    # Hand-over ---------------------------------------------------------------

    def hand_over(self, role: str) -> None:
        """Call a delegation to the keyboard: for its turn if it has it, else out of turn."""
        live = self.live
        key = live.turn_key() if live.mover == role else None
        state = live.state
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
                self.follow()
            elif confirmed:
                self.app.push_screen(self._delegation(role, key), self._after_delegation)
            else:
                self._declined = key

        self._handover.call(live.exercise.role(role).title, why, key)
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

    def _after_delegation(self, _: None) -> None:
        self.follow()

    def hand_back(self) -> None:
        """The delegation gives the keyboard back; Control keeps it for this turn."""
        top = self.app.screen
        if isinstance(top, DelegationScreen):
            self._declined = top.turn_key
            top.dismiss(None)

    # Ending ------------------------------------------------------------------

    def show_outcome(self) -> None:
        if self.live.ended:
            self.app.push_screen(OutcomeScreen(self.outcome()))

    def outcome(self) -> OutcomePicture:
        live = self.live
        exercise = live.exercise
        state = live.state
        leading = history(exercise, live.session.seed, live.session.events).leading
        aborted = next((e for e in live.session.events if e.kind == "aborted"), None)
        return OutcomePicture(
            exercise=exercise,
            conclusion=state.conclusion,
            abort_reason=aborted.payload["reason"] if aborted else "",
            reservations=dict(state.reservations),
            chart=score_chart(exercise, leading, state.reservations, exercise.role_ids),
        )
