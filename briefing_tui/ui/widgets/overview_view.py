"""The overview: what the briefing is, where it comes from, what is in it."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from briefing_tui.core.navigation import Place
from briefing_tui.core.text import neutralise
from briefing_tui.ui.widgets.cross_link import CrossLink
from briefing_tui.ui.widgets.document_view import DocumentView
from briefing_tui.ui.widgets.markdown_text import MarkdownText
from briefing_tui.ui.widgets.static_text import StaticText


class OverviewView(DocumentView):
    """The title page of the briefing."""

    # On the first screen: its styles are read with the app's (widgets.tcss).
    STYLESHEETS = ()

    def compose(self) -> ComposeResult:
        briefing = self.briefing
        meta = briefing.briefing
        yield StaticText(Content(meta.title), classes="view-title", markup=False)
        if meta.subtitle:
            yield StaticText(Content(meta.subtitle), classes="subtitle", markup=False)
        if meta.summary:
            yield MarkdownText(meta.summary, id="overview-summary")
        source = meta.source
        facts: list[Content] = []
        if source is not None:
            parts = [part for part in (source.publication, ", ".join(source.authors)) if part]
            if parts:
                facts.append(Content.assemble(("Source  ", "bold"), " — ".join(parts)))
            if source.url:
                facts.append(Content.assemble(("URL     ", "bold"), source.url))
        if meta.published:
            facts.append(Content.assemble(("Date    ", "bold"), meta.published))
        if meta.tags:
            facts.append(Content.assemble(("Tags    ", "bold"), ", ".join(meta.tags)))
        counts = [
            (len(briefing.sections), "section"),
            (len(briefing.actors), "actor"),
            (briefing.argument_count, "argument"),
            (len(briefing.timeline), "event"),
            (len(briefing.glossary), "term"),
            (len(briefing.questions), "question"),
        ]
        facts.append(
            Content.assemble(
                ("Contents ", "bold"),
                " · ".join(
                    f"{number} {word}{'' if number == 1 else 's'}" for number, word in counts if number
                ),
            )
        )
        yield StaticText(Content("\n").join(facts), classes="facts", markup=False)
        first = briefing.sections[0]
        yield CrossLink(
            Content.assemble("Start reading: ", first.title, " →"),
            Place("section", first.id),
            id="start-reading",
        )
        yield StaticText("", id="orphaned-notes", markup=False)

    def show_orphaned_notes(self, notes: Mapping[str, str]) -> None:
        """List notes whose item is no longer in the briefing (key -> text); hide when none."""
        block = self.query_one("#orphaned-notes", Static)
        block.display = bool(notes)
        lines = [Content.styled("Notes on items no longer in this briefing", "bold $note")]
        for key, text in notes.items():
            lines.append(Content.assemble((f"{key}: ", "$text-muted"), neutralise(text)))
        block.update(Content("\n").join(lines))
