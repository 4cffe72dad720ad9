"""The instructor pack: optional, checked like the rest, never shown to a delegation."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabletop.exercise.loader import ExerciseError, load
from tests.exercise.conftest import EXERCISE, line_of, write_exercise

PACK = """\
facilitator:
  objectives:
    - See how a high reservation shapes a negotiation.
  timing:
    - minutes: 30
      steps:
        - {minutes: 10, activity: Read the papers.}
        - {minutes: 20, activity: Negotiate and debrief.}
  inject_cues:
    - {inject: press-leak, cue: When the talks stall.}
  scoring: Compare a delegation's score with its own reservation, never with another's [F1].
  debrief:
    - Who moved first, and why?
  glossary:
    - {term: Reservation, meaning: What a delegation gets with no deal.}
  timeline:
    - date: 2017-09-11
      event: The Security Council adopts new sanctions [F2].
"""

MANUAL = """\
  - id: press-leak
    title: Press leak
    text: The terms leak to the press.
"""


def _with_pack(pack: str = PACK) -> str:
    text = EXERCISE.replace("outcomes:\n", MANUAL + "outcomes:\n", 1)
    return text + pack


def _problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ExerciseError) as caught:
        load(write_exercise(tmp_path, text))
    return [str(p) for p in caught.value.problems]


def test_a_pack_loads_and_is_hidden_from_delegations(tmp_path: Path) -> None:
    exercise = load(write_exercise(tmp_path, _with_pack()))
    pack = exercise.facilitator
    assert pack is not None
    assert pack.timing[0].minutes == 30
    assert pack.timeline[0].date == "2017-09-11"
    assert exercise.as_read_by("north", ()).facilitator is None


def test_an_exercise_without_a_pack_dumps_as_before(tmp_path: Path) -> None:
    exercise = load(write_exercise(tmp_path))
    assert exercise.facilitator is None
    assert "facilitator" not in exercise.model_dump()


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            "{inject: press-leak,",
            "{inject: press-leek,",
            "press-leek",
            "facilitator.inject_cues.0.inject: unknown inject 'press-leek' "
            "(expected one of aid-report, press-leak)",
        ),
        (
            "  inject_cues:\n    - {inject: press-leak, cue: When the talks stall.}\n",
            "",
            "facilitator:",
            "facilitator.inject_cues: say when Control fires the manual inject(s) press-leak",
        ),
        (
            "{minutes: 20, activity",
            "{minutes: 25, activity",
            "minutes: 30",
            "facilitator.timing.0.minutes: the steps add up to 35 minutes, not 30",
        ),
        (
            "[F1].\n  debrief",
            "[F9].\n  debrief",
            "scoring:",
            "facilitator.scoring: citation [F9]: source 'smith-2020' has no fact F9",
        ),
        (
            "  debrief:\n    - Who moved first, and why?\n",
            "  debrief: []\n",
            "debrief: []",
            "facilitator.debrief: needs at least 1 item",
        ),
    ],
)
def test_pack_problems_point_at_their_line(
    tmp_path: Path, old: str, new: str, needle: str, message: str
) -> None:
    text = _with_pack(PACK.replace(old, new, 1))
    [problem] = [p for p in _problems(tmp_path, text) if message in p]
    assert problem.startswith(f"{tmp_path}/exercises/tiny.yaml:{line_of(text, needle)}: ")
