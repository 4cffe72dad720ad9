"""Random but valid exercises of any size, for benchmarks and property tests.

Real exercises are few and small; the analysis must be exact and fast on any
exercise the format allows, so tests and benchmarks need exercises made to
order. The same arguments always give the same exercise.
"""

from __future__ import annotations

import random
from typing import Any

from tabletop.exercise.model import Exercise

_SHARED = 0.35
"""The share of issues on which every role wants the same direction."""

_STEP = 8
"""Points per unit of weight from an option at one end of an issue to the other."""


def synthetic_exercise(
    roles: int, issues: int, options: int, seed: int, rounds: int = 6
) -> Exercise:
    """An exercise with roles r1.., issues i1.. and options o1.. on every issue.

    Each role weighs each issue (1–10) and wants its options to run up or
    down, with a little noise: issues where roles pull apart give conflict,
    issues where all pull the same way give shared interest, and different
    weights give room to trade. Reservations sit below what the package of
    largest joint score gives each role, so a zone of agreement exists.
    Every role signs; there is an agreement outcome and a default; one inject
    comes at round 2 (or the last round) and one only Control fires.
    """
    for name, value, low, high in (
        ("roles", roles, 2, 12),
        ("issues", issues, 1, 12),
        ("options", options, 2, 6),
        ("rounds", rounds, 1, 100),
    ):
        if not low <= value <= high:
            raise ValueError(f"{name} must be between {low} and {high}, not {value}")
    rng = random.Random(seed)
    role_ids = [f"r{n}" for n in range(1, roles + 1)]
    issue_ids = [f"i{n}" for n in range(1, issues + 1)]
    option_ids = [f"o{n}" for n in range(1, options + 1)]
    valuations = _valuations(rng, role_ids, issue_ids, option_ids)
    anchor = {issue: _joint_best(valuations, issue, option_ids) for issue in issue_ids}
    data: dict[str, Any] = {
        "id": "synthetic",
        "title": f"Synthetic {roles}×{issues}×{options} (seed {seed})",
        "summary": "A generated exercise for benchmarks and tests.",
        "roles": [
            {
                "id": role,
                "name": f"Role {role[1:]}",
                "public_briefing": "Generated role.",
                "confidential_briefing": "Generated confidential briefing.",
                "reservation": _reservation(
                    rng, sum(valuations[role][issue][option] for issue, option in anchor.items())
                ),
            }
            for role in role_ids
        ],
        "issues": [
            {
                "id": issue,
                "name": f"Issue {issue[1:]}",
                "status_quo": option_ids[0],
                "options": [{"id": o, "name": f"Option {o[1:]}"} for o in option_ids],
            }
            for issue in issue_ids
        ],
        "valuations": valuations,
        "schedule": {"rounds": rounds, "turn_order": role_ids},
        "signatories": [{"role": role} for role in role_ids],
        "injects": _injects(rng, role_ids, issue_ids, option_ids, rounds),
        "outcomes": [
            {
                "id": "agreement",
                "title": "Agreement",
                "narrative": "The parties sign.",
                "when": {"ended_by": "agreement"},
            },
            {"id": "no-deal", "title": "No deal", "narrative": "Each falls back on its BATNA."},
        ],
    }
    return Exercise.model_validate(data)


def _valuations(
    rng: random.Random, roles: list[str], issues: list[str], options: list[str]
) -> dict[str, dict[str, dict[str, int]]]:
    valuations: dict[str, dict[str, dict[str, int]]] = {role: {} for role in roles}
    last = len(options) - 1
    for issue in issues:
        shared = rng.random() < _SHARED
        for role in roles:
            weight = rng.randint(1, 10)
            rising = shared or rng.random() < 0.5
            valuations[role][issue] = {
                option: round(weight * _STEP * (n if rising else last - n) / last)
                + rng.randint(0, 2)
                for n, option in enumerate(options)
            }
    return valuations


def _joint_best(
    valuations: dict[str, dict[str, dict[str, int]]], issue: str, options: list[str]
) -> str:
    """The option with the largest sum of points over roles."""
    totals = {o: sum(by_issue[issue][o] for by_issue in valuations.values()) for o in options}
    return max(options, key=totals.__getitem__)


def _reservation(rng: random.Random, anchor_score: int) -> int:
    """Below the anchor by up to half its score, so the anchor beats every reservation."""
    return anchor_score - rng.randint(1, max(1, anchor_score // 2))


def _injects(
    rng: random.Random, roles: list[str], issues: list[str], options: list[str], rounds: int
) -> list[dict[str, Any]]:
    pressed, tempted = rng.choice(roles), rng.choice(roles)
    return [
        {
            "id": "pressure",
            "title": "Pressure at home",
            "text": "News from the capitals.",
            "private": {pressed: "Your fallback has weakened."},
            "trigger": {"at_round": min(2, rounds)},
            "effects": [{"role": pressed, "reservation_delta": -rng.randint(1, 10)}],
        },
        {
            "id": "offer",
            "title": "An outside offer",
            "text": "A third party makes an offer.",
            "private": {tempted: "One option now suits you better."},
            "effects": [
                {
                    "role": tempted,
                    "issue": rng.choice(issues),
                    "option": rng.choice(options),
                    "delta": rng.randint(5, 20),
                }
            ],
        },
    ]


def independent_exercise(roles: int, issues: int, options: int, seed: int) -> Exercise:
    """`synthetic_exercise`, but every role's points drawn apart (0–100 an option), no injects.

    Independent interests are the hard case for the analysis (a third or more
    of the packages on the frontier) and for bots (a small zone of
    agreement). Each reservation is the role's mean score over all packages.
    """
    base = synthetic_exercise(roles, issues, options, seed=seed)
    rng = random.Random(seed)
    data = base.model_dump(by_alias=True, exclude_none=True)
    data["valuations"] = {
        role: {i.id: {o.id: rng.randint(0, 100) for o in i.options} for i in base.issues}
        for role in base.role_ids
    }
    for role in data["roles"]:
        points = data["valuations"][role["id"]]
        role["reservation"] = round(sum(sum(p.values()) / len(p) for p in points.values()))
    data["injects"] = []
    return Exercise.model_validate(data)
