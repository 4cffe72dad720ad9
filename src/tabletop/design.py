"""Design warnings: a valid exercise that cannot play as its author meant.

`tabletop validate` prints these after the problems, marked `warning:`, and
still exits 0: the file loads and runs, but a class would meet a dead end.
Each check is exact, over every package, with the exercise's own
valuations, reservations, signatory rules and outcome conditions as they
stand before any inject, in every round a package may be signed in. Who
must sign and which outcome follows are asked of the engine's rules
(`needed_signatures`, `outcome_in`), so a warning never reads the rules
differently from a session.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from tabletop.engine.rules import acceptable, needed_signatures, outcome_in, signing_rounds
from tabletop.exercise.conditions import AllOf, Condition, EndedBy, Facts
from tabletop.exercise.model import Exercise
from tabletop.exercise.references import Path

MAX_PACKAGES = 200_000
"""Beyond this the checks would take seconds: they are skipped, and say so."""


@dataclass(frozen=True)
class Warning:
    path: Path
    message: str


def design_warnings(exercise: Exercise) -> list[Warning]:
    """What would stop sessions of this exercise from ending as its author meant."""
    if exercise.package_count > MAX_PACKAGES:
        return [
            Warning(
                ("issues",),
                f"{exercise.package_count:,} packages are too many to check the zone of "
                f"agreement and the outcomes (at most {MAX_PACKAGES:,})",
            )
        ]
    return list(_warnings(exercise))


def _warnings(exercise: Exercise) -> Iterator[Warning]:
    roles = exercise.role_ids
    reservation = {r.id: r.reservation for r in exercise.roles}
    best_signed: dict[str, int | None] = dict.fromkeys(roles)
    reached: set[str] = set()
    signable = False
    rounds = signing_rounds(exercise)
    issues = [issue.id for issue in exercise.issues]
    for options in itertools.product(*(exercise.choices[i] for i in issues)):
        package = dict(zip(issues, options, strict=True))
        scores: dict[str, int] = {}
        for at_round in rounds:
            needed = needed_signatures(exercise, Facts(package=package, round=at_round))
            for signer in needed:
                if signer not in scores:
                    points = exercise.valuations[signer]
                    scores[signer] = sum([points[i][o] for i, o in package.items()])
                best = best_signed[signer]
                if best is None or scores[signer] > best:
                    best_signed[signer] = scores[signer]
            if needed and all(acceptable(scores[s], reservation[s]) for s in needed):
                signable = True
                signed = Facts(package=package, round=at_round, ended_by="agreement")
                reached.add(outcome_in(exercise, signed))
    if not signable:
        yield Warning(
            ("roles",),
            "the zone of agreement is empty: no package beats the reservation of every "
            "delegation whose signature it needs",
        )
    for index, role in enumerate(exercise.roles):
        best = best_signed[role.id]
        if best is not None and not acceptable(best, role.reservation):
            yield Warning(
                ("roles", index, "reservation"),
                f"{role.id}'s reservation ({role.reservation}) is above its score for every "
                f"package it must sign (at best {best}): it can never agree",
            )
    agreements = [o for o in exercise.outcomes if o.when is not None and _needs_agreement(o.when)]
    for outcome in agreements:
        if outcome.id not in reached:
            index = exercise.outcomes.index(outcome)
            yield Warning(
                ("outcomes", index, "when"),
                f"no package every signatory would sign leads to outcome {outcome.id!r}",
            )
    others = [o for o in exercise.outcomes if o not in agreements and o.when is not None]
    if not reached and not others:
        default = exercise.outcomes[-1].id
        yield Warning(
            ("outcomes",),
            f"every session ends in {default!r}: no agreement can be signed and no other "
            "outcome has a condition",
        )


def _needs_agreement(condition: Condition) -> bool:
    """Whether a condition holds only of a signed agreement (`ended_by: agreement` in an `all`)."""
    if isinstance(condition, EndedBy):
        return condition.ended_by == "agreement"
    if isinstance(condition, AllOf):
        return any(_needs_agreement(child) for child in condition.all)
    return False
