"""The loader: every kind of bad input is reported at the line an author must fix."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tabletop.exercise import loader
from tabletop.exercise.loader import ExerciseError, LoadProblem, load, load_text
from tabletop.exercise.model import Exercise
from tests.exercise.conftest import DIGEST, EXERCISE, line_of, write_exercise

NAME = "tiny.yaml"
ID_RULE = "must be a lower-case id: a letter, then letters, digits, - or _"


def edit(old: str, new: str, text: str = EXERCISE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def problems(text: str, base: Path) -> list[str]:
    with pytest.raises(ExerciseError) as caught:
        load_text(text, NAME, base)
    return [str(problem) for problem in caught.value.problems]


def at(text: str, needle: str) -> str:
    """`tiny.yaml:LINE` for the line holding `needle`."""
    return f"{NAME}:{line_of(text, needle)}"


# A valid exercise ---------------------------------------------------------------


def test_a_valid_exercise_loads_with_the_facts_of_its_digest(tmp_path: Path) -> None:
    exercise = load(write_exercise(tmp_path))
    source = exercise.sources[0]
    assert (exercise.id, exercise.package_count) == ("tiny", 4)
    assert source.digest == "../seeds/smith-2020.yaml"
    assert (source.title, source.author, source.date) == (
        "A treaty for security",
        "J. Smith",
        "2020-05-01",  # an unquoted date stays the text the author wrote
    )
    assert [fact.id for fact in source.facts] == ["F1", "F2"]


def test_load_text_reads_digests_from_the_base_folder(base: Path) -> None:
    assert load_text(EXERCISE, NAME, base) == load(base / "tiny.yaml")


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = write_exercise(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + EXERCISE.encode())
    assert load(path).id == "tiny"


def test_a_problem_prints_as_file_line_path_message() -> None:
    assert str(LoadProblem("a.yaml", 3, "roles.2.reservation", "field required")) == (
        "a.yaml:3: roles.2.reservation: field required"
    )
    assert str(LoadProblem("a.yaml", 1, "", "no such file")) == "a.yaml:1: no such file"


def test_the_error_is_a_value_error_listing_every_problem(base: Path) -> None:
    with pytest.raises(ValueError, match=r"tiny\.yaml:\d+: roles\.1\.reservation"):
        load_text(edit("reservation: 20", "reservation: ten"), NAME, base)


# Files that are not YAML text -----------------------------------------------------


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(ExerciseError) as caught:
        load(path)
    assert [str(p) for p in caught.value.problems] == [f"{path}:1: no such file"]


def test_a_directory(tmp_path: Path) -> None:
    with pytest.raises(ExerciseError) as caught:
        load(tmp_path)
    assert [str(p) for p in caught.value.problems] == [f"{tmp_path}:1: is a directory"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "1: the file is empty: an exercise is a YAML mapping of fields"),
        (
            b"# nothing yet\n\n# still nothing\n",
            "1: the file is empty: an exercise is a YAML mapping of fields",
        ),
        (b"id: x\ntitle: \x00\x01\x02\x03", "2: binary data, not YAML text"),
        (b"id: x\ntitle: caf\xe9\n", "2: not UTF-8 text (byte 0xE9); save the file as UTF-8"),
        (b"id: x\n\ntitle: a\x07b\n", "3: character U+0007 is not allowed in YAML text"),
    ],
)
def test_files_that_are_not_yaml_text(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(content)
    with pytest.raises(ExerciseError) as caught:
        load(path)
    assert [str(p) for p in caught.value.problems] == [f"{path}:{expected}"]


def test_a_huge_file_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_BYTES", 100)
    with pytest.raises(ExerciseError, match="too large for an exercise"):
        load(write_exercise(tmp_path))


# YAML structure -------------------------------------------------------------------


def test_a_syntax_error_names_its_line(base: Path) -> None:
    text = edit("  rounds: 4\n", "  rounds: 4\n    extra: 1\n")
    assert problems(text, base) == [
        f"{at(text, 'extra: 1')}: YAML syntax error: mapping values are not allowed in this context"
    ]


@pytest.mark.parametrize(
    ("text", "got"), [("- a\n- b\n", "a list"), ("just words\n", "'just words'")]
)
def test_the_top_level_must_be_a_mapping(base: Path, text: str, got: str) -> None:
    assert problems(text, base) == [f"{NAME}:1: an exercise must be a mapping of fields, got {got}"]


def test_a_duplicate_key_is_reported_not_silently_dropped(base: Path) -> None:
    text = edit("  rounds: 4\n", "  rounds: 4\n  rounds: 5\n")
    first = line_of(text, "rounds: 4")
    assert problems(text, base) == [
        f"{at(text, 'rounds: 5')}: schedule.rounds: duplicate key 'rounds' "
        f"(first at line {first}); YAML would silently keep only the last"
    ]


def test_a_second_document_is_refused(base: Path) -> None:
    text = EXERCISE + "---\nid: other\n"
    assert problems(text, base) == [
        f"{at(text, '---')}: a second YAML document starts here (---); an exercise file holds one"
    ]


def test_a_key_must_be_plain_text(base: Path) -> None:
    text = EXERCISE + "? [a, b]\n: 1\n"
    assert problems(text, base) == [
        f"{at(text, '? [a, b]')}: a mapping key must be plain text, not a list or a mapping"
    ]


def test_an_alias_is_refused_where_it_is_used(base: Path) -> None:
    text = edit("turn_order: [north, south]", "turn_order: [&n north, *n]")
    assert problems(text, base) == [
        f"{at(text, '*n')}: schedule.turn_order.1: alias *n is not supported: "
        "write the value out in full"
    ]


def test_a_merge_key_is_an_alias_too(base: Path) -> None:
    text = edit("  rounds: 4\n", "  <<: *base\n  rounds: 4\n")
    assert problems(text, base) == [
        f"{at(text, '<<')}: schedule.<<: alias *base is not supported: write the value out in full"
    ]


def test_a_billion_laughs_never_expands(base: Path) -> None:
    bomb = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for name, previous in zip("bcdefghij", "abcdefghi", strict=True):
        bomb.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    found = problems("\n".join(bomb), base)
    assert sum("alias *" in problem for problem in found) == 81


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "id: tiny",
            "id: !!python/object:os.system tiny",
            "id: YAML tag !!python/object:os.system is not supported here; "
            "write plain text, numbers, lists and mappings",
        ),
        (
            "schedule:\n",
            "schedule: !custom\n",
            "schedule: YAML tag !custom is not supported here; "
            "write plain text, numbers, lists and mappings",
        ),
        (
            "reservation: 10",
            "reservation: !!binary AAAA",
            "roles.0.reservation: YAML tag !!binary is not supported here; "
            "write plain text, numbers, lists and mappings",
        ),
        (
            "reservation: 10",
            "reservation: !!int ten",
            "roles.0.reservation: 'ten' is not a valid !!int",
        ),
    ],
)
def test_only_standard_tags(base: Path, old: str, new: str, expected: str) -> None:
    text = edit(old, new)
    assert problems(text, base) == [f"{at(text, new)}: {expected}"]


def test_a_problem_is_always_one_line(base: Path) -> None:
    text = edit("reservation: 10", 'reservation: "ten\\nor\\u2028more"')
    assert problems(text, base) == [
        f"{at(text, 'ten')}: roles.0.reservation: expected an integer, got 'ten\\nor\\u2028more'"
    ]


def test_deep_nesting_is_refused(base: Path) -> None:
    deep = "{not: " * 70 + "{fired: aid-report}" + "}" * 70
    text = edit("when: {issue: aid, in: [food]}", f"when: {deep}")
    found = problems(text, base)
    assert len(found) == 1
    assert found[0].startswith(at(text, deep))
    assert found[0].endswith(f"nested more than {loader.MAX_DEPTH} levels deep")


# Fields and types -----------------------------------------------------------------


def test_a_missing_field_is_blamed_on_the_mapping_that_lacks_it(base: Path) -> None:
    text = edit("    name: South\n", "")
    assert problems(text, base) == [f"{at(text, '- id: south')}: roles.1.name: field required"]


def test_a_missing_top_level_field(base: Path) -> None:
    text = edit("summary: Two delegations and two issues [F1].\n", "")
    assert problems(text, base) == [f"{NAME}:1: summary: field required"]


def test_an_unknown_field_names_the_fields_expected(base: Path) -> None:
    text = edit("    reservation: 10", "    resrvation: 10")
    assert problems(text, base) == [
        f"{at(text, '- id: north')}: roles.0.reservation: field required",
        f"{at(text, 'resrvation')}: roles.0.resrvation: unknown field 'resrvation' (expected one "
        "of: id, name, short, public_briefing, confidential_briefing, reservation)",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "reservation: 20",
            "reservation: ten",
            "roles.1.reservation: expected an integer, got 'ten'",
        ),
        ("rounds: 4", "rounds: 4.5", "schedule.rounds: expected a whole number, got 4.5"),
        (
            "title: A tiny treaty",
            "title: 1984",
            "title: expected text, got 1984 (put it in quotes to keep it as text)",
        ),
        (
            "title: A tiny treaty",
            "title: yes",
            "title: expected text, got true (put it in quotes to keep it as text)",
        ),
        ("title: A tiny treaty", "title:", "title: expected text, got nothing"),
        ("title: A tiny treaty", "title: '  '", "title: must not be empty"),
        (
            "turn_order: [north, south]",
            "turn_order: north",
            "schedule.turn_order: expected a list, got 'north'",
        ),
        (
            "format: tabletop/1",
            "format: tabletop/2",
            "format: expected 'tabletop/1', got 'tabletop/2'",
        ),
        ("freeze: 30}", "freeze: 3000}", "valuations.south.nuclear.freeze: must be at most 1000"),
        ("rounds: 4", "rounds: 0", "schedule.rounds: must be at least 1"),
        ("rounds: 4", "rounds: .inf", "schedule.rounds: must be a finite number"),
        (
            "trigger: {at_round: 2}",
            "probability: 1.5",
            "injects.0.probability: must be at most 1.0",
        ),
        ("  - role: north", "  - role: North", f"signatories.0.role: {ID_RULE}, got 'North'"),
        (
            "  north:\n    nuclear",
            "  North:\n    nuclear",
            f"valuations.North: key {ID_RULE}, got 'North'",
        ),
        (
            "turn_order: [north, south]",
            "turn_order: [north]",
            "schedule.turn_order: needs at least 2 items, got 1",
        ),
    ],
)
def test_wrong_values_say_what_was_expected(base: Path, old: str, new: str, expected: str) -> None:
    text = edit(old, new)
    assert problems(text, base) == [f"{at(text, new)}: {expected}"]


# Unions and conditions: one message in the author's terms ------------------------------


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("trigger: {round: 2}", "injects.0.trigger: expected either at_round or when, got round"),
        ("trigger: 3", "injects.0.trigger: expected a mapping with either at_round or when, got 3"),
        (
            "trigger: {at_round: 2, when: {round_at_least: 1}}",
            "injects.0.trigger: expected either at_round or when, not both",
        ),
        ("trigger: {at_round: 0}", "injects.0.trigger.at_round: must be at least 1"),
        (
            "trigger: {when: {walked: north}}",
            "injects.0.trigger.when: expected a condition: one of all, any, not, issue/in, "
            "round_at_least, round_at_most, supported_by, walked_out, fired, ended_by, "
            "got a mapping with walked",
        ),
    ],
)
def test_a_trigger_is_explained_once(base: Path, new: str, expected: str) -> None:
    text = edit("trigger: {at_round: 2}", new)
    assert problems(text, base) == [f"{at(text, new)}: {expected}"]


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (
            "{role: north}",
            "injects.0.effects.1: expected either (issue, option, delta) or "
            "(reservation_delta), got role",
        ),
        (
            "{role: north, reservation_delta: -5, delta: 1}",
            "injects.0.effects.1.delta: unknown field 'delta' "
            "(expected one of: role, reservation_delta)",
        ),
        (
            "{role: north, reservation_delta: lots}",
            "injects.0.effects.1.reservation_delta: expected an integer, got 'lots'",
        ),
    ],
)
def test_an_effect_is_explained_once(base: Path, new: str, expected: str) -> None:
    text = edit("{role: north, reservation_delta: -5}", new)
    assert problems(text, base) == [f"{at(text, new)}: {expected}"]


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("when: {issue: aid}", "signatories.1.when.in: field required"),
        (
            "when: {all: [{round_at_least: 1}, {not: {fired: 5}}]}",
            "signatories.1.when.all.1.not.fired: expected text, got 5 "
            "(put it in quotes to keep it as text)",
        ),
        (
            "when: {ended_by: maybe}",
            "signatories.1.when.ended_by: expected 'agreement', 'deadline', 'walk_out' or "
            "'breakdown', got 'maybe'",
        ),
    ],
)
def test_condition_paths_are_the_keys_the_author_wrote(base: Path, new: str, expected: str) -> None:
    text = edit("when: {issue: aid, in: [food]}", new)
    assert problems(text, base) == [f"{at(text, new)}: {expected}"]


# Cross-references -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "aid: {none: 10, food: 5}",
            "aid: {none: 10, food: 5, lots: 1}",
            "valuations.south.aid.lots: unknown option 'lots' of issue 'aid'",
        ),
        (
            "status_quo: none",
            "status_quo: nothing",
            "issues.1.status_quo: 'nothing' is not an option of issue 'aid' "
            "(expected one of none, food)",
        ),
        (
            "a freeze [F2].",
            "a freeze [F9].",
            "roles.0.confidential_briefing: citation [F9]: source 'smith-2020' has no fact F9",
        ),
        (
            "trigger: {at_round: 2}",
            "trigger: {at_round: 9}",
            "injects.0.trigger.at_round: round 9 never comes: the schedule has 4 rounds",
        ),
        (
            "{role: south, issue: aid, option: food, delta: 5}",
            "{role: south, issue: aid, option: feast, delta: 5}",
            "injects.0.effects.0.option: 'feast' is not an option of issue 'aid' "
            "(expected one of none, food)",
        ),
    ],
)
def test_cross_reference_problems_point_at_their_field(
    base: Path, old: str, new: str, expected: str
) -> None:
    text = edit(old, new)
    assert problems(text, base) == [f"{at(text, new)}: {expected}"]


def test_every_problem_is_reported_in_line_order(base: Path) -> None:
    text = EXERCISE
    for old, new in [
        ("trigger: {at_round: 2}", "trigger: {round: 2}"),
        ("reservation: 20", "reservation: ten"),
        ("  rounds: 4\n", "  rounds: 4\n  rounds: 5\n"),
        ("title: A tiny treaty", "title: 1984"),
    ]:
        text = edit(old, new, text)
    found = problems(text, base)
    lines = [int(problem.split(":")[1]) for problem in found]
    assert len(found) == 4
    assert lines == sorted(lines)


# Digests --------------------------------------------------------------------------


def test_a_missing_digest_is_blamed_on_the_line_naming_it(base: Path) -> None:
    text = edit("../seeds/smith-2020.yaml", "../seeds/nope.yaml")
    digest = os.path.normpath(base / "../seeds/nope.yaml")
    assert problems(text, base) == [
        f"{at(text, 'digest:')}: sources.0.digest: cannot read digest {digest}: no such file"
    ]


def digest_problems(tmp_path: Path, digest: str, exercise: str = EXERCISE) -> list[str]:
    path = write_exercise(tmp_path, exercise, digest)
    with pytest.raises(ExerciseError) as caught:
        load(path)
    return [str(problem) for problem in caught.value.problems]


def test_problems_inside_a_digest_are_blamed_on_the_digest(tmp_path: Path) -> None:
    digest = edit("id: F2", "id: f2", DIGEST)
    name = tmp_path / "seeds" / "smith-2020.yaml"
    assert digest_problems(tmp_path, digest) == [
        f"{name}:{line_of(digest, 'id: f2')}: facts.1.id: must be F and a number, like F3, got 'f2'"
    ]


def test_a_field_missing_from_a_digest(tmp_path: Path) -> None:
    name = tmp_path / "seeds" / "smith-2020.yaml"
    assert digest_problems(tmp_path, edit("author: J. Smith\n", "", DIGEST)) == [
        f"{name}:2: author: field required"  # line 1 is a comment: the mapping starts on 2
    ]


def test_a_digest_must_be_about_its_source(tmp_path: Path) -> None:
    name = tmp_path / "seeds" / "smith-2020.yaml"
    exercise = tmp_path / "exercises" / "tiny.yaml"
    assert digest_problems(tmp_path, edit("id: smith-2020", "id: smith", DIGEST)) == [
        f"{name}:2: id: digest id 'smith' does not match source id 'smith-2020' in {exercise}"
    ]


def test_a_field_is_set_in_the_exercise_or_the_digest_not_both(tmp_path: Path) -> None:
    text = edit(
        "    digest: ../seeds/smith-2020.yaml\n",
        "    digest: ../seeds/smith-2020.yaml\n    title: Again\n",
    )
    name = tmp_path / "seeds" / "smith-2020.yaml"
    exercise = tmp_path / "exercises" / "tiny.yaml"
    assert digest_problems(tmp_path, DIGEST, text) == [
        f"{exercise}:{line_of(text, 'title: Again')}: sources.0.title: "
        f"also set in the digest {name}; set it in one place"
    ]


@pytest.mark.parametrize(
    ("digest", "expected"),
    [
        ("- F1\n", "1: a digest must be a mapping of fields, got a list"),
        ("", "1: the file is empty: a digest is a YAML mapping of fields"),
        ("\0\0\0", "1: binary data, not YAML text"),
        (DIGEST + "digest: other.yaml\n", "13: digest: a digest cannot name another digest"),
    ],
)
def test_a_digest_that_is_no_digest(tmp_path: Path, digest: str, expected: str) -> None:
    name = tmp_path / "seeds" / "smith-2020.yaml"
    assert digest_problems(tmp_path, digest) == [f"{name}:{expected}"]


def test_problems_come_file_by_file_exercise_first(tmp_path: Path) -> None:
    digest = edit("id: F2", "id: F1", DIGEST)
    second = line_of(digest, "id: F1\n    text: A freeze")
    name = tmp_path / "seeds" / "smith-2020.yaml"
    exercise = tmp_path / "exercises" / "tiny.yaml"
    assert digest_problems(tmp_path, digest) == [
        f"{exercise}:{line_of(EXERCISE, '[F2]')}: roles.0.confidential_briefing: "
        "citation [F2]: source 'smith-2020' has no fact F2",
        f"{name}:{second}: facts.1.id: duplicate id 'F1'",
    ]


# Nothing but ExerciseError, whatever the input -------------------------------------

SNIPPETS = [*":-&*!?|[]{}'\"#~\\\t\x85", "- ", "&a ", "*a", "!!int ", "!x ", "---", "? ", "yes"]
SNIPPETS += ["1e999", "null", "<<: ", "0x1F", "  "]


def mutate(text: str, edits: list[tuple[int, int, str]]) -> str:
    lines = text.splitlines(keepends=True)
    for index, kind, snippet in edits:
        i = index % len(lines)
        line = lines[i]
        if kind == 0:
            del lines[i]
        elif kind == 1:
            lines.insert(i, line)
        elif kind == 2:
            cut = len(snippet) % (len(line) + 1)
            lines[i] = line[:cut] + snippet + line[cut:]
        else:
            lines[i] = snippet + "\n"
        if not lines:
            return ""
    return "".join(lines)


def loads_or_explains(text: str, base: Path) -> Exercise | ExerciseError:
    """The loaded exercise, or the error, checked to explain itself line by line."""
    try:
        return load_text(text, NAME, base)
    except ExerciseError as error:
        explained(error)
        return error


def explained(error: ExerciseError) -> None:
    assert error.problems
    for problem in error.problems:
        assert problem.line >= 1
        assert len(str(problem).splitlines()) == 1, problem


FIXTURE = HealthCheck.function_scoped_fixture  # the folder is only read, so sharing it is fine
EDITS = st.lists(
    st.tuples(
        st.integers(0, 10_000),
        st.integers(0, 3),
        st.sampled_from(SNIPPETS) | st.text(max_size=6),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[FIXTURE])
@given(edits=EDITS)
def test_mutations_of_a_valid_exercise_only_raise_exercise_error(
    base: Path, edits: list[tuple[int, int, str]]
) -> None:
    assert isinstance(loads_or_explains(mutate(EXERCISE, edits), base), Exercise | ExerciseError)


@settings(max_examples=200, deadline=None, suppress_health_check=[FIXTURE])
@given(edits=EDITS)
def test_mutations_of_a_digest_only_raise_exercise_error(
    tmp_path: Path, edits: list[tuple[int, int, str]]
) -> None:
    path = write_exercise(tmp_path, EXERCISE, mutate(DIGEST, edits))
    try:
        assert isinstance(load(path), Exercise)
    except ExerciseError as error:
        explained(error)


@settings(max_examples=200, deadline=None, suppress_health_check=[FIXTURE])
@given(text=st.text())
def test_any_text_only_raises_exercise_error(base: Path, text: str) -> None:
    assert isinstance(loads_or_explains(text, base), Exercise | ExerciseError)


@settings(max_examples=200, deadline=None)
@given(content=st.binary())
def test_any_bytes_only_raise_exercise_error(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_bytes(content)
        with pytest.raises(ExerciseError):
            load(path)
