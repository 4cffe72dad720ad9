"""Issue 13's facilitator items: questions before irreversible acts, keys that say why,
the keyboard for any delegation out of turn, and bots that wait while Control decides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

from tabletop.engine.acts import Advance, Message, Start, Statement, WalkOut
from tabletop.exercise.model import Exercise
from tabletop.log import Seat
from tabletop.tui.app import new_session_app
from tabletop.tui.screens.choice import ChoiceScreen
from tabletop.tui.screens.confirm import ConfirmScreen
from tabletop.tui.screens.console import ConsoleScreen
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.screens.give_back import GiveBackScreen
from tabletop.tui.screens.handover import HandoverScreen
from tabletop.tui.screens.text_prompt import TextPrompt
from tests.tui.helpers import called_to_the_table, humans, phase, screen_text, send, until

SIZE = (80, 24)


def toasts(app: App[Any]) -> str:
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


class TestQuestionsFirst:
    async def test_adding_a_round_asks_and_n_leaves_it_as_it_was(
        self, tiny: Exercise, tmp_path: Path
    ) -> None:
        app = new_session_app(tiny, humans(tiny), 1, tmp_path / "s.jsonl", pace=0)
        async with app.run_test(size=SIZE) as pilot:
            assert app.driver is not None
            live = app.driver.live
            rounds = live.state.rounds
            await pilot.press("s", "x")
            assert isinstance(app.screen, ConfirmScreen)
            assert f"run for {rounds + 1} rounds" in screen_text(app)
            await pilot.press("n")
            assert isinstance(app.screen, ConsoleScreen) and live.state.rounds == rounds
            await pilot.press("x", "escape")
            assert live.state.rounds == rounds
            await pilot.press("x", "enter")
            await until(pilot, lambda: live.state.rounds == rounds + 1)

    async def test_a_skip_names_whose_turn_it_takes_and_y_takes_it(
        self, tiny: Exercise, tmp_path: Path
    ) -> None:
        app = new_session_app(tiny, humans(tiny), 1, tmp_path / "s.jsonl", pace=0)
        async with app.run_test(size=SIZE) as pilot:
            assert app.driver is not None
            live = app.driver.live
            await called_to_the_table(pilot)
            await pilot.press("escape", "k")
            assert isinstance(app.screen, ConfirmScreen)
            assert "Skip Town's turn?" in screen_text(app)
            await pilot.press("y")
            await until(pilot, lambda: live.mover == "fest")
            assert live.session.events[-1].kind == "skipped"

    async def test_end_asks_a_reason_then_whether_to_end(
        self, tutorial: Exercise, tmp_path: Path
    ) -> None:
        app = new_session_app(tutorial, humans(tutorial), 1, tmp_path / "s.jsonl", pace=0)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s", "e")
            assert isinstance(app.screen, TextPrompt)
            await pilot.press(*"stalled", "enter", "enter")
            assert isinstance(app.screen, ConfirmScreen)
            text = screen_text(app)
            assert "End the talks now?" in text and "Reason given: stalled" in text
            await pilot.press("n")
            assert phase(app) == "briefing"
            await pilot.press("e", "enter", "enter", "y")
            await until(pilot, lambda: phase(app) == "concluded")

    async def test_abort_is_confirmed_too(self, tiny: Exercise, tmp_path: Path) -> None:
        app = new_session_app(tiny, humans(tiny), 1, tmp_path / "s.jsonl", pace=0)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s", "exclamation_mark", "enter", "enter")
            assert isinstance(app.screen, ConfirmScreen)
            assert "no outcome and no scores" in screen_text(app)
            await pilot.press("escape")
            assert phase(app) == "briefing"

    async def test_a_walk_out_that_ends_the_talks_says_so_before(
        self, tiny: Exercise, tmp_path: Path
    ) -> None:
        app = new_session_app(tiny, humans(tiny), 1, tmp_path / "s.jsonl", pace=0)
        async with app.run_test(size=SIZE) as pilot:
            await called_to_the_table(pilot)
            await pilot.press("enter")
            await send(pilot, WalkOut(actor="town", reason="enough"))
            assert isinstance(app.screen, ConfirmScreen)
            assert "This ends the talks for everyone" in screen_text(app)
            await pilot.press("n")
            assert isinstance(app.screen, DelegationScreen)
            assert phase(app) == "opening"
            await pilot.press("ctrl+s")
            await pilot.press("y")
            await until(pilot, lambda: phase(app) == "concluded")

    async def test_a_walk_out_that_leaves_the_others_talking_says_that(
        self, trio: Exercise, tmp_path: Path
    ) -> None:
        # Town's signature is not needed by every package of the trio: the others go on.
        app = new_session_app(trio, humans(trio), 1, tmp_path / "s.jsonl", pace=0)
        async with app.run_test(size=SIZE) as pilot:
            assert app.driver is not None
            await called_to_the_table(pilot)
            await pilot.press("enter")
            screen = app.screen
            assert isinstance(screen, DelegationScreen) and screen.view is not None
            await send(pilot, WalkOut(actor=screen.role, reason="enough"))
            assert isinstance(app.screen, ConfirmScreen)
            expected = (
                "This ends the talks for everyone"
                if screen.view.walk_out_ends
                else "The others carry on without you"
            )
            assert expected in screen_text(app)


class TestKeysSayWhy:
    async def test_a_dimmed_key_pressed_anyway_gives_the_engines_reason(
        self, tiny: Exercise, tmp_path: Path
    ) -> None:
        app = new_session_app(tiny, humans(tiny), 1, tmp_path / "s.jsonl", pace=0)
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            assert isinstance(screen, ConsoleScreen)
            assert screen.check_action("advance", ()) is None
            await pilot.press("a")
            assert phase(app) == "setup"
            await until(pilot, lambda: "Advance: not now" in toasts(app))
            picture = screen.picture
            assert picture is not None
            reason = picture.legal.reasons["advance"]
            assert reason[1:] in toasts(app)

    async def test_keys_dimmed_while_paused_each_say_why(
        self, tiny: Exercise, tmp_path: Path
    ) -> None:
        app = new_session_app(tiny, humans(tiny), 1, tmp_path / "s.jsonl", pace=0)
        async with app.run_test(size=SIZE) as pilot:
            await called_to_the_table(pilot)
            await pilot.press("escape", "p")
            assert phase(app) == "paused"
            screen = app.screen
            assert isinstance(screen, ConsoleScreen)
            for key, action, words in [
                ("i", "inject", "Inject"),
                ("s", "start", "Start"),
                ("a", "advance", "Advance"),
                ("k", "skip", "Skip turn"),
                ("o", "outcome", "Outcome"),
            ]:
                assert screen.check_action(action, ()) is None, action
                app._notifications.clear()
                await pilot.press(key)
                assert isinstance(app.screen, ConsoleScreen), key
                await until(pilot, lambda words=words: f"{words}: not now" in toasts(app))
            assert phase(app) == "paused"

    async def test_check_action_changes_nothing(self, tiny: Exercise, tmp_path: Path) -> None:
        app = new_session_app(tiny, humans(tiny), 1, tmp_path / "s.jsonl", pace=0)
        async with app.run_test(size=SIZE):
            screen = app.screen
            assert isinstance(screen, ConsoleScreen) and app.driver is not None
            before = len(app.driver.live.session.events)
            for action in ("start", "advance", "skip", "extend", "end", "abort", "outcome"):
                screen.check_action(action, ())
            assert len(app.driver.live.session.events) == before
            assert not app._notifications


class TestOutOfTurn:
    async def test_control_hands_the_keyboard_to_another_delegation_during_a_turn(
        self, trio: Exercise, tmp_path: Path
    ) -> None:
        app = new_session_app(trio, humans(trio), 1, tmp_path / "s.jsonl", pace=0)
        async with app.run_test(size=SIZE) as pilot:
            assert app.driver is not None
            live = app.driver.live
            await called_to_the_table(pilot)
            mover = live.mover
            await pilot.press("escape", "h")
            choice = app.screen
            assert isinstance(choice, ChoiceScreen)
            assert choice.choices[0][0] == mover
            assert "— to move" in screen_text(app)
            other = next(value for value, _ in choice.choices if value != mover)
            index = [value for value, _ in choice.choices].index(other)
            await pilot.press(*["down"] * index, "enter")
            await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
            await pilot.press("enter")
            screen = app.screen
            assert isinstance(screen, DelegationScreen)
            assert screen.role == other and screen.turn_key is None
            await send(pilot, Message(actor=other, to=mover, text="a word in private"))
            assert live.session.events[-1].kind == "messaged"
            assert live.mover == mover
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, GiveBackScreen))
            await pilot.press("enter")
            # Back with Control, who had kept the keyboard from the one to move.
            await until(pilot, lambda: isinstance(app.screen, ConsoleScreen))
            await pilot.pause(0.1)
            assert isinstance(app.screen, ConsoleScreen)

    async def test_a_walked_out_delegation_is_not_offered(
        self, trio: Exercise, tmp_path: Path
    ) -> None:
        app = new_session_app(trio, humans(trio), 1, tmp_path / "s.jsonl", pace=0)
        assert app.initial is not None
        app.initial.apply(Start())
        app.initial.apply(Advance())
        async with app.run_test(size=SIZE) as pilot:
            assert app.driver is not None
            live = app.driver.live
            await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
            await pilot.press("escape")
            mover = live.mover
            assert mover is not None
            leaver = next(r for r in trio.role_ids if r != mover)
            app.driver.act(WalkOut(actor=leaver, reason="gone"))
            await pilot.pause()
            if phase(app) != "negotiating":
                return  # the trio ended on that walk-out: nobody left to offer
            await pilot.press("h")
            choice = app.screen
            assert isinstance(choice, ChoiceScreen)
            assert leaver not in [value for value, _ in choice.choices]


class TestBotsWait:
    async def test_bots_hold_while_control_picks_an_inject(
        self, tutorial: Exercise, tmp_path: Path
    ) -> None:
        seats = {r: Seat(kind="bot", strategy="boulware") for r in tutorial.role_ids}
        app = new_session_app(tutorial, seats, 1, tmp_path / "s.jsonl", pace=0.1)
        async with app.run_test(size=SIZE) as pilot:
            assert app.driver is not None
            live = app.driver.live
            await pilot.press("s", "a")
            await until(pilot, lambda: live.state.round >= 1)
            await pilot.press("i")
            assert isinstance(app.screen, ChoiceScreen)
            await pilot.pause(0.2)
            seen = len(live.session.events)
            await pilot.pause(0.4)
            assert len(live.session.events) == seen
            await pilot.press("escape")
            await until(pilot, lambda: len(live.session.events) > seen)

    async def test_bots_hold_while_a_question_is_open(
        self, tutorial: Exercise, tmp_path: Path
    ) -> None:
        seats = {r: Seat(kind="bot", strategy="boulware") for r in tutorial.role_ids}
        app = new_session_app(tutorial, seats, 1, tmp_path / "s.jsonl", pace=0.1)
        async with app.run_test(size=SIZE) as pilot:
            assert app.driver is not None
            live = app.driver.live
            await pilot.press("s", "a")
            await until(pilot, lambda: live.state.round >= 1 and live.mover is not None)
            await pilot.press("k")
            assert isinstance(app.screen, ConfirmScreen)
            mover = live.mover
            seen = len(live.session.events)
            await pilot.pause(0.4)
            assert len(live.session.events) == seen and live.mover == mover
            await pilot.press("y")
            await until(pilot, lambda: any(e.kind == "skipped" for e in live.session.events))

    async def test_a_skip_whose_turn_passed_anyway_says_so(
        self, tiny: Exercise, tmp_path: Path
    ) -> None:
        app = new_session_app(tiny, humans(tiny), 1, tmp_path / "s.jsonl", pace=0)
        assert app.initial is not None
        for act in (Start(), Advance()):
            app.initial.apply(act)
        async with app.run_test(size=SIZE) as pilot:
            assert app.driver is not None
            live = app.driver.live
            await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
            await pilot.press("escape", "k")
            assert isinstance(app.screen, ConfirmScreen)
            mover = live.mover
            assert mover is not None
            # The person's turn ends while the question is open (their clock, say).
            assert app.driver.act(Statement(actor=mover, text="done"))
            await pilot.press("y")
            await until(pilot, lambda: "nothing was skipped" in toasts(app))
            assert not any(e.kind == "skipped" for e in live.session.events)
