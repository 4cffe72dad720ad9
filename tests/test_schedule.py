"""A session's schedule as typed at setup or given to `play`: in range, or a reason."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tabletop.schedule import (
    NO_CLOCK,
    ScheduleError,
    read_rounds,
    read_turn_seconds,
    rounds_reason,
    turn_seconds_reason,
)


@given(st.text(max_size=30))
def test_any_text_is_a_number_in_range_or_a_reason(text: str) -> None:
    for read, reason in ((read_rounds, rounds_reason), (read_turn_seconds, turn_seconds_reason)):
        try:
            value = read(text)
        except ScheduleError as error:
            assert str(error).startswith("give ")
        else:
            assert reason(value) is None


@given(st.integers(min_value=-10_000, max_value=10_000))
def test_a_number_reads_back_as_itself_when_in_range(number: int) -> None:
    if rounds_reason(number) is None:
        assert read_rounds(f" {number} ") == number
    else:
        with pytest.raises(ScheduleError):
            read_rounds(str(number))
    if turn_seconds_reason(number) is None:
        assert read_turn_seconds(str(number)) == number
    else:
        with pytest.raises(ScheduleError):
            read_turn_seconds(str(number))


@pytest.mark.parametrize("text", ["", "  ", "0", "none", "None", "off"])
def test_no_clock_is_said_plainly(text: str) -> None:
    assert read_turn_seconds(text) == NO_CLOCK


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("5", "give between 10 and 3600 seconds a turn, or 0 for no clock"),
        ("3601", "between 10 and 3600"),
        ("1.5", "give a whole number, not '1.5'"),
        ("٣٠", "a whole number"),
    ],
)
def test_a_turn_clock_out_of_range_says_what_it_takes(text: str, says: str) -> None:
    with pytest.raises(ScheduleError, match=says):
        read_turn_seconds(text)
