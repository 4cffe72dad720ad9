"""Who a report is for: the participants' report (the default) and the facilitator's.

A participant may read what every delegation saw at the table; Control's notes,
private messages, confidential briefings, reservations and anyone's points are
for the facilitator's report (`--reveal`) only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tabletop.engine.acts import Act, Advance, Annotate, Message, Pass, Propose, Start
from tabletop.exercise.model import Exercise
from tabletop.log import RecordedSession, Seat, read_log
from tabletop.report import build_report, to_html, to_markdown
from tests.conftest import tiny_exercise_data

RESERVATIONS = {"town": 617, "fest": 389}
"""Numbers no other part of the report holds; Festival's drops by 5 when it rains."""
NOTE = "Only Control sees it: Festival bluffs about the fee."
MESSAGE = "Psst: we could live with June."
SECRETS = ("SECRET-TOWN-BRIEF", "SECRET-FEST-BRIEF", "Your insurer is nervous.")


def _exercise() -> Exercise:
    data = tiny_exercise_data()
    for role in data["roles"]:
        role["reservation"] = RESERVATIONS[role["id"]]
        role["confidential_briefing"] = f"SECRET-{role['id'].upper()}-BRIEF"
    return Exercise.model_validate(data)


ACTS: list[Act] = [
    Start(),
    Advance(),
    Pass(actor="town"),
    Pass(actor="fest"),
    Propose(actor="town", package={"date": "july", "fee": "high"}),
    Message(actor="fest", to="town", text=MESSAGE),
    Annotate(text=NOTE),
    Propose(actor="fest", package={"date": "june", "fee": "low"}),
    Pass(actor="town"),
]


@pytest.fixture
def log(tmp_path: Path) -> Path:
    seats = {"town": Seat(kind="human"), "fest": Seat(kind="human")}
    path = tmp_path / "session.jsonl"
    recorded = RecordedSession.create(path, _exercise(), 1, seats, fsync=False)
    for act in ACTS:
        recorded.apply(act)
    recorded.close()
    return path


def _reports(log: Path, reveal: bool) -> list[str]:
    report = build_report(read_log(log), reveal=reveal)
    return [to_markdown(report), to_html(report)]


def test_the_participants_report_holds_no_note_message_secret_or_points(log: Path) -> None:
    for text in _reports(log, reveal=False):
        for reservation in (617, 389, 384):
            assert not re.search(rf"(?<!\d){reservation}(?!\d)", text), reservation
        for said in (NOTE, MESSAGE, *SECRETS):
            assert said not in text
        # Past the notice, which names what is left out.
        markdown = text.startswith("#")
        start = text.find("## Delegations" if markdown else '<section id="delegations"')
        assert start > 0
        body = text[start:]
        for word in ("eservation", "score", "Score", "points", "Nash", "Pareto", "noted:"):
            assert word not in body


def test_the_participants_report_holds_what_everyone_saw(log: Path) -> None:
    for text in _reports(log, reveal=False):
        assert "Town proposed #1" in text
        assert "Forecast of rain." in text
        assert "(private text for 1 delegation withheld)" in text
        assert "leaves out Control" in text and "--reveal" in text


def test_the_facilitators_report_holds_them_all(log: Path) -> None:
    markdown, html = _reports(log, reveal=True)
    for text in (markdown, html):
        for said in (NOTE, MESSAGE, *SECRETS):
            assert said in text
        assert "Do not hand it to players before the debrief." in text
    assert re.search(r"\| Town +\| +— \| +617 \|", markdown)
    assert re.search(r"\| Festival +\| +— \| +384 \|", markdown)
