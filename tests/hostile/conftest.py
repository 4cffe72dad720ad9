"""Hostile exercises: text an attacker wrote, as markup, HTML, links and control characters.

`hostile_data()` loads (markup and HTML are only text), so every screen and
command can be walked with it; `controlled_yaml()` holds terminal control
characters, which no exercise may hold, so the loader refuses it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tabletop.exercise.model import Exercise
from tests.conftest import tiny_exercise_data

QUIT = "[@click=app.quit]"
SHOT = "[@click=app.screenshot('pwned.svg','.')]"
"""Clicked, this would write pwned.svg into the working folder."""
TRAP = "pwned.svg"
HTML = "<img src=x onerror=alert(1)><script>alert(2)</script>"
LINK = "[click me](javascript:alert(3))"

TITLE = f"[b]Bold[/b] {QUIT}Treaty[/]"
TOWN = f"{QUIT}Town[/]"
FEST = f"{SHOT}Fest[/]"
DATE = f"{QUIT}Date[/]"
JULY = f"{QUIT}July[/]"
RAIN = f"{QUIT}Rain[/]"
PRESS = f"{SHOT}Press[/]"
DEAL = f"{QUIT}Deal[/]"
NO_DEAL = f"{SHOT}No deal[/]"
MARKUP = [TITLE, TOWN, FEST, DATE, JULY, RAIN, PRESS]


def hostile_data() -> dict[str, Any]:
    """The tiny exercise, every name and text an attack, and still a valid exercise."""
    data = tiny_exercise_data()
    data["title"] = TITLE
    data["summary"] = f"{QUIT}Summary[/] {HTML} {LINK}"
    for role, name in zip(data["roles"], (TOWN, FEST), strict=True):
        role["name"] = name
        role["public_briefing"] = f"{QUIT}public[/] [b]bold[/b] {HTML} {LINK}"
        role["confidential_briefing"] = f"{SHOT}secret[/] {HTML} {LINK}"
    date, fee = data["issues"]
    date["name"] = DATE
    date["options"][0]["name"] = "[red]June[/red]"
    date["options"][1]["name"] = JULY
    fee["name"] = f"{SHOT}Fee[/]"
    fee["options"][0]["name"] = "[@click=app.bell]High[/]"
    rain, press = data["injects"]
    rain["title"] = RAIN
    rain["text"] = f"{QUIT}Forecast[/] {HTML} {LINK}"
    rain["private"] = {"fest": f"{SHOT}insurer[/] {HTML}"}
    press["title"] = PRESS
    press["text"] = f"{QUIT}A reporter calls[/] {LINK}"
    titles = (DEAL, f"{QUIT}Walk-out[/]", NO_DEAL)
    for outcome, title in zip(data["outcomes"], titles, strict=True):
        outcome["title"] = title
        outcome["narrative"] = f"{QUIT}narrative[/] {HTML} {LINK}"
    return data


CONTROLS = {
    "osc52": "\x1b]52;c;cHduZWQ=\x07",
    "osc8": "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "title": "\x1b]0;pwned\x07",
    "clear": "\x1b[2J\x1b[H",
    "csi8bit": "\x9b2J",
    "bell": "\x07",
    "backspace": "abc\x08\x08\x08",
    "carriage": "fine\rEVIL",
    "bidi": "admin\u202egnp.exe",
    "nul": "a\x00b",
    "del": "a\x7fb",
}
"""Control characters as an attacker would use them on a terminal."""


def controlled_yaml() -> str:
    """The tiny exercise with a control sequence in every kind of text: YAML escapes them."""
    data = tiny_exercise_data()
    sequences = list(CONTROLS.values())
    data["title"] = sequences[0] + "Title"
    data["summary"] = sequences[1]
    data["roles"][0]["name"] = sequences[2] + "Town"
    data["roles"][1]["public_briefing"] = sequences[3]
    data["issues"][0]["name"] = sequences[4]
    data["issues"][0]["options"][1]["name"] = sequences[5]
    data["injects"][0]["title"] = sequences[6]
    data["injects"][0]["private"]["fest"] = sequences[7]
    data["outcomes"][0]["title"] = sequences[8]
    data["outcomes"][1]["narrative"] = sequences[9]
    data["outcomes"][2]["title"] = sequences[10]
    data["signatories"][0]["unknown" + sequences[0]] = "x"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def hostile() -> Exercise:
    return Exercise.model_validate(hostile_data())


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(hostile_data(), sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def controlled_file(tmp_path: Path) -> Path:
    path = tmp_path / "controlled.yaml"
    path.write_text(controlled_yaml(), encoding="utf-8")
    return path
