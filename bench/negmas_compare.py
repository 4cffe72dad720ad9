"""tabletop against NegMAS, side by side: negotiations/s and rounds/s per core, CPU time.

Run: .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/negmas_compare.py
[--offer-every-turn] [--scenarios N] [--repeat N] [--profile]
Draws the scenarios NegMAS's stacked-alternating-offers (SAO) runs use: five
parties, five issues of 4 to 6 options, additive points, a reservation per
party, 100 rounds, time-based Boulware and Conceder negotiators. Each
scenario is one tabletop exercise (every party must sign) and, point for
point, one NegMAS `SAOMechanism`. Both sides play the same scenarios in
alternating repeats, so a slow spell of this shared machine falls on both;
CPU time of this process, best and median of the repeats. With --profile,
where tabletop's time goes on these scenarios (bench/engine.py's parts).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from tabletop.bots import Style, bots_for, play_out
from tabletop.engine.session import Session
from tabletop.exercise.model import Exercise
from tabletop.exercise.synthetic import synthetic_exercise

PARTIES, ISSUES, ROUNDS = 5, 5, 100
STRATEGIES = ("boulware", "conceder")
TARGET = 5
"""tabletop's negotiations/s per core over NegMAS's, with the stock bots (issue 15)."""
OFFERING_TARGET = 3
"""The same when tabletop's bots make an offer every turn, as NegMAS's negotiators do."""


def scenario(seed: int) -> Exercise:
    """A synthetic exercise cut to 4–6 options an issue, without injects, as NegMAS has none."""
    rng = random.Random(seed)
    data = synthetic_exercise(PARTIES, ISSUES, 6, seed, rounds=ROUNDS).model_dump(
        mode="json", exclude_none=True
    )
    for issue in data["issues"]:
        issue["options"] = issue["options"][: rng.randint(4, 6)]
        kept = {option["id"] for option in issue["options"]}
        for by_issue in data["valuations"].values():
            points = by_issue[issue["id"]]
            by_issue[issue["id"]] = {o: p for o, p in points.items() if o in kept}
    data["injects"] = []
    return Exercise.model_validate(data)


def tabletop_run(exercises: list[Exercise], offer_every_turn: bool = False) -> tuple[int, int]:
    """Play every scenario once with tabletop's bots; (agreements, rounds played)."""
    agreements = rounds = 0
    for exercise in exercises:
        seats = {role: STRATEGIES[n % 2] for n, role in enumerate(exercise.role_ids)}
        session = Session(exercise, seed=1)
        play_out(session, bots_for(seats, Style(offer_every_turn=offer_every_turn)))
        conclusion = session.table.conclusion
        agreements += conclusion is not None and conclusion.ending == "agreement"
        rounds += session.table.round
    return agreements, rounds


def negmas_run(exercises: list[Exercise]) -> tuple[int, int]:
    """Play every scenario once as a NegMAS SAO negotiation; (agreements, rounds played)."""
    from negmas import BoulwareTBNegotiator, ConcederTBNegotiator, SAOMechanism, make_issue
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences.value_fun import TableFun

    kinds: tuple[Callable[..., Any], ...] = (BoulwareTBNegotiator, ConcederTBNegotiator)
    agreements = rounds = 0
    for exercise in exercises:
        issues = [make_issue(name=i.id, values=[o.id for o in i.options]) for i in exercise.issues]
        mechanism = SAOMechanism(issues=issues, n_steps=ROUNDS)
        for n, role in enumerate(exercise.roles):
            points = exercise.valuations[role.id]
            ufun = LinearAdditiveUtilityFunction(
                values={i.id: TableFun(points[i.id]) for i in exercise.issues},
                weights={i.id: 1.0 for i in exercise.issues},
                issues=issues,
                reserved_value=float(role.reservation),
            )
            mechanism.add(kinds[n % 2](name=role.id), ufun=ufun)
        state = mechanism.run()
        agreements += state.agreement is not None
        rounds += state.step
    return agreements, rounds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--offer-every-turn",
        action="store_true",
        help="tabletop's bots keep an offer standing, as NegMAS's offer every step",
    )
    parser.add_argument("--profile", action="store_true", help="show where tabletop's time goes")
    args = parser.parse_args()
    try:
        import negmas
    except ImportError:
        print("NegMAS is not installed: .venv/bin/pip install -e '.[bench]'", file=sys.stderr)
        return 1
    exercises = [scenario(seed) for seed in range(args.scenarios)]
    offering = args.offer_every_turn
    players: dict[str, Callable[[list[Exercise]], tuple[int, int]]] = {
        "tabletop": lambda exercises: tabletop_run(exercises, offering),
        f"NegMAS {negmas.__version__}": negmas_run,
    }
    rates: dict[str, list[float]] = {name: [] for name in players}
    played: dict[str, tuple[int, int]] = {}
    for _ in range(args.repeat):
        for name, play in players.items():
            start = time.process_time()
            played[name] = play(exercises)
            rates[name].append(len(exercises) / (time.process_time() - start))
    print(
        f"{args.scenarios} scenarios: {PARTIES} parties, {ISSUES} issues of 4-6 options, "
        f"{ROUNDS} rounds, Boulware/Conceder; CPU time, {args.repeat} repeats"
        + ("; tabletop's bots offer every turn" if offering else "")
    )
    for name in players:
        agreements, rounds = played[name]
        best = max(rates[name])
        print(
            f"  {name:<16} {best:8.1f} negotiations/s at best, "
            f"{statistics.median(rates[name]):8.1f} median; "
            f"{best * rounds / len(exercises):10,.0f} rounds/s; "
            f"{agreements}/{len(exercises)} agreements, {rounds / len(exercises):.1f} rounds each"
        )
    ours, theirs = (statistics.median(rates[name]) for name in players)
    target = OFFERING_TARGET if offering else TARGET
    print(
        f"  tabletop / NegMAS: {ours / theirs:.1f}x negotiations/s (median over median; "
        f"target {target}x)"
    )
    if args.profile:
        from engine import profile  # bench/engine.py, beside this script

        profile(lambda: tabletop_run(exercises, offering))
    return 0


if __name__ == "__main__":
    sys.exit(main())
