"""The tabletop app: the start screen, and the live session it opens.

Screens post what the user wants as messages; the app passes session acts
to the `Driver`, the one part of the UI that touches a session. The driver
and everything a session needs are imported only when a session opens, so
the start screen is up before the engine, pydantic models and numpy load.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.screen import ModalScreen, Screen

from tabletop.tui import DEFAULT_PACE, keymap
from tabletop.tui.commands import TabletopCommands
from tabletop.tui.literal import LiteralApp
from tabletop.tui.messages import (
    BeginSession,
    OpenLog,
    OpenReplay,
    RequestAct,
    RequestHandBack,
    RequestHandover,
    RequestOutcome,
    RequestStartScreen,
)
from tabletop.tui.screens.start import StartScreen

if TYPE_CHECKING:
    from tabletop.exercise.model import Exercise
    from tabletop.log import Seat
    from tabletop.tui.driver import Driver
    from tabletop.tui.live import LiveSession
    from tabletop.tui.screens.replay import ReplayScreen


class TabletopApp(LiteralApp[None]):
    CSS_PATH = "app.tcss"
    TITLE = "tabletop"
    BINDINGS = keymap.APP + keymap.LEAVING
    COMMANDS = App.COMMANDS | {TabletopCommands}
    STARTS_OVER: ClassVar[bool] = True
    """Whether Control may leave a session for the start screen (not while seats hold to it)."""

    def __init__(
        self,
        live: LiveSession | None = None,
        *,
        pace: float = DEFAULT_PACE,
        notice: str = "",
        pin: str = "",
        given: Sequence[Path] = (),
    ) -> None:
        super().__init__()
        self.pace = pace
        self.given = tuple(given)
        """Exercise files and folders named on the command line, for the start screen."""
        self.left: list[Path] = []
        """Logs of the sessions left for the start screen, listed there even if kept elsewhere."""
        self._session_screens: list[Screen[Any]] = []
        """The screens the session installed (hand-over, give-back, delegations)."""
        self._replay: Screen[Any] | None = None
        """The replay viewer, while it is open."""
        self._pin = pin
        """Control's PIN for the session opened on, if any."""
        self.initial = live
        """The session to open on, if not the start screen."""
        self._notice = notice
        self.user_keys, self._keymap_problems = keymap.user_keymap()
        """The user's remapped keys (binding id → keys), which the help and panels show too."""
        self.driver: Driver | None = None
        """The session being run; None on the start screen."""

    def get_default_screen(self) -> Screen[None]:
        """The start screen, or a blank one under a session opened straight away.

        The session's console is pushed onto the blank screen like any other,
        so leaving it for the start screen works the same from either.
        """
        return self._start_screen() if self.initial is None else Screen()

    def _start_screen(self) -> StartScreen:
        return StartScreen(self.given, tuple(self.left))

    def on_mount(self) -> None:
        keymap.apply_user_keymap(self, self.user_keys, self._keymap_problems)
        self._on_terminal = (
            not self.is_headless and sys.__stdin__ is not None and sys.__stdin__.isatty()
        )
        self.set_interval(1, self._each_second)
        if self.initial is not None:
            self._open(self.initial, self._notice)

    def _each_second(self) -> None:
        """The session's turn clock ticks; the terminal is checked for a hang-up.

        The app, not the session, holds the timer, so a session left for the
        start screen leaves no clock behind.

        Closing a terminal hangs it up, but only the processes it tells (by
        SIGHUP) go with it: one started by `make run` is not told, and would
        go on reading an empty terminal at full speed, holding its log.
        Everything acknowledged is already in the log.
        """
        if self.driver is not None:
            self.driver.tick_clock()
        if self._on_terminal and (sys.__stdin__ is None or not sys.__stdin__.isatty()):
            self.exit(return_code=129)  # 128 + SIGHUP, as if it had been told

    def install_screen(self, screen: Screen[Any], name: str) -> None:
        """A session's screens are installed to keep them between turns; let go when it is left."""
        super().install_screen(screen, name)
        self._session_screens.append(screen)

    def _drive(self, live: LiveSession, pin: str = "") -> Driver:
        from tabletop.tui.driver import Driver

        if self.driver is not None:
            self.driver.close()
        self.driver = Driver(self, live, self.pace, pin or self._pin)
        return self.driver

    def _open(self, live: LiveSession, notice: str = "", pin: str = "") -> None:
        driver = self._drive(live, pin)
        self.push_screen(driver.console())
        driver.start(notice)

    # From the start screen ---------------------------------------------------

    def on_begin_session(self, message: BeginSession) -> None:
        from tabletop.log import LogError
        from tabletop.tui.live import create

        try:
            live = create(
                message.path,
                message.exercise,
                message.seed,
                message.seats,
                rounds=message.rounds,
                seconds_per_turn=message.seconds_per_turn,
            )
        except LogError as error:
            self.notify(str(error), title="Cannot start", severity="error", timeout=10)
            return
        self.pop_screen()
        self._open(live, pin=message.pin)

    def on_open_log(self, message: OpenLog) -> None:
        from tabletop.log import LogError
        from tabletop.tui.live import resume

        try:
            live, notice = resume(message.path)
        except LogError as error:
            self.notify(str(error), title="Cannot resume", severity="error", timeout=12)
            return
        self._open(live, notice or "")

    def on_open_replay(self, message: OpenReplay) -> None:
        self.open_replay(message.path)

    def open_replay(self, path: Path) -> None:
        """Open the replay viewer on a session log; an unusable log is said so."""
        from tabletop.log import LogError
        from tabletop.tui.screens.replay import ReplayScreen

        try:
            screen = ReplayScreen.open(path)
        except LogError as error:
            self.notify(str(error), title="Cannot replay", severity="error", timeout=12)
            return
        self._replay = screen
        self.push_screen(screen, self._replay_closed)

    def _replay_closed(self, _: None = None) -> None:
        self._replay = None

    def on_replay_screen_forked(self, message: ReplayScreen.Forked) -> None:
        """A session forked in the replay viewer carries on in the console."""
        from tabletop.tui.live import LiveSession
        from tabletop.tui.screens.replay import ReplayScreen

        if isinstance(self.screen, ReplayScreen):
            self.pop_screen()
        self._replay_closed()
        self._open(LiveSession(message.recorded))

    # Back to the start screen ------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start_screen":
            return self._control_alone()
        return True

    def _control_alone(self) -> bool:
        """The screen is one only Control sees: the console, the outcome, or the replay.

        Never a delegation's screen, the hand-over or the give-back: on the
        hot seat, only Control leaves the session.
        """
        screen = self.screen
        if not self.STARTS_OVER or isinstance(screen, StartScreen | ModalScreen):
            return False
        if screen is self._replay:
            return True
        if self.driver is None:
            return False
        # Loaded with the session: no import at start-up.
        from tabletop.tui.screens.console import ConsoleScreen
        from tabletop.tui.screens.outcome import OutcomeScreen

        return isinstance(screen, ConsoleScreen | OutcomeScreen)

    def on_request_start_screen(self, message: RequestStartScreen) -> None:
        if not self.STARTS_OVER:
            self.notify(
                "Seats have joined this session from other terminals: it stays open here. "
                "Ctrl+Q quits; the session is saved, and `tabletop host --resume LOG` "
                "carries it on with the same codes.",
                title="No start screen while hosting",
                severity="warning",
                timeout=10,
            )
        elif self._control_alone():
            self.action_start_screen()

    def action_start_screen(self) -> None:
        """Back to the start screen; a session that is not over is left once Control confirms."""
        from tabletop.tui.screens.confirm import ConfirmScreen, Question

        driver = self.driver
        if driver is None or driver.live.ended:
            self._back_to_start()
            return
        path = driver.live.path
        question = Question(
            "Leave this session for the start screen?",
            f"The session is saved in its log, {path}, and can be resumed from the "
            "start screen's recent sessions (or with `tabletop resume LOG`).",
            "Leave",
        )

        def answered(leave: bool | None) -> None:
            if leave and self.driver is driver:
                self._back_to_start()

        self.push_screen(ConfirmScreen(question), answered)

    def _back_to_start(self) -> None:
        """Close the session (its log's lock, clock and bots with it) and show the start screen."""
        driver, self.driver = self.driver, None
        if driver is not None:
            driver.close()
            path = driver.live.path
            self.left = [path, *(p for p in self.left if p != path)]
        while len(self.screen_stack) > 1 and not isinstance(self.screen, StartScreen):
            self.pop_screen()
        self._replay = None
        start = self.screen
        if isinstance(start, StartScreen):
            start.also = tuple(self.left)
        else:
            self.push_screen(self._start_screen())
        for screen in self._session_screens:
            self.uninstall_screen(screen)
            if screen.is_running:
                screen.remove()
        self._session_screens.clear()

    # From the session's screens ----------------------------------------------

    def on_request_act(self, message: RequestAct) -> None:
        message.stop()
        if self.driver is not None:
            self.driver.act(message.act)

    def on_request_handover(self, message: RequestHandover) -> None:
        if self.driver is not None:
            self.driver.hand_over(message.role)

    def on_request_hand_back(self, message: RequestHandBack) -> None:
        if self.driver is not None:
            self.driver.hand_back()

    def on_request_outcome(self, message: RequestOutcome) -> None:
        if self.driver is not None:
            self.driver.show_outcome()

    def action_help(self) -> None:
        from tabletop.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def on_unmount(self) -> None:
        if self.driver is not None:
            self.driver.close()


def new_session_app(
    exercise: Exercise,
    seats: dict[str, Seat],
    seed: int,
    path: Path,
    *,
    pace: float = DEFAULT_PACE,
    pin: str = "",
    rounds: int | None = None,
    seconds_per_turn: int | None = None,
) -> TabletopApp:
    """An app opened on the console of a new session; raises LogError if the log cannot be made.

    `pin`, if given, is Control's PIN to take the keyboard back from a delegation.
    """
    from tabletop.tui.live import create

    live = create(path, exercise, seed, seats, rounds=rounds, seconds_per_turn=seconds_per_turn)
    return TabletopApp(live, pace=pace, pin=pin)


def resumed_app(path: Path, *, pace: float = DEFAULT_PACE) -> TabletopApp:
    """An app opened where a logged session stands; raises LogError for an unusable log."""
    from tabletop.tui.live import resume

    live, notice = resume(path)
    return TabletopApp(live, pace=pace, notice=notice or "")


def run_app(app: TabletopApp) -> int:
    app.run()
    return app.return_code or 0


def run_start_screen(given: Sequence[Path] = ()) -> int:
    """`tabletop [PATH ...]`: the start screen, listing the exercises at `given` too."""
    return run_app(TabletopApp(given=given))
