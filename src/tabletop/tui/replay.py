"""The replay viewer: step through a session log as Control or as one delegation.

The log is verified before anything is shown; a damaged log is replayed up
to its first untrustworthy line, with a banner saying where that is. A
delegation's view is `role_view` of the session at the cursor, so it shows
only what that delegation knew then. From any event, "fork here" starts a
new log that continues from it and hands it up in a `ReplayScreen.Forked`
message: the live app opens its console on it; the stand-alone `ReplayApp`
ends with its path, and `tabletop replay` opens the live console on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.markdown import Markdown
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Footer,
    Input,
    Label,
    Static,
    TabbedContent,
    TabPane,
)

from tabletop.engine import Event, Session, SessionState, role_view
from tabletop.engine.history import History, history
from tabletop.engine.view import InjectNotice
from tabletop.exercise.model import CONTROL, Exercise
from tabletop.log import LogError, RecordedSession, read_log
from tabletop.report.trust import TrustedLog, breach_notice, trusted
from tabletop.tui import keymap
from tabletop.tui.describe import PHASE_WORDS, actor_name, event_text
from tabletop.tui.literal import LiteralApp, literal
from tabletop.tui.live import ENDED
from tabletop.tui.screens.choice import ChoiceScreen
from tabletop.tui.widgets.briefing import Briefing
from tabletop.tui.widgets.conversation import Conversation
from tabletop.tui.widgets.news import News
from tabletop.tui.widgets.proposals import ProposalsTable, TablePicture
from tabletop.tui.widgets.score_chart import ChartData, ScoreChart, Series
from tabletop.tui.widgets.status_bar import StatusBar
from tabletop.tui.widgets.timeline import Timeline


def load_replay(path: Path) -> TrustedLog:
    """Read and verify a log for replay; raises LogError if no part of it can be used."""
    return trusted(read_log(path))


def fork_path(parent: Path, seq: int) -> Path:
    """The default log of a fork: next to its parent, named after it and the event."""
    return parent.with_name(f"{parent.stem}-fork-{seq}{parent.suffix or '.jsonl'}")


def fork_refusal(state: SessionState) -> str | None:
    """Why a session cannot be carried on from this state, or None if it can."""
    if state.phase in ENDED:
        return "the session has ended by this event: fork from an earlier one"
    return None


class ReplayCursor:
    """A session standing after one event of a trusted log.

    Moving forward folds the next events onto the session; moving back
    rebuilds it from the start, which costs milliseconds even for long logs.
    """

    def __init__(self, log: TrustedLog) -> None:
        self.source = log
        self.session = Session(log.header.session_exercise, log.header.seed)

    @property
    def position(self) -> int:
        """How many events have been applied (0: before the first)."""
        return len(self.session.events)

    @property
    def total(self) -> int:
        return len(self.source.events)

    def move_to(self, position: int) -> None:
        target = max(0, min(position, self.total))
        events = self.source.events
        if target < self.position:
            self.session = Session(self.session.exercise, self.session.seed, events[:target])
        for event in events[self.position : target]:
            self.session.replay(event)

    def round_start(self, number: int) -> int | None:
        """The position just after round `number` began, if it did in this log."""
        return next(
            (
                e.seq
                for e in self.source.events
                if e.kind == "round_started" and e.payload["round"] == number
            ),
            None,
        )

    def neighbour_round(self, direction: int) -> int | None:
        """The position of the next (1) or previous (-1) round start from the cursor."""
        starts = [e.seq for e in self.source.events if e.kind == "round_started"]
        if direction > 0:
            return next((s for s in starts if s > self.position), None)
        return next((s for s in reversed(starts) if s < self.position), None)


@dataclass(frozen=True)
class Moment:
    """Everything the screen shows at the cursor, for one viewer: built, then set on widgets."""

    status: Text
    current: Text
    table: TablePicture
    events: tuple[Event, ...]
    notices: tuple[InjectNotice, ...]
    chart: ChartData
    papers: str
    """Control's papers (every briefing and scoring sheet); empty for a delegation."""


def moment(cursor: ReplayCursor, series: History, viewer: str) -> Moment:
    """What `viewer` (Control or a role id) may see with the cursor where it is."""
    session = cursor.session
    exercise = session.exercise
    state = session.state
    position = cursor.position
    leading = series.leading[:position]
    rounds = tuple(point.round for point in leading)
    if viewer == CONTROL:
        labels = {r.id: r.label for r in exercise.roles}
        table = TablePicture(
            proposals=tuple(state.proposals),
            scores={
                p.id: {labels[r]: session.score(r, p.package) for r in exercise.role_ids}
                for p in state.proposals
            },
            reservations={labels[r]: state.reservations[r] for r in exercise.role_ids},
        )
        events = tuple(session.events)
        notices = _control_notices(exercise, events)
        roles = exercise.role_ids
        papers = _control_papers(cursor, state)
    else:
        view = role_view(session, viewer)
        label = view.role.label
        table = TablePicture(
            proposals=view.proposals,
            scores={p.id: {label: view.score(p.package)} for p in view.proposals},
            reservations={label: view.reservation},
            score_column=label,
        )
        events, notices, roles, papers = view.events, view.injects, [viewer], ""
    chart = ChartData(
        series=tuple(
            Series(
                exercise.role(r).label,
                tuple(point.scores[r] for point in leading),
                state.reservations[r],
            )
            for r in roles
        ),
        rounds=rounds,
    )
    return Moment(
        status=_status(cursor, state, viewer),
        current=_current(cursor, viewer),
        table=table,
        events=events,
        notices=notices,
        chart=chart,
        papers=papers,
    )


def _status(cursor: ReplayCursor, state: SessionState, viewer: str) -> Text:
    exercise = cursor.session.exercise
    text = Text()
    text.append(" REPLAY ", style="bold reverse")
    text.append(f" event {cursor.position}/{cursor.total}", style="bold")
    text.append(f" · round {state.round}/{state.rounds} · {PHASE_WORDS[state.phase]}")
    if state.turn is not None:
        text.append(f" · {actor_name(exercise, state.turn)} to act")
    text.append(" · as ")
    text.append("Control" if viewer == CONTROL else actor_name(exercise, viewer), style="bold")
    return text


def _current(cursor: ReplayCursor, viewer: str) -> Text:
    """The event the cursor stands after, in words, if the viewer saw it."""
    if cursor.position == 0:
        return Text("Before the first event. → steps forward.", style="dim")
    event = cursor.session.events[-1]
    text = Text(f"{event.seq}. ", style="bold")
    if viewer == CONTROL or event.visible_for(viewer):
        text.append_text(event_text(cursor.session.exercise, event))
    else:
        text.append("(an event this delegation did not see)", style="dim")
    return text


def _control_notices(exercise: Exercise, events: tuple[Event, ...]) -> tuple[InjectNotice, ...]:
    """Every inject fired so far, with every private text: Control was told them all."""
    notices = []
    for event in events:
        if event.kind != "inject_fired":
            continue
        inject = exercise.inject(event.payload["inject"])
        private = "\n".join(
            f"{actor_name(exercise, role)}: {text.strip()}" for role, text in inject.private.items()
        )
        notices.append(
            InjectNotice(inject.id, inject.title, inject.text, private or None, event.seq)
        )
    return tuple(notices)


def _control_papers(cursor: ReplayCursor, state: SessionState) -> str:
    """Every delegation's briefing and scoring sheet as in force at the cursor."""
    exercise = cursor.session.exercise
    seats = cursor.source.header.seats
    blocks = [f"# {exercise.title}", exercise.summary.strip()]
    for role in exercise.roles:
        seat = str(seats[role.id]) if role.id in seats else "unassigned"
        blocks += [
            f"## {role.title}: {seat}",
            role.public_briefing.strip(),
            "### Confidential briefing",
            role.confidential_briefing.strip(),
            f"Reservation now: **{state.reservations[role.id]}** points.",
        ]
        rows = ["| Issue | Option | Points |", "|---|---|---:|"]
        for issue in exercise.issues:
            for option in issue.options:
                points = state.valuations[role.id][issue.id][option.id]
                rows.append(f"| {issue.name} | {option.name} | {points} |")
        blocks.append("\n".join(rows))
    return "\n\n".join(blocks)


Check = Callable[[str], "str | None"]
"""Why an answer will not do, or None when it will."""


class ReplayPrompt(ModalScreen[str | None]):
    """One question, one line of answer, checked before the dialog closes."""

    BINDINGS = keymap.PROMPT

    def __init__(self, question: str, check: Check, value: str = "") -> None:
        super().__init__()
        self.question = question
        self.check = check
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.question), classes="dialog-title")
            yield Input(value=self.value, id="answer")
            yield Static("", id="problem")
            yield Label("Enter to confirm · Esc to cancel", classes="dialog-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        answer = event.value.strip()
        problem = self.check(answer)
        if problem:
            self.query_one("#problem", Static).update(Text(problem, style="bold red"))
            return
        self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(None)


REPLAY: list[BindingType] = [
    Binding(
        "right,l",
        "step(1)",
        "Next",
        key_display="→",
        priority=True,
        tooltip="Step forward one event",
        id="replay.next",
    ),
    Binding(
        "left,h",
        "step(-1)",
        "Back",
        key_display="←",
        priority=True,
        tooltip="Step back one event",
        id="replay.back",
    ),
    Binding(
        "right_square_bracket",
        "round(1)",
        "Round+",
        key_display="]",
        show=False,
        tooltip="Jump to the start of the next round",
        id="replay.next_round",
    ),
    Binding(
        "left_square_bracket",
        "round(-1)",
        "Round-",
        key_display="[",
        show=False,
        tooltip="Jump to the start of the previous round",
        id="replay.previous_round",
    ),
    Binding(
        "home", "jump(0)", "First", show=False, tooltip="Before the first event", id="replay.first"
    ),
    Binding(
        "end",
        "jump(-1)",
        "Last",
        show=False,
        tooltip="After the last trusted event",
        id="replay.last",
    ),
    Binding("g", "ask_event", "Event", tooltip="Jump to an event by number", id="replay.event"),
    Binding("r", "ask_round", "Round", tooltip="Jump to the start of a round", id="replay.round"),
    Binding(
        "v", "pick_viewer", "View as", tooltip="Control, or one delegation", id="replay.viewer"
    ),
    Binding("f", "fork", "Fork", tooltip="Start a new session from this event", id="replay.fork"),
    Binding("q,escape", "close", "Close", tooltip="Leave the replay", id="replay.close"),
    *(
        Binding(str(n), f"tab({n})", f"Tab {n}", show=False, id=f"replay.tab_{n}")
        for n in range(1, 7)
    ),
]


class ReplayScreen(Screen[None]):
    """The replay of one verified log; open one with `ReplayScreen.open(path)`."""

    CSS_PATH = "replay.tcss"
    BINDINGS: ClassVar[list[BindingType]] = REPLAY

    class Forked(Message):
        """A fork of the replayed log was created: whoever hosts the screen carries it on."""

        def __init__(self, recorded: RecordedSession) -> None:
            super().__init__()
            self.recorded = recorded

    def __init__(self, log: TrustedLog, viewer: str = CONTROL, position: int = 0) -> None:
        super().__init__()
        self.source = log
        self.exercise = log.header.session_exercise
        self.cursor = ReplayCursor(log)
        self.cursor.move_to(position)
        self.series = history(self.exercise, log.header.seed, log.events)
        self.viewer = viewer
        self._papers = ""

    @classmethod
    def open(cls, path: Path) -> ReplayScreen:
        """A replay of the log at `path`; raises LogError (with a message) if it is unusable."""
        return cls(load_replay(path))

    @property
    def state(self) -> SessionState:
        """The session as it stood at the cursor."""
        return self.cursor.session.state

    def compose(self) -> ComposeResult:
        control = self.viewer == CONTROL
        yield StatusBar(id="replay-status")
        yield Static(id="replay-event")
        if self.source.problem is not None:
            notice = breach_notice(self.source.problem, len(self.source.events))
            yield Static(literal(notice), id="replay-damage")
        with TabbedContent(id="replay-tabs"):
            with TabPane("1 Table", id="tab-1"):
                yield ProposalsTable(self.exercise, id="replay-table")
            with TabPane("2 Timeline" if control else "2 History", id="tab-2"):
                yield Timeline(self.exercise, id="replay-timeline")
            with TabPane("3 Injects" if control else "3 News", id="tab-3"):
                yield News(id="replay-news")
            with TabPane("4 Papers" if control else "4 Briefing", id="tab-4"):
                if control:
                    with VerticalScroll(id="replay-papers"):
                        yield Static(id="replay-papers-text")
                else:
                    yield Briefing(id="replay-briefing")
            with TabPane("5 Chart", id="tab-5"):
                yield ScoreChart(id="replay-chart")
            if not control:
                with TabPane("6 Messages", id="tab-6"):
                    yield Conversation(self.exercise, self.viewer, id="replay-messages")
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        """Set the picture at the cursor on every widget."""
        now = moment(self.cursor, self.series, self.viewer)
        self.query_one("#replay-status", StatusBar).summary = now.status
        self.query_one("#replay-event", Static).update(now.current)
        self.query_one(ProposalsTable).picture = now.table
        self.query_one(Timeline).events = now.events
        self.query_one(News).notices = now.notices
        self.query_one(ScoreChart).data = now.chart
        if self.viewer == CONTROL:
            # Papers change only when an inject does; rendering Markdown costs a frame.
            if now.papers != self._papers:
                self._papers = now.papers
                self.query_one("#replay-papers-text", Static).update(Markdown(now.papers))
        else:
            self.query_one(Briefing).view = role_view(self.cursor.session, self.viewer)
            self.query_one(Conversation).events = now.events

    # Moving ------------------------------------------------------------------

    def move_to(self, position: int) -> None:
        self.cursor.move_to(position)
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
        started = [e.payload["round"] for e in self.source.events if e.kind == "round_started"]
        if not started:
            self.notify("No round started in this log.", severity="warning")
            return

        def check(answer: str) -> str | None:
            if not answer.isdigit() or int(answer) not in started:
                return f"A round that started in this log: {started[0]} to {started[-1]}."
            return None

        self.app.push_screen(ReplayPrompt("Go to the start of round:", check), self._go_to_round)

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
        if tabs.query(f"#tab-{number}"):
            tabs.active = f"tab-{number}"

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
            recorded = RecordedSession.fork(
                self.source.path, self.cursor.position, Path(answer).expanduser()
            )
        except LogError as error:
            self.notify(str(error), title="Cannot fork", severity="error", timeout=10)
            return
        self.post_message(self.Forked(recorded))

    def action_close(self) -> None:
        self.dismiss(None)


class ReplayApp(LiteralApp[Path | None]):
    """`tabletop replay LOG` on its own: the replay screen, ending with the path of a fork."""

    CSS_PATH = "app.tcss"
    """The live app's styles, so dialogs and widgets look the same in both."""
    TITLE = "tabletop replay"

    def __init__(self, screen: ReplayScreen) -> None:
        super().__init__()
        self.replay = screen

    def on_mount(self) -> None:
        # Pushed rather than made the default screen, which would skip its CSS_PATH.
        self.push_screen(self.replay, lambda _: self.exit())

    def on_replay_screen_forked(self, message: ReplayScreen.Forked) -> None:
        message.recorded.close()
        self.exit(message.recorded.path)
