"""Bad input is refused with a clear message, noted on the console, and never logged."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tabletop.net import link as link_module
from tabletop.net.codes import Codes, Throttle, normalise
from tabletop.net.link import Link
from tabletop.net.protocol import PROTOCOL
from tests.net.helpers import log_lines, start_host, stopping


async def hello(address: str, code: str, protocol: int = PROTOCOL) -> ClientConnection:
    socket = await connect(f"ws://{address}", max_size=None)
    await socket.send(json.dumps({"type": "hello", "protocol": protocol, "code": code}))
    return socket


async def answer(socket: ClientConnection, kind: str) -> dict[str, Any]:
    """The next message of a kind, skipping updates."""
    while True:
        message: dict[str, Any] = json.loads(await socket.recv())
        if message["type"] == kind:
            return message


async def turned_away(socket: ClientConnection) -> tuple[str, int | None]:
    message = json.loads(await socket.recv())
    assert message["type"] == "error"
    with pytest.raises(ConnectionClosed):
        await socket.recv()
    return message["error"], socket.close_code


def act(number: int, **fields: Any) -> str:
    return json.dumps({"type": "act", "id": number, "act": fields})


async def misbehave(address: str, codes: dict[str, str]) -> None:
    assert await turned_away(await hello(address, "aaaa-bbbb-cccc-dddd")) == ("code", 4001)
    assert await turned_away(await hello(address, codes["usa"], PROTOCOL - 1)) == (
        "protocol",
        4000,
    )
    garbled = await connect(f"ws://{address}")
    await garbled.send("{not json")
    assert await turned_away(garbled) == ("malformed", 4003)

    usa = await hello(address, codes["usa"])
    assert (await answer(usa, "welcome"))["seat"] == "usa"
    assert await turned_away(await hello(address, codes["usa"])) == ("seat_taken", 4002)

    await usa.send('{"type": "act", "id": 1, "act": {"kind": "fly"}}')
    assert (await answer(usa, "error"))["error"] == "malformed"
    await usa.send(act(2, kind="pass", actor="dprk"))
    refused = await answer(usa, "refused")
    assert refused["id"] == 2 and "cannot act for dprk" in refused["reason"]
    await usa.send(act(3, kind="advance"))
    assert "cannot act for control" in (await answer(usa, "refused"))["reason"]
    await usa.send(act(4, kind="sign", actor="usa"))
    assert (await answer(usa, "refused"))["reason"]  # the engine's own reason

    projector = await hello(address, codes["projector"])
    await answer(projector, "update")
    await projector.send(act(5, kind="pass", actor="usa"))
    assert "only watches" in (await answer(projector, "refused"))["reason"]

    dprk = await hello(address, codes["dprk"])
    await answer(dprk, "update")
    await dprk.send(act(6, kind="statement", actor="dprk", text="x" * 70_000))
    with pytest.raises(ConnectionClosed):
        while True:
            await dprk.recv()
    assert dprk.close_code == 1009

    # Through all this the session went on, for the others and for the usa itself.
    await usa.send(act(7, kind="statement", actor="usa", text="We are here to listen."))
    assert (await answer(usa, "ack"))["id"] == 7
    await projector.close()
    await usa.close()


def test_bad_input_is_refused_and_the_session_goes_on(tmp_path: Path) -> None:
    host = start_host(tmp_path)
    with stopping(host.process):
        asyncio.run(misbehave(host.address, host.codes))
        host.process.terminate()
        assert host.wait() == 0
    kinds = [(e["actor"], e["kind"]) for e in log_lines(host.log)]
    # The bad input left no trace; the host's stop left the turn clock's.
    assert kinds == [
        ("control", "started"),
        ("control", "advanced"),
        ("usa", "stated"),
        ("control", "clock_stopped"),
    ]
    console = host.console()
    for said in (
        "this code opens no seat here",
        "speaks protocol",
        "United States is already connected",
        "ignored a malformed message",
        "it cannot act for dprk",
        "over 65536 bytes",
    ):
        assert said in console


def test_a_burst_of_wrong_codes_is_slowed_down() -> None:
    throttle = Throttle(free=3)
    assert throttle.delay("10.0.0.7") == 0
    for _ in range(3):
        throttle.missed("10.0.0.7")
    assert throttle.delay("10.0.0.7") == 1
    throttle.missed("10.0.0.7")
    assert throttle.delay("10.0.0.7") == 2
    assert throttle.delay("10.0.0.8") == 0


def test_codes_read_aloud_match_and_reissued_ones_do_not() -> None:
    codes = Codes.fresh(["usa", "dprk"])
    usa = codes["usa"]
    assert codes.seat_for(usa.upper().replace("-", " ")) == "usa"
    assert normalise("O1l-I") == "0111"
    codes.reissue("usa")
    assert codes.seat_for(usa) is None
    assert codes.seat_for(codes["usa"]) == "usa"


class Stuck:
    """A connection whose reader stopped: nothing sent ever leaves."""

    remote_address = ("10.0.0.9", 5000)
    transport = None

    async def send(self, frame: str) -> None:
        await asyncio.Event().wait()


async def test_a_seat_that_stops_reading_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(link_module, "WRITE_TIMEOUT", 0.05)
    dropped: list[str] = []
    link = Link(Stuck(), "usa", 0, lambda _: "an update", lambda _, why: dropped.append(why))  # type: ignore[arg-type]
    link.poke()
    while not dropped:
        await asyncio.sleep(0.01)
    assert "read nothing" in dropped[0]
