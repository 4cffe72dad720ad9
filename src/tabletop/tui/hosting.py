"""`tabletop host` with a console: the app as `play` opens it, and a host beside it.

The console, the hot seat and the host's bots act through the same
`LiveSession` as ever; acts from remote seats come in through the host and
go through it too, so the log has one writer. Every act the live session
commits is sent on to the seats. The human seats start out played from
other terminals; Control sees the codes and who is connected in the seats
panel (F2, over the console only) and can hand a seat whose terminal is
gone to a bot or to the hot seat.
"""

from __future__ import annotations

from pathlib import Path

from textual import events, on

from tabletop.bots import make_bot
from tabletop.engine.acts import Act
from tabletop.net.codes import Codes
from tabletop.net.host import Host, reachable
from tabletop.net.protocol import PROJECTOR
from tabletop.tui import DEFAULT_PACE, keymap
from tabletop.tui.app import TabletopApp
from tabletop.tui.live import LiveSession
from tabletop.tui.screens.console import ConsoleScreen
from tabletop.tui.screens.seats import SeatLine, SeatsScreen

CLOCK_SYNC = 5.0
"""Seconds between the clock readings sent to every seat."""
HANDED_BOT = "linear"
"""The strategy of a bot Control hands an abandoned seat to."""


class HostedApp(TabletopApp):
    BINDINGS = keymap.HOST
    STARTS_OVER = False  # the seats joined this session: the console stays with it

    def __init__(
        self,
        live: LiveSession,
        codes: Codes,
        store: Path,
        bind: str,
        port: int,
        *,
        pace: float = DEFAULT_PACE,
        notice: str = "",
    ) -> None:
        super().__init__(live, pace=pace, notice=notice)
        self.live = live
        self.codes = codes
        self.store = store
        self.listen_on = bind
        self.port = port
        self.address = ""
        self.ending = ""
        """Why the host could not run, printed once the app has closed."""
        live.remote = set(live.humans)
        self.host = Host(
            live.session,
            codes,
            apply=self._apply,
            console=self._console,
            remaining=self._remaining,
            on_seats=self._seats_changed,
            presence=self._presence,
        )
        live.listeners.append(self._committed)
        self._panel: SeatsScreen | None = None
        self._finishing = False

    @on(events.Mount)
    async def _listen(self) -> None:
        try:
            port = await self.host.start(self.listen_on, self.port)
        except OSError as error:
            why = error.strerror or error
            self.ending = f"cannot listen on {self.listen_on}:{self.port}: {why}"
            self.exit(return_code=1)
            return
        self.address = reachable(self.listen_on, port)
        if self.live.exercise.schedule.seconds_per_turn:
            # Seats count the clock down themselves, between events; this keeps
            # them in step with the console's clock.
            self.set_interval(CLOCK_SYNC, self.host.clock_changed)
        self.call_after_refresh(self.action_seats)
        self._committed()

    @on(events.Unmount)
    async def _stop_listening(self) -> None:
        await self.host.close()

    def _committed(self) -> None:
        """An act is in the log: every seat is sent it; at the end, the seats are let go."""
        self.host.publish()
        if self.live.ended and not self._finishing:
            self._finishing = True
            self.run_worker(self.host.finish(), group="host")

    def _apply(self, act: Act) -> object:
        events = self.live.apply(act)
        if self.driver is not None:
            self.driver.follow()
        return events

    def _remaining(self) -> int | None:
        clock = self.driver.clock if self.driver is not None else None
        return clock.shown if clock is not None else None

    def _console(self, line: str) -> None:
        self.notify(line, title="Seats", timeout=8)

    def _presence(self, line: str) -> None:
        """A seat joined or left: the seats panel shows it if open, where a toast would cover it.

        Once the session has ended the host lets every seat go: no toast each.
        """
        if self._panel is None and not self._finishing:
            self._console(line)

    # The seats panel ----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "seats":
            return isinstance(self.screen, ConsoleScreen)
        return super().check_action(action, parameters)

    def action_seats(self) -> None:
        if isinstance(self.screen, ConsoleScreen):
            self._panel = SeatsScreen(self.address, self._lines())
            self.push_screen(self._panel, lambda _: self._panel_closed())

    def _panel_closed(self) -> None:
        self._panel = None

    def _seats_changed(self) -> None:
        if self._panel is not None:
            self._panel.lines = self._lines()

    def _lines(self) -> tuple[SeatLine, ...]:
        live, host = self.live, self.host
        lines = []
        for role in live.exercise.role_ids:
            if live.header.seats[role].kind != "human":
                continue
            if role in host.seats:
                state = "connected"
            elif role in live.bots:
                state = f"bot ({HANDED_BOT})"
            elif role in live.remote:
                state = "waiting"
            else:
                state = "hot seat"
            name = live.exercise.role(role).name
            lines.append(SeatLine(role, name, self.codes[role], state))
        watching = f"{len(host.projectors)} connected"
        lines.append(SeatLine(PROJECTOR, "Projector", self.codes[PROJECTOR], watching))
        return tuple(lines)

    async def on_seats_screen_asked(self, message: SeatsScreen.Asked) -> None:
        seat, live = message.seat, self.live
        if message.what == "reissue":
            await self.host.reissue(seat)
            try:
                self.codes.save(self.store)
            except OSError as error:
                self.notify(f"{self.store}: {error.strerror}", title="Codes not kept")
        elif seat == PROJECTOR or seat not in live.remote:
            self.notify("Only a seat played from another terminal can be handed over.")
        elif seat in self.host.seats:
            self.notify("Its terminal is connected: hand over a seat whose terminal is gone.")
        else:
            live.remote.discard(seat)
            self.host.retired.add(seat)
            if message.what == "bot":
                live.bots[seat] = make_bot(HANDED_BOT)
            if self.driver is not None:
                self.driver.follow()
        self._seats_changed()
