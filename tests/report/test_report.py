"""The after-action report: what it says, what it keeps back, and how it treats a damaged log."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from tabletop.engine.acts import (
    Act,
    Advance,
    Amend,
    Annotate,
    Message,
    Pass,
    Propose,
    Reject,
    Sign,
    Start,
    Statement,
    Support,
)
from tabletop.engine.events import Event
from tabletop.exercise.model import Exercise
from tabletop.log import LogWriter, RecordedSession, Seat, read_log
from tabletop.log.writer import claim
from tabletop.report import build_report, to_html, to_markdown
from tabletop.report.svg import Chart, Line, render
from tests.conftest import tiny_exercise_data

TOWN_SECRET = "Town-confidential: the council will settle for June."
FEST_SECRET = "Festival-confidential: the sponsor walks below forty."
MESSAGE = "Meet me by the fountain after the session."
PRIVATE_INJECT = "Your insurer is nervous."
CONFIDENTIAL = (TOWN_SECRET, FEST_SECRET, MESSAGE, PRIVATE_INJECT, "Scoring sheets")
NOTE = "Festival is probing the fee."


def exercise() -> Exercise:
    data = tiny_exercise_data()
    data["roles"][0]["confidential_briefing"] = TOWN_SECRET
    data["roles"][1]["confidential_briefing"] = FEST_SECRET
    data["roles"][0]["public_briefing"] = "The town hosts the festival."
    return Exercise.model_validate(data)


SCRIPT: list[Act] = [
    Start(),
    Advance(),
    Statement(actor="town", text="We want a quiet July."),
    Pass(actor="fest"),
    Propose(actor="town", package={"date": "july", "fee": "high"}),
    Message(actor="fest", to="town", text=MESSAGE),
    Reject(actor="fest", proposal=1, reason="The fee is too high."),
    Annotate(text=NOTE),
    Pass(actor="town"),
    Propose(actor="fest", package={"date": "june", "fee": "low"}),
    Amend(actor="town", proposal=2, changes={"date": "july"}),
    Support(actor="fest", proposal=3),
    Sign(actor="town"),
    Sign(actor="fest"),
]
"""A whole session: an opening, a private message, an inject with a private text
(rain, at round 2), a note by Control, three proposals, and a signed deal."""


def write_log(path: Path, acts: list[Act] = SCRIPT) -> Path:
    seats = {"town": Seat(kind="human"), "fest": Seat(kind="bot", strategy="linear")}
    recorded = RecordedSession.create(path, exercise(), 5, seats, fsync=False)
    for act in acts:
        recorded.apply(act)
    recorded.close()
    return path


@pytest.fixture
def log(tmp_path: Path) -> Path:
    return write_log(tmp_path / "session.jsonl")


def test_markdown_tells_the_story_of_the_session(log: Path) -> None:
    text = to_markdown(build_report(read_log(log)))
    assert text.startswith("# After-action report: Tiny")
    assert "| Festival   | bot (linear) |" in text
    assert "The talks ended after 21 events: an agreement." in text
    assert "Rejected by Festival: The fee is too high." in text
    assert "**6. Round 1 began**" in text
    assert "(private text for 1 delegation withheld)" in text
    assert "- 7. Town proposed #1: Date: July; Fee: High" in text


def test_players_words_are_never_read_as_markup(tmp_path: Path) -> None:
    said = "*Loud* <b>words</b> [link](x)"
    acts = [*SCRIPT[:2], Statement(actor="town", text=said)]
    report = build_report(read_log(write_log(tmp_path / "session.jsonl", acts)))
    assert r"Town said: “\*Loud\* &lt;b>words&lt;/b> \[link\](x)”" in to_markdown(report)
    assert "“*Loud* &lt;b&gt;words&lt;/b&gt; [link](x)”" in to_html(report)


def test_the_facilitators_markdown_adds_scores_notes_and_the_back_channel(log: Path) -> None:
    text = to_markdown(build_report(read_log(log), reveal=True))
    assert "| Town       |    50 |          30 |  +20 |" in text
    assert "The agreed package is on the Pareto frontier" in text
    assert f"Festival → Town (private): “{MESSAGE}”" in text
    assert f"(round 2) Control noted: {NOTE}" in text


def test_the_participants_report_holds_nothing_confidential(log: Path) -> None:
    report = build_report(read_log(log))
    for text in (to_markdown(report), to_html(report)):
        for secret in (*CONFIDENTIAL, NOTE, "(private message)", "Festival → Town", "Back channel"):
            assert secret not in text
        assert "report: what every delegation saw at the table" in text
        assert "The town hosts the festival." in text


def test_the_facilitators_report_shows_what_was_confidential(log: Path) -> None:
    report = build_report(read_log(log), reveal=True)
    for text in (to_markdown(report), to_html(report)):
        for secret in (*CONFIDENTIAL, NOTE):
            assert secret in text
        assert "report: everything in the log." in text


def test_back_channel_counts_messages_but_not_their_contents(log: Path) -> None:
    report = build_report(read_log(log), reveal=True)
    assert report.back_channel == {"town": {"town": 0, "fest": 0}, "fest": {"town": 1, "fest": 0}}


def test_concessions_and_leading_scores_follow_the_proposals(log: Path) -> None:
    report = build_report(read_log(log), reveal=True)
    assert report.concessions is not None and report.leading is not None
    assert [(c.proposal, c.score) for c in report.concessions["town"]] == [(1, 60), (3, 50)]
    assert report.leading[-1].proposal == 3
    assert report.leading[-1].scores == {"town": 50, "fest": 45}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.seen: list[tuple[str, tuple[str, ...]]] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, tuple(self.stack)))
        self.attributes += attrs
        if tag not in ("meta", "br"):
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, tuple(self.stack)))
        self.attributes += attrs

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1]}>"
        self.stack.pop()


def test_html_is_one_self_contained_file_with_inline_charts(log: Path) -> None:
    page = to_html(build_report(read_log(log), reveal=True))
    parser = _Tags()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    tags = [tag for tag, _ in parser.seen]
    assert tags.count("svg") == 2 and "style" in tags
    assert ("title", ("html", "body", "main", "section", "figure", "svg")) in parser.seen
    assert not {"script", "link", "img", "iframe"} & set(tags)
    assert not [v for k, v in parser.attributes if k == "src"]
    assert "@media print" in page


def test_a_session_that_did_not_conclude(tmp_path: Path) -> None:
    path = write_log(tmp_path / "short.jsonl", SCRIPT[:5])
    report = build_report(read_log(path), reveal=True)
    text = to_markdown(report)
    assert report.outcome is None
    assert "did not conclude: it stops in phase negotiating, round 1 of 3" in text
    assert "measured by the Nash package" in text


def test_a_damaged_log_is_reported_up_to_its_first_bad_line(log: Path) -> None:
    lines = log.read_bytes().split(b"\n")
    lines[9] = lines[9].replace(b"fee", b"FEE")
    log.write_bytes(b"\n".join(lines))
    report = build_report(read_log(log), reveal=True)
    assert report.events == 8 and report.damage is not None
    text = to_markdown(report)
    assert "The log stops being trustworthy at line 10: the hash does not match" in text
    assert "only the 8 events before it (lines 2–9) are used" in text
    assert "Festival → Town" in text and "Deal" not in text


def test_a_torn_tail_is_reported(log: Path) -> None:
    log.write_bytes(log.read_bytes()[:-20])
    report = build_report(read_log(log))
    assert report.damage is not None and report.damage.kind == "torn"
    assert report.events == 20


def test_an_event_that_does_not_fit_the_session_ends_the_trusted_part(log: Path) -> None:
    contents = read_log(log)
    writer = LogWriter.reopen(log, claim(log), contents.good_bytes, contents.last_hash, fsync=False)
    last = contents.events[-1]
    writer.append(
        [Event(seq=22, at=last.at, actor="town", kind="supported", payload={"proposal": 9})]
    )
    writer.close()
    report = build_report(read_log(log))
    assert report.events == 21
    assert report.damage is not None and report.damage.line == 23
    assert "does not fit the session" in report.damage.message


def test_a_chart_with_nothing_to_plot_still_draws() -> None:
    chart = Chart(
        "empty", "Empty", "Nothing yet.", "event", "points", (1, 2), [Line("A", "#000", [])]
    )
    svg = render(chart)
    assert (
        svg.startswith("<svg")
        and "nothing to plot" in svg
        and 'aria-labelledby="empty-title' in svg
    )


def test_after_the_signature_the_other_proposals_are_set_aside_not_live(log: Path) -> None:
    report = build_report(read_log(log))
    assert {p.id: p.status for p in report.proposals} == {
        1: "set aside",
        2: "set aside",
        3: "agreed",
    }
    text = to_markdown(report)
    assert "### #3 by Town (round 3, event 16, amending #2): agreed" in text
    assert "### #1 by Town (round 1, event 7): set aside" in text
