"""The start screen lists the bundled exercises, the facilitator's folder and the paths given."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.widgets import OptionList

from tabletop.tui.app import TabletopApp
from tabletop.tui.catalogue import gather
from tabletop.tui.paths import HOME, data_dir, exercises_dir
from tabletop.tui.screens.setup import SetupScreen
from tabletop.tui.screens.start import StartScreen
from tabletop.tui.widgets.exercise_card import ExerciseCard
from tests.conftest import tiny_exercise_data
from tests.tui.helpers import screen_text, until

SIZE = (100, 30)


def write(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def titled(title: str) -> dict[str, Any]:
    data = tiny_exercise_data()
    data["title"] = title
    return data


def broken() -> dict[str, Any]:
    data = tiny_exercise_data()
    data["roles"][0]["reservation"] = "lots"
    return data


def test_the_data_folder_can_be_named_by_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HOME, str(tmp_path / "elsewhere"))
    assert data_dir() == tmp_path / "elsewhere"
    assert exercises_dir() == tmp_path / "elsewhere" / "exercises"


def test_every_place_is_listed_and_a_broken_file_hides_nothing(tmp_path: Path) -> None:
    write(exercises_dir() / "own.yaml", titled("Our own exercise"))
    write(exercises_dir() / "bad.yml", broken())
    (exercises_dir() / "notes.txt").write_text("not an exercise")
    given = write(tmp_path / "given.yaml", titled("Given exercise"))
    entries = gather([given, given])
    listed = [(e.source, e.exercise.title if e.exercise else e.path.name) for e in entries]
    assert listed == [
        ("given", "Given exercise"),
        ("your folder", "bad.yml"),
        ("your folder", "Our own exercise"),
        ("bundled", "Tutorial: The Riverside Festival"),
        ("bundled", "Treaty for Security"),
    ]
    [bad] = [e for e in entries if e.exercise is None]
    assert bad.problems == (f"{bad.path}:52: roles.0.reservation: expected an integer, got 'lots'",)


def test_a_given_folder_without_exercises_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    [entry, *_] = gather([tmp_path / "empty"])
    assert entry.source == "given" and entry.exercise is None
    assert entry.problems == (f"{tmp_path / 'empty'}: no exercise files (.yaml, .yml) in it",)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_folder_is_listed_as_such(tmp_path: Path) -> None:
    exercises_dir().mkdir(parents=True)
    exercises_dir().chmod(0)
    try:
        [entry, *_] = gather()
    finally:
        exercises_dir().chmod(0o700)
    assert entry.source == "your folder" and "cannot be read" in entry.problems[0]


async def test_the_start_screen_says_where_each_exercise_is_from(tmp_path: Path) -> None:
    write(exercises_dir() / "own.yaml", titled("Our [b]own[/b] exercise"))
    write(exercises_dir() / "[red]bad.yaml", broken())
    given = write(tmp_path / "given.yaml", titled("Given exercise"))
    app = TabletopApp(pace=0, given=[given])
    async with app.run_test(size=SIZE) as pilot:
        start = app.screen
        assert isinstance(start, StartScreen)
        await until(pilot, lambda: bool(start.exercises))
        text = screen_text(app)
        for shown in ("Given", "Your folder", "Bundled", "Our [b]own[/b] exercise"):
            assert shown in text
        assert "[red]bad.yaml (broken)" in text
        card = start.query_one(ExerciseCard)
        assert card.render().plain.endswith(f"Given on the command line: {given}")
        await pilot.press("down")
        assert card.entry is not None and card.entry.path.name == "[red]bad.yaml"
        await pilot.pause()
        assert "[red]bad.yaml cannot be loaded:" in screen_text(app)
        assert "roles.0.reservation: expected an integer" in card.render().plain
        await pilot.press("n")  # a broken exercise cannot be set up
        assert app.screen is start
        await pilot.press("down")
        assert f"From your folder: {exercises_dir()}" in card.render().plain
        await pilot.press("down")  # over the heading, to the tutorial
        assert card.render().plain.endswith("\n\nBundled with tabletop")
        assert start.query_one("#exercise-list", OptionList).highlighted == 6
        await pilot.press("n")
        assert isinstance(app.screen, SetupScreen)


async def test_the_first_exercise_that_loads_is_chosen_at_first() -> None:
    write(exercises_dir() / "a-broken.yaml", broken())
    write(exercises_dir() / "b-fine.yaml", titled("Fine"))
    app = TabletopApp(pace=0)
    async with app.run_test(size=SIZE) as pilot:
        start = app.screen
        assert isinstance(start, StartScreen)
        await until(pilot, lambda: bool(start.exercises))
        card = start.query_one(ExerciseCard)
        assert card.entry is not None and card.entry.path.name == "b-fine.yaml"
