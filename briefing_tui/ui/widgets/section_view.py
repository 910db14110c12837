"""The section view: title, body, key points and everything the section links to."""

from __future__ import annotations

import re
from functools import partial
from typing import ClassVar

from textual.app import ComposeResult
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from briefing_tui.core.content.model import Briefing, Section
from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.labels import stance_label
from briefing_tui.ui.widgets.document_view import DocumentView
from briefing_tui.ui.widgets.hanging_text import BULLET, HangingLines
from briefing_tui.ui.widgets.link_list import (
    LinkItem,
    LinkList,
    LinkLists,
    argument_links,
    external_links,
)
from briefing_tui.ui.widgets.markdown_text import (
    HIGHLIGHT_STYLE,
    LinkedText,
    MarkdownText,
    words_pattern,
)
from briefing_tui.ui.widgets.note_block import NoteBlock
from briefing_tui.ui.widgets.review_link import ReviewLink
from briefing_tui.ui.widgets.static_text import StaticText


class SectionView(DocumentView):
    """One section of the briefing, with its cross-links below the text.

    A section counts as read once its end has stayed on screen for
    :attr:`READ_AFTER` seconds: a short section passed with ``]`` is not read,
    a long one is read by reaching its end, and ``m`` marks either at once.
    """

    READ_AFTER: ClassVar[float] = 3.0
    """Seconds the end of a section stays on screen before it counts as read."""

    class Read(Message):
        """The end of a section has been on screen for :attr:`SectionView.READ_AFTER` seconds."""

        def __init__(self, view: SectionView, section_id: str) -> None:
            super().__init__()
            self.view = view
            self.section_id = section_id

        @property
        def control(self) -> SectionView:
            """The section view."""
            return self.view

    def __init__(self, briefing: Briefing, *, id: str | None = None) -> None:
        super().__init__(briefing, id=id)
        self._key_points = HangingLines([])
        self._reading: Timer | None = None
        """Counts down to :class:`Read` while the end of the section is on screen."""
        self._card_counts: dict[str, int] | None = None
        """Section id -> how many cards test it, worked out on the first show."""

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._check_end()

    def _check_end(self) -> None:
        """Start counting while the end is on screen, and stop when it leaves."""
        at_end = self.place is not None and self.display and self.scroll_y >= self.max_scroll_y
        if at_end and self._reading is None and self.place is not None:
            self._reading = self.set_timer(self.READ_AFTER, partial(self._read, self.place.item))
        elif not at_end:
            self._stop_reading()

    def _stop_reading(self) -> None:
        if self._reading is not None:
            self._reading.stop()
            self._reading = None

    def _read(self, section_id: str) -> None:
        self._reading = None
        if self.place is not None and self.place.item == section_id and self.display:
            self.post_message(self.Read(self, section_id))

    def on_hide(self) -> None:
        # Another view took the pane: the end is no longer on screen.
        self._stop_reading()

    def compose(self) -> ComposeResult:
        yield StaticText("", id="section-title", classes="view-title", markup=False)
        yield NoteBlock()
        yield LinkedText("", id="section-body")
        yield StaticText("", id="section-external", markup=False)
        yield StaticText("", id="section-key-points", markup=False)
        yield ReviewLink(Content(""), id="section-check-yourself")
        yield LinkLists(id="section-links")

    def show(self, place: Place) -> None:
        """Show the section *place* names."""
        super().show(place)
        section = self.briefing.sections_by_id[place.item]
        number = self.briefing.section_positions[section.id] + 1
        self.query_one("#section-title", Static).update(
            Content.assemble((f"{number}. ", "$text-muted"), section.title)
        )
        self.query_one("#section-body", MarkdownText).update(section.body)
        external = external_links(section.body)
        external_block = self.query_one("#section-external", Static)
        external_block.update(external or "")
        external_block.display = external is not None
        key_points = self.query_one("#section-key-points", Static)
        rows = [(Content(""), Content.styled("Key points", "bold"))]
        rows += [(BULLET, Content(point)) for point in section.key_points]
        self._key_points = HangingLines(rows)
        key_points.update(self._key_points)
        key_points.display = bool(section.key_points)
        self._show_check_yourself(section)
        self.query_one("#section-links", LinkLists).show_lists(self._link_lists(section))
        self._stop_reading()
        self.scroll_home(animate=False)
        # A section that fits the pane has its end on screen once laid out.
        self.call_after_refresh(self._check_end)

    def _show_check_yourself(self, section: Section) -> None:
        """Offer the section's cards (its questions, the author's cards on it), if it has any."""
        if self._card_counts is None:
            from briefing_tui.core.study.practice import all_cards

            counts: dict[str, int] = {}
            for card in all_cards(self.briefing):
                if card.section is not None:
                    counts[card.section] = counts.get(card.section, 0) + 1
            self._card_counts = counts
        count = self._card_counts.get(section.id, 0)
        link = self.query_one("#section-check-yourself", ReviewLink)
        label = f"Check yourself: {count} card{'' if count == 1 else 's'} →"
        link.show_link(Content(label), section.id)
        link.display = count > 0

    def highlight_words(self, words: list[str]) -> None:
        """Mark *words* in the body and the key points, and scroll to the first one."""
        super().highlight_words(words)
        pattern = words_pattern(words)
        key_points = self._key_points
        if pattern is not None:
            key_points = key_points.highlight_regex(pattern, HIGHLIGHT_STYLE)
        self.query_one("#section-key-points", Static).update(key_points)
        if pattern is not None:
            self.call_after_refresh(self._scroll_to_highlight, pattern)

    def _scroll_to_highlight(self, pattern: re.Pattern[str]) -> None:
        body = self.query_one("#section-body", MarkdownText)
        line = body.first_highlight_line()
        if line is not None:
            target = Region(0, body.virtual_region.y + line, 1, 1)
            self.scroll_to_region(target, animate=False, center=True, immediate=True)
        elif pattern.search(self._key_points.plain):
            self.query_one("#section-key-points").scroll_visible(animate=False, immediate=True)

    def _link_lists(self, section: Section) -> list[LinkList]:
        briefing = self.briefing
        lists: list[LinkList] = []
        actors: list[LinkItem] = [
            (stance_label(briefing.actors_by_id[actor_id]), Place("actor", actor_id))
            for actor_id in section.actors
        ]
        if actors:
            lists.append(LinkList("Actors", actors, classes="actor-chips"))
        citing = argument_links(briefing, lambda argument: section.id in argument.sections)
        if citing:
            lists.append(LinkList("Arguments that cite this section", citing))
        return lists
