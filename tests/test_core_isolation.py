"""The functional core never imports the UI: checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEADLESS = [
    "tabletop.engine",
    "tabletop.exercise",
    "tabletop.exercise.loader",
    "tabletop.log",
    "tabletop.bots",
    "tabletop.analysis",
    "tabletop.forms",
    "tabletop.narration",
    "tabletop.report",
    "tabletop.simulation",
    "tabletop.net.host",
    "tabletop.net.client",
    "tabletop.net.headless",
    "tabletop.net.remote_bot",
]


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "leaks = [m for m in sys.modules "
        "if m == 'textual' or m.startswith(('textual.', 'tabletop.tui'))]; "
        "print(','.join(leaks))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_forking_from_the_command_line_does_not_import_textual(tmp_path: Path) -> None:
    """`tabletop replay LOG --fork SEQ` writes a log: it has no use for the terminal UI."""
    from tests.log.test_log import write_session

    log = tmp_path / "s.jsonl"
    write_session(log)
    fork = tmp_path / "fork.jsonl"
    code = (
        "import sys; from tabletop.cli import main; "
        f"code = main(['replay', {str(log)!r}, '--fork', '2', '--fork-log', {str(fork)!r}]); "
        "leaks = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]; "
        "print(code, ','.join(leaks))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2] == "0 ", result.stdout
    assert fork.exists()
