"""The exercise's rules applied to a table: scores, signatories, injects, outcomes.

Who must sign a package and which outcome follows are rules over plain
`Facts` (`needed_signatures`, `outcome_in`): the engine asks them of a table,
and `validate`'s design warnings of the packages before the talks, so the two
never disagree about the rules themselves.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from typing import Any, Literal, Protocol, TypeVar

from tabletop.engine.state import Proposal, Table
from tabletop.exercise.conditions import (
    Condition,
    Ending,
    Facts,
    RoundAtLeast,
    RoundAtMost,
    leaves,
)
from tabletop.exercise.model import ConditionTrigger, Exercise, Inject, RoundTrigger

_Verdict = TypeVar("_Verdict", covariant=True)


class _Score(Protocol[_Verdict]):
    def __ge__(self, other: Any, /) -> _Verdict: ...


def acceptable(score: _Score[_Verdict], reservation: object) -> _Verdict:
    """The project's one acceptance rule: a package is acceptable to a role worth at least
    its reservation.

    No agreement leaves a role its reservation, so a package worth exactly that
    is no loss: bots sign it, and the analysis counts it in the zone of
    agreement and among the Nash candidates. Works on a score or, element by
    element, on an array of them.
    """
    return score >= reservation


def facts(table: Table, package: dict[str, str] | None, ended_by: Ending | None = None) -> Facts:
    """What conditions may ask of the table, with `package` as the package in question."""
    supported = frozenset(r for p in table.live_proposals for r in p.supporters)
    return Facts(
        package=package,
        round=table.round,
        supported_by=supported,
        walked_out=table.walked_out,
        fired=frozenset(table.fired),
        ended_by=ended_by,
    )


def walk_out_ends(exercise: Exercise, order: Sequence[str], walked_out: frozenset[str]) -> bool:
    """Whether the talks end in a walk-out once `walked_out` have left the table.

    They do when a role whose signature every package needs has gone, or
    fewer than two roles are left to agree.
    """
    return bool(walked_out) and bool(
        exercise.always_signing & walked_out or len(order) - len(walked_out) < 2
    )


def advance_trigger(exercise: Exercise, table: Table) -> Literal["open", "negotiate"]:
    """The phase move Control's advance makes, as the phase machine's trigger.

    After the briefing come the opening statements if the schedule has them;
    otherwise (and after the opening) the negotiation.
    """
    if table.phase == "briefing" and exercise.schedule.opening_statements:
        return "open"
    return "negotiate"


def needed_signatures(exercise: Exercise, situation: Facts) -> frozenset[str]:
    """The roles whose signature `situation.package` needs: every rule whose condition holds."""
    return frozenset(
        [s.role for s in exercise.signatories if s.when is None or s.when.holds(situation)]
    )


def signing_rounds(exercise: Exercise) -> list[int]:
    """A round from each stretch of the schedule in which the rules sign alike.

    Signing starts in round 1, and a signatory rule or outcome that asks the
    round starts a new stretch where its answer changes: so these few rounds
    stand for every round a package may be signed in.
    """
    rules = [s.when for s in exercise.signatories] + [o.when for o in exercise.outcomes]
    bounds = (bound for rule in rules if rule is not None for bound in _round_bounds(rule))
    return sorted({1} | {b for b in bounds if 1 < b <= exercise.schedule.rounds})


def _round_bounds(condition: Condition) -> Iterator[int]:
    """The rounds at which the condition's answer may change."""
    for leaf in leaves(condition):
        if isinstance(leaf, RoundAtLeast):
            yield leaf.round_at_least
        elif isinstance(leaf, RoundAtMost):
            yield leaf.round_at_most + 1


def signatories(exercise: Exercise, table: Table, package: dict[str, str]) -> tuple[str, ...]:
    """The roles whose signature this package needs at the table now, in turn order."""
    needed = needed_signatures(exercise, facts(table, package))
    return tuple(r for r in table.order if r in needed)


def ready_for_signature(
    exercise: Exercise, table: Table
) -> tuple[Proposal, tuple[str, ...]] | None:
    """The first live proposal every required signatory supports, with those signatories.

    Only the candidates (live proposals every always-signing role supports)
    can be; the fold keeps them, so this looks at a handful, not the whole
    table. Numbers follow the order proposals were made, the live ones' order.
    """
    for number in sorted(table.candidates):
        proposal = table.live[number]
        needed = signatories(exercise, table, proposal.package)
        if needed and all(r in proposal.supporters and r not in table.walked_out for r in needed):
            return proposal, needed
    return None


def leading(table: Table) -> Proposal | None:
    """The live proposal with the most support; the newest wins a tie."""
    live = table.live_proposals
    return max(live, key=lambda p: (len(p.supporters), p.id)) if live else None


def injects_due(exercise: Exercise, table: Table, seed: int, round_start: int) -> Iterator[Inject]:
    """Injects not yet fired whose trigger comes as the table's current round begins.

    Each inject sees those fired before it. A probability is drawn from a
    generator seeded by the session seed and the round start's event number,
    so the same seed and acts give the same injects, also when a resumed
    session fires those a crash kept from the log.
    """
    fired = set(table.fired)
    situation: Facts | None = None
    for index, inject in enumerate(exercise.injects):
        if inject.id in fired:
            continue
        trigger = inject.trigger
        if isinstance(trigger, RoundTrigger):
            due = trigger.at_round == table.round
        elif isinstance(trigger, ConditionTrigger):
            if situation is None:
                top = leading(table)
                situation = facts(table, top.package if top else None)
            situation.fired = frozenset(fired)
            due = trigger.when.holds(situation)
        else:
            due = False
        # A certain inject needs no draw (a draw is always below 1): seeding one costs.
        certain = inject.probability >= 1
        if due and (certain or _chance(seed, round_start, index) < inject.probability):
            fired.add(inject.id)
            yield inject


def _chance(seed: int, seq: int, index: int) -> float:
    return random.Random(f"{seed}/{seq}/{index}").random()


def outcome(
    exercise: Exercise, table: Table, ending: Ending, package: dict[str, str] | None
) -> str:
    """The outcome talks at this table lead to, ended this way with this package (if any)."""
    return outcome_in(exercise, facts(table, package, ending))


def outcome_in(exercise: Exercise, situation: Facts) -> str:
    """The first outcome whose condition holds; the last is the default."""
    for candidate in exercise.outcomes:
        if candidate.when is None or candidate.when.holds(situation):
            return candidate.id
    raise AssertionError("an exercise always ends with a default outcome")


def final_scores(table: Table, package: dict[str, str] | None) -> dict[str, int]:
    """Each role's points: the agreed package under the valuations in force, else its BATNA."""
    if package is None:
        return dict(table.reservations)
    return {role: table.score(role, package) for role in table.reservations}
