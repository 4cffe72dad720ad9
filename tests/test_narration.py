"""The words for events: one sentence per kind, names by label, plain text with no ids."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tabletop import bundled
from tabletop.bots.autoplay import run_headless
from tabletop.engine import Session
from tabletop.engine.acts import (
    Advance,
    Annotate,
    ExtendRounds,
    FireInject,
    Message,
    Pause,
    Resume,
    SkipTurn,
    Start,
    Statement,
)
from tabletop.engine.events import SESSION
from tabletop.exercise.loader import load
from tabletop.exercise.model import CONTROL, Exercise
from tabletop.narration.events import event_words
from tabletop.narration.names import actor_name, package_words
from tabletop.narration.plain import plain
from tabletop.narration.segments import text_of


def treaty() -> Exercise:
    return load(next(p for p in bundled.exercises() if p.stem == "treaty-for-security"))


def test_a_role_has_one_name_wherever_it_acts(tiny: Exercise) -> None:
    exercise = treaty()
    assert actor_name(exercise, "rok") == "ROK" == exercise.role("rok").label
    assert exercise.role("rok").title == "South Korea (ROK)"
    assert exercise.role("china").title == "China"
    assert (actor_name(tiny, CONTROL), actor_name(tiny, SESSION)) == ("Control", "The table")


def test_a_package_reads_by_issue_and_option_names(tiny: Exercise) -> None:
    words = package_words(tiny, {"date": "july", "fee": "low"})
    assert text_of(words) == "Date: July; Fee: Low"
    assert [s.text for s in words if s.kind == "option"] == ["July", "Low"]


def test_every_event_of_whole_sessions_reads_without_an_id() -> None:
    exercise = treaty()
    slugs = {o.id for i in exercise.issues for o in i.options if "_" in o.id}
    slugs |= {i.id for i in exercise.issues if "_" in i.id} | {i.id for i in exercise.injects}
    pattern = re.compile("|".join(sorted(slugs, key=len, reverse=True)))
    kinds = set()
    for seed in range(4):
        strategies = dict.fromkeys(exercise.role_ids, "conceder" if seed % 2 else "linear")
        for event in run_headless(exercise, seed, strategies).events:
            sentence = text_of(event_words(exercise, event))
            assert sentence and not pattern.search(sentence), sentence
            assert "[F" not in sentence and "*" not in sentence, sentence
            kinds.add(event.kind)
    assert {"proposed", "supported", "signed", "inject_fired", "concluded"} <= kinds


def test_control_and_players_acts_read_as_sentences(tiny: Exercise) -> None:
    session = Session(tiny, seed=1)
    for act in (
        Start(),
        Advance(),
        Statement(actor="town", text="Hello"),
        Message(actor="fest", to="town", text="Psst"),
        SkipTurn(),
        FireInject(inject="press"),
        Annotate(text="a note"),
        Pause(),
        Resume(),
        ExtendRounds(rounds=4),
    ):
        session.apply(act)
    said = [text_of(event_words(tiny, e)) for e in session.events]
    assert said == [
        "Control opened the briefing",
        "Opening statements began",
        "Town said: “Hello”",
        "Festival → Town (private): “Psst”",
        "Control skipped Festival's turn",
        "Negotiation began",
        "Round 1 began",
        "Inject “Press” (by Control): A reporter calls.",
        "Control noted: a note",
        "Control paused the session",
        "Control resumed the session",
        "Control extended the talks to 7 rounds",
    ]


def test_plain_takes_out_citations_and_emphasis_without_gaps() -> None:
    text = "Taken apart in Ukraine and Belarus [F28], with *outside*\nmoney [smith-2020:F3]."
    assert plain(text) == "Taken apart in Ukraine and Belarus, with outside money."
    assert plain("**Bold** and _it_ stay words; snake_case and 2 * 3 too") == (
        "Bold and it stay words; snake_case and 2 * 3 too"
    )
    assert plain("One.\n\n\nTwo [F1]\n  lines") == "One.\n\nTwo lines"


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Belarus", "the *form*", "**money**", "aid"]),
            st.sampled_from(["", " [F2]", " [smith-2020:F12]", "[F3]"]),
            st.sampled_from([" ", ", ", ". ", ";\n", "\n\n"]),
        )
    )
)
def test_a_citation_taken_out_leaves_the_sentence_as_if_never_there(
    parts: list[tuple[str, str, str]],
) -> None:
    cited = "".join(word + citation + gap for word, citation, gap in parts)
    uncited = "".join(word + gap for word, _, gap in parts)
    assert plain(cited) == plain(uncited)
    assert "[F" not in plain(cited) and "*" not in plain(cited)
