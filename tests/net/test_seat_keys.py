"""Every key a network seat shows does what it says, and a lost host shows until it is back."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TabbedContent

from tabletop.tui.screens.help import HelpScreen
from tests.net.helpers import seated
from tests.tui.helpers import screen_text, until

FOOTER = -1


async def test_a_seat_offers_no_hand_back_and_its_help_opens(tmp_path: Path) -> None:
    async with seated(tmp_path) as (_table, app, pilot):
        screen = app.screen
        footer = screen_text(app).splitlines()[FOOTER]
        assert "Hand back" not in footer and "Help" in footer
        text = screen.query_one("#text", Input)
        text.focus()
        await pilot.press("escape")  # Esc still leaves a text field
        assert app.focused is not text
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        help = screen_text(app)
        # A seat's own help: no console, no hand-over screens it never meets.
        assert "At your own terminal" in help and "Control console" not in help
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)


async def test_the_projector_keys_open_the_tabs_they_name(tmp_path: Path) -> None:
    async with seated(tmp_path, "projector") as (_table, app, pilot):
        tabs = app.screen.query_one(TabbedContent)
        for key, pane in (("2", "news"), ("3", "history"), ("1", "table")):
            await pilot.press(key)
            assert tabs.active == pane, key
        assert "Send" not in screen_text(app).splitlines()[FOOTER]


async def test_a_lost_host_shows_in_the_header_until_it_is_back(tmp_path: Path) -> None:
    async with seated(tmp_path) as (table, app, pilot):
        await table.host.close()
        await until(pilot, lambda: "not connected: reconnecting" in screen_text(app))
        port = int(table.address.rsplit(":", 1)[1])
        await table.host.start("127.0.0.1", port)
        await until(pilot, lambda: app.client.connected)
        await until(pilot, lambda: "not connected" not in screen_text(app))
        assert "USA — Treaty for Security" in screen_text(app)


async def test_after_an_act_the_number_keys_switch_tabs_again(tmp_path: Path) -> None:
    async with seated(tmp_path) as (_, app, pilot):
        screen = app.screen
        await pilot.press("3")  # the statement's text has the cursor
        assert isinstance(app.focused, Input)
        await pilot.press(*"We came to listen.", "ctrl+s")
        await until(pilot, lambda: any(e.kind == "stated" for e in app.client.events))
        await until(pilot, lambda: app.focused is None)
        await pilot.press("2")
        assert screen.query_one(TabbedContent).active == "table"
