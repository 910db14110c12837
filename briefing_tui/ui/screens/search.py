"""Incremental search over the whole briefing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.navigation import OVERVIEW, Place, place_for_study_key
from briefing_tui.core.study.search import SearchHit, SearchIndex, Target
from briefing_tui.ui.widgets.hanging_text import HangingText

KIND_LABELS = {
    "section": "section",
    "actor": "actor",
    "argument": "argument",
    "term": "term",
    "event": "event",
    "question": "question",
    "note": "note",
}


def place_for_target(briefing: Briefing, target: Target) -> Place:
    """Where a search hit takes the reader."""
    kind, item = target
    if kind == "section":
        return Place("section", str(item))
    if kind == "actor":
        return Place("actor", str(item))
    if kind == "argument":
        board, _, argument = str(item).partition("/")
        return Place("scoreboard", board, argument)
    if kind == "term":
        return Place("glossary", str(item))
    if kind == "event":
        return Place("timeline", str(item))
    if kind == "note":
        # A note on an item no longer in the briefing is listed on the overview.
        return place_for_study_key(briefing, str(item)) or OVERVIEW
    question = briefing.questions[int(item)]
    return Place("section", question.section) if question.section else Place("overview")


@dataclass(frozen=True)
class SearchResult:
    """What the reader chose: where to go and the words to highlight there."""

    place: Place
    query: str


def hit_prompt(hit: SearchHit) -> HangingText:
    """A result: its kind, then its label and the snippet, wrapped under the label.

    The snippet, with the matches highlighted, is left out when it is part of
    the label (a hit on a title, a name, a claim): the matches are highlighted
    in the label instead, and the title is not read twice.
    """
    label = " ".join(hit.label.split())
    kind = Content.styled(f"{KIND_LABELS[hit.target.kind]:<9}", "$text-muted")
    lead = 1 if hit.snippet.startswith("…") else 0
    core = hit.snippet[lead:].removesuffix("…")
    where = label.find(core) if core else -1
    if where != -1:
        text = Content.styled(label, "bold")
        for start, end in hit.spans:
            text = text.stylize("reverse", start - lead + where, end - lead + where)
        return HangingText(kind, text)
    snippet = Content(hit.snippet)
    for start, end in hit.spans:
        snippet = snippet.stylize("reverse bold", start, end)
    return HangingText(kind, Content.assemble((label, "bold"), "\n", snippet))


class SearchScreen(ModalScreen[SearchResult | None]):
    """Type to search; results update with every key; enter goes to the result."""

    CSS_PATH = "search.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close search", id="search.close"),
        Binding("down", "results_down", "Next result", show=False, id="search.down"),
        Binding("up", "results_up", "Previous result", show=False, id="search.up"),
    ]
    HELP_GROUP = "Search"

    def __init__(self, briefing: Briefing, index: SearchIndex, query: str = "") -> None:
        super().__init__()
        self.briefing = briefing
        self.index = index
        self.initial_query = query
        self._hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(self.initial_query, placeholder="Search the briefing…", id="search-input")
            yield Static("", id="search-count", markup=False)
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._search(self.initial_query)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    def _search(self, query: str) -> None:
        results = self.query_one(OptionList)
        self._hits = self.index.search(query) if query.strip() else []
        results.clear_options()
        results.add_options(Option(hit_prompt(hit)) for hit in self._hits)
        if self._hits:
            results.highlighted = 0
        count = len(self._hits)
        text = "" if not query.strip() else f"{count} result{'s' if count != 1 else ''}"
        self.query_one("#search-count", Static).update(Content(text))

    def action_results_down(self) -> None:
        """Move to the next result."""
        self.query_one(OptionList).action_cursor_down()

    def action_results_up(self) -> None:
        """Move to the previous result."""
        self.query_one(OptionList).action_cursor_up()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self._choose(highlighted)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _choose(self, index: int) -> None:
        hit = self._hits[index]
        query = self.query_one(Input).value
        self.dismiss(SearchResult(place_for_target(self.briefing, hit.target), query))
