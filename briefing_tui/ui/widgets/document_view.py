"""Base class of the main pane's views: a scrollable document of one place."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widget import Widget

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.widgets.markdown_text import highlight_words_in
from briefing_tui.ui.widgets.static_text import SizedByLayout

VIEWS_CSS = Path(__file__).with_name("views.tcss")
"""The styles of the views built on first visit, which start-up does not need."""


class DocumentView(SizedByLayout, VerticalScroll, can_focus=True):
    """A view in the main pane; :meth:`show` points it at a place."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="view.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="view.up"),
        Binding("space", "page_down", "Page down", show=False, id="view.page-down"),
        Binding("g", "scroll_home", "Top", show=False, id="view.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="view.bottom"),
    ]
    HELP_GROUP = "Reading"
    STYLESHEETS: ClassVar[tuple[Path, ...]] = (VIEWS_CSS,)
    """Stylesheets the explorer reads before the view's first mount (widgets read no files)."""

    def __init__(self, briefing: Briefing, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.briefing = briefing
        self.place: Place | None = None

    def show(self, place: Place) -> None:
        """Show *place*; subclasses build their content here."""
        self.place = place

    def focus_target(self) -> Widget | None:
        """The widget that takes the keys when the reader enters the view: the document."""
        return self if self.can_focus else None

    def study_place(self) -> Place | None:
        """Where a note or bookmark made now goes: the place shown."""
        return self.place

    def highlight_words(self, words: list[str]) -> None:
        """Mark *words* (the last search's) in the view's Markdown text."""
        highlight_words_in(self, words)
