"""A very long log: the report is read as a stream and keeps only what it prints."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tabletop.cli import main
from tabletop.engine.acts import Act, Message, Pass, Start
from tabletop.engine.history import history
from tabletop.log import open_log, read_log, rebuild
from tabletop.log.trust import TrustedEvents
from tabletop.report import build_report, to_html, to_markdown
from tabletop.report import gather as gathering
from tabletop.report.model import Leading
from tests.report.test_report import SCRIPT, write_log

CHATTER: list[Act] = [
    *SCRIPT[:2],
    Pass(actor="town"),
    *(Message(actor="town", to="fest", text="Still there?") for _ in range(30)),
    Pass(actor="fest"),
]
"""Many events, most of them private messages."""


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Limits a short log can pass, so a test need not write a million events."""
    monkeypatch.setattr(gathering, "TIMELINE_HEAD", 4)
    monkeypatch.setattr(gathering, "TIMELINE_TAIL", 3)
    monkeypatch.setattr(gathering, "CHART_POINTS", 6)


@pytest.mark.parametrize("reveal", [False, True])
@pytest.mark.parametrize("acts", [SCRIPT, CHATTER, SCRIPT[:5]], ids=["deal", "chatter", "open"])
def test_a_streamed_report_is_the_report_of_the_whole_log(
    tmp_path: Path, reveal: bool, acts: list[Act]
) -> None:
    log = write_log(tmp_path / "s.jsonl", acts)
    whole = build_report(read_log(log), reveal=reveal)
    with open_log(log) as stream:
        streamed = build_report(stream, reveal=reveal)
    assert streamed == whole
    assert whole.timeline_gap is None and not whole.chart_thinned


def test_a_damaged_log_streams_to_the_same_report(tmp_path: Path) -> None:
    log = write_log(tmp_path / "s.jsonl")
    lines = log.read_bytes().split(b"\n")
    lines[9] = lines[9].replace(b"fee", b"FEE")
    log.write_bytes(b"\n".join(lines))
    with open_log(log) as stream:
        streamed = build_report(stream, reveal=True)
    assert streamed == build_report(read_log(log), reveal=True)
    assert streamed.damage is not None and streamed.damage.line == 10


def test_a_block_cut_mid_write_streams_to_the_same_report(tmp_path: Path) -> None:
    log = write_log(tmp_path / "s.jsonl")
    lines = log.read_bytes().splitlines(keepends=True)
    log.write_bytes(b"".join(lines[:-1]))  # the signature kept, the conclusion it makes lost
    with open_log(log) as stream:
        streamed = build_report(stream, reveal=True)
    assert streamed == build_report(read_log(log), reveal=True)
    assert streamed.damage is not None and streamed.damage.kind == "torn"
    assert "cut short" in streamed.damage.message


@pytest.mark.usefixtures("small_limits")
def test_a_long_timeline_keeps_its_start_and_end_and_says_what_it_left_out(
    tmp_path: Path,
) -> None:
    log = write_log(tmp_path / "s.jsonl", CHATTER)
    report = build_report(read_log(log), reveal=True)
    events = read_log(log).events
    assert report.timeline_gap is not None
    assert [e.seq for e in report.timeline] == [1, 2, 3, 4, *(e.seq for e in events[-3:])]
    assert report.timeline_gap.after == 4
    assert report.timeline_gap.left_out == len(events) - 7
    note = f"{len(events) - 7} more events here: this timeline is too long to print whole"
    assert note in to_markdown(report)
    assert note in to_html(report)
    assert f"its first 4 and last 3 of {len(events)} entries" in to_markdown(report)


def test_the_participants_timeline_counts_only_what_they_saw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gathering, "TIMELINE_HEAD", 1)
    monkeypatch.setattr(gathering, "TIMELINE_TAIL", 1)
    log = write_log(tmp_path / "s.jsonl", CHATTER)
    report = build_report(read_log(log))
    public = [e for e in read_log(log).events if e.visible_to is None]
    assert report.timeline_gap is not None
    assert report.timeline_gap.left_out == len(public) - 2
    assert "Still there?" not in to_markdown(report)


@pytest.mark.usefixtures("small_limits")
def test_a_long_chart_is_thinned_but_the_table_keeps_every_change(tmp_path: Path) -> None:
    log = write_log(tmp_path / "s.jsonl", [*SCRIPT[:11], *CHATTER[3:-1]])
    contents = read_log(log)
    report = build_report(contents, reveal=True)
    assert report.chart_thinned and report.leading is not None
    assert len(report.leading) <= 6 + 1
    assert report.leading[-1].seq == report.events
    full = history(contents.header.exercise, contents.header.seed, contents.events).leading
    changes: list[Leading] = []
    for point in full:
        row = Leading(point.seq, point.round, point.proposal, point.scores)
        if not changes or dataclasses.replace(changes[-1], seq=0, round=0) != dataclasses.replace(
            row, seq=0, round=0
        ):
            changes.append(row)
    assert report.leading_changes == changes
    assert "too long to draw every change" in to_html(report)


def test_report_streams_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = write_log(tmp_path / "s.jsonl", [Start(), *CHATTER[1:]])
    assert main(["report", str(log), "--reveal"]) == 0
    assert capsys.readouterr().out == to_markdown(build_report(read_log(log), reveal=True))


@pytest.mark.parametrize("acts", [SCRIPT, CHATTER], ids=["deal", "chatter"])
def test_a_streamed_audit_keeps_the_session_but_not_its_events(
    tmp_path: Path, acts: list[Act]
) -> None:
    log = write_log(tmp_path / "s.jsonl", acts)
    with open_log(log) as stream:
        checked = TrustedEvents(stream, stream, keep_events=False)
        taken = sum(1 for _ in checked)
    whole = rebuild(read_log(log))
    assert taken == len(whole.events) and checked.problem is None
    assert checked.session.state == whole.state
    assert len(checked.session.events) <= 2
