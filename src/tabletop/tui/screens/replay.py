"""The replay viewer: step through a session log as Control or as one delegation.

The screen opens at once on the log's header; a worker reads the log in one
pass, checking its chain and rules (`ReplayLog`), and the cursor moves over
what has been checked so far while the status line counts it. A damaged log
is replayed up to its first untrustworthy line, with a banner saying where
that is. What each viewer sees at the cursor is a `Moment` (`tui.moment`). From any event,
"fork here" starts a new log that continues from it and hands it up in a
`ReplayScreen.Forked` message: the live app opens its console on it; the
stand-alone `ReplayApp` ends with its path, and `tabletop replay` opens the
live console on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.markdown import Markdown
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static, TabbedContent, TabPane

from tabletop import collector
from tabletop.engine import SessionState
from tabletop.exercise.model import CONTROL, Exercise
from tabletop.log import LogError, RecordedSession
from tabletop.log.cursor import ReplayCursor
from tabletop.log.fork import fork, fork_path, fork_refusal
from tabletop.log.replay_log import ReplayLog
from tabletop.log.trust import breach_notice
from tabletop.tui import keymap
from tabletop.tui.literal import LiteralApp, literal
from tabletop.tui.moment import Moment, moment, status
from tabletop.tui.screens.choice import ChoiceScreen
from tabletop.tui.screens.replay_prompt import ReplayPrompt
from tabletop.tui.widgets.briefing import Briefing
from tabletop.tui.widgets.news import News
from tabletop.tui.widgets.proposals import ProposalsTable
from tabletop.tui.widgets.score_chart import ScoreChart
from tabletop.tui.widgets.status_bar import StatusBar
from tabletop.tui.widgets.timeline import Timeline

STYLES = Path(__file__).resolve().parent.parent
"""Where the app's style sheets are."""


class ReplayScreen(Screen[None]):
    """The replay of one log, checked as it is read; open one with `ReplayScreen.open(path)`."""

    CSS_PATH = STYLES / "replay.tcss"
    BINDINGS: ClassVar[list[BindingType]] = keymap.REPLAY

    class Forked(Message):
        """A fork of the replayed log was created: whoever hosts the screen carries it on."""

        def __init__(self, recorded: RecordedSession) -> None:
            super().__init__()
            self.recorded = recorded

    def __init__(self, log: ReplayLog, viewer: str = CONTROL) -> None:
        super().__init__()
        self.source = log
        self.exercise = log.header.session_exercise
        self.cursor = ReplayCursor(log)
        self.viewer = viewer
        self._papers = ""
        self._ticker: Timer | None = None
        self._gone = False
        """Unmounted: what the checking thread posts afterwards finds no screen to set."""
        self._now: tuple[tuple[int, int, bool, bool, str], Moment] | None = None

    @classmethod
    def open(cls, path: Path) -> ReplayScreen:
        """A replay of the log at `path`; raises LogError (with a message) if its header
        cannot be trusted. The events are read and checked once the screen is up."""
        return cls(ReplayLog(path))

    @property
    def state(self) -> SessionState:
        """The session as it stood at the cursor."""
        return self.cursor.session.state

    def compose(self) -> ComposeResult:
        control = self.viewer == CONTROL
        yield StatusBar(id="replay-status")
        yield Static(id="replay-event")
        if self.source.problem is not None:
            yield self._damage()
        # The live screens' numbers: Control's 1-3 as on the console (4 and 5
        # the replay's own), a delegation's as on its screen (no 3 Move, 7 the chart).
        with TabbedContent(id="replay-tabs"):
            if control:
                with TabPane("1 Table", id="tab-1"):
                    yield ProposalsTable(self.exercise, id="replay-table")
                with TabPane("2 Timeline", id="tab-2"):
                    yield ReplayTimeline(self.exercise, id="replay-timeline")
                with TabPane("3 Injects", id="tab-3"):
                    yield News(id="replay-news")
                with TabPane("4 Papers", id="tab-4"), VerticalScroll(id="replay-papers"):
                    yield Static(id="replay-papers-text")
                with TabPane("5 Chart", id="tab-5"):
                    yield ScoreChart(id="replay-chart")
            else:
                with TabPane("1 Briefing", id="tab-1"):
                    yield Briefing(id="replay-briefing")
                with TabPane("2 Table", id="tab-2"):
                    yield ProposalsTable(self.exercise, id="replay-table")
                with TabPane("4 Messages", id="tab-4"):
                    yield ReplayTimeline(self.exercise, id="replay-messages")
                with TabPane("5 News", id="tab-5"):
                    yield News(id="replay-news")
                with TabPane("6 History", id="tab-6"):
                    yield ReplayTimeline(self.exercise, id="replay-timeline")
                with TabPane("7 Chart", id="tab-7"):
                    yield ScoreChart(id="replay-chart")
        yield Footer()

    def _damage(self) -> Static:
        assert self.source.problem is not None
        notice = breach_notice(self.source.problem, self.source.count)
        return Static(literal(notice), id="replay-damage")

    def on_mount(self) -> None:
        self.show()
        if not self.source.done:
            # Seconds for a million events: meanwhile the cursor moves over what is
            # checked, and the status line counts it.
            self._ticker = self.set_interval(0.5, self._checking)
            self.run_worker(self._read, thread=True, exit_on_error=False)

    def on_unmount(self) -> None:
        # A thread cannot be cancelled: the pass is asked to stop, or it would
        # go on checking a log no one is looking at. One that ends anyway, in
        # its last stretch, finds the screen gone and leaves it be.
        self._gone = True
        self.source.stop()
        if self.source.done:
            collector.let_go()

    def _read(self) -> None:
        try:
            self.source.read()
        except LogError as error:
            self.app.call_from_thread(self._unreadable, str(error))
            return
        if self.source.done:  # not stopped: the screen is still there
            self.app.call_from_thread(self._checked)

    def _checking(self) -> None:
        self.query_one("#replay-status", StatusBar).summary = status(
            self.cursor, self.state, self.viewer
        )

    def _checked(self) -> None:
        if self._gone:
            return
        self._stop_ticker()
        if self.source.problem is not None:
            self.mount(self._damage(), before="#replay-tabs")
        self.show()
        # Checkpoints and indexes live as long as the screen: why is `collector`'s to say.
        collector.keep_alive()

    def _unreadable(self, reason: str) -> None:
        if self._gone:
            return
        self._stop_ticker()
        self.notify(reason, title="Cannot read the log", severity="error", timeout=12)
        self.show()

    def _stop_ticker(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()

    def show(self) -> None:
        """Set the picture at the cursor on the status lines and the open tab's widgets.

        A hidden tab's widgets are set when it is opened: at every step, a
        scoreboard, two timelines and a chart no one sees would cost a frame.
        """
        # Opening a tab leaves the moment as it was: it is worked out again only when it moved.
        source = self.source
        at = (self.cursor.position, self.cursor.total, source.done, source.halted, self.viewer)
        if self._now is None or self._now[0] != at:
            try:
                self._now = (at, moment(self.cursor, self.viewer))
            except LogError as error:
                self.notify(str(error), title="Cannot read the log", severity="error", timeout=12)
                return
        now = self._now[1]
        self.query_one("#replay-status", StatusBar).summary = now.status
        self.query_one("#replay-event", Static).update(now.current)
        pane = self.query_one(TabbedContent).active_pane
        if pane is None:
            return
        for widget in pane.query("*"):
            match widget:
                case ProposalsTable():
                    widget.picture = now.table
                case Timeline(id="replay-messages"):
                    widget.events = now.messages
                case Timeline():
                    widget.events = now.events
                case News():
                    widget.notices = now.notices
                case ScoreChart():
                    widget.data = now.chart
                case Briefing():
                    widget.view = now.view
                case Static(id="replay-papers-text") if now.papers != self._papers:
                    # Papers change only when an inject does; rendering Markdown costs a frame.
                    self._papers = now.papers
                    widget.update(Markdown(now.papers))

    def on_tabbed_content_tab_activated(self) -> None:
        self.show()

    # Moving ------------------------------------------------------------------

    def move_to(self, position: int) -> None:
        try:
            self.cursor.move_to(position)
        except LogError as error:
            self.notify(str(error), title="Cannot read the log", severity="error", timeout=12)
            return
        self.show()

    def action_step(self, steps: int) -> None:
        self.move_to(self.cursor.position + steps)

    def action_jump(self, position: int) -> None:
        self.move_to(self.cursor.total if position < 0 else position)

    def action_round(self, direction: int) -> None:
        target = self.cursor.neighbour_round(direction)
        if target is None:
            self.notify("No round starts that way.", severity="warning")
            return
        self.move_to(target)

    def action_ask_event(self) -> None:
        total = self.cursor.total

        def check(answer: str) -> str | None:
            if not answer.isdigit() or int(answer) > total:
                return f"An event number from 0 to {total}, please."
            return None

        question = f"Go to event (0 to {total}; 0 is before the first):"
        self.app.push_screen(ReplayPrompt(question, check), self._go_to_event)

    def _go_to_event(self, answer: str | None) -> None:
        if answer is not None:
            self.move_to(int(answer))

    def action_ask_round(self) -> None:
        started = self.cursor.rounds_started()
        if not started:
            self.notify("No round started in this log.", severity="warning")
            return

        def check(answer: str) -> str | None:
            if not answer.isdigit() or int(answer) not in started:
                return f"A round that started in this log: {started[0]} to {started[-1]}."
            return None

        self.app.push_screen(
            ReplayPrompt(f"Go to the start of round ({started[0]} to {started[-1]}):", check),
            self._go_to_round,
        )

    def _go_to_round(self, answer: str | None) -> None:
        if answer is not None:
            self.move_to(self.cursor.round_start(int(answer)) or 0)

    # Viewing -----------------------------------------------------------------

    def action_pick_viewer(self) -> None:
        choices = [(CONTROL, "Control (everything)")]
        choices += [(r.id, f"{r.title}: only what it knew") for r in self.exercise.roles]
        self.app.push_screen(ChoiceScreen("View the replay as:", choices), self._view_as)

    async def _view_as(self, viewer: str | None) -> None:
        if viewer is None or viewer == self.viewer:
            return
        await self.view_as(viewer)

    async def view_as(self, viewer: str) -> None:
        """Replay as Control or a role: the screen is rebuilt, so nothing of the last view stays."""
        self.viewer = viewer
        self._papers = ""
        await self.recompose()
        # The focused widget went with the old view: focus the first of the new one.
        self.set_focus(None)
        self.focus_next()
        self.show()

    def action_tab(self, number: int) -> None:
        tabs = self.query_one(TabbedContent)
        panes = tabs.query(f"#tab-{number}")
        if panes:
            tabs.active = f"tab-{number}"
            # The keyboard goes with the tab, so arrows and Page keys scroll it at once.
            focusable = [w for w in panes.first().query("*") if w.can_focus]
            if focusable:
                focusable[0].focus()
        else:
            self.notify(f"No tab {number} in this replay.", severity="warning")

    # Forking -----------------------------------------------------------------

    def action_fork(self) -> None:
        seq = self.cursor.position
        refusal = fork_refusal(self.state)
        if refusal is not None:
            self.notify(refusal.capitalize() + ".", title="Cannot fork", severity="warning")
            return

        def check(answer: str) -> str | None:
            if not answer:
                return "A path for the new log, please."
            if Path(answer).expanduser().exists():
                return "A file is already there: choose another path."
            return None

        default = str(fork_path(self.source.path, seq))
        question = f"Fork at event {seq}: a new session continues from here. Its log:"
        self.app.push_screen(ReplayPrompt(question, check, default), self._fork)

    def _fork(self, answer: str | None) -> None:
        if answer is None:
            return
        try:
            recorded = fork(self.source, self.cursor.position, Path(answer).expanduser())
        except LogError as error:
            self.notify(str(error), title="Cannot fork", severity="error", timeout=10)
            return
        self.post_message(self.Forked(recorded))

    def action_close(self) -> None:
        self.dismiss(None)


class ReplayTimeline(Timeline):
    """A timeline over a replayed log, whose events are read from the file as they are drawn.

    A log changed or removed on disk after its check cannot give them: the
    line says so, and a toast once, instead of the viewer stopping.
    """

    def __init__(self, exercise: Exercise, *, id: str | None = None) -> None:
        super().__init__(exercise, id=id)
        self._told = False

    def words(self, index: int) -> Text:
        try:
            return super().words(index)
        except LogError as error:
            if not self._told:
                self._told = True
                self.notify(str(error), title="Cannot read the log", severity="error", timeout=12)
            return Text("(this event can no longer be read from the log)", style="italic")


class ReplayApp(LiteralApp[Path | None]):
    """`tabletop replay LOG` on its own: the replay screen, ending with the path of a fork."""

    CSS_PATH = STYLES / "app.tcss"
    """The live app's styles, so dialogs and widgets look the same in both."""
    TITLE = "tabletop replay"

    def __init__(self, screen: ReplayScreen) -> None:
        super().__init__()
        self.replay = screen

    def on_mount(self) -> None:
        keymap.apply_user_keymap(self, *keymap.user_keymap())
        # Pushed rather than made the default screen, which would skip its CSS_PATH.
        self.push_screen(self.replay, lambda _: self.exit())

    def on_replay_screen_forked(self, message: ReplayScreen.Forked) -> None:
        message.recorded.close()
        self.exit(message.recorded.path)
