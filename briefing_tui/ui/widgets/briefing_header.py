"""The header: the briefing's title and where the reader is."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.content import Content
from textual.reactive import var
from textual.widget import Widget

from briefing_tui.ui.widgets.static_text import StaticText


class BriefingHeader(Widget):
    """One line: the title on the left, the reader's position on the right.

    The header paints the title itself, under its one child, the position:
    a widget for the title too would be one more to build at start-up.
    """

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
        self._position = StaticText("", id="header-position", markup=False)

    def compose(self) -> ComposeResult:
        yield self._position

    def render(self) -> Content:
        """The title in bold, cut with an ellipsis where the position starts."""
        # Bold here, not in the CSS: a text style there would pass to the position.
        # A cell short of it: the title keeps a space before the position's own padding.
        width = self.content_region.width - self._position.outer_size.width - 1
        return Content.styled(self.title_text, "bold").truncate(max(0, width), ellipsis=True)

    def _update_position(self) -> None:
        text = " · ".join(part for part in (self.position, self.progress) if part)
        if text == self._shown:
            return
        # A text of another width moves the title's edge: only then is a layout needed.
        layout = cell_len(text) != cell_len(self._shown)
        self._shown = text
        self._position.update(Content(text), layout=layout)
        if layout:
            self.refresh()

    def watch_position(self) -> None:
        self._update_position()

    def watch_progress(self) -> None:
        self._update_position()
