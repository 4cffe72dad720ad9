"""The move composer: a delegation picks an act, fills it in, sees its score, and sends it.

Every act kind is listed, legal or not; one that is not legal now says why,
in the engine's words (`legal.reasons`), instead of vanishing. Which fields
an act has is `tabletop.forms`' table; the composer lays them out, hands the
filled-in `Draft` to `build_act` and posts the act up; the engine alone
decides whether it stands.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.widgets import Button, Input, Label, Select, Static

from tabletop.controls import stripped
from tabletop.engine import Proposal, RoleView
from tabletop.engine.acts import Act, ActKind
from tabletop.forms import FORM_OF, FORMS, Draft, Lacking, build_act, default_kind, proposals_open
from tabletop.tui.describe import actor_name, package_lines
from tabletop.tui.literal import literal

EMPTY = -1
"""The 'start from an empty package' choice of the proposal select."""


def _issue_select_id(issue: str) -> str:
    return f"issue-{issue}"


class Composer(VerticalScroll, can_focus=False):
    """The form; `view` is set by the delegation screen, `Submitted` goes back up."""

    # `var`, not `reactive`: the widgets it fills repaint themselves, where they change.
    view: var[RoleView | None] = var(None, always_update=True, init=False)

    class Submitted(Message):
        """The delegation sends this act to the table."""

        def __init__(self, act: Act) -> None:
            super().__init__()
            self.act = act

    def __init__(self, view: RoleView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._first = view
        self._sent: tuple[ActKind, int, str] | None = None
        """The act sent: its kind, how many events the delegation had seen then, its text."""
        self._offered: ActKind = default_kind(view.legal)
        """The act the form last chose itself; it follows the table until the player picks one."""
        self._following = True
        self._choices: dict[str, list[tuple[str, object]]] = {}

    # Layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        view = self._first
        with Horizontal(classes="field"):
            yield Label("Act", classes="field-label")
            yield Select(
                [(form.label, form.kind) for form in FORMS],
                value=self._offered,
                allow_blank=False,
                compact=True,
                id="kind",
            )
        with Horizontal(classes="field", id="base-row"):
            yield Label("From", classes="field-label", id="base-label")
            yield Select[int]([], compact=True, prompt="choose a proposal", id="base")
        yield Static(id="base-detail")
        with Vertical(id="package"):
            for issue in view.exercise.issues:
                with Horizontal(classes="field"):
                    yield Label(literal(issue.name), classes="field-label")
                    yield Select[str](
                        [(literal(p), v) for p, v in self._option_choices(view, issue.id)],
                        compact=True,
                        prompt="— choose —",
                        id=_issue_select_id(issue.id),
                    )
            yield Static(id="score")
        with Horizontal(classes="field", id="to-row"):
            yield Label("To", classes="field-label")
            yield Select[str]([], compact=True, prompt="choose a delegation", id="to")
        with Horizontal(classes="field", id="text-row"):
            yield Label("Text", classes="field-label", id="text-label")
            # Tabbing back into a half-written text must not select it, or the next key erases it.
            yield Input(compact=True, select_on_focus=False, id="text")
        yield Static(id="verdict")
        yield Button("Send  ^s", id="send", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.view = self._first

    # Data down ---------------------------------------------------------------

    def watch_view(self, view: RoleView | None) -> None:
        if view is None:
            return
        landed = self._landed(view)
        kinds = [
            (form.label if form.kind in view.legal else f"{form.label}  · not now", form.kind)
            for form in FORMS
        ]
        self._set_choices(self.query_one("#kind", Select), kinds)
        for issue in view.exercise.issues:
            select = self.query_one(f"#{_issue_select_id(issue.id)}", Select)
            self._set_choices(select, self._option_choices(view, issue.id))
        # The form follows the table (not while nothing can be done, as in a pause)
        # until the player picks an act; then updates leave it be until it is sent.
        self._following = landed or (self._following and self.kind == self._offered)
        wanted = default_kind(view.legal)
        if self._following and wanted in view.legal and not self.has_draft():
            self._offer(wanted)
        self._layout_kind()

    def _offer(self, kind: ActKind) -> None:
        """Put the form on `kind`, as the form's choice rather than the player's."""
        self._offered = kind
        self._following = True
        self.query_one("#kind", Select).value = kind

    def _landed(self, view: RoleView) -> bool:
        """Once the table shows the act sent from here taken (not refused), its fields empty."""
        if self._sent is None:
            return False
        kind, seen, text = self._sent
        if not any(e.actor == view.role.id for e in view.events[seen:]):
            return False
        self._sent = None
        self._clear(kind, text)
        return True

    def _clear(self, kind: ActKind, sent: str) -> None:
        """Empty the fields a sent act used; a draft elsewhere in the form stays."""
        view, form, text = self.view, FORM_OF[kind], self.query_one("#text", Input)
        if form.text is not None and stripped(text.value) == sent:
            text.value = ""
        if form.base is not None:
            self.query_one("#base", Select).clear()
        if form.package and view is not None:
            for issue in view.exercise.issues:
                self.query_one(f"#{_issue_select_id(issue.id)}", Select).clear()

    def has_draft(self) -> bool:
        """Whether the player has begun a move here: a text, a proposal or an option chosen."""
        base = self.query_one("#base", Select).value
        text = self.query_one("#text", Input).value.strip()
        return bool(text or base not in (EMPTY, Select.NULL) or self._package())

    def turn_came(self) -> bool:
        """The turn has come with the form on screen: offer the act the table waits for.

        Only over an empty form: a draft is never thrown away, nor its kind changed
        under it (a private message must not become a statement). True if it offers it.
        """
        view = self.view
        if view is None:
            return False
        wanted = default_kind(view.legal)
        if self.kind != wanted and not self.has_draft():
            self._offer(wanted)
            self._layout_kind()
        return self.kind == wanted

    def _option_choices(self, view: RoleView, issue: str) -> list[tuple[str, str]]:
        points = view.valuations[issue]
        return [
            (f"{o.name}  ({points[o.id]} pts)", o.id) for o in view.exercise.issue(issue).options
        ]

    @property
    def kind(self) -> ActKind:
        value = self.query_one("#kind", Select).value
        return cast(ActKind, value) if isinstance(value, str) else "pass"

    def _layout_kind(self) -> None:
        """Show the fields the chosen act needs, with choices from what is legal now."""
        view = self.view
        if view is None:
            return
        kind = self.kind
        form = FORM_OF[kind]
        self.query_one("#base-row").display = form.base is not None
        self.query_one("#package").display = form.package
        self.query_one("#to-row").display = form.recipient
        self.query_one("#text-row").display = form.text is not None
        self.query_one("#text-label", Label).update(form.text.label if form.text else "Text")
        self.query_one("#text", Input).placeholder = form.text.placeholder if form.text else ""
        self.query_one("#base-label", Label).update(form.base or "Proposal")
        base = self.query_one("#base", Select)
        self._set_choices(base, self._base_choices(view, kind))
        if form.package and not form.proposal and base.value == Select.NULL:
            base.value = EMPTY
        to = self.query_one("#to", Select)
        others = [r.id for r in view.exercise.roles if r.id != view.role.id]
        recipients = view.legal.message_to or tuple(others)
        self._set_choices(to, [(actor_name(view.exercise, r), r) for r in recipients])
        self._show_detail()
        self._show_score()
        self._show_verdict()

    def _base_choices(self, view: RoleView, kind: ActKind) -> list[tuple[str, int]]:
        allowed = proposals_open(view.legal, kind)
        pool = [p for p in view.proposals if p.id in allowed] if allowed else view.live_proposals
        choices = [(self._proposal_label(view, p), p.id) for p in sorted(pool, key=lambda p: -p.id)]
        form = FORM_OF[kind]
        if form.package and not form.proposal:
            choices.insert(0, ("an empty package", EMPTY))
        return choices

    @staticmethod
    def _proposal_label(view: RoleView, proposal: Proposal) -> str:
        author = actor_name(view.exercise, proposal.author)
        return f"#{proposal.id} by {author} — you score {view.score(proposal.package)}"

    def _set_choices(self, select: Select[Any], choices: Sequence[tuple[str, object]]) -> None:
        """Replace a select's choices only if they changed, keeping its value if still offered."""
        key = select.id or ""
        if self._choices.get(key) == list(choices):
            return
        self._choices[key] = list(choices)
        value = select.value
        select.set_options([(literal(label), value) for label, value in choices])
        if any(v == value for _, v in choices):
            select.value = value

    def start_over(self) -> None:
        """An empty form on the act the delegation most likely came for."""
        view = self.view
        if view is None:
            return
        self.query_one("#text", Input).value = ""
        self.query_one("#base", Select).clear()
        for issue in view.exercise.issues:
            self.query_one(f"#{_issue_select_id(issue.id)}", Select).clear()
        self._offer(default_kind(view.legal))
        self._layout_kind()

    def focus_first(self) -> None:
        """Put the cursor where this act is filled in first: the text, else the act itself."""
        text = self.query_one("#text", Input)
        if FORM_OF[self.kind].text_first and text.display:
            text.focus()
        else:
            self.query_one("#kind", Select).focus()

    # Reacting to the form ----------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        view = self.view
        if view is None:
            return
        select_id = event.select.id or ""
        if select_id == "kind":
            self._layout_kind()
        elif select_id == "base":
            self._fill_from_base()
            self._show_detail()
            self._show_score()
        elif select_id.startswith("issue-"):
            self._show_score()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.send()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.send()

    def _fill_from_base(self) -> None:
        """Starting a package from a proposal copies its options; from empty clears them."""
        view = self.view
        if view is None or not FORM_OF[self.kind].package:
            return
        base = self._base()
        for issue in view.exercise.issues:
            select = self.query_one(f"#{_issue_select_id(issue.id)}", Select)
            if base is None:
                select.clear()
            else:
                select.value = base.package[issue.id]

    def _base(self) -> Proposal | None:
        view = self.view
        value = self.query_one("#base", Select).value
        if view is None or not isinstance(value, int) or value == EMPTY:
            return None
        return next((p for p in view.proposals if p.id == value), None)

    def _package(self) -> dict[str, str]:
        view = self.view
        if view is None:
            return {}
        package: dict[str, str] = {}
        for issue in view.exercise.issues:
            value = self.query_one(f"#{_issue_select_id(issue.id)}", Select).value
            if isinstance(value, str):
                package[issue.id] = value
        return package

    def _under_signature(self) -> Proposal | None:
        view = self.view
        ratification = view.ratification if view is not None else None
        if view is None or ratification is None:
            return None
        return next((p for p in view.proposals if p.id == ratification.proposal), None)

    def _show_detail(self) -> None:
        view = self.view
        detail = self.query_one("#base-detail", Static)
        shows = FORM_OF[self.kind].shows
        proposal = (
            self._under_signature()
            if shows == "signature"
            else self._base()
            if shows == "proposal"
            else None
        )
        detail.display = proposal is not None
        if view is None or proposal is None:
            return
        text = Text()
        if shows == "signature":
            text.append(f"Under signature: #{proposal.id}\n", style="bold")
        for issue, option in package_lines(view.exercise, proposal.package):
            text.append(f"{issue}: ", style="dim")
            text.append(f"{option}\n")
        text.append_text(_score_text(view.score(proposal.package), view.reservation))
        detail.update(text)

    def _show_score(self) -> None:
        view = self.view
        if view is None or not FORM_OF[self.kind].package:
            return
        package = self._package()
        score = self.query_one("#score", Static)
        missing = [i.name for i in view.exercise.issues if i.id not in package]
        if missing:
            still = ", ".join(missing) if len(missing) <= 3 else f"{len(missing)} issues"
            score.update(Text(f"Still to choose: {still}", style="dim"))
            return
        score.update(_score_text(view.score(package), view.reservation))

    def _show_verdict(self) -> None:
        view = self.view
        if view is None:
            return
        kind = self.kind
        verdict = self.query_one("#verdict", Static)
        send = self.query_one("#send", Button)
        reason = None if kind in view.legal else view.legal.reasons.get(kind, "not possible now")
        send.disabled = reason is not None
        if reason is None:
            verdict.update(Text(""))
            verdict.display = False
        else:
            verdict.display = True
            verdict.update(Text(f"Not now: {reason}", style="bold"))

    # Sending -----------------------------------------------------------------

    def send(self) -> None:
        """Post the act the form describes, or say what it still lacks."""
        view = self.view
        if view is None:
            return
        to = self.query_one("#to", Select).value
        draft = Draft(
            kind=self.kind,
            base=self._base(),
            package=self._package(),
            to=to if isinstance(to, str) else None,
            text=stripped(self.query_one("#text", Input).value),
        )
        act = build_act(view.role.id, draft)
        if isinstance(act, Lacking):
            self.notify(act.reason, severity="warning")
            return
        self._sent = (draft.kind, len(view.events), draft.text)
        self.post_message(self.Submitted(act))


def _score_text(score: int, reservation: int) -> Text:
    """Your score against your reservation: the number a delegation decides by."""
    margin = score - reservation
    text = Text.assemble((f"Your score {score}", "bold"), f" · no deal {reservation} · ")
    if margin >= 0:
        text.append(f"{margin} above no deal", style="bold green")
    else:
        text.append(f"{-margin} below no deal: worse than walking away", style="bold red")
    return text
