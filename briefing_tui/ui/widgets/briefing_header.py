"""The header: the briefing's title and where the reader is."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static


class BriefingHeader(Horizontal):
    """One line: the title on the left, the reader's position on the right."""

    position: reactive[str] = reactive("")
    """Where the reader is, e.g. "Section 3/9"."""
    progress: reactive[str] = reactive("")
    """Reading progress, e.g. "4/9 read" (empty when not tracked)."""

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title_text = title

    def compose(self) -> ComposeResult:
        yield Static(Content(self.title_text), id="header-title", markup=False)
        yield Static("", id="header-position", markup=False)

    def _update_position(self) -> None:
        parts = [part for part in (self.position, self.progress) if part]
        self.query_one("#header-position", Static).update(Content(" · ".join(parts)))

    def watch_position(self) -> None:
        self._update_position()

    def watch_progress(self) -> None:
        self._update_position()
