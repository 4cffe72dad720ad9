"""A delegation's screen, built only from its `RoleView`: the view is the privacy boundary.

The app hands this screen a fresh view after every change; nothing here can
reach the session, so nothing another delegation knows can end up on it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Header, Input, TabbedContent, TabPane, TextArea

from tabletop.engine import RoleView
from tabletop.engine.acts import WalkOut
from tabletop.tui import keymap
from tabletop.tui.describe import PHASE_WORDS, actor_name, to_act
from tabletop.tui.messages import RequestAct, RequestHandBack
from tabletop.tui.pictures import delegation_picture
from tabletop.tui.screens import questions
from tabletop.tui.screens.confirm import ask
from tabletop.tui.turn_clock import TurnKey
from tabletop.tui.widgets.briefing import Briefing
from tabletop.tui.widgets.composer import Composer
from tabletop.tui.widgets.conversation import Conversation
from tabletop.tui.widgets.key_footer import KeyFooter
from tabletop.tui.widgets.news import News
from tabletop.tui.widgets.proposals import ProposalsTable
from tabletop.tui.widgets.status_bar import StatusBar
from tabletop.tui.widgets.timeline import Timeline


class DelegationScreen(Screen[None]):
    BINDINGS = keymap.DELEGATION

    # `var`, not `reactive`: the widgets it fills repaint themselves, where they change.
    view: var[RoleView | None] = var(None, always_update=True, init=False)
    remaining: var[int | None] = var(None, init=False)

    def __init__(self, view: RoleView, turn_key: TurnKey | None) -> None:
        super().__init__()
        self._first = view
        self._latest = view
        self.role = view.role.id
        self.turn_key = turn_key
        """The turn this delegation was called to the keyboard for; None when out of turn."""
        self._called = True
        """Set by a hand-over, so a dialog closing over the screen keeps the draft and tab."""

    def open_for(self, view: RoleView, turn_key: TurnKey | None, remaining: int | None) -> None:
        """Ready the screen for its delegation's next time at the keyboard.

        The app keeps one screen per delegation and shows it again, so its
        widgets are built once, not at every hand-over.
        """
        self.turn_key = turn_key
        self._latest = view
        self._called = True
        self.remaining = remaining
        if self.is_mounted:
            self.view = view

    def compose(self) -> ComposeResult:
        view = self._first
        exercise = view.exercise
        yield Header()
        yield StatusBar(id="status")
        with TabbedContent(initial="move" if view.my_turn else "briefing", id="delegation-tabs"):
            with TabPane("1 Briefing", id="briefing"):
                yield Briefing(id="papers")
            with TabPane("2 Table", id="table"):
                yield ProposalsTable(exercise, id="proposals")
            with TabPane("3 Move", id="move"):
                yield Composer(view, id="composer")
            with TabPane("4 Messages", id="messages"):
                yield Conversation(exercise, self.role, id="conversation")
            with TabPane("5 News", id="news"):
                yield News(id="notices")
            with TabPane("6 History", id="history"):
                yield Timeline(exercise, id="seen")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = self._first.role.label
        self.sub_title = self._first.exercise.title
        self.view = self._latest
        self.query_one(StatusBar).remaining = self.remaining

    def on_screen_resume(self) -> None:
        """Each time at the keyboard starts afresh: a clean form, on the pane that matters now."""
        view = self.view
        if view is None or not self._called:
            return
        self._called = False
        self.query_one(Composer).start_over()
        pane = "move" if view.my_turn else "briefing"
        self.query_one(TabbedContent).active = pane
        self.call_after_refresh(self._focus_pane, pane)

    def turn_came(self) -> bool:
        """The turn has come with the screen up (a seat at its own terminal, not a hand-over).

        The form offers the act the table waits for, unless it holds a draft,
        which is kept as it is; the tab stays where the player is reading.
        True when the form offers that act.
        """
        return self.is_mounted and self.query_one(Composer).turn_came()

    def watch_view(self, view: RoleView | None) -> None:
        if view is None:
            return
        picture = delegation_picture(view)
        if view.exercise is not self.query_one(Timeline).exercise:
            # An inject fired: the delegation's reading now tells it, and the widgets name it.
            self.query_one(ProposalsTable).exercise = view.exercise
            self.query_one(Conversation).exercise = view.exercise
            self.query_one(Timeline).exercise = view.exercise
        self.query_one(StatusBar).summary = _summary(view)
        self.query_one(Briefing).view = view
        self.query_one(ProposalsTable).picture = picture.table
        self.query_one(Composer).view = view
        self.query_one(Conversation).events = picture.events
        self.query_one(News).notices = picture.notices
        self.query_one(Timeline).events = picture.events

    def watch_remaining(self, remaining: int | None) -> None:
        if self.is_mounted:
            self.query_one(StatusBar).remaining = remaining

    def on_composer_submitted(self, event: Composer.Submitted) -> None:
        event.stop()
        act = event.act
        view = self.view
        if isinstance(act, WalkOut) and view is not None:
            # For good, and perhaps for everyone: said before, not after.
            ask(self.app, questions.walk_out(view), lambda: self.post_message(RequestAct(act)))
            return
        self.post_message(RequestAct(act))

    def action_send(self) -> None:
        self.query_one(TabbedContent).active = "move"
        self.query_one(Composer).send()

    def action_hand_back(self) -> None:
        """Esc: in a text field it leaves the field, never the seat; elsewhere it hands back."""
        if isinstance(self.focused, Input | TextArea):
            self.set_focus(None)
            return
        self.post_message(RequestHandBack())

    def action_tab(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane
        self._focus_pane(pane)

    def _focus_pane(self, pane: str) -> None:
        """Put the keyboard in the pane, so arrows and Page keys scroll it at once."""
        if pane == "move":
            self.query_one(Composer).focus_first()
            return
        widget = {
            "briefing": "#papers",
            "table": "#proposals DataTable",
            "messages": "#conversation",
            "news": "#notices",
            "history": "#seen",
        }[pane]
        self.query_one(widget).focus()


def _summary(view: RoleView) -> Text:
    text = Text()
    text.append(view.role.label, style="bold")
    text.append(f" · {PHASE_WORDS[view.phase]}")
    if view.round:
        text.append(f" · round {view.round}/{view.rounds}")
    text.append(f" · no deal {view.reservation}")
    if view.my_turn:
        verb = "sign or decline" if view.phase == "ratification" else "your turn"
        text.append(f" · {verb}", style="bold reverse")
    elif view.turn is not None:
        text.append(f" · {actor_name(view.exercise, view.turn)} {to_act(view.phase)}", style="dim")
    return text
