"""Reports of a hostile session: its HTML, links and markup stay text in both formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabletop.engine.acts import Advance, Annotate, Propose, Reject, Start, Statement
from tabletop.exercise.model import Exercise
from tabletop.log import RecordedSession, Seat, read_log
from tabletop.report import build_report, to_html, to_markdown
from tabletop.report.prose import followable
from tests.hostile.conftest import HTML, LINK, QUIT, hostile_data
from tests.report.test_markdown_safety import assert_safe, parsed

SCRIPT_URL = "javascript:alert(4)"


@pytest.fixture
def log(tmp_path: Path) -> Path:
    data = hostile_data()
    data["sources"] = [
        {
            "id": "src",
            "title": f"{QUIT}Source[/] {HTML}",
            "author": LINK,
            "outlet": "<b>Outlet</b>",
            "date": "2020",
            "url": SCRIPT_URL,
        }
    ]
    seats = {"town": Seat(kind="human"), "fest": Seat(kind="bot", strategy="linear")}
    path = tmp_path / "s.jsonl"
    recorded = RecordedSession.create(path, Exercise.model_validate(data), 1, seats, fsync=False)
    for act in (
        Start(),
        Advance(),
        Statement(actor="town", text=f"{HTML} {LINK}"),
        Statement(actor="fest", text="<a href='javascript:alert(5)'>x</a>"),
        Propose(actor="town", package={"date": "july", "fee": "high"}),
        Reject(actor="fest", proposal=1, reason=f"[r]: {SCRIPT_URL}\n\n[r]"),
        Annotate(text=f"{HTML} {LINK}"),
    ):
        recorded.apply(act)
    recorded.close()
    return path


@pytest.mark.parametrize("reveal", [False, True], ids=["participants", "facilitator"])
def test_no_report_renders_the_exercise_as_html_or_a_script_link(log: Path, reveal: bool) -> None:
    report = build_report(read_log(log), reveal=reveal)
    markdown = to_markdown(report)
    assert_safe(markdown)
    assert SCRIPT_URL in markdown, "the address is shown, as text"
    page = parsed(to_html(report))
    assert not page.tags & {"script", "img", "iframe", "b"}
    assert all(followable(link) for link in page.links), page.links
