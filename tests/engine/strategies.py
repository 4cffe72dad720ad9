"""Hypothesis strategies for acts: legal and illegal alike, so the engine has to tell them apart."""

from __future__ import annotations

from hypothesis import strategies as st

from tabletop.engine import acts
from tabletop.engine.acts import Act
from tabletop.exercise.model import CONTROL, Exercise


def any_act(exercise: Exercise) -> st.SearchStrategy[Act]:
    """Acts by any actor (including unknown ones), on any proposal number, with any options."""
    roles = st.sampled_from([*exercise.role_ids, CONTROL, "nobody"])
    numbers = st.integers(min_value=0, max_value=6)
    text = st.sampled_from(["yes", "no", "a reason"])
    package = st.fixed_dictionaries(
        {i.id: st.sampled_from([o.id for o in i.options]) for i in exercise.issues}
    )
    partial = st.dictionaries(
        st.sampled_from([i.id for i in exercise.issues]),
        st.sampled_from(sorted({o.id for i in exercise.issues for o in i.options} | {"bogus"})),
        min_size=1,
    )
    injects = st.sampled_from([*(i.id for i in exercise.injects), "no-such-inject"])
    delegation = st.one_of(
        st.builds(acts.Propose, actor=roles, package=package),
        st.builds(acts.Amend, actor=roles, proposal=numbers, changes=partial),
        st.builds(acts.Support, actor=roles, proposal=numbers),
        st.builds(acts.Withdraw, actor=roles, proposal=numbers),
        st.builds(acts.Reject, actor=roles, proposal=numbers, reason=text),
        st.builds(acts.Statement, actor=roles, text=text),
        st.builds(acts.Message, actor=roles, to=roles, text=text),
        st.builds(acts.Pass, actor=roles),
        st.builds(acts.WalkOut, actor=roles),
        st.builds(acts.Sign, actor=roles),
        st.builds(acts.Decline, actor=roles),
    )
    control = st.one_of(
        st.just(acts.Start()),
        st.just(acts.Advance()),
        st.builds(acts.FireInject, inject=injects),
        st.just(acts.Pause()),
        st.just(acts.Resume()),
        st.builds(acts.ExtendRounds, rounds=st.integers(min_value=1, max_value=3)),
        st.just(acts.SkipTurn()),
        st.builds(acts.Annotate, text=text),
        st.just(acts.End()),
    )
    # Weighted towards delegation acts, which is where the game is played.
    return st.one_of(delegation, delegation, delegation, control)
