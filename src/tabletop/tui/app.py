"""The tabletop app: the start screen, and the live session it opens.

Screens post what the user wants as messages; the app passes session acts
to the `Driver`, the one part of the UI that touches a session. The driver
and everything a session needs are imported only when a session opens, so
the start screen is up before the engine, pydantic models and numpy load.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.screen import Screen

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
    BINDINGS = keymap.APP
    COMMANDS = App.COMMANDS | {TabletopCommands}

    def __init__(
        self,
        live: LiveSession | None = None,
        *,
        pace: float = DEFAULT_PACE,
        notice: str = "",
        pin: str = "",
    ) -> None:
        super().__init__()
        self.pace = pace
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
        if self.initial is None:
            return StartScreen()
        return self._drive(self.initial).console()

    def on_mount(self) -> None:
        keymap.apply_user_keymap(self, self.user_keys, self._keymap_problems)
        if not self.is_headless and sys.__stdin__ is not None and sys.__stdin__.isatty():
            self.set_interval(1, self._check_terminal)
        if self.driver is not None:
            self.driver.start(self._notice)

    def _check_terminal(self) -> None:
        """Leave once the terminal is closed.

        Closing a terminal hangs it up, but only the processes it tells (by
        SIGHUP) go with it: one started by `make run` is not told, and would
        go on reading an empty terminal at full speed, holding its log.
        Everything acknowledged is already in the log.
        """
        if sys.__stdin__ is None or not sys.__stdin__.isatty():
            self.exit(return_code=129)  # 128 + SIGHUP, as if it had been told

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
        self.push_screen(screen)

    def on_replay_screen_forked(self, message: ReplayScreen.Forked) -> None:
        """A session forked in the replay viewer carries on in the console."""
        from tabletop.tui.live import LiveSession
        from tabletop.tui.screens.replay import ReplayScreen

        if isinstance(self.screen, ReplayScreen):
            self.pop_screen()
        self._open(LiveSession(message.recorded))

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


def run_start_screen() -> int:
    """`tabletop` with no command: the start screen."""
    return run_app(TabletopApp())
