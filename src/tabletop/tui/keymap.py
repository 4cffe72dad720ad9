"""Every key binding of the app, as data: one tuple per screen.

Each binding has an id, so a facilitator can remap keys without touching
code: `keymap.json` in the user config folder maps ids to keys, e.g.
`{"console.end": "ctrl+e"}`, and the app applies it with `App.set_keymap`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir
from textual.app import App
from textual.binding import Binding, BindingType

APP: list[BindingType] = [
    Binding(
        "question_mark,f1",
        "help",
        "Help",
        key_display="?",
        tooltip="How to run a session, and every key",
        id="app.help",
    ),
]

LEAVING: list[BindingType] = [
    Binding(
        "b",
        "start_screen",
        "Start screen",
        tooltip="Back to the start screen: a session left there is saved and can be resumed",
        id="app.start_screen",
    ),
]
"""The live app's way back to the start screen, from a screen only Control sees."""

START: list[BindingType] = [
    Binding("n", "new", "New", tooltip="Set up a session of the exercise", id="start.new"),
    Binding("r", "resume", "Resume", tooltip="Carry on the chosen session log", id="start.resume"),
    Binding("p", "replay", "Replay", tooltip="Replay the chosen session log", id="start.replay"),
    Binding("q", "app.quit", "Quit", tooltip="Leave tabletop", id="start.quit"),
]

SETUP: list[BindingType] = [
    Binding(
        "ctrl+s", "begin", "Begin", tooltip="Create the log and open the console", id="setup.begin"
    ),
    Binding("escape", "back", "Back", tooltip="Back to the start screen", id="setup.back"),
]

CONSOLE: list[BindingType] = [
    Binding("s", "start", "Start", tooltip="Open the briefing", id="console.start"),
    Binding("a", "advance", "Advance", tooltip="Move to the next phase", id="console.advance"),
    Binding(
        "h",
        "hand_over",
        "Hand over",
        tooltip="Give the keyboard to a delegation",
        id="console.hand_over",
    ),
    Binding("i", "inject", "Inject", tooltip="Fire an inject now", id="console.inject"),
    Binding("p", "pause", "Pause", tooltip="Stop the clock and the turns", id="console.pause"),
    Binding("p", "resume", "Resume", tooltip="Carry on after a pause", id="console.resume"),
    Binding("x", "extend", "Add round", tooltip="Add one negotiating round", id="console.extend"),
    Binding(
        "k",
        "skip",
        "Skip turn",
        tooltip="Pass the turn of a delegation away from the table",
        id="console.skip",
    ),
    Binding(
        "n",
        "annotate",
        "Note",
        tooltip="Write a note for the debrief (Control only)",
        id="console.annotate",
    ),
    Binding("e", "end", "End", tooltip="End the talks now: a breakdown", id="console.end"),
    Binding(
        "exclamation_mark",
        "abort",
        "Abort",
        key_display="!",
        tooltip="Abandon the session: no outcome",
        id="console.abort",
    ),
    Binding(
        "o",
        "outcome",
        "Outcome",
        tooltip="Show the outcome and the debrief chart",
        id="console.outcome",
    ),
    Binding(
        "b",
        "start_screen",
        "Leave",
        tooltip="Leave the session, saved in its log, for the start screen",
        id="console.start_screen",
    ),
    Binding(
        "g",
        "instructor_pack",
        "Instructor pack",
        show=False,
        tooltip="Objectives, timing, when to fire each inject, debrief questions",
        id="console.instructor_pack",
    ),
    Binding("1", "tab('table')", "Table", show=False, id="console.tab_table"),
    Binding("2", "tab('timeline')", "Timeline", show=False, id="console.tab_timeline"),
    Binding("3", "tab('injects')", "Injects", show=False, id="console.tab_injects"),
    Binding("4", "tab('delegations')", "Delegations", show=False, id="console.tab_delegations"),
]

HANDOVER: list[BindingType] = [
    Binding(
        "enter",
        "confirm",
        "I am at the keyboard",
        tooltip="Show this delegation's screen",
        id="handover.confirm",
    ),
    Binding(
        "escape",
        "back",
        "Back to Control",
        tooltip="Control keeps the keyboard",
        id="handover.back",
    ),
]

GIVE_BACK: list[BindingType] = [
    Binding(
        "enter",
        "confirm",
        "Control is here",
        tooltip="Control has the keyboard back: show the console",
        id="give_back.confirm",
    ),
]

DELEGATION: list[BindingType] = [
    Binding(
        "escape",
        "hand_back",
        "Hand back",
        tooltip="Give the keyboard back to Control",
        id="delegation.hand_back",
    ),
    Binding("1", "tab('briefing')", "Briefing", show=False, id="delegation.tab_briefing"),
    Binding("2", "tab('table')", "Table", show=False, id="delegation.tab_table"),
    Binding("3", "tab('move')", "Move", show=False, id="delegation.tab_move"),
    Binding("4", "tab('messages')", "Messages", show=False, id="delegation.tab_messages"),
    Binding("5", "tab('news')", "News", show=False, id="delegation.tab_news"),
    Binding("6", "tab('history')", "History", show=False, id="delegation.tab_history"),
    Binding(
        "ctrl+s", "send", "Send", tooltip="Send the act in Move to the table", id="delegation.send"
    ),
]

OUTCOME: list[BindingType] = [
    Binding("escape", "back", "Console", tooltip="Back to the console", id="outcome.back"),
    Binding("q", "app.quit", "Quit", tooltip="Leave tabletop", id="outcome.quit"),
]

CLOCK: list[BindingType] = [
    Binding("k", "skip", "Skip turn", tooltip="The delegation's turn passes", id="clock.skip"),
    Binding("m", "extend", "More time", tooltip="A turn's time more", id="clock.extend"),
]

REPLAY: list[BindingType] = [
    Binding(
        "right,l",
        "step(1)",
        "Next",
        key_display="→",
        priority=True,
        tooltip="Step forward one event",
        id="replay.next",
    ),
    Binding(
        "left,h",
        "step(-1)",
        "Back",
        key_display="←",
        priority=True,
        tooltip="Step back one event",
        id="replay.back",
    ),
    Binding(
        "right_square_bracket",
        "round(1)",
        "Round+",
        key_display="]",
        show=False,
        tooltip="Jump to the start of the next round",
        id="replay.next_round",
    ),
    Binding(
        "left_square_bracket",
        "round(-1)",
        "Round-",
        key_display="[",
        show=False,
        tooltip="Jump to the start of the previous round",
        id="replay.previous_round",
    ),
    Binding(
        "home", "jump(0)", "First", show=False, tooltip="Before the first event", id="replay.first"
    ),
    Binding(
        "end",
        "jump(-1)",
        "Last",
        show=False,
        tooltip="After the last trusted event",
        id="replay.last",
    ),
    Binding("g", "ask_event", "Event", tooltip="Jump to an event by number", id="replay.event"),
    Binding("r", "ask_round", "Round", tooltip="Jump to the start of a round", id="replay.round"),
    Binding(
        "v", "pick_viewer", "View as", tooltip="Control, or one delegation", id="replay.viewer"
    ),
    Binding("f", "fork", "Fork", tooltip="Start a new session from this event", id="replay.fork"),
    Binding("q,escape", "close", "Close", tooltip="Leave the replay", id="replay.close"),
    *(
        Binding(str(n), f"tab({n})", f"Tab {n}", show=False, id=f"replay.tab_{n}")
        for n in range(1, 8)
    ),
]

CONFIRM: list[BindingType] = [
    Binding("y", "confirm", "Go ahead", tooltip="Do it: it cannot be undone", id="confirm.yes"),
    Binding("n,escape", "cancel", "Cancel", tooltip="Leave things as they are", id="confirm.no"),
]

PROMPT: list[BindingType] = [
    Binding(
        "escape", "cancel", "Cancel", tooltip="Close without doing anything", id="prompt.cancel"
    ),
]

PACK: list[BindingType] = [
    Binding("escape,q", "close", "Close", tooltip="Back to the console", id="pack.close"),
]

HELP: list[BindingType] = [
    Binding("escape,q", "close", "Close", tooltip="Back to where you were", id="help.close"),
]


HOST: list[BindingType] = [
    Binding("f2", "seats", "Seats", tooltip="Join codes, and who is connected", id="host.seats"),
]

SEATS: list[BindingType] = [
    Binding("escape,f2", "close", "Close", tooltip="Back to the console", id="seats.close"),
    Binding(
        "r", "seat('reissue')", "New code", tooltip="A new code for the seat", id="seats.reissue"
    ),
    Binding("b", "seat('bot')", "To a bot", tooltip="A bot plays the seat", id="seats.bot"),
    Binding(
        "k",
        "seat('keyboard')",
        "To the hot seat",
        tooltip="The seat plays at this keyboard",
        id="seats.keyboard",
    ),
]


SCREENS: tuple[list[BindingType], ...] = (
    APP,
    LEAVING,
    START,
    SETUP,
    CONSOLE,
    HANDOVER,
    GIVE_BACK,
    DELEGATION,
    OUTCOME,
    CLOCK,
    CONFIRM,
    REPLAY,
    PROMPT,
    HELP,
    HOST,
    SEATS,
)
"""Every screen's bindings: what the help and the console's panel read their keys from."""


def shown_keys(app: App[Any]) -> dict[str, str]:
    """Binding id → the key a person presses for it, as the footer shows it.

    After the user's keymap (the app's `user_keys`, as `user_keymap` read them;
    an app without them uses the keys as bound): a remap changes the help and
    the console's panel as it changes the footer. Of several keys, the first.
    """
    remapped: Mapping[str, str] = getattr(app, "user_keys", {})
    shown: dict[str, str] = {}
    for bindings in SCREENS:
        for binding in bindings:
            if not isinstance(binding, Binding) or binding.id is None:
                continue
            keys, display = binding.key, binding.key_display
            if binding.id in remapped:
                keys, display = remapped[binding.id], None
            first = Binding(keys.split(",")[0].strip(), binding.action, key_display=display)
            shown[binding.id] = app.get_key_display(first)
    return shown


def user_keymap(path: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """Binding id → keys from the user's `keymap.json`, and what is wrong with it, by place.

    A file that is not JSON, or not an object, is not used at all; an entry
    that names no binding or gives no key string is left out. Each problem is
    said (the app shows them), so a typo is not mistaken for a key that does
    not work.
    """
    where = path or Path(user_config_dir("tabletop")) / "keymap.json"
    try:
        text = where.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as error:
        return {}, [f"{where}: cannot be read ({error}); the default keys apply"]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        place = f"{where}:{error.lineno}:{error.colno}"
        return {}, [f"{place}: not JSON ({error.msg}); the default keys apply"]
    if not isinstance(data, dict):
        return {}, [f"{where}: expected an object of binding ids and keys; the default keys apply"]
    known = {b.id for bindings in SCREENS for b in bindings if isinstance(b, Binding) and b.id}
    keys: dict[str, str] = {}
    problems: list[str] = []
    for name, value in data.items():
        if name not in known:
            problems.append(f'{where}: "{name}" is no binding id (ids look like "console.end")')
        elif not isinstance(value, str) or not value.strip():
            problems.append(f'{where}: "{name}": keys must be a string such as "ctrl+e"')
        else:
            keys[name] = value
    return keys, problems


def apply_user_keymap(app: App[Any], keys: dict[str, str], problems: list[str]) -> None:
    """Rebind `app`'s keys as `user_keymap` read them, and say what of it could not be used."""
    app.set_keymap(keys)
    for problem in problems:
        app.notify(problem, title="Your keymap", severity="warning", timeout=20)
