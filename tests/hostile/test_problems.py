"""A malformed log line or wire message is named on one line, its hostile parts written out.

A log and a seat's messages may carry anything: a field named with a
terminal command, or an act kind that is one. What the reader and the host
say about them goes to a terminal, a console and back over the wire, so it
names the field as it is and writes the command out, as `validate` does.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from websockets.asyncio.client import connect

from tabletop.log import read_log
from tabletop.net.protocol import PROTOCOL
from tests.hostile.conftest import CONTROLS
from tests.log.test_log import write_session
from tests.log.test_replay import _rewrite
from tests.net.helpers import start_host, stopping

TITLE = CONTROLS["title"]
SHOWN = "\\x1b]0;pwned\\x07"
"""`TITLE` as the message writes it: what it says, and nothing a terminal obeys."""


def test_a_log_line_with_a_hostile_field_is_named_escaped(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    write_session(path)
    _rewrite(path, 2, {TITLE: 1})
    problem = read_log(path).problem
    assert problem is not None and problem.line == 3
    assert problem.message == f"not a valid event: {SHOWN}: Unexpected keyword argument"


async def _send_hostile(address: str, code: str) -> tuple[str, str]:
    """The host's answers to a hello and then an act, each with a hostile part."""
    hello = {"type": "hello", "protocol": PROTOCOL, "code": code}
    async with connect(f"ws://{address}") as stranger:
        await stranger.send(json.dumps({**hello, TITLE: 1}))
        turned_away = json.loads(await stranger.recv())
    async with connect(f"ws://{address}") as seat:
        await seat.send(json.dumps(hello))
        while json.loads(await seat.recv())["type"] != "welcome":
            pass
        await seat.send(json.dumps({"type": "act", "id": 1, "act": {"kind": TITLE}}))
        while (answer := json.loads(await seat.recv()))["type"] != "error":
            pass
    return turned_away["message"], answer["message"]


def test_a_hostile_wire_message_is_named_escaped(tmp_path: Path) -> None:
    host = start_host(tmp_path)
    with stopping(host.process):
        hello, act = asyncio.run(_send_hostile(host.address, host.codes["usa"]))
        host.process.terminate()
        assert host.wait() == 0
    assert hello.startswith(f"hello.{SHOWN}: ") and TITLE not in hello
    assert act.startswith(f"act.act: Input tag '{SHOWN}' found using 'kind'") and TITLE not in act
    console = host.console()
    assert f"ignored a malformed message: act.act: Input tag '{SHOWN}'" in console
    assert TITLE not in console
