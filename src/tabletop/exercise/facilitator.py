"""The instructor pack: what Control reads before and after a class, part of the exercise.

It lives in the exercise file so it travels with the points and injects it
talks about, and the validator can check its inject cues and timing plans.
No delegation is shown it.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=40)]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Step(_Part):
    minutes: int = Field(ge=1, le=480)
    activity: Text


class TimingPlan(_Part):
    """One way to run the exercise in a class of `minutes`; its steps add up to it."""

    minutes: int = Field(ge=10, le=480, description="Length of the class")
    steps: list[Step] = Field(min_length=1)


class InjectCue(_Part):
    """When Control should fire one inject that no trigger fires."""

    inject: Slug
    cue: Text


class Term(_Part):
    term: Text
    meaning: Text


class Dated(_Part):
    date: Annotated[Text, BeforeValidator(lambda v: v.isoformat() if isinstance(v, date) else v)]
    event: Text = Field(description="Markdown; may cite facts, e.g. [F8]")


class Facilitator(_Part):
    """Learning objectives, timing plans, inject cues, debrief, how to read scores."""

    objectives: list[Text] = Field(min_length=1)
    timing: list[TimingPlan] = Field(min_length=1)
    inject_cues: list[InjectCue] = Field(default_factory=list)
    scoring: Text = Field(description="Markdown: how scores are read (within a role only)")
    debrief: list[Text] = Field(min_length=1, description="Debrief questions")
    glossary: list[Term] = Field(default_factory=list)
    timeline: list[Dated] = Field(default_factory=list)
