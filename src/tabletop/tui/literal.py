"""Text from exercises, logs and players, shown as it is: never markup, never a command.

Textual reads a str given to a widget (a label, an option, a table cell, a
tooltip, a toast) as content markup, and `[@click=app.quit]` in markup runs an
action when clicked. Names, titles and reasons come from files and people
nobody vouches for, so they reach a widget through `literal`: a rich `Text`,
which Textual shows as it is, with any control character written out
(`tabletop.controls`). Toasts go through `LiteralApp.notify`, so no call site
can forget.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ReturnType
from textual.notifications import SeverityLevel

from tabletop.controls import escaped


def literal(text: str, style: str = "") -> Text:
    """`text` for a widget, shown character for character."""
    return Text(escaped(text), style=style)


class LiteralApp(App[ReturnType]):
    """An app whose toasts are plain text, whatever their caller asks."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a toast; `markup` is ignored: toasts carry names and reasons from files.

        Widgets and screens pass `markup=True` on by default, so the app decides here.
        """
        super().notify(
            escaped(message), title=escaped(title), severity=severity, timeout=timeout, markup=False
        )
