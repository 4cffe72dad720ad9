"""Seats over the network: an act's round trip, its fan-out to every seat, memory per seat.

Run: .venv/bin/python bench/net.py [--acts N] [--seats 5,30,120]

A headless host of Treaty for Security runs in its own process, every role
a human seat; this process joins its five delegations and fills the rest of
each count with projectors (a projector is sent every update too). The act
is a private message from the United States (legal at any time, so the
session stands still while it is repeated). Each is timed from sending it
until (1) its `ack` is back, after the host has decided, written and
fsynced it, and sent its update to every seat, and (2) every seat has
received that update. Memory per seat is the growth of the host's resident
memory from five seats to the most, divided by the seats added.
Targets: round trip under 50 ms, fan-out to 120 seats under 250 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from websockets.asyncio.client import ClientConnection, connect

HERE = Path(__file__).parent
TREATY = HERE.parent / "exercises" / "treaty-for-security.yaml"
TABLETOP = str(Path(sys.executable).with_name("tabletop"))
SEQ = re.compile(r'"seq":(\d+)')
ACK = re.compile(r'^\{"type":"ack","id":(\d+),"seq":(\d+)')
ROUND_TRIP_TARGET = 0.050
FAN_OUT_TARGET = 0.250


class Seats:
    """Every connection this process holds, and the last update each has received."""

    def __init__(self) -> None:
        self.sockets: list[ClientConnection] = []
        self.readers: list[asyncio.Task[None]] = []
        self.latest: list[int] = []
        self.target = 0
        self.reached = 0
        self.all_there: asyncio.Future[float] | None = None
        self.acks: dict[int, asyncio.Future[tuple[float, int]]] = {}

    async def join(self, address: str, code: str) -> None:
        socket = await connect(f"ws://{address}", max_size=None, compression=None)
        await socket.send(json.dumps({"type": "hello", "protocol": 1, "code": code}))
        json.loads(await socket.recv())  # welcome
        index = len(self.sockets)
        self.sockets.append(socket)
        self.latest.append(0)
        self.readers.append(asyncio.create_task(self._read(index, socket)))

    async def _read(self, index: int, socket: ClientConnection) -> None:
        async for frame in socket:
            assert isinstance(frame, str)
            now = time.perf_counter()
            ack = ACK.match(frame)
            if ack:
                self.acks.pop(int(ack.group(1))).set_result((now, int(ack.group(2))))
                continue
            found = SEQ.search(frame)
            if frame.startswith('{"type":"update"') and found:
                seq = int(found.group(1))
                if self.latest[index] < self.target <= seq:
                    self.reached += 1
                    there = self.all_there
                    if self.reached == len(self.sockets) and there and not there.done():
                        there.set_result(now)
                self.latest[index] = seq

    async def settle(self, seq: int) -> None:
        while min(self.latest) < seq:
            await asyncio.sleep(0.01)

    async def act(self, number: int) -> tuple[float, float]:
        """One act from the first seat: seconds to its ack, and to its update at every seat."""
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[tuple[float, int]] = loop.create_future()
        self.acks[number] = answer
        self.all_there = loop.create_future()
        self.target = max(self.latest) + 1
        self.reached = 0
        message = {"kind": "message", "actor": "usa", "to": "dprk", "text": f"note {number}"}
        start = time.perf_counter()
        await self.sockets[0].send(json.dumps({"type": "act", "id": number, "act": message}))
        acked, _ = await answer
        everywhere = await self.all_there
        return acked - start, everywhere - start


def resident(pid: int) -> int:
    """The host's resident memory in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def bench(
    address: str, codes: dict[str, str], pid: int, counts: list[int], acts: int
) -> None:
    seats = Seats()
    for role, code in codes.items():
        if role != "projector":
            await seats.join(address, code)
    number = 0
    memory: dict[int, int] = {}
    for count in counts:
        while len(seats.sockets) < count:
            await seats.join(address, codes["projector"])
        await seats.settle(max(seats.latest))
        for _ in range(5):  # warm up
            await seats.act(number)
            number += 1
        memory[count] = resident(pid)
        trips, fans = [], []
        for _ in range(acts):
            trip, fan = await seats.act(number)
            number += 1
            trips.append(trip)
            fans.append(fan)
        print(
            f"{count:4d} seats: round trip {statistics.median(trips) * 1000:6.1f} ms median, "
            f"{percentile(trips, 0.95) * 1000:6.1f} ms p95; every seat has it "
            f"{statistics.median(fans) * 1000:6.1f} ms median, "
            f"{percentile(fans, 0.95) * 1000:6.1f} ms p95"
        )
    first, last = counts[0], counts[-1]
    if last > first:
        per_seat = (memory[last] - memory[first]) / (last - first)
        print(
            f"host memory: {memory[first] / 2**20:.1f} MiB at {first} seats, "
            f"{memory[last] / 2**20:.1f} MiB at {last}: {per_seat / 1024:.0f} KiB a seat"
        )
    for socket in seats.sockets:
        await socket.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--acts", type=int, default=100)
    parser.add_argument("--seats", default="5,30,120")
    args = parser.parse_args()
    counts = sorted(int(n) for n in args.seats.split(","))
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "bench.jsonl"
        codes_file = Path(folder) / "codes.json"
        host = subprocess.Popen(
            [
                TABLETOP,
                "host",
                str(TREATY),
                "--headless",
                "--port",
                "0",
                "--log",
                str(log),
                "--codes",
                str(codes_file),
                "--seed",
                "1",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            assert host.stdout is not None
            port = host.stdout.readline().strip().rsplit(":", 1)[1]
            codes = json.loads(codes_file.read_text())
            asyncio.run(bench(f"127.0.0.1:{port}", codes, host.pid, counts, args.acts))
        finally:
            host.terminate()
            host.wait(10)
    print(
        f"targets: round trip {ROUND_TRIP_TARGET * 1000:.0f} ms, "
        f"fan-out to 120 seats {FAN_OUT_TARGET * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
