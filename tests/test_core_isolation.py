"""The functional core never imports the UI: checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

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
    "tabletop.papers",
    "tabletop.design",
    "tabletop.simulation",
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
