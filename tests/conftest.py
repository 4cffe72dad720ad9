"""Fixtures shared by every test: small exercises built in code, no files needed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tabletop.exercise.model import Exercise


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Logs and keymaps go to a temporary home, never the developer's own."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("TABLETOP_HOME", str(tmp_path / "data" / "tabletop"))
    return tmp_path


def tiny_exercise_data() -> dict[str, Any]:
    """Two delegations, two issues: a zone of agreement with one integrative deal."""
    return {
        "id": "tiny",
        "title": "Tiny",
        "summary": "A two-party test exercise.",
        "roles": [
            {
                "id": "town",
                "name": "Town",
                "public_briefing": "p",
                "confidential_briefing": "c",
                "reservation": 30,
            },
            {
                "id": "fest",
                "name": "Festival",
                "public_briefing": "p",
                "confidential_briefing": "c",
                "reservation": 30,
            },
        ],
        "issues": [
            {
                "id": "date",
                "name": "Date",
                "status_quo": "june",
                "options": [{"id": "june", "name": "June"}, {"id": "july", "name": "July"}],
            },
            {
                "id": "fee",
                "name": "Fee",
                "status_quo": "high",
                "options": [{"id": "high", "name": "High"}, {"id": "low", "name": "Low"}],
            },
        ],
        "valuations": {
            "town": {"date": {"june": 0, "july": 40}, "fee": {"high": 20, "low": 10}},
            "fest": {"date": {"june": 10, "july": 5}, "fee": {"high": 0, "low": 40}},
        },
        "schedule": {"rounds": 3, "turn_order": ["town", "fest"], "opening_statements": True},
        "signatories": [{"role": "town"}, {"role": "fest"}],
        "injects": [
            {
                "id": "rain",
                "title": "Rain",
                "text": "Forecast of rain.",
                "private": {"fest": "Your insurer is nervous."},
                "trigger": {"at_round": 2},
                "effects": [{"role": "fest", "reservation_delta": -5}],
            },
            {"id": "press", "title": "Press", "text": "A reporter calls."},
        ],
        "outcomes": [
            {"id": "deal", "title": "Deal", "narrative": "n", "when": {"ended_by": "agreement"}},
            {"id": "walk", "title": "Walk-out", "narrative": "n", "when": {"ended_by": "walk_out"}},
            {"id": "none", "title": "No deal", "narrative": "n"},
        ],
    }


@pytest.fixture
def tiny() -> Exercise:
    return Exercise.model_validate(tiny_exercise_data())
