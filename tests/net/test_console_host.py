"""The console host: Control sees the codes and who is connected, and takes back an empty seat."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tabletop.exercise.loader import load
from tabletop.log import Seat
from tabletop.net.client import JoinError, SeatClient
from tabletop.net.codes import Codes, store_path
from tabletop.tui import hosting
from tabletop.tui.hosting import HostedApp
from tabletop.tui.live import create
from tabletop.tui.screens.clock import ClockPrompt
from tabletop.tui.screens.confirm import ConfirmScreen
from tabletop.tui.screens.console import ConsoleScreen
from tabletop.tui.screens.seats import SeatsScreen
from tabletop.tui.screens.text_prompt import TextPrompt
from tests.net.helpers import TREATY, log_lines
from tests.tui.helpers import run_out, screen_text, until


def hosted_app(
    folder: Path, humans: list[str] | None = None, seconds_per_turn: int | None = None
) -> HostedApp:
    """The console host; `humans` play from seats (every delegation when None), bots the rest."""
    exercise = load(TREATY)
    playing = exercise.role_ids if humans is None else humans
    seats = {
        r: Seat(kind="human") if r in playing else Seat(kind="bot", strategy="linear")
        for r in exercise.role_ids
    }
    live = create(folder / "s.jsonl", exercise, 5, seats, seconds_per_turn=seconds_per_turn)
    codes = Codes.fresh(list(playing))
    return HostedApp(live, codes, store_path(live.path), "127.0.0.1", 0, pace=0)


async def joined(pilot: Pilot[None], role: str) -> tuple[SeatClient, asyncio.Task[None]]:
    """Once the host listens (its seats panel is up), `role`'s seat joins and receives."""
    app = pilot.app
    assert isinstance(app, HostedApp)
    await until(pilot, lambda: isinstance(app.screen, SeatsScreen))
    client = SeatClient(app.address, app.codes[role])
    await client.join()
    return client, asyncio.create_task(client.run())


async def test_control_hands_a_seat_whose_terminal_is_gone_to_a_bot(tmp_path: Path) -> None:
    exercise = load(TREATY)
    seats = {r: Seat(kind="bot", strategy="linear") for r in exercise.role_ids}
    seats["usa"] = Seat(kind="human")
    live = create(tmp_path / "s.jsonl", exercise, 5, seats)
    codes = Codes.fresh(["usa"])
    app = HostedApp(live, codes, store_path(live.path), "127.0.0.1", 0, pace=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SeatsScreen))
        shown = screen_text(app)
        assert codes["usa"] in shown and codes["projector"] in shown and "waiting" in shown

        client = SeatClient(app.address, codes["usa"])
        await client.join()
        receiving = asyncio.create_task(client.run())
        await until(pilot, lambda: "connected" in screen_text(app))
        await pilot.press("escape")
        assert isinstance(app.screen, ConsoleScreen)
        await pilot.press("s", "a")
        await until(pilot, lambda: client.picture is not None and client.picture.turn == "usa")
        assert isinstance(app.screen, ConsoleScreen)  # a remote seat's turn: no hand-over here

        await client.close()
        await receiving
        await until(pilot, lambda: "usa" not in app.host.seats)
        await pilot.press("f2")
        assert isinstance(app.screen, SeatsScreen)
        await pilot.press("b")
        assert "usa" in app.host.retired  # its old code opens nothing now
        assert "usa" in live.bots
        await until(pilot, lambda: live.ended)
    events = log_lines(live.path)
    assert events[-1]["kind"] == "concluded"
    assert any(e["actor"] == "usa" for e in events)


async def test_control_gives_a_seat_a_new_code(tmp_path: Path) -> None:
    exercise = load(TREATY)
    seats = {r: Seat(kind="human") for r in exercise.role_ids}
    live = create(tmp_path / "s.jsonl", exercise, 5, seats)
    codes = Codes.fresh(exercise.role_ids)
    old = codes["usa"]
    store = store_path(live.path)
    app = HostedApp(live, codes, store, "127.0.0.1", 0, pace=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SeatsScreen))
        client = SeatClient(app.address, old)
        await client.join()
        receiving = asyncio.create_task(client.run())
        await until(pilot, lambda: "usa" in app.host.seats)
        await pilot.press("r")  # the first row: the United States
        with pytest.raises(JoinError, match="new code"):
            await receiving
        assert codes["usa"] != old and codes["usa"] in screen_text(app)
        assert json.loads(store.read_text())["usa"] == codes["usa"]
        with pytest.raises(JoinError, match="opens no seat"):
            await SeatClient(app.address, old).join()


async def test_joins_are_shown_in_the_open_panel_not_toasted_over_it(tmp_path: Path) -> None:
    app = hosted_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        client, receiving = await joined(pilot, "usa")
        await until(pilot, lambda: "connected" in screen_text(app))
        assert not [n for n in app._notifications if "joined" in n.message]
        await pilot.press("escape")
        await client.close()
        await receiving
        await until(pilot, lambda: any("left" in n.message for n in app._notifications))


async def test_more_time_from_control_reaches_the_seat_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hosting, "CLOCK_SYNC", 3600.0)  # no periodic reading comes to help
    app = hosted_app(tmp_path, ["usa"], seconds_per_turn=30)
    async with app.run_test(size=(80, 24)) as pilot:
        client, receiving = await joined(pilot, "usa")
        await pilot.press("escape", "s", "a")
        await until(pilot, lambda: client.picture is not None and client.picture.turn == "usa")
        await run_out(app)
        await until(pilot, lambda: isinstance(app.screen, ClockPrompt))
        told = client.picture
        await pilot.press("m")
        # A new reading: the turn's 30 s again (a second may have passed on the real clock).
        await until(pilot, lambda: client.picture is not told)
        assert client.picture is not None and (client.picture.remaining or 0) > 20
        await client.close()
        await receiving


async def test_seats_let_go_at_the_end_are_not_toasted_one_by_one(tmp_path: Path) -> None:
    app = hosted_app(tmp_path)
    codes, live = app.codes, app.live
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SeatsScreen))
        clients = [SeatClient(app.address, codes[role]) for role in ("usa", "dprk")]
        for client in clients:
            await client.join()
        receiving = [asyncio.create_task(client.run()) for client in clients]
        await until(pilot, lambda: len(app.host.seats) == 2)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConsoleScreen))
        await pilot.press("s", "a")
        await until(pilot, lambda: live.state.phase == "opening")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press("enter", "enter")  # no reason given, then the confirm button
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: all(task.done() for task in receiving))
        await until(pilot, lambda: not app.host.seats)
        assert live.ended
        assert not [n for n in app._notifications if "left" in n.message]
