"""The outcome screen's receipt: the log's last hash, which `log verify --receipt` checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from tabletop.cli import main
from tabletop.exercise.model import Exercise
from tabletop.log import read_log
from tabletop.tui.screens.outcome import OutcomeScreen
from tests.tui.helpers import until
from tests.tui.test_snapshots import signed_session


async def test_the_outcome_screen_shows_the_receipt_verify_accepts(
    tutorial: Exercise, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.jsonl"
    app = signed_session(tutorial, path)
    async with app.run_test(size=(160, 50)) as pilot:
        await until(pilot, lambda: isinstance(pilot.app.screen, OutcomeScreen))
        shown = str(pilot.app.screen.query_one("#receipt", Static).render())
    assert shown == read_log(path).last_hash
    assert main(["log", "verify", str(path), "--receipt", shown]) == 0
    assert "matches the last line" in capsys.readouterr().out
