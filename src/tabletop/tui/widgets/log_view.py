"""A log of lines that wraps at the width it is shown at, even when written while hidden.

A `RichLog` wraps each line once, when it is written, at its width then. In a
tab that is not showing its width is nought, and every line written there was
wrapped at `min_width` (about 20 columns) for good: the console's Timeline and
a delegation's News, Messages and History read like a narrow column after a
few moves made on another tab. So a hidden log holds what it is given and
writes it when it is next shown with a width.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from rich.console import RenderableType
from textual import events
from textual.widgets import RichLog


@dataclass(frozen=True)
class _Held:
    content: RenderableType | object
    width: int | None
    expand: bool
    shrink: bool
    scroll_end: bool | None
    animate: bool


class LogView(RichLog):
    """Plain text (never markup) that wraps at the shown width and follows the newest line."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            wrap=True, markup=False, highlight=False, auto_scroll=True, min_width=20, id=id
        )
        self._held: list[_Held] = []

    def write(
        self,
        content: RenderableType | object,
        width: int | None = None,
        expand: bool = False,
        shrink: bool = True,
        scroll_end: bool | None = None,
        animate: bool = False,
    ) -> Self:
        if self._held or not self.scrollable_content_region.width:
            self._held.append(_Held(content, width, expand, shrink, scroll_end, animate))
            return self
        return super().write(content, width, expand, shrink, scroll_end, animate)

    def clear(self) -> Self:
        self._held.clear()
        return super().clear()

    def _write_held(self) -> None:
        if not self._held or not self.scrollable_content_region.width:
            return
        held, self._held = self._held, []
        for line in held:
            super().write(
                line.content, line.width, line.expand, line.shrink, line.scroll_end, line.animate
            )

    def on_show(self, _: events.Show) -> None:
        self._write_held()

    def on_resize(self, _: events.Resize) -> None:
        self._write_held()
