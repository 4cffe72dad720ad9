"""Participants read labels, never ids: a whole session scanned screen by screen.

Every delegation plays the Treaty for Security through its own screen, as a
bot would decide; at each turn every tab, the hand-over and the composer's
previews are read, as are Control's tabs, and none may show an issue,
option, inject or role id where the exercise gives a label.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import OptionList, Select, TabbedContent

from tabletop import bundled
from tabletop.exercise.loader import load
from tabletop.exercise.model import Exercise
from tabletop.forms import proposals_open
from tabletop.log import Seat
from tabletop.tui.app import new_session_app
from tabletop.tui.screens.choice import ChoiceScreen
from tabletop.tui.screens.console import ConsoleScreen
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.screens.give_back import GiveBackScreen
from tabletop.tui.screens.handover import HandoverScreen
from tabletop.tui.screens.outcome import OutcomeScreen
from tabletop.tui.widgets.composer import Composer
from tests.tui.helpers import play_as_bot, screen_text, until, widget_text

SIZE = (120, 40)
TURNS = 24
"""Delegation turns played: enough for proposals, support, rejections and injects."""


def treaty() -> Exercise:
    return load(next(p for p in bundled.exercises() if p.stem == "treaty-for-security"))


def ids(exercise: Exercise) -> re.Pattern[str]:
    """Ids no reader could take for a word: role ids, slugs with `_` or `-`, `issue=option`."""
    slugs = {i.id for i in exercise.issues} | {i.id for i in exercise.injects}
    slugs |= {o.id for i in exercise.issues for o in i.options}
    found = sorted({s for s in slugs if "_" in s or "-" in s} | set(exercise.role_ids))
    words = "|".join(re.escape(s) for s in found)
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])|\b[a-z_]+=[a-z_]+\b")


def leaks(exercise: Exercise, text: str) -> list[str]:
    return sorted(set(ids(exercise).findall(text)))


async def read_every_tab(pilot: Pilot[Any], seen: list[str]) -> None:
    screen = pilot.app.screen
    tabs = screen.query_one(TabbedContent)
    active = tabs.active
    for pane in tabs.query("TabPane"):
        tabs.active = pane.id or ""
        await pilot.pause()
        seen.append(screen_text(pilot.app))
    seen.append(widget_text(pilot.app))
    tabs.active = active
    await pilot.pause()


async def read_the_previews(pilot: Pilot[Any], seen: list[str]) -> None:
    """The Support, Reject and Sign forms show the proposal they act on: read each."""
    screen = pilot.app.screen
    assert isinstance(screen, DelegationScreen) and screen.view is not None
    composer = screen.query_one(Composer)
    kind = composer.query_one("#kind", Select)
    chosen = kind.value
    for preview in ("support", "reject", "amend", "sign"):
        kind.value = preview
        await pilot.pause()
        open_ = proposals_open(screen.view.legal, preview)
        if open_:
            composer.query_one("#base", Select).value = open_[0]
            await pilot.pause()
        seen.append(widget_text(pilot.app))
    kind.value = chosen
    await pilot.pause()


async def test_no_screen_shows_an_id_where_a_label_exists(tmp_path: Path) -> None:
    exercise = treaty()
    seats = {r: Seat(kind="human") for r in exercise.role_ids}
    app = new_session_app(exercise, seats, 3, tmp_path / "s.jsonl", pace=0)
    seen: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "a")
        turns = 0
        while turns < TURNS and not isinstance(app.screen, OutcomeScreen):
            screen = app.screen
            if isinstance(screen, HandoverScreen):
                seen.append(screen_text(app))
                await pilot.press("enter")
            elif isinstance(screen, DelegationScreen):
                await read_every_tab(pilot, seen)
                await read_the_previews(pilot, seen)
                await play_as_bot(pilot, "conceder")
                turns += 1
            else:
                await pilot.pause(0.02)
        await until(pilot, lambda: not isinstance(app.screen, DelegationScreen))
        if isinstance(app.screen, HandoverScreen):
            await pilot.press("escape")
        if isinstance(app.screen, GiveBackScreen):
            seen.append(screen_text(app))
            await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConsoleScreen))
        for key in ("1", "2", "3", "4"):
            await pilot.press(key)
            seen.append(screen_text(app))
        seen.append(widget_text(app))
        events = app.driver.live.session.events if app.driver else ()
    kinds = {e.kind for e in events}
    assert {"proposed", "supported", "inject_fired"} <= kinds, kinds
    found = {leak for text in seen for leak in leaks(exercise, text)}
    assert not found, f"ids on screen: {sorted(found)}"


async def test_inject_texts_read_as_plain_words_in_every_list(tmp_path: Path) -> None:
    """Citations go without leaving a gap, emphasis without its asterisks."""
    exercise = treaty()
    seats = {r: Seat(kind="human") for r in exercise.role_ids}
    app = new_session_app(exercise, seats, 3, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "i")
        assert isinstance(app.screen, ChoiceScreen)
        seen = [screen_text(app)]
        options = app.screen.query_one(OptionList)
        options.highlighted = next(
            n
            for n in range(options.option_count)
            if options.get_option_at_index(n).id == "nunn-lugar-briefing"
        )
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConsoleScreen))
        await pilot.press("2")
        seen.append(widget_text(app))
        await pilot.press("3")
        seen.append(screen_text(app))
    text = "\n".join(seen)
    assert "Kazakhstan and Belarus, with outside money" in text
    assert "Pyongyang cares far more about the form of" in text
    assert "[F" not in text and " ," not in text and "*" not in text
