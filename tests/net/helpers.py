"""Over loopback: a headless host and seats in processes the tests start, or a host in this loop."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

from textual.pilot import Pilot

from tabletop.engine.acts import Act, Advance, Start
from tabletop.exercise.loader import load
from tabletop.log import Seat
from tabletop.net.client import SeatClient
from tabletop.net.codes import Codes
from tabletop.net.host import Host
from tabletop.net.protocol import PROJECTOR
from tabletop.tui.live import LiveSession, create
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.seat import ProjectorScreen, SeatApp
from tests.tui.helpers import until

TREATY = Path(__file__).parents[2] / "exercises" / "treaty-for-security.yaml"
TABLETOP = [str(Path(sys.executable).with_name("tabletop"))]
ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


@dataclass
class HostProcess:
    process: subprocess.Popen[str]
    port: int
    log: Path
    codes: dict[str, str]
    err: Path

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def console(self) -> str:
        return self.err.read_text()

    def wait(self, timeout: float = 60) -> int:
        return self.process.wait(timeout)


def start_host(
    folder: Path,
    *args: str,
    exercise: Path = TREATY,
    port: int = 0,
    resume: bool = False,
) -> HostProcess:
    """A headless host; returns once it listens. Its console goes to folder/host-N.err."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "session.jsonl"
    codes = folder / "codes.json"
    err = folder / f"host-{len(list(folder.glob('host-*.err')))}.err"
    source = ["--resume", str(log)] if resume else [str(exercise), "--log", str(log)]
    command = [*TABLETOP, "host", *source, "--headless", "--codes", str(codes)]
    command += ["--port", str(port), *args]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=err.open("w"), text=True, env=ENV
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    found = re.search(r":(\d+)$", line.strip())
    assert found, f"the host did not start: {line!r} {err.read_text()}"
    return HostProcess(process, int(found.group(1)), log, json.loads(codes.read_text()), err)


def join_bot(host: HostProcess, role: str, strategy: str = "linear") -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*TABLETOP, "join", host.address, "--code", host.codes[role], "--bot", strategy],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )


@contextmanager
def stopping(*processes: subprocess.Popen[str]) -> Iterator[None]:
    """Ends every process the test started, whatever happened in the test."""
    try:
        yield
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait(5)


def log_lines(log: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in log.read_text().splitlines()[1:]]


def wait_for(condition: object, timeout: float = 20.0) -> None:
    """Poll until `condition()` holds (a condition, not a duration: nothing here is timed)."""
    give_up = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < give_up, "gave up waiting"
        time.sleep(0.02)


def verify(log: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TABLETOP, "log", "verify", str(log)], capture_output=True, text=True, env=ENV
    )


@dataclass
class Table:
    """Control's side of a hosted session: the live session and the host beside it."""

    live: LiveSession
    host: Host
    codes: Codes
    address: str

    def control(self, *acts: Act) -> None:
        for act in acts:
            self.live.apply(act)
        self.host.publish()

    def bots_to(self, role: str) -> None:
        """The bots move until `role` has the turn."""
        while self.live.mover not in (role, None):
            self.live.play_bot()
        self.host.publish()


@asynccontextmanager
async def hosted(folder: Path, human: str = "usa") -> AsyncIterator[Table]:
    """A host in this loop, `human` played from a seat and every other delegation a bot."""
    exercise = load(TREATY)
    seats = {r: Seat(kind="bot", strategy="linear") for r in exercise.role_ids}
    seats[human] = Seat(kind="human")
    live = create(folder / "s.jsonl", exercise, 4, seats)
    codes = Codes.fresh([human])
    host = Host(live.session, codes, apply=live.apply, console=lambda _: None)
    port = await host.start("127.0.0.1", 0)
    try:
        yield Table(live, host, codes, f"127.0.0.1:{port}")
    finally:
        await host.close()
        live.close()


async def seat_for(table: Table, role: str = "usa") -> SeatClient:
    """A seat's client, joined to the table's host with the role's code."""
    client = SeatClient(table.address, table.codes[role])
    await client.join()
    return client


@asynccontextmanager
async def seated(
    folder: Path, seat: str = "usa", *, human: str | None = None, talking: bool = True
) -> AsyncIterator[tuple[Table, SeatApp, Pilot[None]]]:
    """A seat's app at 80×24, joined to a host in this loop (`human`, or the seat, plays from a
    seat; bots the rest), once Control has opened the talks if `talking`."""
    async with hosted(folder, human or (seat if seat != PROJECTOR else "usa")) as table:
        if talking:
            table.control(Start(), Advance())
        app = SeatApp(await seat_for(table, seat))
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DelegationScreen | ProjectorScreen))
            yield table, app, pilot
