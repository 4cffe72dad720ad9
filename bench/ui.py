"""UI responsiveness: start-up to the first screen, and a key press to the updated screen.

Run: .venv/bin/python bench/ui.py [--runs N] [--presses N]

Start-up is timed as a person feels it: the real `tabletop` command runs in
an 80×24 pseudo-terminal, timed from launch until its first frame has been
written to the terminal, and until the exercises are listed on it. Key
presses are timed inside a headless app at 80×24 playing the tutorial with
every act written and fsynced to a real log, each once the screen has
settled from the one before: from the key event until the screen showing its
result has been repainted (see `Frames`). Repaints after that frame are not
counted: when an act changes which keys apply (pause, resume), the footer's
key hints follow some 50 ms later.
The Timeline is timed on Control's console of a resumed 100,000-event log
(bench/replay.py's long session): the app's start until the session's first
screen (the log already read), the key that shows the Timeline until its
first frame, then Page and arrow keys while scrolling through it.
The replay viewer is timed on a log as long (or the one `--replay-log` names;
`--replay-only` times nothing else): from reading its header until its screen
is up, until the whole log is checked, a few steps while it is checked, then
each kind of key (steps, a round, Home and End, tabs, view as) to its frame.
Targets: start-up under 0.6 s, a key press to the updated screen under 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import fcntl
import gc
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from replay import write_long_log  # bench/replay.py: the script's folder is on the path
from textual._compositor import CompositorUpdate
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Select, TabbedContent

from tabletop import bundled
from tabletop.engine import Event
from tabletop.engine.acts import Act
from tabletop.exercise.loader import load
from tabletop.exercise.model import Exercise
from tabletop.log import Seat
from tabletop.tui.app import TabletopApp, new_session_app, resumed_app
from tabletop.tui.screens.console import ConsoleScreen
from tabletop.tui.screens.delegation import DelegationScreen
from tabletop.tui.screens.handover import HandoverScreen
from tabletop.tui.screens.replay import ReplayApp, ReplayScreen
from tabletop.tui.widgets.composer import Composer
from tabletop.tui.widgets.timeline import Timeline

SOURCES = Path(__file__).parent.parent / "src"
STARTUP_TARGET = 0.6
KEY_TARGET = 0.050

FIRST_FRAME = b"\x1b[24;1H"
"""Moving to the last row: a frame is written top to bottom, so the first one is out."""


def startup(runs: int) -> tuple[list[float], list[float]]:
    """Seconds from launching `tabletop` to its first frame, and to its exercises listed.

    The real command runs in an 80×24 pseudo-terminal with a fresh user data
    folder (no recent logs), after the sources are byte-compiled as `make run`
    leaves them. The second figure waits for the first bundled exercise's
    title, which appears once the exercises have been loaded and checked.
    """
    compileall.compile_dir(SOURCES, quiet=1)
    command = [str(Path(sys.executable).with_name("tabletop"))]
    listed = load(bundled.exercises()[0]).title[:20].encode()
    frames: list[float] = []
    lists: list[float] = []
    with tempfile.TemporaryDirectory() as data:
        environment = {**os.environ, "TERM": "xterm-256color", "XDG_DATA_HOME": data}
        for _ in range(runs):
            first, filled = _watch(command, environment, (FIRST_FRAME, listed))
            frames.append(first)
            lists.append(filled)
    return frames, lists


def _watch(
    command: list[str], environment: dict[str, str], marks: tuple[bytes, ...]
) -> list[float]:
    """Seconds from launching `command` in a terminal until each mark has been written to it."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    began = time.perf_counter()
    child = subprocess.Popen(
        command,
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=environment,
        start_new_session=True,
    )
    os.close(follower)
    written = b""
    seen: dict[bytes, float] = {}
    try:
        while len(seen) < len(marks):
            if not select.select([leader], [], [], 30)[0]:
                raise SystemExit(f"tabletop wrote no {marks[len(seen)]!r} in 30 s:\n{written!r}")
            written += os.read(leader, 1 << 16)
            now = time.perf_counter() - began
            seen.update((mark, now) for mark in marks if mark not in seen and mark in written)
    finally:
        child.kill()
        child.wait()
        os.close(leader)
    return [seen[mark] for mark in marks]


class Frames:
    """Times a key press to the first frame that shows the act it caused.

    A frame counts if it is painted after the act was applied, by the screen
    that shows the result (not one on its way out), and once it has been
    turned into the bytes a terminal would be sent (a headless app skips that
    step, so it is done here).
    """

    def __init__(self, app: App[Any]) -> None:
        self.frames: list[tuple[float, Screen[Any]]] = []
        self.applied = 0.0
        display = app._display
        console = app.console

        def painted(screen: Screen[Any], renderable: Any) -> None:
            display(screen, renderable)
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(console)
            self.frames.append((time.perf_counter(), screen))

        app._display = painted  # type: ignore[method-assign]
        if not isinstance(app, TabletopApp):
            return  # the replay viewer makes no acts
        assert app.driver is not None
        live = app.driver.live
        apply = live.apply

        def applied(act: Act) -> tuple[Event, ...]:
            events = apply(act)
            self.applied = time.perf_counter()
            return events

        live.apply = applied  # type: ignore[method-assign]

    async def time_key(
        self, pilot: Pilot[Any], key: str, done: Callable[[], bool], acts: bool = True
    ) -> float:
        """Press `key`; wait until `done` holds and a frame of the screen then on top shows it.

        A key that `acts` counts frames from its act on; one that only moves
        the view (a tab, a scroll), from the key on.
        """
        await self.settled()
        began = time.perf_counter()
        if not acts:
            self.applied = began
        pilot.app.simulate_key(key)
        while not done():
            await asyncio.sleep(0.001)
            if time.perf_counter() - began > 5:
                raise SystemExit(
                    f"pressing {key!r} did not do what was expected: {pilot.app.screen}"
                )
        result = pilot.app.screen
        while True:
            shown = [t for t, screen in self.frames if t >= self.applied and screen is result]
            if shown:
                return shown[0] - began
            await asyncio.sleep(0.001)
            if time.perf_counter() - began > 5:
                raise SystemExit(f"no frame was painted after pressing {key!r}")

    async def settled(self, quiet: float = 0.05) -> None:
        """Wait until nothing has been painted for `quiet` seconds.

        A person presses a key once the screen has stopped changing; pressing
        it during the repaints the previous input caused would time those too.
        """
        while True:
            await asyncio.sleep(quiet)
            if not self.frames or time.perf_counter() - self.frames[-1][0] >= quiet:
                return


async def key_presses(runs: int) -> dict[str, list[float]]:
    """Times each kind of key press `runs` times, over as many tutorial sessions as that takes."""
    exercise = load(next(p for p in bundled.exercises() if p.stem == "tutorial"))
    results: dict[str, list[float]] = {"control act": [], "delegation act": [], "turn passes": []}
    with tempfile.TemporaryDirectory() as folder:
        sessions = 0
        while min(len(times) for times in results.values()) < runs:
            sessions += 1
            await play_tutorial(exercise, Path(folder) / f"bench-{sessions}.jsonl", runs, results)
            # A person's session runs in a process of its own: none inherits the
            # garbage of the apps before it for the collector to walk.
            gc.collect()
    return {name: times[:runs] for name, times in results.items()}


async def play_tutorial(
    exercise: Exercise, path: Path, runs: int, results: dict[str, list[float]]
) -> None:
    """One session of the tutorial, every seat human, adding its figures to `results`.

    Control pauses and resumes; then each delegation in turn sends a private
    message and passes, until the talks end or each kind has `runs` figures.
    """
    seats = {r: Seat(kind="human") for r in exercise.role_ids}
    app = new_session_app(exercise, seats, 1, path, pace=0)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app, TabletopApp) and app.driver is not None
        frames = Frames(app)
        live = app.driver.live
        await pilot.press("s")
        while len(results["control act"]) < runs:
            was_paused = live.state.phase == "paused"

            def toggled(was: bool = was_paused) -> bool:
                return bool((live.state.phase == "paused") != was)

            results["control act"].append(await frames.time_key(pilot, "p", toggled))
            await pilot.pause()
        if live.state.phase == "paused":
            await pilot.press("p")
        await pilot.press("a")
        while len(results["turn passes"]) < runs and not live.ended:
            await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
            await pilot.press("enter")
            screen = app.screen
            assert isinstance(screen, DelegationScreen)
            composer = screen.query_one(Composer)
            composer.query_one("#kind", Select).value = "message"
            await pilot.pause()
            composer.query_one("#to", Select).value = next(
                r for r in exercise.role_ids if r != screen.role
            )
            composer.query_one("#text", Input).value = "a word in private"
            await pilot.pause()
            seen = len(live.session.events)

            def sent(before: int = seen) -> bool:
                return len(live.session.events) > before

            results["delegation act"].append(await frames.time_key(pilot, "ctrl+s", sent))
            await pilot.pause()
            composer.query_one("#kind", Select).value = "pass"
            await pilot.pause()
            took = await frames.time_key(
                pilot,
                "ctrl+s",
                lambda: live.ended or isinstance(app.screen, HandoverScreen),
            )
            if not live.ended:  # the last pass ends the talks: the outcome, not a hand-over
                results["turn passes"].append(took)
            await pilot.pause()


async def long_timeline(events: int, presses: int) -> dict[str, list[float]]:
    """Control's Timeline over a resumed log of `events` events: its first draw, then scrolling."""
    results: dict[str, list[float]] = {"open": [], "first draw": [], "scrolling": []}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.jsonl"
        write_long_log(path, events)
        app = resumed_app(path, pace=0)
        began = time.perf_counter()
        async with app.run_test(size=(80, 24)) as pilot:
            # The session stands at a delegation's turn: the console, its Timeline
            # among its tabs, is made first; then the hand-over goes over it.
            await until(pilot, lambda: isinstance(app.screen, HandoverScreen))
            results["open"].append(time.perf_counter() - began)
            frames = Frames(app)
            # Control keeps the keyboard.
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, ConsoleScreen))
            tabs = app.screen.query_one(TabbedContent)
            shown = await frames.time_key(pilot, "2", lambda: tabs.active == "timeline", False)
            results["first draw"].append(shown)
            timeline = app.screen.query_one(Timeline)
            keys = ("pageup", "pageup", "up", "pageup", "pagedown", "down")
            for number in range(presses):
                before = timeline.scroll_y
                key = keys[number % len(keys)]
                took = await frames.time_key(
                    pilot, key, lambda b=before: timeline.scroll_y != b, False
                )
                results["scrolling"].append(took)
    return results


async def long_replay(path: Path, presses: int) -> dict[str, list[float]]:
    """The replay viewer on a long log: open, checked, then each kind of key to its frame.

    "open" runs from reading the header until the screen is up; "checked" until
    the pass over the whole log is done. A few steps are timed while it runs.
    """
    results: dict[str, list[float]] = {"open": [], "checked": [], "step while checking": []}
    began = time.perf_counter()
    app = ReplayApp(ReplayScreen.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ReplayScreen))
        results["open"].append(time.perf_counter() - began)
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        frames = Frames(app)
        cursor = screen.cursor
        for _ in range(5):
            if screen.source.done:
                break
            moved = await frames.time_key(
                pilot, "right", lambda p=cursor.position: cursor.position > p, False
            )
            results["step while checking"].append(moved)
        while not screen.source.done:
            await asyncio.sleep(0.05)
        results["checked"].append(time.perf_counter() - began)
        tabs = screen.query_one(TabbedContent)
        for number in range(presses):
            # Somewhere late in the log, a different place each time (not timed).
            screen.move_to(cursor.total - 1 - number * 7919 % max(cursor.total // 2, 1))
            keys = (
                ("step", "right", 1),
                ("step back", "left", -1),
                ("round jump", "left_square_bracket", -1),
                ("end or start", "home", -1),
                ("end or start", "end", 1),
            )
            for name, key, way in keys:
                at = cursor.position
                took = await frames.time_key(
                    pilot, key, lambda a=at, w=way: (cursor.position - a) * w > 0, False
                )
                results.setdefault(name, []).append(took)
            tab = f"tab-{number % 5 + 1}"
            took = await frames.time_key(
                pilot, str(number % 5 + 1), lambda t=tab: tabs.active == t, False
            )
            results.setdefault("tab", []).append(took)
            # The tab's widget has the keyboard now, and arrows and Home/End of its own.
            screen.set_focus(None)
        for number in range(min(presses, 6)):
            await pilot.press("v")
            await until(pilot, lambda: not isinstance(app.screen, ReplayScreen))
            viewer = screen.viewer
            key = "down" if number % 2 == 0 else "up"
            await pilot.press(key)
            took = await frames.time_key(
                pilot, "enter", lambda v=viewer: screen.viewer != v and app.screen is screen, False
            )
            results.setdefault("view as", []).append(took)
    return results


async def until(pilot: Pilot[Any], check: Callable[[], bool]) -> None:
    began = time.perf_counter()
    while not check():
        await pilot.pause(0.01)
        if time.perf_counter() - began > 10:
            raise SystemExit(f"the app is stuck on {pilot.app.screen}")


def report(name: str, times: list[float], target: float | None) -> None:
    median = statistics.median(times)
    worst = max(times)
    against = ""
    if target is not None:
        verdict = "ok" if median < target else "over target"
        against = f", target {target * 1000:.0f} ms: {verdict}"
    print(
        f"{name:<28} median {median * 1000:7.1f} ms   worst {worst * 1000:7.1f} ms   "
        f"(n={len(times)}{against})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="start-ups to time")
    parser.add_argument("--presses", type=int, default=30, help="key presses of each kind to time")
    parser.add_argument("--timeline", type=int, default=100_000, help="events in the long log")
    parser.add_argument(
        "--replay-log", type=Path, help="a long log for the replay viewer (default: one written)"
    )
    parser.add_argument(
        "--replay-only", action="store_true", help="time the replay viewer and nothing else"
    )
    args = parser.parse_args()
    if args.replay_only:
        replay_figures(args)
        return
    first_frames, listed = startup(args.runs)
    report("start-up to first screen", first_frames, STARTUP_TARGET)
    report("start-up to exercises listed", listed, None)
    for name, times in asyncio.run(key_presses(args.presses)).items():
        report(f"key → screen: {name}", times, KEY_TARGET)
    for name, times in asyncio.run(long_timeline(args.timeline, args.presses)).items():
        target = None if name == "open" else KEY_TARGET
        report(f"{args.timeline:,}-event Timeline: {name}", times, target)
    replay_figures(args)


def replay_figures(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = args.replay_log
        if path is None:
            path = Path(folder) / "long.jsonl"
            write_long_log(path, args.timeline)
        events = path.read_bytes().count(b"\n") - 1
        for name, times in asyncio.run(long_replay(path, args.presses)).items():
            target = None if name in ("open", "checked") else KEY_TARGET
            report(f"{events:,}-event replay: {name}", times, target)


if __name__ == "__main__":
    main()
