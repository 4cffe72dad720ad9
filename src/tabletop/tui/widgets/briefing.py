"""A delegation's papers: the exercise, its own briefings, its points, the facts they cite.

Built from the delegation's `RoleView` alone, so the only confidential text
it can ever hold is that delegation's own.
"""

from __future__ import annotations

from rich.markdown import Markdown
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import var
from textual.widgets import Static

from tabletop.engine import RoleView
from tabletop.exercise.citations import cited_facts


def briefing_markdown(view: RoleView) -> str:
    """The papers as one Markdown document, the scoring sheet under the current valuations."""
    exercise = view.exercise
    role = view.role
    rows = ["| Issue | Option | Points |", "|---|---|---:|"]
    for issue in exercise.issues:
        for index, option in enumerate(issue.options):
            label = issue.name if index == 0 else ""
            quo = " *(status quo)*" if option.id == issue.status_quo else ""
            points = view.valuations[issue.id][option.id]
            rows.append(f"| {label} | {option.name}{quo} | {points} |")
    blocks = [
        f"# {role.title}",
        f"*{exercise.title}.* {exercise.summary.strip()}",
        "## Public briefing",
        role.public_briefing.strip(),
        "## Confidential briefing (your delegation only)",
        role.confidential_briefing.strip(),
        "## Your points",
        f"With no agreement you get **{view.reservation}** points (your reservation).",
        "\n".join(rows),
    ]
    others = [r for r in exercise.roles if r.id != role.id]
    if others:
        blocks.append("## The other delegations")
        for other in others:
            blocks += [f"### {other.title}", other.public_briefing.strip()]
    cited = cited_facts(exercise, "\n\n".join(blocks))
    if cited:
        blocks.append("## Sources cited")
        for source, facts in cited:
            blocks.append(f"{source.author}, *{source.title}*, {source.outlet}, {source.date}.")
            blocks.append(
                "\n".join(f"- **[{fact.id}]** {' '.join(fact.text.split())}" for fact in facts)
            )
    return "\n\n".join(blocks)


class Briefing(VerticalScroll):
    """Re-renders only when the papers change (an inject can move the points).

    Rich's Markdown in one `Static` rather than Textual's `Markdown` widget:
    a widget per block made every hand-over visibly slower, and the papers
    need no links or table of contents.
    """

    # `var`, not `reactive`: the widgets it fills repaint themselves, where they change.
    view: var[RoleView | None] = var(None, always_update=True, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._document = ""

    def compose(self) -> ComposeResult:
        yield Static(id="papers-text")

    def watch_view(self, view: RoleView | None) -> None:
        if view is None:
            return
        document = briefing_markdown(view)
        if document != self._document:
            self._document = document
            self.query_one("#papers-text", Static).update(Markdown(document))

    @property
    def document(self) -> str:
        """The papers as Markdown source, as shown."""
        return self._document
