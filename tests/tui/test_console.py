"""The console's own machinery: the turn clock, injects, notes, the palette, help, keys."""

from __future__ import annotations

import gc
import json
from pathlib import Path

from textual.widgets import Button, Input, MarkdownViewer, Select

from tabletop.exercise.model import Exercise
from tabletop.tui.app import new_session_app
from tabletop.tui.keymap import user_keymap
from tabletop.tui.screens.choice import ChoiceScreen
from tabletop.tui.screens.clock import ClockPrompt
from tabletop.tui.screens.console import ConsoleScreen
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.screens.give_back import GiveBackScreen
from tabletop.tui.screens.handover import HandoverScreen
from tabletop.tui.screens.help import HelpScreen
from tabletop.tui.screens.outcome import OutcomeScreen
from tabletop.tui.widgets.composer import Composer
from tabletop.tui.widgets.key_footer import KeyFooter
from tests.tui.helpers import humans, phase, run_out, screen_text, until

SIZE = (80, 24)
PROPERTY = "Expecting property name enclosed in double quotes"


async def test_when_the_clock_runs_out_control_chooses(timed: Exercise, tmp_path: Path) -> None:
    app = new_session_app(timed, humans(timed), 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        assert app.driver is not None
        live = app.driver.live
        await pilot.press("s", "a")
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        await pilot.press("enter")
        assert "⏱ 0:" in screen_text(app)
        await run_out(app)
        await pilot.pause()
        # The delegation has the keyboard: Control takes it back, then chooses.
        assert isinstance(app.screen, GiveBackScreen)
        assert "Time is up for Town" in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, ClockPrompt)
        assert "Time is up for Town" in screen_text(app)
        # "m" for more time: "x" is the console's "add a round", a different act.
        assert "m 10 s more" in screen_text(app)
        await pilot.press("x")
        assert isinstance(app.screen, ClockPrompt)
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        await pilot.press("enter")
        assert isinstance(app.screen, DelegationScreen) and live.mover == "town"
        # The turn has its 10 s back; the real clock may have taken a second or two since.
        assert app.driver.clock is not None and app.driver.clock.remaining >= 7
        await run_out(app)
        await pilot.pause()
        await pilot.press("enter", "k")
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        assert live.mover == "fest"
        assert live.session.events[-1].kind == "skipped"


async def test_control_fires_an_inject_and_writes_a_note(tiny: Exercise, tmp_path: Path) -> None:
    app = new_session_app(tiny, humans(tiny), 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        assert app.driver is not None
        await pilot.press("s", "i")
        assert isinstance(app.screen, ChoiceScreen)
        assert "Press — A reporter calls." in screen_text(app)
        await pilot.press("down", "enter")
        assert isinstance(app.screen, ConsoleScreen)
        await pilot.press("n")
        note = " ".join(f"word{n}" for n in range(20))
        app.screen.query_one(Input).value = note
        await pilot.press("enter", "2")
        text = screen_text(app)
        assert "Inject “Press” (by Control): A reporter calls." in text
        assert "Control noted: word0" in text
        assert all(word in text.split() for word in note.split()), "a long line wraps whole"
        assert [e.kind for e in app.driver.live.session.events][-2:] == [
            "inject_fired",
            "annotated",
        ]


async def test_an_act_out_of_turn_is_explained_not_hidden(tiny: Exercise, tmp_path: Path) -> None:
    app = new_session_app(tiny, humans(tiny), 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "h", "enter", "enter", "3")
        screen = app.screen
        assert isinstance(screen, DelegationScreen)
        composer = screen.query_one(Composer)
        assert composer.kind == "message"
        composer.query_one("#kind", Select).value = "propose"
        await pilot.pause()
        assert "Not now: the talks have not begun" in screen_text(app)
        assert composer.query_one("#send", Button).disabled


async def test_the_palette_and_help_are_a_key_away(tiny: Exercise, tmp_path: Path) -> None:
    app = new_session_app(tiny, humans(tiny), 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        assert app.driver is not None
        await pilot.press("ctrl+p", *"start")
        await until(pilot, lambda: "Open the briefing" in screen_text(app))
        await pilot.press("enter")
        await until(pilot, lambda: app.driver is not None and app.driver.live.state.round == 0)
        assert app.driver.live.state.phase == "briefing"
        await pilot.press("ctrl+p", *"fire")
        await until(pilot, lambda: "Fire inject: Press" in screen_text(app))
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "running a session" in screen_text(app)
        await pilot.press("escape", "f1")
        assert isinstance(app.screen, HelpScreen)


async def test_keys_can_be_remapped_from_the_user_keymap(
    tiny: Exercise, tmp_path: Path, private_folders: Path
) -> None:
    keymap = private_folders / "config" / "tabletop" / "keymap.json"
    keymap.parent.mkdir(parents=True)
    keymap.write_text(json.dumps({"console.start": "f5", "console.end": 3}))
    keys, problems = user_keymap()
    assert keys == {"console.start": "f5"}
    assert [f'{keymap}: "console.end": keys must be a string such as "ctrl+e"'] == problems
    app = new_session_app(tiny, humans(tiny), 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.driver is not None
        await until(pilot, lambda: bool(app._notifications))
        assert "keys must be a string" in " ".join(n.message for n in app._notifications)
        assert "f5 Start" in screen_text(app), "the side panel shows the new key"
        await pilot.press("s")
        assert phase(app) == "setup"
        await pilot.press("f5")
        assert phase(app) == "briefing"
        assert "f5 Start" in str(app.screen.query_one("#do-start", Button).label)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert (
            "| **f5** | start: open the briefing |"
            in app.screen.query_one(MarkdownViewer).document.source
        )


async def test_a_malformed_keymap_is_said_with_its_place(
    tiny: Exercise, tmp_path: Path, private_folders: Path
) -> None:
    keymap = private_folders / "config" / "tabletop" / "keymap.json"
    keymap.parent.mkdir(parents=True)
    keymap.write_text('{"console.start": "f5",\n "console.end": }')
    app = new_session_app(tiny, humans(tiny), 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: bool(app._notifications))
        assert "keymap.json:2:17: not JSON" in " ".join(n.message for n in app._notifications)
        await pilot.press("s")
        assert phase(app) == "briefing", "the default keys apply"


def test_an_unreadable_keymap_is_not_used_and_said_so(tmp_path: Path) -> None:
    broken = tmp_path / "keymap.json"
    broken.write_text("{not json")
    assert user_keymap(broken) == (
        {},
        [f"{broken}:1:2: not JSON ({PROPERTY}); the default keys apply"],
    )
    broken.write_text('["console.end"]')
    assert user_keymap(broken)[1] == [
        f"{broken}: expected an object of binding ids and keys; the default keys apply"
    ]
    broken.write_text('{"console.ned": "f6"}')
    assert user_keymap(broken) == (
        {},
        [f'{broken}: "console.ned" is no binding id (ids look like "console.end")'],
    )
    assert user_keymap(tmp_path / "missing.json") == ({}, [])


async def test_the_mouse_works_and_an_abort_leaves_no_outcome(
    tiny: Exercise, tmp_path: Path
) -> None:
    app = new_session_app(tiny, humans(tiny), 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        assert app.driver is not None
        await pilot.click("#do-start")
        assert phase(app) == "briefing"
        await pilot.press("exclamation_mark")
        assert "Abort the session?" in screen_text(app)
        await pilot.click("#confirm")
        assert "no outcome and no scores" in screen_text(app)
        await pilot.click("#confirm")
        await until(pilot, lambda: isinstance(app.screen, OutcomeScreen))
        assert "The session was aborted" in screen_text(app)
        assert phase(app) == "aborted"


async def test_the_footer_lets_go_of_the_keys_it_rebuilt(tiny: Exercise, tmp_path: Path) -> None:
    """Textual's footer keeps every key it replaced alive (Textualize/textual#6666)."""
    app = new_session_app(tiny, humans(tiny), 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        for _ in range(6):
            await pilot.press("p")
            await pilot.pause(0.1)
        gc.collect()
        footer = app.screen.query_one(KeyFooter)
        keys = [o for o in gc.get_objects() if type(o).__name__ == "FooterKey"]
        assert keys and all(key.parent is footer for key in keys)


async def test_the_panel_shows_pause_or_resume_as_the_key_does(
    tiny: Exercise, tmp_path: Path
) -> None:
    app = new_session_app(tiny, humans(tiny), 1, tmp_path / "s.jsonl", pace=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "a")
        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConsoleScreen))
        await pilot.pause()
        pause, resume = (app.screen.query_one(f"#do-{a}", Button) for a in ("pause", "resume"))
        assert pause.display and not resume.display
        await pilot.press("p")
        await until(pilot, lambda: phase(app) == "paused")
        await pilot.pause()
        assert resume.display and not resume.disabled and not pause.display
