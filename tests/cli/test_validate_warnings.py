"""`tabletop validate` warns about a valid exercise that cannot play as meant, and exits 0."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabletop.cli import main
from tests.exercise.conftest import EXERCISE, line_of, write_exercise

Capture = pytest.CaptureFixture[str]


def warnings_of(capsys: Capture, text: str, tmp_path: Path) -> tuple[Path, list[str]]:
    path = write_exercise(tmp_path, text)
    assert main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == "" and f"{path}: ok (" in out
    return path, [line for line in out.splitlines() if ": warning: " in line]


def test_a_playable_exercise_has_no_warnings(capsys: Capture, tmp_path: Path) -> None:
    assert warnings_of(capsys, EXERCISE, tmp_path)[1] == []


def test_a_reservation_nothing_can_meet_empties_the_zone(capsys: Capture, tmp_path: Path) -> None:
    text = EXERCISE.replace("reservation: 10", "reservation: 60", 1)
    path, found = warnings_of(capsys, text, tmp_path)
    line = line_of(text, "reservation: 60")
    assert (
        f"{path}:{line}: roles.0.reservation: warning: north's reservation (60) is above its "
        "score for every package it must sign (at best 50): it can never agree"
    ) in found
    assert any("roles: warning: the zone of agreement is empty" in w for w in found)
    assert any(
        f":{line_of(text, '    when: {ended_by: agreement}')}: outcomes.0.when: warning: no "
        "package every signatory would sign leads to outcome 'deal'" in w
        for w in found
    )
    assert any("outcomes: warning: every session ends in 'no-deal'" in w for w in found)


def test_an_outcome_no_signable_package_reaches(capsys: Capture, tmp_path: Path) -> None:
    extra = (
        "  - id: freeze-no-aid\n"
        "    title: A freeze without aid\n"
        "    narrative: North freezes for nothing.\n"
        "    when:\n"
        "      all:\n"
        "        - {ended_by: agreement}\n"
        "        - {issue: nuclear, in: [freeze]}\n"
        "        - {issue: aid, in: [none]}\n"
    )
    text = EXERCISE.replace("outcomes:\n", "outcomes:\n" + extra, 1).replace(
        "reservation: 10", "reservation: 11", 1
    )
    _, found = warnings_of(capsys, text, tmp_path)
    assert [w.split(": warning: ")[1] for w in found] == [
        "no package every signatory would sign leads to outcome 'freeze-no-aid'"
    ]


def test_an_outcome_only_an_early_deal_reaches_is_reachable(
    capsys: Capture, tmp_path: Path
) -> None:
    # Signed in round 1 or 2 (of 4), a deal is a quick one: the warnings read every round.
    extra = (
        "  - id: quick-deal\n"
        "    title: A quick deal\n"
        "    narrative: The talks end early in a deal.\n"
        "    when: {all: [{ended_by: agreement}, {round_at_most: 2}]}\n"
    )
    text = EXERCISE.replace("outcomes:\n", "outcomes:\n" + extra, 1)
    assert warnings_of(capsys, text, tmp_path)[1] == []


def test_a_signatory_the_talks_always_need_is_counted(capsys: Capture, tmp_path: Path) -> None:
    # From round 1 on, that is whenever a package can be signed, South must sign.
    text = EXERCISE.replace(
        "    when: {issue: aid, in: [food]}", "    when: {round_at_least: 1}", 1
    ).replace("reservation: 20", "reservation: 60", 1)
    _, found = warnings_of(capsys, text, tmp_path)
    assert [w.split(": warning: ")[1] for w in found] == [
        "the zone of agreement is empty: no package beats the reservation of every "
        "delegation whose signature it needs",
        "south's reservation (60) is above its score for every package it must sign "
        "(at best 40): it can never agree",
        "no package every signatory would sign leads to outcome 'deal'",
        "every session ends in 'no-deal': no agreement can be signed and no other outcome "
        "has a condition",
    ]
