"""Every frame a seat receives holds nothing another role alone may know, not even in a payload.

Five delegations join a hosted Treaty for Security from this process, each
played by a bot, and trade private messages; a projector watches. Every
frame each of them receives is recorded, and searched for the other roles'
confidential briefings, private inject texts, private messages, points,
reservations and scores.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from tabletop.bots import make_bot
from tabletop.engine.acts import Message
from tabletop.exercise.loader import load
from tabletop.exercise.model import Exercise
from tabletop.net.client import SeatClient
from tabletop.net.remote_bot import play_seat
from tabletop.net.seen import HIDDEN
from tests.net.helpers import TREATY, start_host, stopping

MESSAGES = {
    ("usa", "dprk"): "PRIVATE usa to dprk: we can move on sanctions",
    ("china", "rok"): "PRIVATE china to rok: Beijing wants a freeze first",
    ("russia", "usa"): "PRIVATE russia to usa: Moscow will not block",
}


class Recording(SeatClient):
    """A seat's client that keeps every frame it is sent."""

    def __init__(self, address: str, code: str) -> None:
        super().__init__(address, code)
        self.frames: list[str] = []

    def _receive(self, frame: str | bytes) -> None:
        self.frames.append(frame if isinstance(frame, str) else frame.decode())
        super()._receive(frame)


def strings(value: Any) -> list[str]:
    """Every text in a parsed frame, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in (key, *strings(item))]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


def sentences(text: str) -> list[str]:
    """The long sentences of a text: each one specific to it."""
    parts = text.replace("\n", " ").split(". ")
    return [" ".join(p.split()) for p in parts if len(p) > 50]


def secrets_of(exercise: Exercise, reader: str | None) -> set[str]:
    """What only other roles (and Control) may read, as sentences to search for."""
    public = " ".join(" ".join(r.public_briefing.split()) for r in exercise.roles)
    kept: set[str] = set()
    for role in exercise.roles:
        if role.id != reader:
            kept |= {s for s in sentences(role.confidential_briefing) if s not in public}
    for inject in exercise.injects:
        kept |= {" ".join(text.split()) for role, text in inject.private.items() if role != reader}
    if reader is not None:
        own = {
            " ".join(t.split())
            for i in exercise.injects
            for r, t in i.private.items()
            if r == reader
        }
        kept -= own
    kept |= {text for pair, text in MESSAGES.items() if reader not in pair}
    return kept


def check_fields(message: dict[str, Any], reader: str | None) -> None:
    """Points, reservations and scores in their fields are the reader's own, or absent."""
    exercise = message.get("exercise")
    if exercise:
        for role in exercise["roles"]:
            if role["id"] != reader:
                assert role["reservation"] == 0
                assert role["confidential_briefing"] == HIDDEN
        assert set(exercise["valuations"]) <= {reader}
        for inject in exercise["injects"]:
            assert set(inject["private"]) <= {reader}
            assert {e["role"] for e in inject["effects"]} <= {reader}
            assert inject["trigger"] is None
    picture = message.get("picture")
    if picture:
        assert picture["role"] == reader
        if picture["conclusion"]:
            assert set(picture["conclusion"]["scores"]) <= {reader}
        if reader is None:
            assert picture["valuations"] is None and picture["reservation"] is None
    for event in message.get("events", []):
        assert event["visible_to"] is None or reader in event["visible_to"]
        assert event["kind"] != "annotated"
        if event["kind"] == "concluded":
            assert set(event["payload"]["scores"]) <= {reader}


async def play(address: str, codes: dict[str, str]) -> dict[str | None, Recording]:
    clients: dict[str | None, Recording] = {
        role: Recording(address, code) for role, code in codes.items() if role != "projector"
    }
    clients[None] = Recording(address, codes["projector"])
    for client in clients.values():
        await client.join()
    watching = asyncio.create_task(clients[None].run())
    playing = asyncio.gather(
        *(play_seat(c, make_bot("linear"), 5) for role, c in clients.items() if role is not None)
    )
    for (sender, to), text in MESSAGES.items():
        answer = await clients[sender].act(Message(actor=sender, to=to, text=text))
        assert answer.type == "ack", answer
    await playing
    await watching
    return clients


def test_no_frame_holds_what_another_role_alone_may_know(tmp_path: Path) -> None:
    host = start_host(tmp_path, "--seed", "11")
    with stopping(host.process):
        clients = asyncio.run(play(host.address, host.codes))
        assert host.wait() == 0
    exercise = load(TREATY)
    fired = 0
    for reader, client in clients.items():
        assert client.ended
        kept = secrets_of(exercise, reader)
        assert len(kept) > 10
        seen = []
        for frame in client.frames:
            message = json.loads(frame)
            check_fields(message, reader)
            seen += strings(message)
        text = " ".join(" ".join(s.split()) for s in seen)
        leaked = {secret for secret in kept if secret in text}
        assert not leaked, f"{reader or 'the projector'} was sent {leaked}"
        if reader is not None:
            own = exercise.role(reader)
            assert sentences(own.confidential_briefing)[0] in text
            fired += sum(
                " ".join(t.split()) in text
                for t in (i.private.get(reader, "") for i in exercise.injects)
                if t
            )
            mine = [t for pair, t in MESSAGES.items() if reader in pair]
            assert all(m in text for m in mine)
    assert fired > 0, "no private inject text reached its own role: the test proves too little"
