"""Hostile logs for the tests: lines edited by someone who can recompute the chain."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tabletop.engine.acts import End
from tabletop.log.format import GENESIS, seal
from tests.log.test_log import SCRIPT, write_session

ENDED = [*SCRIPT, End(reason="time")]
"""The test script, then Control ends the talks: a concluded session of 14 events.

Blocks: 4-6 (a pass ends the opening, a round starts), 8-10 (a round starts,
an inject fires), 12-13 and 14 (Control concludes, with the final scores).
"""

Line = dict[str, Any]


def ended_log(path: Path) -> Path:
    write_session(path, ENDED)
    return path


def lines_of(path: Path) -> list[Line]:
    """The log's lines as JSON objects, without their hashes."""
    lines = [json.loads(line) for line in path.read_bytes().splitlines()]
    for line in lines:
        del line["hash"]
    return lines


def reseal(path: Path, lines: list[Line]) -> None:
    """Write `lines` as a log with a correct hash chain."""
    digest = GENESIS
    sealed = []
    for line in lines:
        text, digest = seal(json.dumps(line, separators=(",", ":")), digest)
        sealed.append(text)
    path.write_text("".join(sealed))


def forge(path: Path, change: Callable[[list[Line]], None]) -> Path:
    """Change a log's lines in place and recompute its chain, as a forger would."""
    lines = lines_of(path)
    change(lines)
    reseal(path, lines)
    return path
