"""A torn log: the resumed session's notice and `log verify` count the same whole events."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tabletop.cli import main
from tabletop.engine.acts import Advance, Start, Statement
from tabletop.exercise.model import Exercise
from tabletop.tui.app import resumed_app
from tabletop.tui.live import create
from tests.tui.helpers import humans, until


def torn_mid_block(exercise: Exercise, path: Path) -> None:
    """The last statement of the opening, torn in its block's last line.

    Its block is the statement, the opening's end and round 1's start: the
    first two lines are whole, so resuming settles the third, and a count of
    the session's events would be one more than the log's whole events.
    """
    live = create(path, exercise, 3, humans(exercise))
    for act in (Start(), Advance()):
        live.apply(act)
    while live.state.phase == "opening":
        events = live.apply(Statement(actor=live.mover or "", text="Hello."))
    live.close()
    assert [e.kind for e in events] == ["stated", "advanced", "round_started"]
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:-1]) + lines[-1][:40])


async def test_the_notice_and_verify_count_the_same_whole_events(
    tutorial: Exercise, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "torn.jsonl"
    torn_mid_block(tutorial, log)

    assert main(["log", "verify", str(log)]) == 1
    said = re.search(r"(\d+) whole events before it", capsys.readouterr().out)
    assert said is not None

    app = resumed_app(log, pace=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bool(app._notifications))
        notice = " ".join(n.message for n in app._notifications)
        told = re.search(r"carries on from the last whole event \((\d+)\)", notice)
        assert told is not None
        assert told.group(1) == said.group(1) == "6"
        assert app.driver is not None
        # The rules finished the torn block: round 1 has started after those six.
        assert len(app.driver.live.session.events) == 7
