"""`tabletop report` of a long log: CPU time and peak memory, each report in a process of its own.

Run: .venv/bin/python bench/report.py [--events N ...] [--runs R] [--src DIR]
Writes a log of about N events for each N (`replay.write_long_log`: a long session
and then a busy back channel), then runs `tabletop report` on it as Markdown for
the participants and as HTML with --reveal (the heaviest: every private message in
the timeline, the charts, the analysis). Each run is a child process, so its peak
resident memory is its own (as `/usr/bin/time -v` reports it); the figures are
the child's CPU time (user + system) and that peak. --src runs the report of another
checkout's `src` (the code before a change) on the same logs, alternating with this one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MODES = {"md": ["--format", "md"], "html --reveal": ["--format", "html", "--reveal"]}
_RUN = "import sys; from tabletop.cli import main; sys.exit(main(sys.argv[1:]))"
_WRITE = (
    "import sys; from pathlib import Path; from replay import write_long_log; "
    "print(write_long_log(Path(sys.argv[1]), int(sys.argv[2])))"
)


def write_log(log: Path, count: int) -> int:
    """`replay.write_long_log` in a child process, the events written.

    A report's child is forked from this process, and its peak resident memory
    counts what it was forked from: writing the log here would count the
    writer's session in every report's figure.
    """
    command = [sys.executable, "-c", _WRITE, str(log), str(count)]
    done = subprocess.run(
        command, check=True, stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parent
    )
    return int(done.stdout)


def run_report(log: Path, mode: str, out: Path, src: str | None) -> tuple[float, int]:
    """CPU seconds and peak resident MiB of one `tabletop report` in a child process."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = src
    command = [sys.executable, "-c", _RUN, "report", str(log), *MODES[mode], "-o", str(out)]
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"report failed on {log} ({mode}): exit {child.returncode}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, nargs="+", default=[200_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=1, help="reports of each kind")
    parser.add_argument("--src", help="also run the `src` folder of another checkout")
    args = parser.parse_args()
    codes: list[tuple[str, str | None]] = [("this code", None)]
    if args.src:
        codes.append(("--src", args.src))
    print(f"{'events':>10} {'report':<14} {'code':<10} {'CPU s':>7} {'peak MiB':>9} {'out MiB':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for count in args.events:
            log = Path(folder) / f"long{count}.jsonl"
            began = time.perf_counter()
            written = write_log(log, count)
            print(
                f"wrote {written:,} events ({log.stat().st_size / 2**20:.0f} MiB) "
                f"in {time.perf_counter() - began:.0f} s",
                file=sys.stderr,
            )
            for mode in MODES:
                for label, src in codes:
                    out = Path(folder) / "report.out"
                    results = [run_report(log, mode, out, src) for _ in range(args.runs)]
                    cpu = statistics.median(r[0] for r in results)
                    peak = max(r[1] for r in results)
                    size = out.stat().st_size / 2**20
                    print(
                        f"{written:>10,} {mode:<14} {label:<10} {cpu:>7.1f} {peak:>9} {size:>8.1f}"
                    )
            log.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
