"""A person's seat over the network: the delegation screen in a pilot, acting on a real host."""

from __future__ import annotations

from pathlib import Path

from tabletop.engine.acts import Sign, Statement
from tabletop.net.client import SeatClient
from tabletop.tui.messages import RequestAct
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.seat import ProjectorScreen, SeatApp
from tests.net.helpers import log_lines, start_host, stopping
from tests.tui.helpers import screen_text, send, until, widget_text

BOTS = ("--bot", "dprk=linear", "--bot", "china=linear", "--bot", "rok=boulware")
BOTS += ("--bot", "russia=conceder", "--seed", "4")


async def test_a_delegation_plays_from_its_own_terminal(tmp_path: Path) -> None:
    host = start_host(tmp_path, *BOTS)
    with stopping(host.process):
        client = SeatClient(host.address, host.codes["usa"])
        await client.join()
        app = SeatApp(client)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DelegationScreen))
            screen = app.screen
            assert isinstance(screen, DelegationScreen)
            await until(pilot, lambda: screen.view is not None and screen.view.my_turn)
            assert "USA · opening statements" in screen_text(app)
            assert "confidential" in widget_text(app).lower()

            # An act the host refuses comes back with its reason, as at the hot seat.
            screen.post_message(RequestAct(Sign(actor="usa")))
            await until(pilot, lambda: any(n.title == "Not allowed" for n in app._notifications))

            await send(pilot, Statement(actor="usa", text="We came to listen first."))
            await until(pilot, lambda: any(e.kind == "stated" for e in client.events))
            screen.action_tab("history")
            await until(pilot, lambda: "We came to listen first." in widget_text(app))
    stated = [e for e in log_lines(host.log) if e["kind"] == "stated" and e["actor"] == "usa"]
    assert stated and stated[0]["payload"] == {"text": "We came to listen first."}


async def test_the_projector_shows_the_public_table(tmp_path: Path) -> None:
    host = start_host(tmp_path, *BOTS)
    with stopping(host.process):
        client = SeatClient(host.address, host.codes["projector"])
        await client.join()
        app = SeatApp(client)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, ProjectorScreen))
            await until(pilot, lambda: "USA to move" in screen_text(app))
            assert "Treaty" in screen_text(app)
