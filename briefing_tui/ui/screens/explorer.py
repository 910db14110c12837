"""The explorer: outline on the left, the current place in the main pane."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer

from briefing_tui.core.links import is_external
from briefing_tui.core.model import Briefing
from briefing_tui.core.navigation import OVERVIEW, History, Place, exists, place_for_href
from briefing_tui.core.scoring import Weighting
from briefing_tui.core.text import neutralise
from briefing_tui.core.watch import history_after_reload
from briefing_tui.ui.widgets.actors_view import ActorPanel, ActorsView
from briefing_tui.ui.widgets.briefing_header import BriefingHeader
from briefing_tui.ui.widgets.cross_link import CrossLink
from briefing_tui.ui.widgets.document_view import DocumentView
from briefing_tui.ui.widgets.glossary_view import GlossaryView
from briefing_tui.ui.widgets.list_detail_view import ListDetailView
from briefing_tui.ui.widgets.markdown_text import MarkdownText
from briefing_tui.ui.widgets.outline import Outline
from briefing_tui.ui.widgets.overview_view import OverviewView
from briefing_tui.ui.widgets.scoreboard_view import ArgumentRow, ScoreboardView
from briefing_tui.ui.widgets.section_view import SectionView
from briefing_tui.ui.widgets.timeline_view import TimelineView

# Views with one widget each; scoreboards get one view per board, mounted on first visit.
_VIEW_IDS = {
    "overview": "overview",
    "section": "section",
    "actors": "actors",
    "actor": "actor",
    "timeline": "timeline",
    "glossary": "glossary",
}


@dataclass(frozen=True)
class ReadingPosition:
    """Where the reader is, kept across a live reload of the briefing."""

    place: Place
    """The place shown, down to the highlighted list item or focused argument."""
    scrolls: tuple[tuple[str, float], ...]
    """Class name and vertical offset of each scrollable part of the main view, in DOM order."""
    focus: tuple[str, int] | None
    """Focused widget: ``("Outline", 0)``, or class name and index among the main view's focusables."""


class ExplorerScreen(Screen[None]):
    """Browse the whole briefing from the keyboard."""

    CSS_PATH = "explorer.tcss"
    NARROW = 70
    """Below this width the outline hides itself, unless the reader asked for it."""

    BINDINGS = [
        Binding("1", "go('overview')", "Overview", show=False, id="go.overview"),
        Binding("2", "go('section')", "Sections", show=False, id="go.sections"),
        Binding("3", "go('actors')", "Actors", show=False, id="go.actors"),
        Binding("4", "go('scoreboard')", "Scoreboard", show=False, id="go.scoreboard"),
        Binding("5", "go('timeline')", "Timeline", show=False, id="go.timeline"),
        Binding("6", "go('glossary')", "Glossary", show=False, id="go.glossary"),
        Binding(
            "left_square_bracket", "section(-1)", "Prev section", show=False, id="section.previous"
        ),
        Binding("right_square_bracket", "section(1)", "Next section", show=False, id="section.next"),
        Binding("backspace,alt+left", "back", "Back", id="history.back"),
        Binding("alt+right", "forward", "Forward", show=False, id="history.forward"),
        Binding("o", "toggle_outline", "Outline", show=False, id="outline.toggle"),
    ]
    HELP_GROUP = "Explorer"

    show_outline: reactive[bool] = reactive(True)

    def __init__(
        self,
        briefing: Briefing,
        weightings: dict[str, Weighting] | None = None,
        history: History | None = None,
    ) -> None:
        super().__init__()
        self.briefing = briefing
        self.history = history if history is not None else History(OVERVIEW)
        self._resume: ReadingPosition | None = None
        self.weightings = dict(weightings or {})
        self._last_section = briefing.sections[0].id
        self._outline_chosen: bool | None = None

    def compose(self) -> ComposeResult:
        briefing = self.briefing
        yield BriefingHeader(briefing.briefing.title, id="header")
        with Horizontal(id="body"):
            yield Outline(briefing, id="outline")
            with ContentSwitcher(initial="overview", id="main"):
                yield OverviewView(briefing, id="overview")
                yield SectionView(briefing, id="section")
                yield ActorsView(briefing, id="actors")
                yield ActorPanel(briefing, id="actor")
                yield TimelineView(briefing, id="timeline")
                yield GlossaryView(briefing, id="glossary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Outline).focus()
        self._show(self.history.current)
        if self._outline_chosen is not None:
            self.show_outline = self._outline_chosen
        if self._resume is not None:
            self.call_after_refresh(self._resume_reading, self._resume)

    # Navigation ---------------------------------------------------------

    def navigate(self, place: Place) -> None:
        """Go to *place*, recording it in the history."""
        if not exists(self.briefing, place):
            return
        self.history.visit(place)
        self._show(place)

    def _show(self, place: Place) -> None:
        switcher = self.query_one(ContentSwitcher)
        view = self._view_for(place)
        switcher.current = view.id
        view.show(place)
        if place.view == "section":
            self._last_section = place.item
        self.query_one(Outline).show_place(place)
        self.query_one(BriefingHeader).position = self._position_text(place)

    def _view_for(self, place: Place) -> DocumentView | ListDetailView | ScoreboardView:
        if place.view == "scoreboard":
            board = self.briefing.scoreboards_by_id[place.item]
            view_id = f"board-{board.id}"
            switcher = self.query_one(ContentSwitcher)
            existing = switcher.query(f"#{view_id}")
            if existing:
                return existing.first(ScoreboardView)
            view = ScoreboardView(self.briefing, board, self.weightings.get(board.id), id=view_id)
            switcher.mount(view)
            return view
        return self.query_one(f"#{_VIEW_IDS[place.view]}", Widget)  # type: ignore[return-value]

    def _position_text(self, place: Place) -> str:
        briefing = self.briefing
        if place.view == "section":
            index = list(briefing.sections_by_id).index(place.item) + 1
            return f"Section {index}/{len(briefing.sections)}"
        if place.view == "scoreboard":
            index = list(briefing.scoreboards_by_id).index(place.item) + 1
            return f"Scoreboard {index}/{len(briefing.scoreboards)}"
        return {
            "overview": "Overview",
            "actors": f"Actors ({len(briefing.actors)})",
            "actor": "Actor",
            "timeline": "Timeline",
            "glossary": "Glossary",
        }[place.view]

    @on(Outline.PlaceSelected)
    def _outline_selected(self, event: Outline.PlaceSelected) -> None:
        self.navigate(event.place)

    @on(CrossLink.Selected)
    def _link_selected(self, event: CrossLink.Selected) -> None:
        self.navigate(event.place)

    @on(MarkdownText.LinkClicked)
    def _markdown_link(self, event: MarkdownText.LinkClicked) -> None:
        event.stop()
        place = place_for_href(self.briefing, event.href)
        if place is not None:
            self.navigate(place)
        elif is_external(event.href):
            self.notify(
                neutralise(event.href),
                title="External link (not opened)",
                markup=False,
                timeout=8,
            )

    def action_go(self, view: str) -> None:
        """Jump to one of the main views."""
        briefing = self.briefing
        if view == "section":
            place = Place("section", self._last_section)
        elif view == "scoreboard":
            if not briefing.scoreboards:
                self.notify("This briefing has no scoreboard", timeout=3)
                return
            place = Place("scoreboard", briefing.scoreboards[0].id)
        else:
            place = Place(view)  # type: ignore[arg-type]
        self.navigate(place)
        # A scoreboard view may have just been mounted: focus once it has children.
        self.call_after_refresh(self._focus_main)

    def action_section(self, step: int) -> None:
        """Open the previous or next section."""
        ids = list(self.briefing.sections_by_id)
        current = self.history.current
        index = ids.index(current.item) + step if current.view == "section" else ids.index(self._last_section)
        if 0 <= index < len(ids):
            self.navigate(Place("section", ids[index]))

    def action_back(self) -> None:
        """Go back to the previous place."""
        place = self.history.back()
        if place is not None:
            self._show(place)

    def action_forward(self) -> None:
        """Go forward again."""
        place = self.history.forward()
        if place is not None:
            self._show(place)

    def action_toggle_outline(self) -> None:
        """Show or hide the outline."""
        self._outline_chosen = not self.show_outline
        self.show_outline = self._outline_chosen

    def on_resize(self, event: events.Resize) -> None:
        if self._outline_chosen is None:
            self.show_outline = event.size.width >= self.NARROW

    def watch_show_outline(self, show: bool) -> None:
        outline = self.query_one(Outline)
        outline.display = show
        if not show and outline.has_focus:
            self._focus_main()

    def _focus_main(self) -> None:
        current = self.query_one(ContentSwitcher).visible_content
        if current is None:
            return
        if current.focusable:
            current.focus()
            return
        for widget in current.query("*"):
            if widget.focusable:
                widget.focus()
                return

    @on(ScoreboardView.Reweighted)
    def _reweighted(self, event: ScoreboardView.Reweighted) -> None:
        self.weightings[event.board.id] = event.weighting

    # Live reload --------------------------------------------------------

    def reloaded(self, briefing: Briefing) -> ExplorerScreen:
        """A new explorer on a reloaded *briefing* that picks up where this one is.

        It gets this screen's history (less what the new briefing no longer
        has), the reader's weightings of boards that still exist, the
        outline's visibility and, when the item shown still exists, the same
        focus and scroll positions.
        """
        position = self.reading_position()
        self.history.replace(position.place)
        history = history_after_reload(self.history, self.briefing, briefing)
        weightings = {
            board_id: weighting
            for board_id, weighting in self.weightings.items()
            if board_id in briefing.scoreboards_by_id
        }
        successor = ExplorerScreen(briefing, weightings, history)
        successor._outline_chosen = self._outline_chosen
        if history.current == position.place:
            successor._resume = position
        return successor

    def reading_position(self) -> ReadingPosition:
        """Where the reader is now: the place, the main view's scroll offsets, the focus."""
        place = self.history.current
        view = self.query_one(ContentSwitcher).visible_content
        if view is None:
            return ReadingPosition(place, (), None)
        focused = self.focused
        if isinstance(view, ListDetailView) and view.place is not None and view.place.item:
            place = Place(place.view, view.place.item)
        elif isinstance(view, ScoreboardView) and isinstance(focused, ArgumentRow):
            place = Place("scoreboard", view.board.id, focused.argument.id)
        scrolls = tuple((type(widget).__name__, widget.scroll_y) for widget in _scrollables(view))
        focus: tuple[str, int] | None = None
        if isinstance(focused, Outline):
            focus = ("Outline", 0)
        elif focused is not None:
            focusables = _focusables(view)
            if focused in focusables:
                focus = (type(focused).__name__, focusables.index(focused))
        return ReadingPosition(place, scrolls, focus)

    def _resume_reading(self, position: ReadingPosition) -> None:
        view = self.query_one(ContentSwitcher).visible_content
        if view is None:
            return
        # The outline has focus already, and the place itself focuses an argument row.
        if position.focus is not None and position.focus[0] not in ("Outline", "ArgumentRow"):
            name, index = position.focus
            focusables = _focusables(view)
            if index < len(focusables) and type(focusables[index]).__name__ == name:
                focusables[index].focus(scroll_visible=False)
            else:
                self._focus_main()
        self._restore_scrolls(position.scrolls, attempts=20)

    def _restore_scrolls(self, scrolls: tuple[tuple[str, float], ...], attempts: int) -> None:
        """Scroll the main view back, retrying while its content is still being laid out."""
        view = self.query_one(ContentSwitcher).visible_content
        if view is None:
            return
        short = False
        for widget, (name, offset) in zip(_scrollables(view), scrolls):
            if type(widget).__name__ != name:
                return
            widget.scroll_to(y=offset, animate=False, immediate=True)
            short = short or widget.scroll_y < offset
        if short and attempts > 0:
            self.set_timer(0.05, lambda: self._restore_scrolls(scrolls, attempts - 1))


def _scrollables(view: Widget) -> list[Widget]:
    """The parts of *view* that scroll vertically, the view itself first."""
    return [
        widget
        for widget in (view, *view.query("*"))
        if widget.styles.overflow_y in ("auto", "scroll")
    ]


def _focusables(view: Widget) -> list[Widget]:
    """The widgets of *view* that can take focus, in DOM order."""
    return [widget for widget in (view, *view.query("*")) if widget.focusable]
