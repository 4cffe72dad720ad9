"""`tabletop papers`: each delegation's papers for pre-reading, and Control's pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabletop import bundled
from tabletop.cli import main
from tests.exercise.conftest import EXERCISE, write_exercise

Capture = pytest.CaptureFixture[str]
TREATY = str(next(p for p in bundled.exercises() if p.stem == "treaty-for-security"))


def papers(capsys: Capture, *args: str) -> tuple[int, str, str]:
    code = main(["papers", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_one_delegation_gets_its_own_confidential_briefing_only(capsys: Capture) -> None:
    code, out, _ = papers(capsys, TREATY, "--role", "china")
    assert code == 0
    assert out.startswith("# China\n")
    assert "## Confidential briefing (your delegation only)" in out
    assert "**Your mission.** Keep the peninsula stable" in out
    assert "Your mission.** Bring home a verifiable" not in out, "the US briefing stays hidden"
    assert "## Your points" in out and "## Sources cited" in out
    assert "instructor pack" not in out


def test_html_puts_each_delegation_on_its_own_page(capsys: Capture, tmp_path: Path) -> None:
    target = tmp_path / "papers.html"
    code, out, _ = papers(capsys, TREATY, "-o", str(target))
    assert (code, out) == (0, "")
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert html.count('<section class="papers">') == 5
    assert "break-before: page" in html
    assert "<script" not in html and "http" not in html.split("<body>")[0], "self-contained"


def test_control_gets_the_pack_then_every_sheet(capsys: Capture) -> None:
    code, out, _ = papers(capsys, TREATY, "--role", "control", "--format", "html")
    assert code == 0
    assert out.count('<section class="papers">') == 6
    pack = out.split('<section class="papers">')[1]
    for heading in ("Learning objectives", "A 90-minute class", "A 120-minute class"):
        assert heading in pack
    assert "Debrief questions" in pack and "Reading the scores" in pack
    assert "Control fires it:" in pack


def test_exercise_text_is_escaped(capsys: Capture, tmp_path: Path) -> None:
    hostile = EXERCISE.replace("name: North\n", "name: <b>North</b> *bold* [x](y)\n", 1).replace(
        "North wants security [F1].", "North wants <script>alert(1)</script> security [F1].", 1
    )
    path = write_exercise(tmp_path, hostile)
    _, html, _ = papers(capsys, str(path), "--role", "north", "--format", "html")
    assert "<script>" not in html and "<b>North" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;North&lt;/b&gt; *bold* [x](y)" in html
    _, md, _ = papers(capsys, str(path), "--role", "north")
    assert md.startswith("# \\<b\\>North\\</b\\> \\*bold\\* \\[x\\](y)\n")
    assert "<script>" not in md


def test_an_unknown_role_is_named(capsys: Capture) -> None:
    code, out, err = papers(capsys, TREATY, "--role", "japan")
    assert (code, out) == (1, "")
    assert "--role 'japan': no such role; choose one of usa, dprk" in err


def test_a_link_that_would_run_something_is_shown_as_text(capsys: Capture, tmp_path: Path) -> None:
    hostile = EXERCISE.replace(
        "North wants security [F1].", "North wants [security](javascript:alert(1)) [F1].", 1
    )
    _, md, _ = papers(capsys, str(write_exercise(tmp_path, hostile)), "--role", "north")
    assert "[security]\\(javascript:alert(1))" in md
