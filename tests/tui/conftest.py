"""Fixtures for the terminal UI: no user folders touched, a steady cursor, small exercises."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, tzinfo
from typing import Any

import pytest
from textual import constants
from textual.widgets import Input

from tabletop import bundled
from tabletop.engine import session
from tabletop.exercise.loader import load
from tabletop.exercise.model import Exercise
from tabletop.log import format as log_format
from tabletop.tui import live
from tests.conftest import tiny_exercise_data


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A blinking cursor would make every snapshot a coin toss."""
    original = Input.__init__

    def init(self: Input, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.set_reactive(Input.cursor_blink, False)

    monkeypatch.setattr(Input, "__init__", init)
    yield


@pytest.fixture(autouse=True)
def no_animations(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tab underlines and scrolling glide for people; tests only need where they end."""
    monkeypatch.setattr(constants, "TEXTUAL_ANIMATIONS", "none")


class _StoppedClock(datetime):
    """A clock that always reads the same moment, so a log's hashes are the same every run."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> _StoppedClock:
        return cls(2026, 1, 1, 12, 0, tzinfo=tz or UTC)


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every logged time (the header's start, each event's, the turn clock's) reads one moment.

    The outcome screen prints the log's last hash as a receipt; the hash
    covers those times, so a snapshot of it needs a clock that stands still.
    """
    monkeypatch.setattr(session, "datetime", _StoppedClock)
    monkeypatch.setattr(log_format, "datetime", _StoppedClock)
    monkeypatch.setattr(live, "datetime", _StoppedClock)


@pytest.fixture(scope="session")
def tutorial() -> Exercise:
    path = next(p for p in bundled.exercises() if p.stem == "tutorial")
    return load(path)


@pytest.fixture(scope="session")
def treaty() -> Exercise:
    """The bundled exercise with the most issues (eight) and five delegations, without its clock.

    A running turn clock would change the status line from one snapshot to the next.
    """
    path = next(p for p in bundled.exercises() if p.stem == "treaty-for-security")
    data = load(path).model_dump(mode="json", by_alias=True)
    data["schedule"]["seconds_per_turn"] = None
    return Exercise.model_validate(data)


def trio_data() -> dict[str, Any]:
    """The tiny exercise with a third delegation and a secret in every confidential place."""
    data = tiny_exercise_data()
    data["roles"].append(
        {
            "id": "press",
            "name": "Press",
            "public_briefing": "p",
            "confidential_briefing": "c",
            "reservation": 0,
        }
    )
    for role in data["roles"]:
        role["public_briefing"] = f"Public paper of {role['name']}."
        role["confidential_briefing"] = f"SECRET-BRIEF-{role['id']}"
    data["valuations"]["press"] = {"date": {"june": 5, "july": 5}, "fee": {"high": 5, "low": 5}}
    data["schedule"]["turn_order"] = ["town", "fest", "press"]
    data["injects"][0]["private"] = {"fest": "SECRET-INJECT-fest", "town": "SECRET-INJECT-town"}
    data["injects"][0]["trigger"] = {"at_round": 1}
    return data


@pytest.fixture
def trio() -> Exercise:
    return Exercise.model_validate(trio_data())


@pytest.fixture
def timed(tiny: Exercise) -> Exercise:
    """The tiny exercise with the shortest turn clock an exercise may set."""
    data = tiny.model_dump(mode="json", by_alias=True)
    data["schedule"]["seconds_per_turn"] = 10
    return Exercise.model_validate(data)
