"""Checks that span an exercise: every id it names exists, once.

Each problem carries the path of the offending field, so the loader can point
at the line of the YAML node an author has to fix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tabletop.exercise.citations import CITATION, cited_source
from tabletop.exercise.conditions import (
    AllOf,
    AnyOf,
    Condition,
    Fired,
    IssueIn,
    Not,
    SupportedBy,
    WalkedOut,
)
from tabletop.exercise.model import (
    CONTROL,
    ConditionTrigger,
    Exercise,
    ReservationEffect,
    RoundTrigger,
    ValuationEffect,
)

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    path: Path
    message: str


def problems(exercise: Exercise) -> list[Problem]:
    """Every cross-reference problem in the exercise, in document order."""
    found: list[Problem] = []
    for check in (
        _ids,
        _issues,
        _valuations,
        _schedule,
        _signatories,
        _injects,
        _outcomes,
        _facilitator,
    ):
        found.extend(check(exercise))
    found.extend(_citations(exercise))
    return found


def _duplicates(ids: Iterable[str], path: Path, field: str = "id") -> Iterator[Problem]:
    seen: set[str] = set()
    for index, item in enumerate(ids):
        if item in seen:
            yield Problem((*path, index, field), f"duplicate id {item!r}")
        seen.add(item)


def _ids(ex: Exercise) -> Iterator[Problem]:
    yield from _duplicates((r.id for r in ex.roles), ("roles",))
    for index, role in enumerate(ex.roles):
        if role.id == CONTROL:
            yield Problem(("roles", index, "id"), f"{CONTROL!r} is reserved for the facilitator")
    yield from _duplicates((i.id for i in ex.issues), ("issues",))
    yield from _duplicates((i.id for i in ex.injects), ("injects",))
    yield from _duplicates((o.id for o in ex.outcomes), ("outcomes",))
    yield from _duplicates((s.id for s in ex.sources), ("sources",))
    for index, source in enumerate(ex.sources):
        yield from _duplicates((f.id for f in source.facts), ("sources", index, "facts"))


def _issues(ex: Exercise) -> Iterator[Problem]:
    for index, issue in enumerate(ex.issues):
        options = [o.id for o in issue.options]
        yield from _duplicates(options, ("issues", index, "options"))
        if issue.status_quo not in options:
            yield Problem(
                ("issues", index, "status_quo"),
                f"{issue.status_quo!r} is not an option of issue {issue.id!r} "
                f"(expected one of {', '.join(options)})",
            )


def _valuations(ex: Exercise) -> Iterator[Problem]:
    roles = {r.id for r in ex.roles}
    for role_id, by_issue in ex.valuations.items():
        if role_id not in roles:
            yield Problem(("valuations", role_id), f"unknown role {role_id!r}")
            continue
        for issue_id, by_option in by_issue.items():
            issue = next((i for i in ex.issues if i.id == issue_id), None)
            if issue is None:
                yield Problem(("valuations", role_id, issue_id), f"unknown issue {issue_id!r}")
                continue
            options = [o.id for o in issue.options]
            for option_id in by_option:
                if option_id not in options:
                    yield Problem(
                        ("valuations", role_id, issue_id, option_id),
                        f"unknown option {option_id!r} of issue {issue_id!r}",
                    )
            missing = [o for o in options if o not in by_option]
            if missing:
                yield Problem(
                    ("valuations", role_id, issue_id),
                    f"no points for option(s) {', '.join(missing)}",
                )
        missing_issues = [i.id for i in ex.issues if i.id not in by_issue]
        if missing_issues:
            yield Problem(
                ("valuations", role_id), f"no valuation of issue(s) {', '.join(missing_issues)}"
            )
    missing_roles = [r.id for r in ex.roles if r.id not in ex.valuations]
    if missing_roles:
        yield Problem(("valuations",), f"no valuations for role(s) {', '.join(missing_roles)}")


def _schedule(ex: Exercise) -> Iterator[Problem]:
    roles = [r.id for r in ex.roles]
    order = ex.schedule.turn_order
    for index, role_id in enumerate(order):
        if role_id not in roles:
            yield Problem(("schedule", "turn_order", index), f"unknown role {role_id!r}")
    counts = Counter(order)
    for index, role_id in enumerate(order):
        if counts[role_id] > 1 and order.index(role_id) != index:
            yield Problem(("schedule", "turn_order", index), f"role {role_id!r} appears twice")
    missing = [r for r in roles if r not in counts]
    if missing:
        yield Problem(
            ("schedule", "turn_order"), f"every role takes turns; missing {', '.join(missing)}"
        )


def _signatories(ex: Exercise) -> Iterator[Problem]:
    roles = {r.id for r in ex.roles}
    yield from _duplicates((s.role for s in ex.signatories), ("signatories",), "role")
    for index, signatory in enumerate(ex.signatories):
        if signatory.role not in roles:
            yield Problem(("signatories", index, "role"), f"unknown role {signatory.role!r}")
        if signatory.when is not None:
            yield from _condition(ex, signatory.when, ("signatories", index, "when"))


def _injects(ex: Exercise) -> Iterator[Problem]:
    roles = {r.id for r in ex.roles}
    for index, inject in enumerate(ex.injects):
        path: Path = ("injects", index)
        for role_id in inject.private:
            if role_id not in roles:
                yield Problem((*path, "private", role_id), f"unknown role {role_id!r}")
        trigger = inject.trigger
        if isinstance(trigger, RoundTrigger) and trigger.at_round > ex.schedule.rounds:
            yield Problem(
                (*path, "trigger", "at_round"),
                f"round {trigger.at_round} never comes: the schedule has "
                f"{ex.schedule.rounds} rounds",
            )
        if isinstance(trigger, ConditionTrigger):
            yield from _condition(ex, trigger.when, (*path, "trigger", "when"))
        for e_index, effect in enumerate(inject.effects):
            e_path: Path = (*path, "effects", e_index)
            if effect.role not in roles:
                yield Problem((*e_path, "role"), f"unknown role {effect.role!r}")
            if isinstance(effect, ValuationEffect):
                yield from _option_exists(ex, effect.issue, [effect.option], e_path, "option")
            elif not isinstance(effect, ReservationEffect):  # pragma: no cover - union is closed
                raise AssertionError(effect)


def _outcomes(ex: Exercise) -> Iterator[Problem]:
    last = len(ex.outcomes) - 1
    for index, outcome in enumerate(ex.outcomes):
        if outcome.when is None and index != last:
            yield Problem(
                ("outcomes", index, "when"),
                "only the last outcome may have no condition (it is the default)",
            )
        if outcome.when is not None:
            yield from _condition(ex, outcome.when, ("outcomes", index, "when"))
    if ex.outcomes[last].when is not None:
        yield Problem(
            ("outcomes", last, "when"),
            "the last outcome is the default and must have no condition",
        )


def _facilitator(ex: Exercise) -> Iterator[Problem]:
    """The pack's cues name real injects, cover every manual one, and its plans add up."""
    pack = ex.facilitator
    if pack is None:
        return
    injects = [i.id for i in ex.injects]
    yield from _duplicates(
        (c.inject for c in pack.inject_cues), ("facilitator", "inject_cues"), "inject"
    )
    for index, cue in enumerate(pack.inject_cues):
        if cue.inject not in injects:
            yield Problem(
                ("facilitator", "inject_cues", index, "inject"),
                f"unknown inject {cue.inject!r} (expected one of {', '.join(injects)})",
            )
    cued = {c.inject for c in pack.inject_cues}
    uncued = [i.id for i in ex.injects if i.trigger is None and i.id not in cued]
    if uncued:
        yield Problem(
            ("facilitator", "inject_cues"),
            f"say when Control fires the manual inject(s) {', '.join(uncued)}",
        )
    lengths: set[int] = set()
    for index, plan in enumerate(pack.timing):
        if plan.minutes in lengths:
            yield Problem(
                ("facilitator", "timing", index, "minutes"),
                f"a {plan.minutes}-minute plan is already given",
            )
        lengths.add(plan.minutes)
        total = sum(step.minutes for step in plan.steps)
        if total != plan.minutes:
            yield Problem(
                ("facilitator", "timing", index, "minutes"),
                f"the steps add up to {total} minutes, not {plan.minutes}",
            )


def _option_exists(
    ex: Exercise, issue_id: str, option_ids: list[str], path: Path, field: str
) -> Iterator[Problem]:
    issue = next((i for i in ex.issues if i.id == issue_id), None)
    if issue is None:
        yield Problem((*path, "issue"), f"unknown issue {issue_id!r}")
        return
    options = [o.id for o in issue.options]
    for index, option_id in enumerate(option_ids):
        if option_id not in options:
            where: Path = (*path, field, index) if field == "in" else (*path, field)
            yield Problem(
                where,
                f"{option_id!r} is not an option of issue {issue_id!r} "
                f"(expected one of {', '.join(options)})",
            )


def _condition(ex: Exercise, root: Condition, path: Path) -> Iterator[Problem]:
    roles = {r.id for r in ex.roles}
    injects = {i.id for i in ex.injects}
    for node, node_path in _nodes(root, path):
        if isinstance(node, IssueIn):
            yield from _option_exists(ex, node.issue, node.in_, node_path, "in")
        elif isinstance(node, SupportedBy | WalkedOut):
            role_id = node.supported_by if isinstance(node, SupportedBy) else node.walked_out
            field = "supported_by" if isinstance(node, SupportedBy) else "walked_out"
            if role_id not in roles:
                yield Problem((*node_path, field), f"unknown role {role_id!r}")
        elif isinstance(node, Fired) and node.fired not in injects:
            yield Problem((*node_path, "fired"), f"unknown inject {node.fired!r}")


def _nodes(node: Condition, path: Path) -> Iterator[tuple[Condition, Path]]:
    """Each node with its path, so errors point inside nested conditions."""
    yield node, path
    if isinstance(node, AllOf):
        for index, child in enumerate(node.all):
            yield from _nodes(child, (*path, "all", index))
    elif isinstance(node, AnyOf):
        for index, child in enumerate(node.any):
            yield from _nodes(child, (*path, "any", index))
    elif isinstance(node, Not):
        yield from _nodes(node.not_, (*path, "not"))


def _citations(ex: Exercise) -> Iterator[Problem]:
    facts = {s.id: {f.id for f in s.facts} for s in ex.sources}
    for path, text in _cited_texts(ex):
        for match in CITATION.finditer(text):
            source = cited_source(ex, match)
            fact = match["fact"]
            if source is None:
                yield Problem(
                    path,
                    f"citation {match[0]} must name its source ([source:{fact}]) "
                    + ("when the exercise has several" if facts else "— the exercise has none"),
                )
            elif source not in facts:
                yield Problem(path, f"citation {match[0]} names unknown source {source!r}")
            elif fact not in facts[source]:
                yield Problem(path, f"citation {match[0]}: source {source!r} has no fact {fact}")


def _cited_texts(ex: Exercise) -> Iterator[tuple[Path, str]]:
    yield ("summary",), ex.summary
    for index, role in enumerate(ex.roles):
        yield ("roles", index, "public_briefing"), role.public_briefing
        yield ("roles", index, "confidential_briefing"), role.confidential_briefing
    for index, issue in enumerate(ex.issues):
        yield ("issues", index, "description"), issue.description
        for o_index, option in enumerate(issue.options):
            yield ("issues", index, "options", o_index, "description"), option.description
    for index, inject in enumerate(ex.injects):
        yield ("injects", index, "text"), inject.text
        for role_id, text in inject.private.items():
            yield ("injects", index, "private", role_id), text
    for index, outcome in enumerate(ex.outcomes):
        yield ("outcomes", index, "narrative"), outcome.narrative
    pack = ex.facilitator
    if pack is not None:
        yield ("facilitator", "scoring"), pack.scoring
        for index, question in enumerate(pack.debrief):
            yield ("facilitator", "debrief", index), question
        for index, dated in enumerate(pack.timeline):
            yield ("facilitator", "timeline", index, "event"), dated.event
