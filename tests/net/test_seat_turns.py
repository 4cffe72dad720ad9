"""A seat at its own terminal is offered the act its turn wants, keeps what it has written,
and is told at once what it must not miss.

The host is a real `Host` on loopback in the test's own loop (`hosted`), so
the test plays Control and the bots at the moments it chooses; the seat is
the `SeatApp` a player runs.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, TabbedContent

from tabletop.engine.acts import (
    Advance,
    End,
    FireInject,
    Message,
    Pause,
    Resume,
    SkipTurn,
    Start,
    Statement,
)
from tabletop.net.client import SeatClient
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.seat import SeatApp
from tabletop.tui.widgets.composer import Composer
from tests.net.helpers import hosted, seat_for, seated
from tests.tui.helpers import screen_text, send, until

DRAFT = "Before we start: can we talk about the aid?"


def composer(app: SeatApp) -> Composer:
    screen = app.screen
    assert isinstance(screen, DelegationScreen)
    return screen.query_one(Composer)


def my_turn(app: SeatApp) -> bool:
    screen = app.screen
    return isinstance(screen, DelegationScreen) and screen.view is not None and screen.view.my_turn


def phase(app: SeatApp) -> str | None:
    picture = app.client.picture
    return picture.phase if picture is not None else None


def told(app: SeatApp, title: str) -> list[str]:
    return [str(n.message) for n in app._notifications if n.title == title]


async def test_a_seat_joined_before_the_talks_is_offered_its_statement(tmp_path: Path) -> None:
    async with seated(tmp_path, talking=False) as (table, app, pilot):
        assert composer(app).kind != "statement"  # nothing to say before the talks open
        table.control(Start(), Advance())
        await until(pilot, lambda: my_turn(app))
        await until(pilot, lambda: composer(app).kind == "statement")
        assert any("Opening statements" in line for line in told(app, "Your turn"))


async def test_a_draft_written_before_the_turn_survives_its_coming(tmp_path: Path) -> None:
    async with seated(tmp_path, talking=False) as (table, app, pilot):
        form = composer(app)
        screen = app.screen
        await pilot.press("3")
        form.query_one("#kind", Select).value = "message"
        await pilot.pause()
        form.query_one("#to", Select).value = "china"
        text = form.query_one("#text", Input)
        text.focus()
        await pilot.press(*DRAFT)

        table.control(Start(), Advance())
        await until(pilot, lambda: my_turn(app))
        await until(pilot, lambda: bool(told(app, "Your turn")))
        assert text.value == DRAFT
        assert form.kind == "message"  # the private text is not turned into a statement
        assert screen.query_one(TabbedContent).active == "move"
        assert any("draft is kept" in line for line in told(app, "Your turn"))

        # Once the message has gone, the form offers what the turn wants.
        await pilot.press("ctrl+s")
        await until(pilot, lambda: any(e.kind == "messaged" for e in app.client.events))
        await until(pilot, lambda: form.kind == "statement" and not text.value)


async def test_the_next_turn_offers_a_proposal_after_the_statement(tmp_path: Path) -> None:
    async with seated(tmp_path) as (table, app, pilot):
        await until(pilot, lambda: my_turn(app))
        assert composer(app).kind == "statement"
        await send(pilot, Statement(actor="usa", text="We came to listen first."))
        await until(pilot, lambda: not my_turn(app))
        table.bots_to("usa")
        await until(pilot, lambda: my_turn(app) and app.client.picture is not None)
        await until(pilot, lambda: composer(app).kind == "propose")
        assert any("Round 1" in line for line in told(app, "Your turn"))


async def test_a_refused_act_keeps_its_text_though_others_move(tmp_path: Path) -> None:
    async with seated(tmp_path, "dprk") as (table, app, pilot):
        form = composer(app)
        await pilot.press("3")
        form.query_one("#kind", Select).value = "statement"
        text = form.query_one("#text", Input)
        text.value = "A statement out of turn."
        await pilot.press("ctrl+s")
        await until(pilot, lambda: bool(told(app, "Not allowed")))
        table.bots_to("dprk")  # the United States speaks: the table moves on
        await until(pilot, lambda: my_turn(app))
        assert text.value == "A statement out of turn."


async def test_the_form_follows_the_table_until_the_player_picks_an_act(tmp_path: Path) -> None:
    async with seated(tmp_path, "dprk", talking=False) as (table, app, pilot):
        form = composer(app)
        table.control(Start())  # the briefing: private messages may go
        await until(pilot, lambda: form.kind == "message")
        form.query_one("#kind", Select).value = "support"
        await pilot.pause()
        table.control(Advance())  # the United States speaks first
        await until(pilot, lambda: phase(app) == "opening")
        assert form.kind == "support"


def hurried(client: SeatClient) -> SeatApp:
    """A seat whose every update comes twice at once, as when the clock's reading follows an act."""
    app = SeatApp(client)
    once = app._updated

    def twice() -> None:
        once()
        once()

    app._updated = client.on_update = twice  # type: ignore[method-assign]
    return app


async def test_updates_that_come_while_the_screen_is_built_wait_for_it(tmp_path: Path) -> None:
    async with hosted(tmp_path) as table:
        table.control(Start(), Advance())
        for seat in ("usa", "projector"):
            app = hurried(await seat_for(table, seat))
            await shows_the_opening(app)
            assert app.return_code in (None, 0), seat  # no traceback, no exit


async def shows_the_opening(app: SeatApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "opening statements" in screen_text(app))


async def test_a_message_news_a_new_reservation_and_the_end_are_told(tmp_path: Path) -> None:
    async with seated(tmp_path) as (table, app, pilot):
        await until(pilot, lambda: my_turn(app))
        assert not app._notifications  # nothing new yet: what was there is not told
        text = "[@click=app.quit]Call us tonight[/]"
        table.control(Message(actor="china", to="usa", text=text))
        await until(pilot, lambda: bool(told(app, "Message from China (4 Messages)")))
        assert told(app, "Message from China (4 Messages)") == [text]  # literal, inert
        table.control(SkipTurn())
        await until(pilot, lambda: bool(told(app, "Turn skipped")))
        table.control(FireInject(inject="missile-test"))
        await until(pilot, lambda: bool(told(app, "News (5 News)")))
        assert told(app, "Your no deal") == ["Worth 3 to you now (it was 6)."]
        table.control(End())
        await until(pilot, lambda: bool(told(app, "The talks are over")))
        (ending,) = told(app, "The talks are over")
        assert "Your score 3 · no deal 3." in ending
        await table.host.finish()
        await until(pilot, lambda: app.client.ended)
        assert not told(app, "Ended")  # the end is told once, with its outcome


async def test_a_pause_leaves_the_form_and_the_turn_as_they_were(tmp_path: Path) -> None:
    async with seated(tmp_path) as (table, app, pilot):
        await until(pilot, lambda: my_turn(app))
        form = composer(app)
        assert form.kind == "statement"
        table.control(Pause())
        await until(pilot, lambda: phase(app) == "paused")
        assert form.kind == "statement"  # nothing is legal in a pause: the form stays
        table.control(Resume())
        await until(pilot, lambda: phase(app) == "opening")
        assert form.kind == "statement"
        assert not told(app, "Your turn")  # the same turn as before the pause
