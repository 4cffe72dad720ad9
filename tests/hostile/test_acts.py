"""An act or a logged event holding a control character never enters a session."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tabletop.engine.acts import Annotate, End, Message, Reject, Statement, WalkOut
from tabletop.engine.events import Event
from tests.hostile.conftest import CONTROLS


@pytest.mark.parametrize("sequence", CONTROLS.values(), ids=CONTROLS.keys())
def test_every_text_of_an_act_refuses_control_characters(sequence: str) -> None:
    text = f"ok {sequence} ok"
    for make in (
        lambda: Statement(actor="town", text=text),
        lambda: Message(actor="town", to="fest", text=text),
        lambda: Reject(actor="town", proposal=1, reason=text),
        lambda: WalkOut(actor="town", reason=text),
        lambda: Annotate(text=text),
        lambda: End(reason=text),
    ):
        with pytest.raises(ValidationError, match="may not hold control characters"):
            make()


def test_newline_and_tab_are_text() -> None:
    assert Statement(actor="town", text="one\n\ttwo").text == "one\n\ttwo"


def test_a_logged_statement_with_an_escape_is_not_an_event() -> None:
    line = (
        '{"seq":1,"at":"2026-01-01T00:00:00Z","actor":"town","kind":"stated",'
        '"payload":{"text":"\\u001b]52;c;cHduZWQ=\\u0007"},"visible_to":null}'
    )
    with pytest.raises(ValidationError, match=r"payload\.text"):
        Event.from_json(line)
