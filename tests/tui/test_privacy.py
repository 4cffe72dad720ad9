"""No delegation's screen ever shows what only another delegation (or Control) may know."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, TabbedContent

from tabletop.engine.acts import Message, Pass, Propose, Reject, Statement
from tabletop.exercise.model import Exercise
from tabletop.log import Seat
from tabletop.tui.app import TabletopApp, new_session_app
from tabletop.tui.screens.choice import ChoiceScreen
from tabletop.tui.screens.console import ConsoleScreen
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.screens.handover import HandoverScreen
from tests.tui.helpers import screen_text, send, until, widget_text

ROLES = ("town", "fest", "press")
MESSAGES = {("town", "press"): "SECRET-MSG-town-press", ("fest", "town"): "SECRET-MSG-fest-town"}
NOTE = "SECRET-NOTE-control"


def secrets_kept_from(role: str) -> set[str]:
    kept = {f"SECRET-BRIEF-{r}" for r in ROLES if r != role}
    kept |= {f"SECRET-INJECT-{r}" for r in ROLES if r != role}
    kept |= {text for pair, text in MESSAGES.items() if role not in pair}
    kept.add(NOTE)
    return kept


async def everything_on(pilot: Pilot[Any], every_tab: bool) -> str:
    """What the delegation screen draws, tab by tab if asked, plus all text its widgets hold.

    A screen is kept for its delegation's next turns, so once every tab has
    been drawn, its widgets hold all they would show, hidden tabs included.
    """
    screen = pilot.app.screen
    assert isinstance(screen, DelegationScreen)
    seen = [screen_text(pilot.app)]
    if every_tab:
        tabs = screen.query_one(TabbedContent)
        for pane in ("briefing", "table", "move", "messages", "news", "history"):
            tabs.active = pane
            await pilot.pause()
            seen.append(screen_text(pilot.app))
    seen.append(widget_text(pilot.app))
    return "\n".join(seen)


class Watch:
    """Checks each delegation screen it is shown; remembers who was seen how often."""

    def __init__(self) -> None:
        self.checked: dict[str, int] = dict.fromkeys(ROLES, 0)

    async def check(self, pilot: Pilot[Any]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, DelegationScreen)
        text = await everything_on(pilot, every_tab=not self.checked[screen.role])
        leaked = {secret for secret in secrets_kept_from(screen.role) if secret in text}
        assert not leaked, f"{screen.role}'s screen shows {leaked}"
        assert f"SECRET-BRIEF-{screen.role}" in text
        self.checked[screen.role] += 1


async def hand_over(pilot: Pilot[Any], role: str) -> None:
    """Control gives the keyboard to `role` from the console, out of turn."""
    await pilot.press("h")
    choice = pilot.app.screen
    assert isinstance(choice, ChoiceScreen)
    for _ in range([value for value, _ in choice.choices].index(role)):
        await pilot.press("down")
    await pilot.press("enter", "enter")
    assert isinstance(pilot.app.screen, DelegationScreen)


async def at_keyboard(pilot: Pilot[Any], role: str) -> DelegationScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, HandoverScreen))
    assert "SECRET" not in screen_text(pilot.app)
    await pilot.press("enter")
    screen = pilot.app.screen
    assert isinstance(screen, DelegationScreen) and screen.role == role
    return screen


async def test_no_delegation_sees_another_ones_secrets(trio: Exercise, tmp_path: Path) -> None:
    seats = {r: Seat(kind="human") for r in ROLES}
    app = new_session_app(trio, seats, 1, tmp_path / "s.jsonl", pace=0)
    watch = Watch()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await hand_over(pilot, "press")
        await watch.check(pilot)
        await pilot.press("escape", "enter", "a")

        await at_keyboard(pilot, "town")
        await send(pilot, Message(actor="town", to="press", text=MESSAGES["town", "press"]))
        await send(pilot, Statement(actor="town", text="The town speaks."))

        await at_keyboard(pilot, "fest")
        await send(pilot, Message(actor="fest", to="town", text=MESSAGES["fest", "town"]))
        await send(pilot, Statement(actor="fest", text="The festival speaks."))

        await at_keyboard(pilot, "press")
        await watch.check(pilot)
        await send(pilot, Pass(actor="press"))

        await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
        await pilot.press("escape", "enter", "n")
        app.screen.query_one(Input).value = NOTE
        await pilot.press("enter")
        assert isinstance(app.screen, ConsoleScreen)
        await pilot.press("2")
        assert NOTE in screen_text(app)
        await pilot.press("h", "enter")  # the delegation to move is offered first

        await at_keyboard(pilot, "town")
        await watch.check(pilot)
        package = {"date": "july", "fee": "low"}
        await send(pilot, Propose(actor="town", package=package))
        await at_keyboard(pilot, "fest")
        await watch.check(pilot)
        await send(pilot, Reject(actor="fest", proposal=1, reason="too late in the summer"))
        await at_keyboard(pilot, "press")
        await watch.check(pilot)
    assert isinstance(app, TabletopApp)
    assert all(count >= 1 for count in watch.checked.values()), watch.checked
