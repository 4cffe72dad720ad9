"""A dropped seat joins again missing nothing; a host killed with -9 resumes, keeping every ack."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

from tabletop.bots import make_bot
from tabletop.engine.acts import Act
from tabletop.net.client import SeatClient
from tabletop.net.protocol import Ack, Refused
from tabletop.net.remote_bot import play_seat
from tests.net.helpers import HostProcess, log_lines, start_host, stopping, verify

BOTS = ("--bot", "dprk=linear", "--bot", "china=linear", "--bot", "rok=boulware")
BOTS += ("--bot", "russia=conceder", "--seed", "4")
AFTER = 3
"""The United States' acks before the trouble starts."""


class Troubled(SeatClient):
    """The United States' seat: after its third ack, `trouble` strikes; it keeps its acks."""

    def __init__(self, host: HostProcess, trouble: Callable[[Troubled], Awaitable[None]]) -> None:
        self.notices: list[str] = []
        super().__init__(host.address, host.codes["usa"], on_notice=self.notices.append)
        self.trouble = trouble
        self.acked: list[int] = []

    async def act(self, act: Act) -> Ack | Refused:
        answer = await super().act(act)
        if isinstance(answer, Ack):
            self.acked.append(answer.seq)
            if len(self.acked) == AFTER:
                await self.trouble(self)
        return answer


async def play(client: Troubled) -> None:
    await client.join()
    await play_seat(client, make_bot("linear"), 9)


def seen_by_usa(log: Path) -> list[int]:
    return [
        event["seq"]  # type: ignore[misc]
        for event in log_lines(log)
        if event["visible_to"] is None or "usa" in event["visible_to"]  # type: ignore[operator]
    ]


def test_a_dropped_seat_joins_again_and_misses_nothing(tmp_path: Path) -> None:
    host = start_host(tmp_path, *BOTS)

    async def drop(client: Troubled) -> None:
        socket = client._socket
        assert socket is not None and socket.transport is not None
        socket.transport.abort()

    client = Troubled(host, drop)
    with stopping(host.process):
        asyncio.run(play(client))
        assert host.wait() == 0
    assert client.ended and len(client.acked) > AFTER
    assert "reconnected" in client.notices
    assert [event.seq for event in client.events] == seen_by_usa(host.log)


def test_a_host_killed_and_resumed_keeps_every_acknowledged_act(tmp_path: Path) -> None:
    hosts = [start_host(tmp_path, *BOTS)]

    async def kill_and_resume(client: Troubled) -> None:
        first = hosts[0]
        first.process.kill()
        first.process.wait()
        logged = log_lines(first.log)
        assert all(logged[seq - 1]["actor"] == "usa" for seq in client.acked)
        hosts.append(await asyncio.to_thread(start_host, tmp_path, resume=True, port=first.port))

    client = Troubled(hosts[0], kill_and_resume)
    try:
        asyncio.run(play(client))
        assert hosts[-1].wait() == 0
    finally:
        with stopping(*(h.process for h in hosts)):
            pass
    assert len(hosts) == 2 and hosts[1].codes == hosts[0].codes
    logged = log_lines(hosts[1].log)
    assert all(logged[seq - 1]["actor"] == "usa" for seq in client.acked)
    assert logged[-1]["kind"] == "concluded"
    assert [event.seq for event in client.events] == seen_by_usa(hosts[1].log)
    checked = verify(hosts[1].log)
    assert checked.returncode == 0, checked.stdout
