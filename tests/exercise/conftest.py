"""A small valid exercise as an author writes it: YAML text and a digest on disk.

Tests break it one edit at a time and check the loader blames the right line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

EXERCISE = """\
format: tabletop/1
id: tiny
title: A tiny treaty
summary: Two delegations and two issues [F1].
sources:
  - id: smith-2020
    digest: ../seeds/smith-2020.yaml
roles:
  - id: north
    name: North
    public_briefing: North wants security [F1].
    confidential_briefing: North can live with a freeze [F2].
    reservation: 10
  - id: south
    name: South
    public_briefing: South wants peace.
    confidential_briefing: South fears a deal that leaves the programme intact.
    reservation: 20
issues:
  - id: nuclear
    name: Nuclear programme
    options:
      - id: moratorium
        name: Test moratorium
      - id: freeze
        name: Verified freeze
    status_quo: moratorium
  - id: aid
    name: Economic aid
    options:
      - {id: none, name: No aid}
      - {id: food, name: Food aid}
    status_quo: none
valuations:
  north:
    nuclear: {moratorium: 30, freeze: 10}
    aid: {none: 0, food: 20}
  south:
    nuclear: {moratorium: 0, freeze: 30}
    aid: {none: 10, food: 5}
schedule:
  rounds: 4
  turn_order: [north, south]
signatories:
  - role: north
  - role: south
    when: {issue: aid, in: [food]}
injects:
  - id: aid-report
    title: Aid report
    text: A report says food aid reached the north.
    trigger: {at_round: 2}
    effects:
      - {role: south, issue: aid, option: food, delta: 5}
      - {role: north, reservation_delta: -5}
outcomes:
  - id: deal
    title: A deal
    narrative: The talks end in a deal.
    when: {ended_by: agreement}
  - id: no-deal
    title: No deal
    narrative: The talks fail.
"""

DIGEST = """\
# A digest: the facts an exercise cites, each with an id.
id: smith-2020
title: A treaty for security
author: J. Smith
outlet: Example Review
date: 2020-05-01
url: https://example.org/treaty
facts:
  - id: F1
    text: The north seeks security guarantees.
  - id: F2
    text: A freeze is negotiable.
"""


def write_exercise(root: Path, exercise: str = EXERCISE, digest: str = DIGEST) -> Path:
    """Lay out `exercises/tiny.yaml` and `seeds/smith-2020.yaml` under root; the exercise's path."""
    (root / "exercises").mkdir(parents=True, exist_ok=True)
    (root / "seeds").mkdir(exist_ok=True)
    (root / "seeds" / "smith-2020.yaml").write_text(digest, encoding="utf-8")
    path = root / "exercises" / "tiny.yaml"
    path.write_text(exercise, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    """The 1-based line where `needle` first appears, so tests need no hand-counted lines."""
    return text[: text.index(needle)].count("\n") + 1


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """The folder of an exercise whose digest is in place."""
    return write_exercise(tmp_path).parent
