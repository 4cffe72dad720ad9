"""Every screen on a hostile exercise: its markup is shown as text, and clicking it does nothing.

Textual reads a str given to a widget as markup, where `[@click=app.quit]`
runs an action on a click. The hostile exercise's names, titles and texts
are such markup; a session is walked through every screen with them
(start, setup, console, choosers, hand-over, delegation, outcome, replay),
each checked to show the markup as the text it is, and clicked where the
text is. The app must still run afterwards, and `pwned.svg` (the screenshot
a clicked Festival would take) must not exist.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Input, Label, OptionList, Select
from textual.widgets._toast import Toast

from tabletop.exercise.model import Exercise
from tabletop.log import Seat
from tabletop.tui.app import TabletopApp, new_session_app
from tabletop.tui.screens.choice import ChoiceScreen
from tabletop.tui.screens.console import ConsoleScreen
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.screens.give_back import GiveBackScreen
from tabletop.tui.screens.handover import HandoverScreen
from tabletop.tui.screens.outcome import OutcomeScreen
from tabletop.tui.screens.replay import ReplayScreen
from tabletop.tui.screens.setup import SetupScreen
from tabletop.tui.screens.start import StartScreen
from tabletop.tui.widgets.composer import Composer
from tests.hostile.conftest import DATE, FEST, JULY, NO_DEAL, PRESS, RAIN, TITLE, TOWN, TRAP
from tests.tui.conftest import no_animations, steady_cursor  # noqa: F401
from tests.tui.helpers import screen_text, until, widget_text

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def trap_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working folder, where a clicked screenshot action would write `pwned.svg`."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def click_text(pilot: Pilot[Any], widget: Widget, rows: int = 1) -> None:
    """Click along the first `rows` lines of a widget, where its text is drawn."""
    width = min(widget.size.width, 60)
    for y in range(rows):
        for x in range(0, width, 3):
            await pilot.click(widget, offset=(x, y))
    await pilot.pause()


def unharmed(app: TabletopApp, folder: Path) -> None:
    assert app.is_running, "a click on exercise text ran an action"
    assert not (folder / TRAP).exists(), "a click on exercise text took a screenshot"


def shows(app: TabletopApp, *texts: str) -> None:
    """Each text is on the screen as written, brackets and all (its start, when cut)."""
    seen = screen_text(app)
    for text in texts:
        assert text[:20] in seen, f"{text[:20]!r} is not on the screen:\n{seen}"


async def test_start_and_setup_show_the_exercise_as_text(
    hostile_file: Path, trap_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tabletop.bundled.exercises", lambda: [hostile_file])
    app = TabletopApp(pace=0)
    async with app.run_test(size=SIZE) as pilot:
        start = app.screen
        assert isinstance(start, StartScreen)
        await until(pilot, lambda: bool(start.exercises))
        shows(app, TITLE, TOWN, FEST)
        await click_text(pilot, start.query_one("#exercise-list", OptionList))
        unharmed(app, trap_folder)
        await pilot.press("n")
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        assert TOWN in widget_text(app) and FEST in widget_text(app)
        shows(app, TOWN, FEST)
        for label in setup.query(Label):
            await click_text(pilot, label)
        unharmed(app, trap_folder)
        setup.query_one("#log", Input).value = str(trap_folder / "s.jsonl")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConsoleScreen))
        shows(app, TITLE)
        unharmed(app, trap_folder)


async def test_a_whole_session_shows_the_exercise_as_text(
    hostile: Exercise, trap_folder: Path
) -> None:
    seats = {r: Seat(kind="human") for r in hostile.role_ids}
    log = trap_folder / "s.jsonl"
    app = new_session_app(hostile, seats, 1, log, pace=0)
    async with app.run_test(size=SIZE) as pilot:
        console = app.screen
        assert isinstance(console, ConsoleScreen)
        await pilot.press("s", "4")
        shows(app, TOWN, FEST)
        await click_text(pilot, console.query_one("#delegation-rows", DataTable), rows=3)
        await pilot.press("3")
        shows(app, RAIN, PRESS)
        unharmed(app, trap_folder)

        # The inject chooser: titles as options; a click picks one, nothing more.
        await pilot.press("i")
        assert isinstance(app.screen, ChoiceScreen)
        shows(app, RAIN, PRESS)
        await click_text(pilot, app.screen.query_one(OptionList), rows=3)
        if isinstance(app.screen, ChoiceScreen):
            await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConsoleScreen))
        unharmed(app, trap_folder)
        await pilot.press("2")
        shows(app, RAIN)

        # The delegation chooser and the hand-over: Festival's name is the screenshot.
        await pilot.press("h")
        assert isinstance(app.screen, ChoiceScreen)
        shows(app, TOWN, FEST)
        await pilot.press("down", "enter")
        handover = app.screen
        assert isinstance(handover, HandoverScreen)
        shows(app, FEST)
        await click_text(pilot, handover.query_one("#handover-name", Label))
        unharmed(app, trap_folder)
        await pilot.press("enter")

        delegation = app.screen
        assert isinstance(delegation, DelegationScreen) and delegation.role == "fest"
        shows(app, FEST)
        await pilot.press("3")
        composer = delegation.query_one(Composer)
        composer.query_one("#kind", Select).value = "propose"
        await pilot.pause()
        shows(app, DATE)
        for label in composer.query(Label):
            await click_text(pilot, label)
        unharmed(app, trap_folder)
        composer.query_one("#issue-date", Select).focus()
        await pilot.press("enter")
        shows(app, JULY)
        await pilot.press("escape", "5")
        shows(app, RAIN)
        unharmed(app, trap_folder)

        # Control takes the keyboard back and ends the talks: the outcome names the
        # breakdown and both delegations.
        await pilot.press("escape")
        assert isinstance(app.screen, GiveBackScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, ConsoleScreen)
        await pilot.press("e", "enter", "enter", "y")
        await until(pilot, lambda: isinstance(app.screen, OutcomeScreen))
        shows(app, NO_DEAL, TOWN, FEST)
        outcome = app.screen
        await click_text(pilot, outcome.query_one(DataTable), rows=3)
        for label in outcome.query(Label):
            await click_text(pilot, label)
        unharmed(app, trap_folder)

        # The replay of the session, as Control and through the viewer chooser.
        app.open_replay(log)
        await until(pilot, lambda: isinstance(app.screen, ReplayScreen))
        await app.workers.wait_for_complete()
        await pilot.press("end", "2")
        shows(app, RAIN)
        await pilot.press("v")
        assert isinstance(app.screen, ChoiceScreen)
        shows(app, TOWN, FEST)
        await pilot.press("escape")
        unharmed(app, trap_folder)


async def test_a_toast_shows_markup_as_text(hostile: Exercise, trap_folder: Path) -> None:
    seats = {r: Seat(kind="human") for r in hostile.role_ids}
    app = new_session_app(hostile, seats, 1, trap_folder / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.screen.notify(f"{TOWN} is not at the table", title=FEST)
        await until(pilot, lambda: bool(app.screen.query(Toast)))
        (toast,) = app.screen.query(Toast)
        assert str(toast.render()) == f"{FEST}\n{TOWN} is not at the table"
        await click_text(pilot, toast, rows=2)
        unharmed(app, trap_folder)


async def test_control_characters_a_paste_brings_are_dropped_from_a_statement(
    hostile: Exercise, trap_folder: Path
) -> None:
    seats = {r: Seat(kind="human") for r in hostile.role_ids}
    app = new_session_app(hostile, seats, 1, trap_folder / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "a")
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        await pilot.press("enter")
        composer = app.screen.query_one(Composer)
        composer.query_one("#kind", Select).value = "statement"
        await pilot.pause()
        composer.query_one("#text", Input).value = "We\x1b]0;pwned\x07 agree\u202e."
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        assert app.driver is not None
        stated = app.driver.live.session.events[-1]
        assert stated.kind == "stated" and stated.payload == {"text": "We]0;pwned agree."}
