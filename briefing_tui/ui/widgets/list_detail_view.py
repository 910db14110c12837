"""Base of the timeline and glossary views: a list above, the chosen item's detail below."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.widgets.document_view import VIEWS_CSS
from briefing_tui.ui.widgets.link_list import LinkList, LinkLists
from briefing_tui.ui.widgets.markdown_text import LinkedText, MarkdownText
from briefing_tui.ui.widgets.note_block import NoteBlock
from briefing_tui.ui.widgets.static_text import SizedByLayout, StaticText


class ItemList(OptionList):
    """The list half of a list-and-detail view, with vim keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "first", "First", show=False, id="list.first"),
        Binding("G", "last", "Last", show=False, id="list.last"),
    ]
    HELP_GROUP = "Lists"

    def on_resize(self, event: events.Resize) -> None:
        # OptionList lays its lines out again at every Resize, and Textual sends
        # one each time a hidden view shows again at the same size: the list then
        # sent a second frame of unchanged cells after every switch to its view.
        # Its virtual width is the width its lines were laid out for.
        if self.virtual_size.width == self.scrollable_content_region.width:
            event.prevent_default()


class ListDetailView(SizedByLayout, Vertical):
    """A list of items; the highlighted one's detail shows below with its links."""

    class ItemShown(Message):
        """The detail of an item is now showing."""

        def __init__(self, view: ListDetailView, place: Place) -> None:
            super().__init__()
            self.view = view
            self.place = place

        @property
        def control(self) -> ListDetailView:
            """The view showing the item."""
            return self.view

    class ItemOpened(Message):
        """The reader pressed enter on an item that leads to another place."""

        def __init__(self, view: ListDetailView, place: Place) -> None:
            super().__init__()
            self.view = view
            self.place = place

        @property
        def control(self) -> ListDetailView:
            """The view the item is in."""
            return self.view

    VIEW_TITLE = ""
    STYLESHEETS: ClassVar[tuple[Path, ...]] = (VIEWS_CSS,)
    """Stylesheets the explorer reads before the view's first mount (widgets read no files)."""

    def __init__(self, briefing: Briefing, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.briefing = briefing
        self.place: Place | None = None
        self._detail_item: str | None = None
        """The item whose detail is showing."""

    def compose(self) -> ComposeResult:
        yield StaticText(self.VIEW_TITLE, classes="view-title")
        yield ItemList(*self.options(), classes="item-list")
        with VerticalScroll(classes="item-detail"):
            yield StaticText("", classes="detail-title", markup=False)
            yield NoteBlock()
            yield LinkedText("", classes="detail-body")
            yield LinkLists(classes="detail-links")

    def options(self) -> list[Option]:
        """The list's options; each option's id is the place item it stands for."""
        raise NotImplementedError

    def show(self, place: Place) -> None:
        """Highlight the item *place* names (or keep the current one), and show its detail."""
        self.place = place
        item_list = self.query_one(ItemList)
        if place.item:
            item_list.highlighted = item_list.get_option_index(place.item)
        elif item_list.highlighted is None and item_list.option_count:
            item_list.highlighted = 0
        # Shown now rather than when the list reports the highlight, so that the
        # view and its detail arrive in one frame.
        option = item_list.highlighted_option
        if option is not None and option.id is not None:
            self._show_item(option.id)

    def focus_target(self) -> Widget | None:
        """The list: its keys move through the items."""
        return self.query_one(ItemList)

    def study_place(self) -> Place | None:
        """Where a note or bookmark made now goes: the highlighted item."""
        place = self.place
        return place if place is not None and place.item else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self._show_item(event.option.id)

    def _show_item(self, item: str) -> None:
        # Before the view is first shown (no place yet) nobody sees the detail:
        # building it at start-up (a glossary term looks through every section)
        # would be wasted.
        if self.place is None:
            return
        self.place = Place(self.place.view, item)
        if item == self._detail_item:
            return
        self._detail_item = item
        self.show_detail(item)
        # What enter does depends on the item (see the views' check_action).
        self.refresh_bindings()
        self.post_message(self.ItemShown(self, self.place))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Enter on an item with nothing to open (the views' own enter keys are
        # off for it): into its detail, to scroll it.
        event.stop()
        self.query_one(".item-detail").focus()

    def _on_the_list(self) -> bool:
        """True while the list has the keys: enter then acts on its highlighted item."""
        return self.screen.focused is self.query_one(ItemList)

    def _open(self, place: Place | None) -> None:
        if place is not None:
            self.post_message(self.ItemOpened(self, place))

    def set_detail(self, title: Content, body: str, links: list[LinkList]) -> None:
        """Fill the detail half."""
        self.query_one(".detail-title", Static).update(title)
        markdown = self.query_one(".detail-body", MarkdownText)
        markdown.update(body)
        markdown.display = bool(body)
        self.query_one(".detail-links", LinkLists).show_lists(links)
        self.query_one(".item-detail", VerticalScroll).scroll_home(animate=False)

    def show_detail(self, item: str) -> None:
        """Show the detail of *item*."""
        raise NotImplementedError
