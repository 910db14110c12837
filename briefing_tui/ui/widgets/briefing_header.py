"""The header: the briefing's title and where the reader is."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from briefing_tui.ui.widgets.static_text import StaticText


class BriefingHeader(Horizontal):
    """One line: the title on the left, the reader's position on the right."""

    # Plain vars, not repainting reactives: a change repaints only the position
    # text (a few cells), never the whole line with the title.
    position: var[str] = var("")
    """Where the reader is, e.g. "Section 3/9"."""
    progress: var[str] = var("")
    """Reading progress, e.g. "4/9 read" (empty when not tracked)."""

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title_text = title
        self._shown = ""

    def compose(self) -> ComposeResult:
        yield StaticText(Content(self.title_text), id="header-title", markup=False)
        yield StaticText("", id="header-position", markup=False)

    def _update_position(self) -> None:
        text = " · ".join(part for part in (self.position, self.progress) if part)
        if text == self._shown:
            return
        # A text of another width moves the title's edge: only then is a layout needed.
        layout = cell_len(text) != cell_len(self._shown)
        self._shown = text
        self.query_one("#header-position", Static).update(Content(text), layout=layout)

    def watch_position(self) -> None:
        self._update_position()

    def watch_progress(self) -> None:
        self._update_position()
