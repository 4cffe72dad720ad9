"""`tabletop join`: a delegation's screens (or the projector's) fed by a host over the network.

The same `DelegationScreen` as at the hot seat, given the `RoleView` rebuilt
from what the host sent; its acts go to the host, and a refusal comes back
with its reason and is shown as a local one is. The projector gets the
public table, the clock, public statements and news, and nothing else.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Header, Input, TabbedContent, TabPane

from tabletop.engine import Event, RoleView
from tabletop.engine.state import standing
from tabletop.engine.view import InjectNotice
from tabletop.exercise.model import Exercise
from tabletop.forms import FORM_OF, default_kind
from tabletop.net.client import Disconnected, JoinError, SeatClient
from tabletop.net.protocol import Picture, Refused
from tabletop.tui import keymap
from tabletop.tui.describe import PHASE_WORDS, actor_name, to_act
from tabletop.tui.literal import LiteralApp
from tabletop.tui.messages import RequestAct, RequestHandBack
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.seat_news import Tidings, turn_words
from tabletop.tui.widgets.key_footer import KeyFooter
from tabletop.tui.widgets.news import News
from tabletop.tui.widgets.proposals import ProposalsTable, TablePicture
from tabletop.tui.widgets.status_bar import StatusBar
from tabletop.tui.widgets.timeline import Timeline

OFFLINE = " · not connected: reconnecting…"
SEAT_HELP = ("At your own terminal", "Delegation screen", "Keys of your own")
"""The parts of the help that a network seat's player needs."""
SEAT_KEYS: list[BindingType] = [
    Binding("escape", "hand_back", "Leave the field", show=False, id="seat.leave_field")
]
PROJECTOR_KEYS: list[BindingType] = [
    Binding("1", "tab('table')", "Table", show=False, id="projector.tab_table"),
    Binding("2", "tab('news')", "News", show=False, id="projector.tab_news"),
    Binding("3", "tab('history')", "History", show=False, id="projector.tab_history"),
]


class SeatScreen(DelegationScreen):
    """The delegation's screen at its own terminal: there is no keyboard to hand back.

    Esc still leaves a text field; the footer does not offer a hand-back.
    """

    BINDINGS = SEAT_KEYS


class ProjectorScreen(Screen[None]):
    """The public table for the room's screen: proposals, the clock, statements and news."""

    BINDINGS = PROJECTOR_KEYS

    picture: var[Picture | None] = var(None, always_update=True, init=False)

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        self.exercise = exercise
        self.events: tuple[Event, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusBar(id="status")
        with TabbedContent(initial="table", id="projector-tabs"):
            with TabPane("1 Table", id="table"):
                yield ProposalsTable(self.exercise, id="proposals")
            with TabPane("2 News", id="news"):
                yield News(id="notices")
            with TabPane("3 History", id="history"):
                yield Timeline(self.exercise, id="seen")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = self.exercise.title
        self.sub_title = "The table"

    def show(self, exercise: Exercise, picture: Picture, events: tuple[Event, ...]) -> None:
        self.exercise = exercise
        self.query_one(ProposalsTable).exercise = exercise
        self.query_one(Timeline).exercise = exercise
        self.events = events
        self.query_one(StatusBar).summary = _public_summary(exercise, picture)
        self.query_one(StatusBar).remaining = picture.remaining
        self.query_one(ProposalsTable).picture = TablePicture(
            proposals=tuple(picture.proposals),
            standings={
                p.id: standing(p, picture.phase, picture.conclusion) for p in picture.proposals
            },
        )
        self.query_one(News).notices = _public_notices(exercise, events)
        self.query_one(Timeline).events = events

    def action_tab(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane


def _public_summary(exercise: Exercise, picture: Picture) -> Text:
    text = Text()
    text.append(exercise.title, style="bold")
    text.append(f" · {PHASE_WORDS[picture.phase]}")
    if picture.round:
        text.append(f" · round {picture.round}/{picture.rounds}")
    if picture.turn is not None:
        text.append(f" · {actor_name(exercise, picture.turn)} {to_act(picture.phase)}")
    return text


def _public_notices(exercise: Exercise, events: tuple[Event, ...]) -> tuple[InjectNotice, ...]:
    notices = []
    for event in events:
        if event.kind == "inject_fired":
            inject = exercise.inject(event.payload["inject"])
            notices.append(InjectNotice(inject.id, inject.title, inject.text, None, event.seq))
    return tuple(notices)


class SeatApp(LiteralApp[None]):
    """One seat of a hosted session, in this terminal."""

    CSS_PATH = "app.tcss"
    TITLE = "tabletop"
    BINDINGS = keymap.APP

    def __init__(self, client: SeatClient) -> None:
        super().__init__()
        self.client = client
        client.on_update = self._updated
        client.on_notice = self._notice
        self._screen: DelegationScreen | ProjectorScreen | None = None
        self._drawn = False
        """Whether the seat's screen is built, so that updates can reach its widgets."""
        self._told: Tidings | None = None
        """What the player has been told, so that each thing is told once."""
        self.ending = ""
        """Why the seat closed, if the host closed it for good; printed after the app."""

    def on_mount(self) -> None:
        self._receive()
        self.set_interval(1, self._tick)
        if self.client.picture is not None:
            self._updated()

    @work(exclusive=True, group="receive")
    async def _receive(self) -> None:
        try:
            await self.client.run()
        except JoinError as error:
            self.ending = str(error)
            self.exit(return_code=1)
            return
        picture = self.client.picture
        # A delegation was told the end with its outcome; the projector, or an abort, not yet.
        if picture is None or picture.role is None or picture.conclusion is None:
            self.notify("The session has ended; the host has closed it.", title="Ended", timeout=30)

    def _updated(self) -> None:
        client = self.client
        exercise, picture = client.exercise, client.picture
        if exercise is None or picture is None:
            return
        events = tuple(client.events)
        if picture.role is None:
            if not isinstance(self._screen, ProjectorScreen):
                self._show(ProjectorScreen(exercise))
            elif self._drawn:
                self._screen.show(exercise, picture, events)
            return
        view = client.view()
        if not isinstance(self._screen, DelegationScreen):
            # Built on what is so now, the turn's own act included: nothing to tell.
            self._told = Tidings(view)
            self._show(SeatScreen(view, None))
            return
        if not self._drawn or self._told is None:
            return
        self._screen.view = view
        self._screen.remaining = picture.remaining
        self._tell(self._screen, self._told, view)

    def _show(self, screen: DelegationScreen | ProjectorScreen) -> None:
        """Put the seat's screen up; updates that come before it is built wait for it.

        A second update can arrive while the screen is still being built (the
        clock's reading, another act): it must not reach widgets not yet there.
        """
        self._screen = screen
        self._drawn = False
        mounting = self.push_screen(screen)

        async def drawn() -> None:
            await mounting
            self._drawn = True
            self._updated()

        self.run_worker(drawn(), group="screen")

    def _tell(self, screen: DelegationScreen, told: Tidings, view: RoleView) -> None:
        """What the player must not miss: its turn (a bell, and the form on the act it owes),
        a private message to it, news, a changed reservation, the end."""
        for tiding in told.since(view):
            timeout = 3600 if tiding.lasting else 10
            self.notify(tiding.text, title=tiding.title, timeout=timeout)
        if not told.turn_came(view):
            return
        ready = screen.turn_came()
        wanted = FORM_OF[default_kind(view.legal)].label
        kept = "" if ready else f" Your draft is kept: send it, or choose «{wanted}» under Act."
        self.bell()
        self.notify(f"{turn_words(view)} (3 Move).{kept}", title="Your turn", timeout=10)

    def _tick(self) -> None:
        """One second of the turn clock, counted here between the host's readings."""
        picture = self.client.picture
        if picture is None or picture.phase == "paused" or not self._drawn:
            return
        screen = self._screen
        if isinstance(screen, DelegationScreen) and screen.remaining:
            screen.remaining -= 1
        elif isinstance(screen, ProjectorScreen):
            status = screen.query_one(StatusBar)
            if status.remaining:
                status.remaining -= 1

    def _notice(self, line: str) -> None:
        """The connection dropped or came back: said once, and shown in the header meanwhile."""
        self.notify(line, title="Connection", severity="warning")
        screen = self._screen
        if screen is not None:
            shown = (screen.sub_title or "").removesuffix(OFFLINE)
            screen.sub_title = shown if self.client.connected else shown + OFFLINE

    def action_help(self) -> None:
        from tabletop.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(SEAT_HELP))

    def on_request_act(self, message: RequestAct) -> None:
        message.stop()
        self._send(message)

    @work(group="acts")
    async def _send(self, message: RequestAct) -> None:
        try:
            answer = await self.client.act(message.act)
        except Disconnected as lost:
            self.notify(str(lost), title="Not sent", severity="warning")
            return
        if isinstance(answer, Refused):
            self.notify(answer.reason, title="Not allowed", severity="warning")
            return
        # Its events came before the ack, and emptied the text: the number keys switch
        # tabs again, rather than start a new text in the emptied field.
        focused = self.focused
        if isinstance(focused, Input) and not focused.value:
            self.screen.set_focus(None)

    def on_request_hand_back(self, message: RequestHandBack) -> None:
        """At one's own terminal there is no keyboard to give back."""
        message.stop()
        self.notify("This terminal is your delegation's own: Ctrl+Q leaves.", timeout=4)

    async def on_unmount(self) -> None:
        await self.client.close()
