"""The overview: what the briefing is, where it comes from, what is in it."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.content import Content

from briefing_tui.core.content.model import Briefing, Section
from briefing_tui.core.content.text import neutralise
from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.widgets.cross_link import CrossLink
from briefing_tui.ui.widgets.document_view import DocumentView
from briefing_tui.ui.widgets.markdown_text import Block, LinkedText, parse_markdown
from briefing_tui.ui.widgets.review_link import ReviewLink
from briefing_tui.ui.widgets.static_text import StaticText


class OverviewView(DocumentView):
    """The title page of the briefing."""

    # On the first screen: its styles are read with the app's (widgets.tcss).
    STYLESHEETS = ()

    def __init__(self, briefing: Briefing, *, id: str | None = None) -> None:
        super().__init__(briefing, id=id)
        self._orphans: StaticText | None = None
        """The list of notes on items no longer in the briefing, once there is one."""
        self._review: ReviewLink | None = None
        """The link to the review of the cards due, once the reader studies the briefing."""

    def compose(self) -> ComposeResult:
        # Two texts, not a widget for each part of the title page: each widget
        # costs start-up more than its text (it is styled, laid out and painted).
        meta = self.briefing.briefing
        heading = Content.styled(meta.title, "bold $accent")
        if meta.subtitle:
            # The subtitle takes the widget's colour (muted; see widgets.tcss).
            heading = Content("\n\n").join([heading, Content(meta.subtitle)])
        yield StaticText(heading, id="overview-heading", markup=False)
        text = LinkedText(id="overview-text")
        text.show_blocks(*self._summary_and_facts())
        yield text
        first = self.briefing.sections[0]
        yield CrossLink(_start_label(first, False), Place("section", first.id), id="start-reading")

    def _summary_and_facts(self) -> tuple[list[Block], list[str]]:
        """The summary's blocks and links, then a block of facts about the briefing."""
        briefing = self.briefing
        meta = briefing.briefing
        blocks, links = parse_markdown(meta.summary) if meta.summary else ([], [])
        source = meta.source
        facts: list[tuple[str, str]] = []
        if source is not None:
            parts = [part for part in (source.publication, ", ".join(source.authors)) if part]
            if parts:
                facts.append(("Source", " — ".join(parts)))
            if source.url:
                facts.append(("URL", source.url))
        if meta.published:
            facts.append(("Date", meta.published))
        if meta.tags:
            facts.append(("Tags", ", ".join(meta.tags)))
        contents = " · ".join(
            f"{number} {word}{'' if number == 1 else 's'}"
            for number, word in briefing.part_counts()
            if number
        )
        facts.append(("Contents", contents))
        # A definition list: the labels in a column, each value wrapped beside its label.
        column = max(len(label) for label, _ in facts) + 2
        blocks.extend(
            Block(
                Content(value),
                prefix=label.ljust(column),
                prefix_style="bold",
                gap_before=number == 0,
            )
            for number, (label, value) in enumerate(facts)
        )
        return blocks, links

    def show_reading_start(self, section: Section, resuming: bool) -> None:
        """Point the link at the end to *section*: "Continue" when *resuming*, else "Start"."""
        self.query_one("#start-reading", CrossLink).show_link(
            _start_label(section, resuming), Place("section", section.id)
        )

    def show_review(self, summary: str) -> None:
        """Say what a review would hold (``3 due · 5 new · next review in 2 hours``), as a link."""
        label = Content.assemble(("Review: ", "bold"), summary, " →")
        if self._review is None:
            # Made on first use: without study data (following a talk) there is no review.
            self._review = ReviewLink(label, id="review-now")
            # Under the title, above the summary: in view without scrolling.
            self.mount(self._review, after="#overview-heading")
        else:
            self._review.show_link(label, None)

    def show_orphaned_notes(self, notes: Sequence[tuple[str, str]]) -> None:
        """List notes whose item is no longer in the briefing (its name, the text); hide if none."""
        # The block is made the first time there is a note to list: most
        # readers never have one, and start-up then builds one widget less.
        block = self._orphans
        if block is None:
            if not notes:
                return
            block = self._orphans = StaticText("", id="orphaned-notes", markup=False)
            self.mount(block)
        lines = [
            Content.styled("Notes on items no longer in this briefing (7: My notes)", "bold $note")
        ]
        for name, text in notes:
            lines.append(
                Content.assemble((neutralise(f"{name}: "), "$text-muted"), neutralise(text))
            )
        block.update(Content("\n").join(lines))
        block.display = bool(notes)


def _start_label(section: Section, resuming: bool) -> Content:
    """The overview's link into the sections."""
    lead = "Continue: " if resuming else "Start reading: "
    return Content.assemble(lead, section.title, " →")
