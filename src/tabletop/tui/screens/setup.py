"""Setup: who plays each delegation (a person or a bot strategy), the schedule, seed and log path.

The schedule is the exercise's unless the facilitator changes it for this
session (fewer rounds for a short class, another turn clock, or none): the
log header keeps what differs, as `play --rounds/--turn-seconds` do, and
`tabletop.schedule` refuses what neither may take, with the reason shown in
the form.

And, optionally, Control's PIN: a delegation done at the keyboard cannot
reach the console without it. It is kept in memory only, never in the log.
"""

from __future__ import annotations

import random
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, Select

from tabletop.bots import STRATEGIES
from tabletop.exercise.model import Exercise
from tabletop.log import Seat
from tabletop.schedule import (
    NO_CLOCK,
    TURN_SECONDS,
    ScheduleError,
    read_rounds,
    read_turn_seconds,
)
from tabletop.tui import keymap
from tabletop.tui.literal import literal
from tabletop.tui.messages import BeginSession
from tabletop.tui.paths import new_log_path
from tabletop.tui.widgets.key_footer import KeyFooter

HUMAN = "human"


def seat_choices() -> list[tuple[str, str]]:
    return [("Person at the keyboard", HUMAN)] + [(f"Bot: {name}", name) for name in STRATEGIES]


class SetupScreen(Screen[None]):
    BINDINGS = keymap.SETUP

    def __init__(
        self, exercise: Exercise, seed: int | None = None, log: Path | None = None
    ) -> None:
        super().__init__()
        self.exercise = exercise
        self.seed = random.randrange(1, 1_000_000) if seed is None else seed
        self.log_path = log or new_log_path(exercise.id)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="setup-form", can_focus=False):
            yield Label("Who plays each delegation", classes="section")
            for role in self.exercise.roles:
                with Horizontal(classes="field"):
                    yield Label(literal(role.title), classes="field-label wide")
                    yield Select(
                        seat_choices(),
                        value=HUMAN,
                        allow_blank=False,
                        compact=True,
                        id=f"seat-{role.id}",
                    )
            schedule = self.exercise.schedule
            yield Label("Schedule", classes="section")
            with Horizontal(classes="field"):
                yield Label("Rounds", classes="field-label")
                yield Input(str(schedule.rounds), compact=True, id="rounds")
            with Horizontal(classes="field"):
                yield Label("Turn clock", classes="field-label")
                yield Input(
                    str(schedule.seconds_per_turn or ""),
                    placeholder="none",
                    compact=True,
                    id="turn-seconds",
                )
            low, high = TURN_SECONDS
            yield Label(
                f"Seconds a turn, {low} to {high}, or blank for none; filled in: the exercise's.",
                classes="hint",
            )
            yield Label("", id="setup-problem")
            yield Label("Session", classes="section")
            with Horizontal(classes="field"):
                yield Label("Seed", classes="field-label")
                yield Input(str(self.seed), type="integer", compact=True, id="seed")
            with Horizontal(classes="field"):
                yield Label("Log", classes="field-label")
                yield Input(str(self.log_path), compact=True, id="log")
            yield Label(
                "The seed fixes the bots' choices and chance injects: same seed, same session.",
                classes="hint",
            )
            with Horizontal(classes="field"):
                yield Label("PIN", classes="field-label")
                yield Input(
                    password=True,
                    placeholder="optional: Control's PIN to take the keyboard back",
                    compact=True,
                    id="pin",
                )
            with Horizontal(id="setup-buttons"):
                yield Button(
                    "Begin  ^s", variant="primary", compact=True, id="begin", action="screen.begin"
                )
                yield Button("Back  Esc", compact=True, id="back", action="screen.back")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "Setup"
        self.sub_title = self.exercise.title

    def seats(self) -> dict[str, Seat]:
        seats: dict[str, Seat] = {}
        for role in self.exercise.roles:
            choice = self.query_one(f"#seat-{role.id}", Select).value
            seats[role.id] = (
                Seat(kind="bot", strategy=str(choice)) if choice != HUMAN else Seat(kind="human")
            )
        return seats

    def schedule(self) -> tuple[int | None, int | None] | None:
        """This session's rounds and seconds a turn where they differ from the exercise's.

        None, with the reason in the form and the field focused, if either is refused.
        """
        problem = self.query_one("#setup-problem", Label)
        schedule = self.exercise.schedule
        field = "rounds"
        try:
            rounds = read_rounds(self.query_one("#rounds", Input).value)
            field = "turn-seconds"
            seconds = read_turn_seconds(self.query_one("#turn-seconds", Input).value)
        except ScheduleError as error:
            what = "Rounds" if field == "rounds" else "Turn clock"
            problem.update(literal(f"{what}: {error}."))
            problem.add_class("shown")
            self.query_one(f"#{field}", Input).focus()
            return None
        problem.update("")
        problem.remove_class("shown")
        own = schedule.seconds_per_turn or NO_CLOCK
        return (None if rounds == schedule.rounds else rounds, None if seconds == own else seconds)

    def action_begin(self) -> None:
        seed_text = self.query_one("#seed", Input).value.strip()
        log_text = self.query_one("#log", Input).value.strip()
        schedule = self.schedule()
        if schedule is None:
            return
        try:
            seed = int(seed_text)
        except ValueError:
            self.notify("The seed is a whole number.", severity="error")
            return
        if not log_text:
            self.notify("Give the session log a path.", severity="error")
            return
        path = Path(log_text).expanduser()
        pin = self.query_one("#pin", Input).value
        rounds, seconds = schedule
        self.post_message(
            BeginSession(self.exercise, self.seats(), seed, path, pin, rounds, seconds)
        )

    def action_back(self) -> None:
        self.dismiss(None)
