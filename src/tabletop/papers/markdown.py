"""The papers as Markdown: a delegation's own, and Control's instructor pack.

Exercise text is data. Names and labels are escaped so they stay plain
text; briefings and narratives are Markdown by design, but raw HTML in them
is neutralised, so no reader renders an author's markup as a page's own.
"""

from __future__ import annotations

import re

from tabletop.engine import RoleView, Session, role_view
from tabletop.exercise.citations import cited_facts
from tabletop.exercise.model import Exercise, Inject, RoundTrigger
from tabletop.safe_markdown import unlinked

_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|!~])")


def plain(text: str) -> str:
    """Text shown as written, on one line, whatever Markdown characters it holds."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def prose(text: str) -> str:
    """An author's Markdown with any raw HTML turned into visible text."""
    return text.strip().replace("&", "&amp;").replace("<", "&lt;")


def delegation_papers(view: RoleView) -> str:
    """A delegation's papers, the scoring sheet under the valuations in force now.

    Built from the delegation's `RoleView` alone, so the only confidential
    text it can ever hold is that delegation's own.
    """
    exercise = view.exercise
    role = view.role
    rows = ["| Issue | Option | Points |", "|---|---|---:|"]
    for issue in exercise.issues:
        for index, option in enumerate(issue.options):
            label = plain(issue.name) if index == 0 else ""
            quo = " *(status quo)*" if option.id == issue.status_quo else ""
            points = view.valuations[issue.id][option.id]
            rows.append(f"| {label} | {plain(option.name)}{quo} | {points} |")
    blocks = [
        f"# {plain(role.title)}",
        f"*{plain(exercise.title)}.* {prose(exercise.summary)}",
        "## Public briefing",
        prose(role.public_briefing),
        "## Confidential briefing (your delegation only)",
        prose(role.confidential_briefing),
        "## Your points",
        f"With no agreement you get **{view.reservation}** points (your reservation).",
        "\n".join(rows),
    ]
    others = [r for r in exercise.roles if r.id != role.id]
    if others:
        blocks.append("## The other delegations")
        for other in others:
            blocks += [f"### {plain(other.title)}", prose(other.public_briefing)]
    blocks += _sources(exercise, "\n\n".join(blocks))
    return unlinked("\n\n".join(blocks))


def instructor_pack(exercise: Exercise) -> str:
    """Control's guide to the exercise; a short note when the exercise has none."""
    pack = exercise.facilitator
    blocks = [f"# {plain(exercise.title)}: instructor pack", prose(exercise.summary)]
    if pack is None:
        return unlinked("\n\n".join([*blocks, "*This exercise has no instructor pack.*"]))
    blocks += ["## Learning objectives", "\n".join(f"- {plain(o)}" for o in pack.objectives)]
    for plan in pack.timing:
        rows = ["| Minutes | Activity |", "|---:|---|"]
        rows += [f"| {step.minutes} | {plain(step.activity)} |" for step in plan.steps]
        blocks += [f"## A {plan.minutes}-minute class", "\n".join(rows)]
    blocks.append("## Injects")
    lines = []
    cues = {cue.inject: cue.cue for cue in pack.inject_cues}
    for inject in exercise.injects:
        lines.append(f"- **{plain(inject.title)}**: {_when(inject, cues.get(inject.id))}")
    blocks.append("\n".join(lines) or "*No injects.*")
    blocks += ["## Reading the scores", prose(pack.scoring)]
    blocks += [
        "## Debrief questions",
        "\n".join(f"{n}. {prose(q)}" for n, q in enumerate(pack.debrief, 1)),
    ]
    if pack.timeline:
        blocks.append("## Timeline")
        blocks.append("\n".join(f"- **{plain(d.date)}** {prose(d.event)}" for d in pack.timeline))
    if pack.glossary:
        blocks.append("## Glossary")
        blocks.append(
            "\n".join(f"- **{plain(t.term)}**: {plain(t.meaning)}" for t in pack.glossary)
        )
    blocks += _sources(exercise, "\n\n".join(blocks))
    return unlinked("\n\n".join(blocks))


def _when(inject: Inject, cue: str | None) -> str:
    """When an inject comes: Control's cue, or what its trigger says, with its chance."""
    trigger = inject.trigger
    if cue is not None or trigger is None:
        return f"Control fires it: {plain(cue or 'when it sees fit')}"
    if isinstance(trigger, RoundTrigger):
        when = f"fires by itself as round {trigger.at_round} begins"
    else:
        when = "fires by itself at the first round start where its condition holds"
    if inject.probability < 1:
        when += f", in {inject.probability:.0%} of sessions"
    return when


def control_papers(exercise: Exercise) -> list[str]:
    """The instructor pack, then every delegation's papers as it gets them at the start."""
    session = Session(exercise, 0)
    return [instructor_pack(exercise)] + [
        delegation_papers(role_view(session, role)) for role in exercise.role_ids
    ]


def _sources(exercise: Exercise, text: str) -> list[str]:
    """The words of every fact `text` cites, so the papers stand on their own."""
    cited = cited_facts(exercise, text)
    if not cited:
        return []
    blocks = ["## Sources cited"]
    for source, facts in cited:
        blocks.append(
            f"{plain(source.author)}, *{plain(source.title)}*, {plain(source.outlet)}, "
            f"{plain(source.date)}."
        )
        blocks.append("\n".join(f"- **[{fact.id}]** {plain(fact.text)}" for fact in facts))
    return blocks
