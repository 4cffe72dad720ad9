"""The control console: the facilitator's view of everything, and every act of Control.

Each act is a key binding (and a button), dimmed when the engine's
`legal_acts("control")` says no; its key pressed anyway says why. An act
that cannot be taken back (skip, add a round, end, abort) asks first. The
screen shows a `ControlPicture` set by the app and posts `RequestAct` up; it
never changes the session itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Header, Static, TabbedContent, TabPane

from tabletop.engine.acts import (
    CONTROL_KINDS,
    Abort,
    Act,
    ActKind,
    Advance,
    Annotate,
    End,
    ExtendRounds,
    FireInject,
    Pause,
    Resume,
    SkipTurn,
    Start,
)
from tabletop.engine.phases import ENDED_PHASES
from tabletop.narration.plain import plain
from tabletop.tui import keymap
from tabletop.tui.describe import actor_name
from tabletop.tui.hidden import hidden
from tabletop.tui.messages import (
    RequestAct,
    RequestHandover,
    RequestOutcome,
    RequestStartScreen,
)
from tabletop.tui.pictures import ControlPicture
from tabletop.tui.screens import questions
from tabletop.tui.screens.choice import ChoiceScreen
from tabletop.tui.screens.confirm import ask
from tabletop.tui.screens.console_status import control_summary
from tabletop.tui.screens.text_prompt import TextPrompt
from tabletop.tui.widgets.action_panel import ActionPanel
from tabletop.tui.widgets.delegations import DelegationRows, Delegations
from tabletop.tui.widgets.inject_list import InjectList, InjectStatus
from tabletop.tui.widgets.key_footer import KeyFooter
from tabletop.tui.widgets.proposals import ProposalsTable
from tabletop.tui.widgets.status_bar import StatusBar
from tabletop.tui.widgets.timeline import Timeline

ACT_OF_ACTION: dict[str, ActKind] = {kind: kind for kind in CONTROL_KINDS}
"""Console action → the kind of Control act in `legal_acts("control")` that allows it."""

ASKS_FIRST = frozenset({"inject", "annotate", "end", "abort"})
"""Console actions that open a dialog before anything happens: their buttons end in "…"."""


def panel(keys: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """The action panel's buttons, from the console's bindings: (action, label, key shown).

    `keys` maps binding ids to the keys shown (see `keymap.shown_keys`), so a
    remapped key shows on its button as in the footer and the help.
    """
    return [
        (
            binding.action,
            binding.description + ("…" if binding.action in ASKS_FIRST else ""),
            keys[binding.id],
        )
        for binding in keymap.CONSOLE
        if isinstance(binding, Binding) and binding.show and binding.id is not None
    ]


class ConsoleScreen(Screen[None]):
    BINDINGS = keymap.CONSOLE

    # `var`, not `reactive`: the widgets it fills repaint themselves, where they change.
    picture: var[ControlPicture | None] = var(None, always_update=True, init=False)
    remaining: var[int | None] = var(None, init=False)
    humans: tuple[str, ...] = ()

    def __init__(self, picture: ControlPicture, humans: tuple[str, ...]) -> None:
        super().__init__()
        self._first = picture
        self.humans = humans
        self._shown: ControlPicture | None = None
        self._was_blocked: dict[str, str] | None = None
        self.actions: list[tuple[str, str, str]] = []
        """The action panel's buttons, with the keys shown as the user's keymap has them."""

    def compose(self) -> ComposeResult:
        exercise = self._first.exercise
        self.actions = panel(keymap.shown_keys(self.app))
        yield Header()
        yield StatusBar(id="status")
        with Horizontal(id="console-body"):
            with TabbedContent(id="console-tabs"):
                with TabPane("1 Table", id="table"):
                    yield ProposalsTable(exercise, id="proposals")
                with TabPane("2 Timeline", id="timeline"):
                    yield Timeline(exercise, id="events")
                with TabPane("3 Injects", id="injects"), VerticalScroll(id="inject-scroll"):
                    yield InjectList(exercise, id="inject-list")
                with TabPane("4 Delegations", id="delegations"):
                    yield Delegations(exercise, id="delegation-rows")
                    yield Static(
                        Text(f"Session log: {self._first.path}", style="dim"), id="log-path"
                    )
            yield ActionPanel(self.actions, id="actions")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "Control"
        self.sub_title = self._first.exercise.title
        self.picture = self._first
        self.app.screen_change_signal.subscribe(self, self._catch_up)
        self.call_after_refresh(self._focus_pane, "table")

    # Data down ---------------------------------------------------------------

    def watch_picture(self, picture: ControlPicture | None) -> None:
        if picture is not None and not hidden(self):
            self._show(picture)

    def _catch_up(self, _: Screen[object]) -> None:
        """A hidden console waits; it catches up when the screens above it go."""
        picture = self.picture
        if picture is not None and picture is not self._shown and not hidden(self):
            self._show(picture)

    def _show(self, picture: ControlPicture) -> None:
        self._shown = picture
        state = picture.state
        self.query_one(StatusBar).summary = control_summary(picture, self.humans)
        self.query_one(ProposalsTable).picture = picture.table
        self.query_one(Timeline).events = picture.events
        self.query_one(InjectList).status = InjectStatus(
            fired=tuple(state.fired), ready=picture.legal.injects
        )
        self.query_one(Delegations).picture = DelegationRows(
            seats=picture.seats,
            reservations=state.reservations,
            leading=picture.scores.get(picture.leading, {}) if picture.leading else {},
            walked_out=tuple(state.walked_out),
            turn=state.turn,
        )
        blocked = {
            action: reason
            for action, _, _ in self.actions
            if (reason := self._blocked(action)) is not None
        }
        if blocked != self._was_blocked:
            # The footer rebuilds itself on every refresh: only when something changed.
            self._was_blocked = blocked
            self.query_one(ActionPanel).blocked = blocked
            self.refresh_bindings()

    def watch_remaining(self, remaining: int | None) -> None:
        # The clock ticks on a timer, which may fire while the app is taking the screen down.
        for bar in self.query(StatusBar):
            bar.remaining = remaining

    # Legality ----------------------------------------------------------------

    def _blocked(self, action: str) -> str | None:
        """Why an action is off now, or None; every reason comes from the engine's answer."""
        picture = self.picture
        if picture is None:
            return "no session"
        kind = ACT_OF_ACTION.get(action)
        if kind is not None:
            if kind in picture.legal:
                return None
            return picture.legal.reasons.get(kind, "not possible now")
        if action == "hand_over":
            if picture.state.phase in ENDED_PHASES:
                return "the session is over"
            return None if self.humans else "every delegation is played by a bot"
        if action == "outcome":
            return None if picture.state.phase in ENDED_PHASES else "the talks are not over"
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim what is impossible now (None), hide the one of pause/resume that is not meant."""
        if action == "pause" and self._blocked("pause") and not self._blocked("resume"):
            return False
        if action == "resume" and self._blocked("resume"):
            return False
        if action in ACT_OF_ACTION or action in ("hand_over", "outcome"):
            return None if self._blocked(action) else True
        return True

    def on_key(self, event: events.Key) -> None:
        """A dimmed act's key does nothing by itself: say why, as a refused act would."""
        active = self.active_bindings.get(event.key)
        if active is None or active.enabled or active.node is not self:
            return
        reason = self._blocked(active.binding.action)
        if reason is not None:
            event.stop()
            self.notify(
                _sentence(reason),
                title=f"{active.binding.description}: not now",
                severity="warning",
            )

    # Actions -----------------------------------------------------------------

    def _send(self, act: Act) -> None:
        self.post_message(RequestAct(act))

    def action_start(self) -> None:
        self._send(Start())

    def action_advance(self) -> None:
        self._send(Advance())

    def action_pause(self) -> None:
        self._send(Pause())

    def action_resume(self) -> None:
        self._send(Resume())

    def action_extend(self) -> None:
        picture = self.picture
        if picture is not None:
            ask(
                self.app,
                questions.add_round(picture.state),
                lambda: self._send(ExtendRounds(rounds=1)),
            )

    def action_skip(self) -> None:
        picture = self.picture
        if picture is None or picture.state.turn is None:
            return
        turn = picture.state.turn

        def skip() -> None:
            # The bots wait while the question is open, but a person's clock does not.
            now = self.picture
            if now is None or now.state.turn != turn:
                who = actor_name(picture.exercise, turn)
                self.notify(
                    f"{who} is no longer to move: nothing was skipped.",
                    title="The table moved on",
                    severity="information",
                )
            else:
                self._send(SkipTurn())

        ask(self.app, questions.skip(picture.exercise, picture.state, turn), skip)

    def action_outcome(self) -> None:
        self.post_message(RequestOutcome())

    def action_start_screen(self) -> None:
        self.post_message(RequestStartScreen())

    def action_instructor_pack(self) -> None:
        from tabletop.tui.screens.instructor import InstructorPackScreen

        self.app.push_screen(InstructorPackScreen(self._first.exercise))

    def action_tab(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane
        self._focus_pane(pane)

    def _focus_pane(self, pane: str) -> None:
        """Put the keyboard in the pane, so arrows and Page keys work in it at once."""
        widget = {
            "table": "#proposals DataTable",
            "timeline": "#events",
            "injects": "#inject-scroll",
            "delegations": "#delegation-rows",
        }[pane]
        self.query_one(widget).focus()

    def action_inject(self) -> None:
        picture = self.picture
        if picture is None:
            return
        choices = [
            (i.id, f"{i.title} — {plain(i.text)}")
            for i in picture.exercise.injects
            if i.id in picture.legal.injects
        ]
        self.app.push_screen(
            ChoiceScreen("Fire which inject?", choices, "Every delegation is told at once."),
            self._fire,
        )

    def _fire(self, inject: str | None) -> None:
        if inject:
            self._send(FireInject(inject=inject))

    def action_annotate(self) -> None:
        self.app.push_screen(
            TextPrompt(
                "A note for the debrief (only Control sees it)",
                placeholder="what happened, what to ask about…",
                confirm="Save note",
                required=True,
            ),
            self._annotate,
        )

    def _annotate(self, text: str | None) -> None:
        if text:
            self._send(Annotate(text=text))

    def action_end(self) -> None:
        self.app.push_screen(
            TextPrompt(
                "End the talks now? The outcome is decided as a breakdown.",
                placeholder="reason (optional)",
                confirm="End the talks",
                danger=True,
            ),
            self._end,
        )

    def _end(self, reason: str | None) -> None:
        if reason is not None:
            ask(self.app, questions.end(reason), lambda: self._send(End(reason=reason)))

    def action_abort(self) -> None:
        self.app.push_screen(
            TextPrompt(
                "Abort the session? It ends with no outcome and no scores.",
                placeholder="reason (optional)",
                confirm="Abort the session",
                danger=True,
            ),
            self._abort,
        )

    def _abort(self, reason: str | None) -> None:
        if reason is not None:
            ask(self.app, questions.abort(reason), lambda: self._send(Abort(reason=reason)))

    def action_hand_over(self) -> None:
        picture = self.picture
        if picture is None or not self.humans:
            return
        state = picture.state
        present = [r for r in self.humans if r not in state.walked_out]
        if present == [state.turn]:
            self.post_message(RequestHandover(present[0]))
            return
        choices = [
            (r, picture.exercise.role(r).title + (" — to move" if r == state.turn else ""))
            for r in sorted(present, key=lambda r: r != state.turn)
        ]
        self.app.push_screen(
            ChoiceScreen(
                "Hand the keyboard to which delegation?",
                choices,
                "Out of turn: read papers, message, or walk out; no turn is used.",
            ),
            self._hand_over,
        )

    def _hand_over(self, role: str | None) -> None:
        if role:
            self.post_message(RequestHandover(role))

    def palette_commands(self) -> Iterable[tuple[str, str, Act]]:
        """Acts worth a command of their own in the palette: one per inject ready to fire."""
        picture = self.picture
        if picture is None:
            return
        for inject in picture.exercise.injects:
            if inject.id in picture.legal.injects:
                yield (
                    f"Fire inject: {inject.title}",
                    plain(inject.text),
                    FireInject(inject=inject.id),
                )


def _sentence(reason: str) -> str:
    """The engine's reason as a sentence of its own."""
    return reason[:1].upper() + reason[1:] + ("" if reason.endswith(".") else ".")
