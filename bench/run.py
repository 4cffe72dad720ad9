"""Run every benchmark in this folder, one after another, printing their figures.

Run: .venv/bin/python bench/run.py   (or `make bench`)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
BENCHMARKS = (
    "engine.py",
    "spread.py",
    "replay.py",
    "report.py",
    "analysis.py",
    "agreement.py",
    "ui.py",
    "net.py",
)


def main() -> int:
    failed = 0
    for name in BENCHMARKS:
        script = HERE / name
        if not script.exists():
            continue
        print(f"== {name}", flush=True)
        failed += subprocess.run([sys.executable, str(script)], check=False).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
