"""Real processes over loopback: a headless host and seats that join it, started by the tests."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

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
