"""The prompt when a turn's time runs out: Control decides, the app never picks for it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from tabletop.tui import keymap
from tabletop.tui.literal import literal


class ClockPrompt(ModalScreen[str]):
    """Dismisses with "skip" or "extend"; there is deliberately no way to just close it."""

    BINDINGS = keymap.CLOCK

    def __init__(self, delegation: str, seconds: int, skip_blocked: str | None) -> None:
        super().__init__()
        self.delegation = delegation
        self.seconds = seconds
        self.skip_blocked = skip_blocked

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(f"Time is up for {self.delegation}."), classes="dialog-title")
            yield Label("Control: skip the turn, or give the delegation more time?")
            if self.skip_blocked:
                yield Label(
                    literal(f"Skipping is not possible: {self.skip_blocked}"), classes="dialog-hint"
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    "k Skip the turn",
                    variant="warning",
                    id="skip",
                    disabled=self.skip_blocked is not None,
                )
                yield Button(f"m {self.seconds} s more", variant="primary", id="extend")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip" and self.skip_blocked is not None:
            return None
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss("skip" if event.button.id == "skip" else "extend")

    def action_skip(self) -> None:
        self.dismiss("skip")

    def action_extend(self) -> None:
        self.dismiss("extend")
