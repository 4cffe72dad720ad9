"""Driving the app as a person would, and reading what is on the screen."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markdown import Markdown as RichMarkdown
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Markdown, RichLog, Select, Static, TabbedContent

from tabletop.bots import bot_rng, make_bot
from tabletop.engine.acts import (
    Act,
    Advance,
    Amend,
    Decline,
    Message,
    Propose,
    Reject,
    Start,
    Statement,
    Support,
    WalkOut,
    Withdraw,
)
from tabletop.exercise.model import Exercise
from tabletop.log import Seat
from tabletop.tui.app import TabletopApp
from tabletop.tui.describe import event_text
from tabletop.tui.live import create
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.screens.handover import HandoverScreen
from tabletop.tui.widgets.composer import EMPTY, Composer
from tabletop.tui.widgets.timeline import Timeline


def screen_text(app: App[Any]) -> str:
    """The characters on the terminal right now, as the user sees them."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


def widget_text(app: App[Any]) -> str:
    """All text held by the current screen's widgets, scrolled out of sight or not."""
    parts: list[str] = []
    for widget in app.screen.query("*"):
        if isinstance(widget, Markdown):
            parts.append(widget.source)
        elif isinstance(widget, Timeline):
            parts += [event_text(widget.exercise, event).plain for event in widget.events]
        elif isinstance(widget, RichLog):
            parts += [strip.text for strip in widget.lines]
        elif isinstance(widget, DataTable):
            for row in range(widget.row_count):
                parts += [str(cell) for cell in widget.get_row_at(row)]
        elif isinstance(widget, Input):
            parts.append(widget.value)
        elif isinstance(widget, Static):
            content = widget.content
            parts.append(content.markup if isinstance(content, RichMarkdown) else str(content))
    return "\n".join(parts)


async def until(pilot: Pilot[Any], check: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run until `check` holds; fail if it never does."""
    waited = 0.0
    while not check():
        if waited > timeout:
            raise AssertionError(f"gave up waiting after {timeout} s:\n{screen_text(pilot.app)}")
        await pilot.pause(0.02)
        waited += 0.02
    await pilot.pause()


async def send(pilot: Pilot[Any], act: Act) -> None:
    """Fill the current delegation screen's composer with `act` and send it with Ctrl+S."""
    screen = pilot.app.screen
    assert isinstance(screen, DelegationScreen), screen
    screen.query_one(TabbedContent).active = "move"
    composer = screen.query_one(Composer)
    composer.query_one("#kind", Select).value = act.kind
    await pilot.pause()
    base = composer.query_one("#base", Select)
    match act:
        case Propose():
            base.value = EMPTY
            await pilot.pause()
            for issue, option in act.package.items():
                composer.query_one(f"#issue-{issue}", Select).value = option
        case Amend():
            base.value = act.proposal
            await pilot.pause()
            for issue, option in act.changes.items():
                composer.query_one(f"#issue-{issue}", Select).value = option
        case Support() | Withdraw():
            base.value = act.proposal
        case Reject():
            base.value = act.proposal
            composer.query_one("#text", Input).value = act.reason
        case Statement():
            composer.query_one("#text", Input).value = act.text
        case Message():
            composer.query_one("#to", Select).value = act.to
            composer.query_one("#text", Input).value = act.text
        case WalkOut() | Decline():
            composer.query_one("#text", Input).value = act.reason
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()


async def play_as_bot(pilot: Pilot[Any], strategy: str) -> Act:
    """At a delegation screen, send what a bot of `strategy` would, through the composer.

    The bot decides from the screen's own `RoleView` with the RNG a bot seat
    would use, so the session goes exactly as an all-bot session would.
    """
    app = pilot.app
    assert isinstance(app, TabletopApp) and app.driver is not None
    screen = app.screen
    assert isinstance(screen, DelegationScreen) and screen.view is not None
    session = app.driver.live.session
    act = make_bot(strategy).act(screen.view, bot_rng(session.seed, screen.role, session.table.seq))
    await send(pilot, act)
    return act


async def run_out(app: TabletopApp) -> None:
    """The seconds left on the turn pass at once: the session's time moves on, the clock ticks."""
    assert app.driver is not None and app.driver.clock is not None
    pass_time(app, app.driver.clock.remaining)
    app.driver.tick_clock()


def pass_time(app: TabletopApp, seconds: float) -> None:
    """The session's time (the clock's, and the log's) moves on by `seconds` at once."""
    assert app.driver is not None
    live = app.driver.live
    earlier = live.now
    live.now = lambda: earlier() + timedelta(seconds=seconds)


def phase(app: TabletopApp) -> str:
    """The phase of the session the app runs, read fresh (not narrowed by earlier checks)."""
    assert app.driver is not None
    return app.driver.live.state.phase


def humans(exercise: Exercise) -> dict[str, Seat]:
    """Every delegation played at the keyboard."""
    return {r: Seat(kind="human") for r in exercise.role_ids}


async def called_to_the_table(pilot: Pilot[Any]) -> None:
    """Control starts and opens the talks; the first delegation is called to the keyboard."""
    await pilot.press("s", "a")
    await until(pilot, lambda: isinstance(pilot.app.screen, HandoverScreen))


def treaty_in_round_three(exercise: Exercise, path: Path, human: str = "rok") -> TabletopApp:
    """The treaty's eight issues with eight proposals on the table, `human` to move in round 3.

    Every other delegation is a linear bot; `human` states, then proposes a
    package of its own each round, so the table is full and the same every run.
    """
    seats = {r: Seat(kind="bot", strategy="linear") for r in exercise.role_ids}
    seats[human] = Seat(kind="human")
    live = create(path, exercise, 7, seats)
    live.recorded.apply(Start())
    live.recorded.apply(Advance())
    proposals = 0
    while live.mover is not None:
        if live.mover in live.bots:
            live.play_bot()
        elif live.state.phase == "opening":
            live.recorded.apply(Statement(actor=human, text="We are here to talk."))
        elif proposals < 2:
            proposals += 1
            package = {
                issue.id: issue.options[proposals % len(issue.options)].id
                for issue in exercise.issues
            }
            live.recorded.apply(Propose(actor=human, package=package))
        else:
            break
    return TabletopApp(live, pace=0)
