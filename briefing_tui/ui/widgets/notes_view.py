"""My notes: every note the reader wrote, newest first, each leading to its item."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static
from textual.widgets.option_list import Option

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.content.text import neutralise
from briefing_tui.core.study.navigation import Place
from briefing_tui.core.study.notes import NoteEntry
from briefing_tui.ui.labels import place_label
from briefing_tui.ui.widgets.link_list import LinkList, LinkLists
from briefing_tui.ui.widgets.list_detail_view import ItemList, ListDetailView
from briefing_tui.ui.widgets.static_text import StaticText


class NotesView(ListDetailView):
    """Every note, newest first; the highlighted one below in full, with a way to its item."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Before the list's own enter (priority), which only moves into the detail.
        Binding("enter", "open_item", "Go to its item", priority=True, id="notes.open"),
    ]
    HELP_GROUP = "My notes"
    VIEW_TITLE = "My notes"

    def __init__(self, briefing: Briefing, *, id: str | None = None) -> None:
        super().__init__(briefing, id=id)
        self._entries: dict[str, NoteEntry] = {}

    def compose(self) -> ComposeResult:
        # A note is the reader's plain text, shown as typed: no Markdown body here.
        yield StaticText(self.VIEW_TITLE, classes="view-title")
        yield ItemList(classes="item-list")
        with VerticalScroll(classes="item-detail"):
            yield StaticText("", classes="detail-title", markup=False)
            yield StaticText("", classes="note-text", markup=False)
            yield LinkLists(classes="detail-links")

    def options(self) -> list[Option]:
        """One option per note, newest first: its name, and under it when it was last changed."""
        # The date has a line of its own: beside a long name it would wrap between day and time.
        return [
            Option(
                Content.assemble(
                    neutralise(entry.name), "\n", (_when(entry.updated), "$text-muted")
                ),
                id=entry.key,
            )
            for entry in self._entries.values()
        ]

    def show_notes(self, entries: list[NoteEntry]) -> None:
        """List *entries* (newest first), keeping the highlighted note where it is still listed."""
        new = {entry.key: entry for entry in entries}
        if new == self._entries:
            return
        self._entries = new
        item_list = self.query_one(ItemList)
        highlighted = item_list.highlighted_option
        kept = highlighted.id if highlighted is not None else None
        item_list.clear_options()
        item_list.add_options(self.options())
        if kept in new:
            item_list.highlighted = item_list.get_option_index(kept)
        elif new:
            item_list.highlighted = 0
        self._detail_item = None
        option = item_list.highlighted_option
        if option is not None and option.id is not None:
            self._show_item(option.id)
        elif not new:
            self._show_empty()

    def _show_empty(self) -> None:
        self.query_one(".detail-title", Static).update(
            Content.styled("No notes yet: n writes one on the item you are on.", "$text-muted")
        )
        self.query_one(".note-text", Static).update("")
        self.query_one(".detail-links", LinkLists).show_lists([])

    def show_detail(self, item: str) -> None:
        """Show the note on *item* in full, and the way to its item."""
        entry = self._entries.get(item)
        if entry is None:
            return
        title = Content.assemble(
            (neutralise(entry.name), "bold"), "\n", (_when(entry.updated), "$text-muted")
        )
        self.query_one(".detail-title", Static).update(title)
        self.query_one(".note-text", Static).update(Content(neutralise(entry.text)))
        lists = []
        if entry.place is not None:
            lists.append(
                LinkList("Go to", [(place_label(self.briefing, entry.place), entry.place)])
            )
        self.query_one(".detail-links", LinkLists).show_lists(lists)
        self.query_one(".item-detail", VerticalScroll).scroll_home(animate=False)

    def study_place(self) -> Place | None:
        """Nothing: notes are not written on notes."""
        return None

    def focus_target(self) -> Widget | None:
        """The list of notes."""
        return self.query_one(ItemList)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter shows only on the list, for a note whose item is still in the briefing."""
        if action == "open_item":
            return self._on_the_list() and self._highlighted_place() is not None
        return True

    def _highlighted_place(self) -> Place | None:
        place = self.place
        entry = self._entries.get(place.item) if place is not None else None
        return entry.place if entry is not None else None

    def action_open_item(self) -> None:
        """Go to the item of the highlighted note."""
        self._open(self._highlighted_place())


def _when(moment: dt.datetime) -> str:
    """When a note was last changed, in the reader's time zone, to the minute."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
