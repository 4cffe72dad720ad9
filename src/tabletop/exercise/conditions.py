"""Conditions as data: a small tree an author writes in YAML, never Python.

A condition is one mapping with one key that says what it tests:

    {all: [...]} / {any: [...]} / {not: {...}}   combine conditions
    {issue: sanctions, in: [lifted]}              the package in question
    {round_at_least: 3} / {round_at_most: 5}      the session's clock
    {supported_by: dprk}                          a proposal on the table has its support
    {walked_out: dprk} / {fired: missile-test}    what has happened
    {ended_by: deadline}                          how the talks ended (outcomes)

Signatory rules test the package under signature, outcomes the agreed package
(if any) and how the talks ended, injects the session as it stands (with the
leading proposal, if any, as the package).
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

Ending = Literal["agreement", "deadline", "walk_out", "breakdown"]
"""How talks end: all signed, rounds ran out, a required signatory left, or Control ended them."""


class Facts:
    """What a condition can be asked about; the engine and the analysis fill it in."""

    __slots__ = ("ended_by", "fired", "package", "round", "supported_by", "walked_out")

    def __init__(
        self,
        package: dict[str, str] | None = None,
        round: int = 0,
        supported_by: frozenset[str] = frozenset(),
        walked_out: frozenset[str] = frozenset(),
        fired: frozenset[str] = frozenset(),
        ended_by: Ending | None = None,
    ) -> None:
        self.package = package
        self.round = round
        self.supported_by = supported_by
        self.walked_out = walked_out
        self.fired = fired
        self.ended_by = ended_by


class _Node(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, serialize_by_alias=True
    )

    @abstractmethod
    def holds(self, facts: Facts) -> bool:
        """Whether the condition holds of these facts."""


class AllOf(_Node):
    """Holds when every child holds (an empty list holds)."""

    all: list[Condition] = Field(min_length=1)

    def holds(self, facts: Facts) -> bool:
        return all(child.holds(facts) for child in self.all)


class AnyOf(_Node):
    """Holds when at least one child holds."""

    any: list[Condition] = Field(min_length=1)

    def holds(self, facts: Facts) -> bool:
        return any(child.holds(facts) for child in self.any)


class Not(_Node):
    """Holds when its child does not."""

    not_: Condition = Field(alias="not")

    def holds(self, facts: Facts) -> bool:
        return not self.not_.holds(facts)


class IssueIn(_Node):
    """Holds when the package in question settles `issue` on one of `in`."""

    issue: str
    in_: list[str] = Field(alias="in", min_length=1)

    def holds(self, facts: Facts) -> bool:
        """False with no package in question."""
        return facts.package is not None and facts.package.get(self.issue) in self.in_


class RoundAtLeast(_Node):
    round_at_least: int = Field(ge=0, le=1000)

    def holds(self, facts: Facts) -> bool:
        return facts.round >= self.round_at_least


class RoundAtMost(_Node):
    round_at_most: int = Field(ge=0, le=1000)

    def holds(self, facts: Facts) -> bool:
        return facts.round <= self.round_at_most


class SupportedBy(_Node):
    """Holds when some live proposal on the table has this role's support."""

    supported_by: str

    def holds(self, facts: Facts) -> bool:
        return self.supported_by in facts.supported_by


class WalkedOut(_Node):
    walked_out: str

    def holds(self, facts: Facts) -> bool:
        return self.walked_out in facts.walked_out


class Fired(_Node):
    """Holds once the named inject has fired."""

    fired: str

    def holds(self, facts: Facts) -> bool:
        return self.fired in facts.fired


class EndedBy(_Node):
    ended_by: Ending

    def holds(self, facts: Facts) -> bool:
        return facts.ended_by == self.ended_by


_TAGS: dict[str, str] = {
    "all": "all",
    "any": "any",
    "not": "not",
    "issue": "issue",
    "in": "issue",
    "round_at_least": "round_at_least",
    "round_at_most": "round_at_most",
    "supported_by": "supported_by",
    "walked_out": "walked_out",
    "fired": "fired",
    "ended_by": "ended_by",
}


def _tag(value: Any) -> str | None:
    """Pick the node type by the key an author wrote, so errors name that node alone."""
    if isinstance(value, _Node):
        return _CLASS_TAGS[type(value)]
    if isinstance(value, dict):
        for key in value:
            if key in _TAGS:
                return _TAGS[key]
    return None


Condition = Annotated[
    Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[Not, Tag("not")]
    | Annotated[IssueIn, Tag("issue")]
    | Annotated[RoundAtLeast, Tag("round_at_least")]
    | Annotated[RoundAtMost, Tag("round_at_most")]
    | Annotated[SupportedBy, Tag("supported_by")]
    | Annotated[WalkedOut, Tag("walked_out")]
    | Annotated[Fired, Tag("fired")]
    | Annotated[EndedBy, Tag("ended_by")],
    Discriminator(
        _tag,
        custom_error_type="condition",
        custom_error_message=(
            "expected a condition: one of all, any, not, issue/in, round_at_least, "
            "round_at_most, supported_by, walked_out, fired, ended_by"
        ),
    ),
]

_CLASS_TAGS: dict[type[_Node], str] = {
    AllOf: "all",
    AnyOf: "any",
    Not: "not",
    IssueIn: "issue",
    RoundAtLeast: "round_at_least",
    RoundAtMost: "round_at_most",
    SupportedBy: "supported_by",
    WalkedOut: "walked_out",
    Fired: "fired",
    EndedBy: "ended_by",
}

for _model in (AllOf, AnyOf, Not):
    _model.model_rebuild()


def leaves(condition: Condition) -> Iterator[Condition]:
    """The tests a condition is made of, with `all`, `any` and `not` opened up."""
    match condition:
        case AllOf():
            for child in condition.all:
                yield from leaves(child)
        case AnyOf():
            for child in condition.any:
                yield from leaves(child)
        case Not():
            yield from leaves(condition.not_)
        case _:
            yield condition
