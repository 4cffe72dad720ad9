"""The exercise format: what an author writes, as pydantic models.

Nothing else in tabletop reads raw YAML; the loader turns a file into an
`Exercise`, and a session log carries the `Exercise` as loaded. Field-level
rules live here; checks that span the document (a valuation naming a real
option, a cited fact existing) live in `references`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cached_property
from typing import Annotated, Literal, Protocol, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

from tabletop.exercise.conditions import Condition
from tabletop.exercise.plain import NO_CONTROLS, Plain
from tabletop.schedule import ROUNDS, TURN_SECONDS

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", min_length=1, max_length=40),
]
"""Ids are short lower-case slugs: they appear in logs, commands and conditions."""

Points = Annotated[int, Field(ge=-1000, le=1000)]
"""Scores are whole points, as on a paper scoring sheet."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), NO_CONTROLS]
"""Text a person reads: never empty, never holding a control character."""
CONTROL = "control"
"""The actor id of the facilitator (the white cell); no role may take it."""
HIDDEN = "(confidential to another delegation)"
"""Stands for a confidential briefing in an exercise as another delegation reads it."""


class Model(BaseModel):
    """Strict about unknown keys, so a typo in an exercise never passes silently."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, serialize_by_alias=True
    )


class Fact(Model):
    id: Annotated[str, StringConstraints(pattern=r"^F[1-9][0-9]*$")]
    text: Text


class Source(Model):
    """A source the exercise draws on: a digest in `seeds/`, inlined by the loader."""

    id: Id
    digest: Plain | None = Field(
        default=None, description="Path of the digest file, relative to the exercise file"
    )
    title: Text
    author: Text
    outlet: Text
    date: Annotated[Text, BeforeValidator(lambda v: v.isoformat() if isinstance(v, date) else v)]
    """Publication date; YAML's unquoted 2020-11-23 arrives as a date and is kept as text."""
    url: Plain | None = None
    facts: list[Fact] = Field(default_factory=list)


class Role(Model):
    """A delegation at the table."""

    id: Id
    name: Text
    short: Plain | None = Field(default=None, max_length=12, description="Name on narrow screens")
    public_briefing: Text = Field(description="Markdown every delegation sees")
    confidential_briefing: Text = Field(description="Markdown only this role and Control see")
    reservation: Points = Field(description="Points with no deal (the role's BATNA)")

    @property
    def label(self) -> str:
        return self.short or self.name

    @property
    def title(self) -> str:
        """Both names, where a role is introduced: "South Korea (ROK)"; `label` elsewhere."""
        return self.name if self.label == self.name else f"{self.name} ({self.label})"


class Option(Model):
    id: Id
    name: Text
    description: Plain = ""


class Issue(Model):
    """One dimension of a deal; `status_quo` holds if a deal leaves the issue open."""

    id: Id
    name: Text
    description: Plain = ""
    options: list[Option] = Field(min_length=2, max_length=6)
    status_quo: Id

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


class Schedule(Model):
    rounds: int = Field(
        ge=ROUNDS[0], le=ROUNDS[1], description="Negotiating rounds before the deadline"
    )
    turn_order: list[Id] = Field(min_length=2, description="Every role exactly once")
    opening_statements: bool = True
    seconds_per_turn: int | None = Field(
        default=None,
        ge=TURN_SECONDS[0],
        le=TURN_SECONDS[1],
        description="Turn clock shown on screen; none when absent",
    )


class Signatory(Model):
    """A role whose signature a deal needs: always, or when `when` holds of the package."""

    role: Id
    when: Condition | None = None


class RoundTrigger(Model):
    at_round: int = Field(ge=1, le=100, description="Fires as this round begins")


class ConditionTrigger(Model):
    when: Condition = Field(description="Fires at the first round start where this holds")


Trigger = RoundTrigger | ConditionTrigger


class ValuationEffect(Model):
    """Changes what one option is worth to one role, from the moment the inject fires."""

    role: Id
    issue: Id
    option: Id
    delta: Points


class ReservationEffect(Model):
    role: Id
    reservation_delta: Points


Effect = ValuationEffect | ReservationEffect


class Inject(Model):
    """A scripted event. With no trigger only Control fires it; Control may fire any."""

    id: Id
    title: Text
    text: Text = Field(description="What every delegation is told")
    private: dict[Id, Text] = Field(
        default_factory=dict, description="Role id to what only that role is told"
    )
    trigger: Trigger | None = None
    probability: float = Field(
        default=1.0, gt=0.0, le=1.0, description="Chance it fires when its trigger comes"
    )
    effects: list[Effect] = Field(default_factory=list)


class Outcome(Model):
    """A named result; the first whose condition holds wins, the last has none (the default)."""

    id: Id
    title: Text
    narrative: Text = Field(description="Markdown: what follows from this result")
    when: Condition | None = None


class Step(Model):
    minutes: int = Field(ge=1, le=480)
    activity: Text


class TimingPlan(Model):
    """One way to run the exercise in a class of `minutes`; its steps add up to it."""

    minutes: int = Field(ge=10, le=480, description="Length of the class")
    steps: list[Step] = Field(min_length=1)


class InjectCue(Model):
    """When Control should fire one inject that no trigger fires."""

    inject: Id
    cue: Text


class Term(Model):
    term: Text
    meaning: Text


class Dated(Model):
    date: Annotated[Text, BeforeValidator(lambda v: v.isoformat() if isinstance(v, date) else v)]
    event: Text = Field(description="Markdown; may cite facts, e.g. [F8]")


class Facilitator(Model):
    """The instructor pack: what Control reads before and after a class, checked with the rest.

    It lives in the exercise file so it travels with the points and injects
    it talks about; no delegation is shown it.
    """

    objectives: list[Text] = Field(min_length=1)
    timing: list[TimingPlan] = Field(min_length=1)
    inject_cues: list[InjectCue] = Field(default_factory=list)
    scoring: Text = Field(description="Markdown: how scores are read (within a role only)")
    debrief: list[Text] = Field(min_length=1, description="Debrief questions")
    glossary: list[Term] = Field(default_factory=list)
    timeline: list[Dated] = Field(default_factory=list)


class Exercise(Model):
    """A whole exercise: everything a session needs, with nothing left to files."""

    format: Literal["tabletop/1"] = "tabletop/1"
    id: Id
    title: Text
    summary: Text
    sources: list[Source] = Field(default_factory=list)
    roles: list[Role] = Field(min_length=2, max_length=12)
    issues: list[Issue] = Field(min_length=1, max_length=12)
    valuations: dict[Id, dict[Id, dict[Id, Points]]] = Field(
        description="Role id → issue id → option id → points"
    )
    schedule: Schedule
    signatories: list[Signatory] = Field(min_length=1)
    injects: list[Inject] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(min_length=1)
    facilitator: Facilitator | None = Field(
        default=None,
        description="The instructor pack: objectives, timing, inject cues, debrief",
        # Left out when absent, so an exercise without one hashes as it always did.
        exclude_if=lambda v: v is None,
    )

    @model_validator(mode="after")
    def _references_hold(self, info: ValidationInfo) -> Exercise:
        if info.context and info.context.get("skip_references"):
            return self
        from tabletop.exercise.references import problems

        found = problems(self)
        if found:
            raise ValueError("; ".join(f"{'.'.join(map(str, p.path))}: {p.message}" for p in found))
        return self

    _readings: dict[tuple[str | None, frozenset[str]], Exercise] = PrivateAttr(default_factory=dict)

    def as_read_by(self, role_id: str | None, fired: Iterable[str]) -> Exercise:
        """The exercise as one delegation may read it once `fired` have fired, kept once made.

        The one home of what a delegation may know of the exercise: other
        roles' confidential briefings, reservations and points, and the
        instructor pack, are left out; of the injects, only those fired, each
        with the role's own private text and effects, and none of Control's
        script (triggers, odds).
        What a delegation screen, a bot or a seat is given cannot leak what
        it never had. `role_id` None is the public reading, as a projector
        shows it: no role's secrets at all.
        """
        done = frozenset(fired)
        key = (role_id, done)
        readings = self._readings
        reading = readings.get(key)
        if reading is None:
            hidden = {"confidential_briefing": HIDDEN, "reservation": 0}
            reading = self.model_copy(
                update={
                    "roles": [
                        r if r.id == role_id else r.model_copy(update=hidden) for r in self.roles
                    ],
                    "injects": [_as_told(i, role_id) for i in self.injects if i.id in done],
                    "valuations": {} if role_id is None else {role_id: self.valuations[role_id]},
                    "facilitator": None,
                }
            )
            reading._readings = {key: reading}
            readings[key] = reading
        return reading

    def role(self, role_id: str) -> Role:
        return _with_id(self.roles, role_id)

    def issue(self, issue_id: str) -> Issue:
        return _with_id(self.issues, issue_id)

    def inject(self, inject_id: str) -> Inject:
        return _with_id(self.injects, inject_id)

    def outcome(self, outcome_id: str) -> Outcome:
        return _with_id(self.outcomes, outcome_id)

    # Look-ups the engine makes on every act, worked out once. They depend only
    # on issues and signatories, which `as_read_by` never changes, so the copies
    # it makes may share them.

    @cached_property
    def choices(self) -> dict[str, tuple[str, ...]]:
        """Issue id → the ids of its options, in the exercise's order."""
        return {i.id: tuple(o.id for o in i.options) for i in self.issues}

    @cached_property
    def always_signing(self) -> frozenset[str]:
        """Roles whose signature every package needs."""
        return frozenset(s.role for s in self.signatories if s.when is None)

    @property
    def role_ids(self) -> list[str]:
        return [r.id for r in self.roles]

    @property
    def package_count(self) -> int:
        count = 1
        for issue in self.issues:
            count *= len(issue.options)
        return count

    def with_schedule(
        self, rounds: int | None = None, seconds_per_turn: int | None = None
    ) -> Exercise:
        """The exercise as one session plays it: its own rounds and turn clock where given.

        `seconds_per_turn=0` plays without a turn clock (`tabletop.schedule.NO_CLOCK`).

        A class with less time than the author planned shortens the session,
        not the file: the log keeps the exercise as loaded and these two numbers.
        """
        if rounds is None and seconds_per_turn is None:
            return self
        schedule = self.schedule.model_copy(
            update={
                "rounds": self.schedule.rounds if rounds is None else rounds,
                "seconds_per_turn": self.schedule.seconds_per_turn
                if seconds_per_turn is None
                else seconds_per_turn or None,  # 0: no clock for this session
            }
        )
        return self.model_copy(update={"schedule": schedule})

    def status_quo(self) -> dict[str, str]:
        """The package that holds if nothing is agreed on any issue."""
        return {i.id: i.status_quo for i in self.issues}


def _as_told(inject: Inject, role_id: str | None) -> Inject:
    """A fired inject as `role_id` was told it: its own private text and effects alone."""
    return inject.model_copy(
        update={
            "private": {r: text for r, text in inject.private.items() if r == role_id},
            "effects": [e for e in inject.effects if e.role == role_id],
            "trigger": None,
            "probability": 1.0,
        }
    )


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


_Part = TypeVar("_Part", bound=_Identified)


def _with_id(parts: list[_Part], part_id: str) -> _Part:
    """The part with this id; KeyError if there is none.

    A plain loop: the engine looks up a role on every act, and a generator
    costs several times as much.
    """
    for part in parts:
        if part.id == part_id:
            return part
    raise KeyError(part_id)
