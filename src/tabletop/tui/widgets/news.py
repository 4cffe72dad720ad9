"""Inject notices as one delegation received them: the public text and its own private one."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import var

from tabletop.engine.view import InjectNotice
from tabletop.narration.plain import plain
from tabletop.tui.widgets.log_view import LogView


class News(LogView):
    """Shows exactly the notices of a `RoleView`, which carry this role's private texts only."""

    # `var`, not `reactive`: adding lines or rows repaints what changed, not the whole widget.
    notices: var[tuple[InjectNotice, ...]] = var((), always_update=True, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._count = 0

    def on_mount(self) -> None:
        self.write(Text("No news yet: injects appear here as they happen.", style="dim"))

    def watch_notices(self, notices: tuple[InjectNotice, ...]) -> None:
        if len(notices) == self._count:
            return
        if self._count == 0 or len(notices) < self._count:
            self.clear()
            self._count = 0
        for notice in notices[self._count :]:
            self.write(Text(notice.title, style="bold underline"))
            self.write(Text(plain(notice.text)))
            if notice.private:
                self.write(Text("For your delegation only:", style="bold"))
                self.write(Text(plain(notice.private), style="italic"))
            self.write(Text(""))
        self._count = len(notices)
