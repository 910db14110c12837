"""Base class of the main pane's views: a scrollable document of one place."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.reactive import Reactive

from briefing_tui.core.model import Briefing
from briefing_tui.core.navigation import Place


class DocumentView(VerticalScroll, can_focus=True):
    """A view in the main pane; :meth:`show` points it at a place."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="view.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="view.up"),
        Binding("space", "page_down", "Page down", show=False, id="view.page-down"),
        Binding("g", "scroll_home", "Top", show=False, id="view.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="view.bottom"),
    ]
    HELP_GROUP = "Reading"

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=True, repaint=False)
    """The size of the content; a change needs a layout, but no repaint.

    Textual repaints a widget whose virtual size changed, after the layout that
    has already painted everything that moved or changed: for a view whose
    content was just replaced, a second frame identical to the first. The view
    paints nothing of its own that depends on it (its scrollbars refresh
    themselves), so the second frame is only bytes on the wire.
    """

    def __init__(self, briefing: Briefing, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.briefing = briefing
        self.place: Place | None = None

    def show(self, place: Place) -> None:
        """Show *place*; subclasses build their content here."""
        self.place = place
