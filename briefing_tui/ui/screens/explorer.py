"""The explorer: outline on the left, the current place in the main pane."""

from __future__ import annotations

import asyncio
import datetime as dt
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches, QueryType
from textual.message import Message
from textual.reactive import Reactive, reactive
from textual.walk import walk_breadth_first
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from briefing_tui.core.content.links import is_external
from briefing_tui.core.content.model import Briefing, Section
from briefing_tui.core.content.text import neutralise
from briefing_tui.core.study.due import (
    DEFAULT_NEW_PER_DAY,
    due_summary,
    sections_with_due_cards,
)
from briefing_tui.core.study.navigation import (
    OVERVIEW,
    VIEWS,
    History,
    Place,
    exists,
    place_for_href,
    place_for_study_key,
    study_key,
)
from briefing_tui.core.study.scoring import Weighting
from briefing_tui.core.study.store import StudyError, StudyStore
from briefing_tui.ui.screens.briefing_screen import BriefingScreen
from briefing_tui.ui.widgets.briefing_header import BriefingHeader
from briefing_tui.ui.widgets.cross_link import CrossLink
from briefing_tui.ui.widgets.document_view import DocumentView
from briefing_tui.ui.widgets.key_footer import KeyFooter
from briefing_tui.ui.widgets.markdown_text import LinkedText, MarkdownText, highlight_words_in
from briefing_tui.ui.widgets.outline import Outline
from briefing_tui.ui.widgets.overview_view import OverviewView
from briefing_tui.ui.widgets.review_link import ReviewLink

if TYPE_CHECKING:
    # Search, notes, the self-test and the views other than the overview are
    # imported when first used: the first screen does not need them, and
    # start-up should not pay for them.
    from briefing_tui.core.study.notes import NoteEntry
    from briefing_tui.core.study.practice import Card
    from briefing_tui.core.study.search import NoteText, SearchIndex
    from briefing_tui.core.study.store import CardRecord, Rating, Schedule
    from briefing_tui.ui.widgets.list_detail_view import ListDetailView
    from briefing_tui.ui.widgets.note_block import NoteBlock
    from briefing_tui.ui.widgets.notes_view import NotesView
    from briefing_tui.ui.widgets.scoreboard_view import ScoreboardView
    from briefing_tui.ui.widgets.section_view import SectionView

    MainView = DocumentView | ListDetailView | ScoreboardView
    """A view of the main pane."""

# The main views, by the view of the places they show (each is also the view's id):
# the module in briefing_tui.ui.widgets and the class. A view is built on its first
# visit, scoreboards one per board, and its module imported then: the first screen
# imports and composes only the view it shows, and the CSS of the other views (their
# widgets' and views.tcss) is parsed and applied only when they are first needed.
_VIEWS: dict[str, tuple[str, str]] = {
    "overview": ("overview_view", "OverviewView"),
    "section": ("section_view", "SectionView"),
    "actors": ("actors_view", "ActorsView"),
    "actor": ("actors_view", "ActorPanel"),
    "timeline": ("timeline_view", "TimelineView"),
    "glossary": ("glossary_view", "GlossaryView"),
    "notes": ("notes_view", "NotesView"),
}


def _view_class(view: str) -> type[DocumentView | ListDetailView]:
    """The class of the main view *view*, its module imported if this is the first use."""
    module, name = _VIEWS[view]
    view_class: type[DocumentView | ListDetailView] = getattr(
        importlib.import_module(f"briefing_tui.ui.widgets.{module}"), name
    )
    return view_class


_AFTER_SEARCH = Binding.Group("After a search")
"""The keys in force while the words of a search are marked (the help lists them so)."""
_IN_A_SECTION = Binding.Group("In a section")
"""[ and ] step through the sections while one is shown."""
_BETWEEN_BOARDS = Binding.Group("On a scoreboard, with several")
"""[ and ] step through the scoreboards while one is shown, when there are several."""
_INTO_THE_SECTIONS = Binding.Group("Elsewhere")
"""] opens section 1 from the other views."""
_BACK_INTO_THE_SECTIONS = Binding.Group("Elsewhere, once some sections are read")
"""] opens the first section not read yet from the other views."""


@dataclass(frozen=True)
class ReadingPosition:
    """Where the reader is, kept across a live reload of the briefing."""

    place: Place
    """The place shown, down to the highlighted list item or focused argument."""
    scrolls: tuple[tuple[str, float], ...]
    """Class name and vertical offset of each scrollable part of the main view, in DOM order."""
    focus: tuple[str, int] | None
    """Focused widget: ``("Outline", 0)``, or class name and index among the view's focusables."""
    link: int | None = None
    """The link focused in a text of the view (:attr:`LinkedText.link_cursor`)."""


class ExplorerScreen(BriefingScreen[None]):
    """Browse the whole briefing from the keyboard."""

    CSS_PATH = "explorer.tcss"
    NARROW = 70
    """Below this width the outline hides itself, unless the reader asked for it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "go('overview')", "Overview", show=False, id="go.overview"),
        Binding("2", "go('section')", "Sections", show=False, id="go.sections"),
        Binding("3", "go('actors')", "Actors", show=False, id="go.actors"),
        Binding("4", "go('scoreboard')", "Scoreboard", show=False, id="go.scoreboard"),
        Binding("5", "go('timeline')", "Timeline", show=False, id="go.timeline"),
        Binding("6", "go('glossary')", "Glossary", show=False, id="go.glossary"),
        Binding("7", "go('notes')", "My notes", show=False, id="go.notes"),
        # [ and ] step through what the view shows one of: sections, or boards. Elsewhere ]
        # starts reading at section 1, or continues at the first section not read yet.
        Binding(
            "left_square_bracket",
            "section(-1)",
            "Prev section",
            show=False,
            id="section.previous",
            group=_IN_A_SECTION,
        ),
        Binding(
            "right_square_bracket",
            "section(1)",
            "Next section",
            show=False,
            id="section.next",
            group=_IN_A_SECTION,
        ),
        Binding(
            "left_square_bracket",
            "board(-1)",
            "Previous board",
            id="scoreboard.previous",
            group=_BETWEEN_BOARDS,
        ),
        Binding(
            "right_square_bracket",
            "board(1)",
            "Next board",
            id="scoreboard.next",
            group=_BETWEEN_BOARDS,
        ),
        Binding(
            "right_square_bracket",
            "start_reading",
            "Start reading",
            id="reading.start",
            group=_INTO_THE_SECTIONS,
        ),
        Binding(
            "right_square_bracket",
            "continue_reading",
            "Continue reading",
            id="reading.continue",
            group=_BACK_INTO_THE_SECTIONS,
        ),
        Binding("backspace,alt+left", "back", "Back", id="history.back"),
        Binding("alt+right", "forward", "Forward", show=False, id="history.forward"),
        Binding("o", "toggle_outline", "Outline", show=False, id="outline.toggle"),
        Binding(
            "less_than_sign",
            "outline_width(-1)",
            "Narrower outline",
            show=False,
            id="outline.narrower",
        ),
        Binding(
            "greater_than_sign", "outline_width(1)", "Wider outline", show=False, id="outline.wider"
        ),
        Binding("slash", "search", "Search", id="study.search"),
        # While a search's words are marked, n and N step through them (as in less
        # or vim) and escape clears them; otherwise n is for a note.
        Binding("n", "step_match(1)", "Next match", id="search.next-match", group=_AFTER_SEARCH),
        Binding(
            "N",
            "step_match(-1)",
            "Previous match",
            show=False,
            id="search.previous-match",
            group=_AFTER_SEARCH,
        ),
        Binding("escape", "clear_search", "Clear search", id="search.clear", group=_AFTER_SEARCH),
        Binding("n", "note", "Note", id="study.note"),
        Binding("b", "bookmark", "Bookmark", id="study.bookmark"),
        # The help says the other way a section is read (see SectionView.READ_AFTER).
        Binding(
            "m",
            "mark_read",
            "Mark read/unread (or 3 s at its end)",
            show=False,
            id="study.mark-read",
        ),
        Binding("T", "quiz", "Quiz", show=False, id="study.quiz"),
        Binding("F", "flashcards", "Flashcards", show=False, id="study.flashcards"),
        Binding("R", "review", "Review", id="study.review"),
        Binding("P", "progress", "Progress", show=False, id="study.progress"),
    ]
    HELP_GROUP = "Explorer"

    show_outline: reactive[bool] = reactive(True)
    OUTLINE_SHARES = (15, 20, 25, 30, 35, 40, 50, 60)
    """The shares of the screen's width the outline can take, in per cent (< and > step)."""
    outline_share: reactive[int] = reactive(30, init=False)
    """The share of the screen's width the outline takes, in per cent, within its CSS limits."""

    class OutlineResized(Message):
        """The reader made the outline wider or narrower: a choice to remember."""

        def __init__(self, share: int) -> None:
            super().__init__()
            self.share = share

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """The focused widget; a change repaints only the widgets whose focus styles change.

    Textual's screen repaints all of itself on every focus change, which sends
    the whole screen over the wire each time the focus moves between the
    outline and the main view. The widgets that gain or lose focus repaint
    themselves (their ``:focus`` styles), so this screen does not.
    """

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
        self.study: StudyStore | None = None
        """The reader's notes, bookmarks and progress; None when not studying (follow mode)."""
        self._search_index: SearchIndex | None = None
        self._highlight_words: list[str] = []
        self._match: int | None = None
        """Which match of the last search ``n`` / ``N`` went to."""
        self.new_cards_per_day = DEFAULT_NEW_PER_DAY
        """New cards a review brings in per day (the ``new_cards_per_day`` setting)."""
        self._cards: list[Card] | None = None

    def compose(self) -> ComposeResult:
        briefing = self.briefing
        start = self.history.current
        yield BriefingHeader(briefing.briefing.title, id="header")
        yield Outline(briefing, id="outline")
        with ContentSwitcher(initial=_view_id(start), id="main"):
            # The overview is home (and lists orphaned notes); other views come on first visit.
            yield OverviewView(briefing, id="overview")
            if start.view != "overview":
                yield self._new_view(start)
        yield KeyFooter()

    @classmethod
    def help_widgets(cls) -> list[type[Widget]]:
        """The widgets with keys, in the order the help lists them, views not built yet included.

        The modules of the views built on first visit are imported now, when the
        help opens, unless a visit has imported them already.
        """
        from briefing_tui.ui.widgets.list_detail_view import ItemList
        from briefing_tui.ui.widgets.scoreboard_view import ScoreboardView

        views = [_view_class(view) for view in _VIEWS]
        return [Outline, *views, CrossLink, ReviewLink, ScoreboardView, ItemList]

    def on_mount(self) -> None:
        # Now, not with focus(), which waits a message: resuming after a reload
        # may give the focus to the main view next.
        self.set_focus(self.query_one(Outline), scroll_visible=False)
        self.watch_outline_share(self.outline_share)
        self.refresh_study()
        if self.study is not None:
            # Cards fall due as time passes: the overview and the outline's marks follow.
            self.set_interval(60, self.refresh_study)
        self._show(self.history.current)
        if self._outline_chosen is not None:
            self.show_outline = self._outline_chosen
        if self._resume is not None:
            self._resume_reading(self._resume)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that would do nothing here do nothing, and the footer leaves them out.

        Keys of a situation (a search's words marked, a section shown) are off
        (False) outside it, and the help lists them under it. The other keys
        are only disabled (None) while they have nothing to act on: a note
        without an item, back at the first place. The help lists those as
        ever, and the footer shows neither.
        """
        view = self.history.current.view
        if action in ("step_match", "clear_search"):
            return bool(self._highlight_words)
        if action == "section":
            return view == "section"
        if action == "board":
            return self._board_after(int(cast("int", parameters[0]))) is not None
        if action in ("start_reading", "continue_reading"):
            steps_boards = view == "scoreboard" and len(self.briefing.scoreboards) > 1
            if view == "section" or steps_boards:
                return False
            _section, resuming = self.reading_start()
            return resuming == (action == "continue_reading")
        if action in ("note", "bookmark"):
            can = self.study is not None and self.focused_item() is not None
        elif action == "mark_read":
            can = self.study is not None and view == "section"
        elif action == "go" and parameters == ("notes",):
            can = self.study is not None
        elif action == "back":
            can = self.history.can_go_back
        elif action == "forward":
            can = self.history.can_go_forward
        else:
            return True
        return True if can else None

    # Navigation ---------------------------------------------------------

    def navigate(self, place: Place, *, focus: bool = False) -> None:
        """Go to *place*, recording it in the history.

        Args:
            place: Where to go; nothing happens if the briefing has no such place.
            focus: Also move the focus into the view, once it shows *place*.
        """
        if not exists(self.briefing, place):
            return
        if self._highlight_words:
            self._set_highlight([])
        self._remember_position()
        self.history.visit(place)
        self._show(place, focus=focus)

    def _show(
        self, place: Place, *, focus: bool = False, position: ReadingPosition | None = None
    ) -> None:
        if place.view == "section":
            self._last_section = place.item
        if self.study is not None:
            self.study.set_position(place.view, place.item)
        view = self._view_for(place)
        if view.is_mounted:
            self._present(view, place, focus, position)
        else:
            # Mounted just now: it composes its children first. Showing the view
            # once it is complete paints it once, and the old view stays until then.
            view.call_later(self._present, view, place, focus, position)

    def _present(
        self, view: MainView, place: Place, focus: bool, position: ReadingPosition | None
    ) -> None:
        """Make *view*, already mounted, the visible one, showing *place*.

        The focus goes with it (see :meth:`_keep_focus_in_sight`); with a
        *position* (back or forward), the focus and scroll offsets the reader
        left there come back.
        """
        if not view.children:
            return  # Mounted as the app quits: Textual never composes it.
        self.query_one(ContentSwitcher).current = view.id
        if place.view == "notes":
            self._show_notes()
        view.show(place)
        self.query_one(Outline).show_place(place)
        self.query_one(BriefingHeader).position = self._position_text(place)
        self._show_note(view, place)
        if self._highlight_words:
            self._apply_highlight()
            # Once laid out: the first match, and how many there are, in the header.
            self.call_after_refresh(self.action_step_match, 0)
        if position is not None:
            self._return_to(view, position)
        elif focus:
            # Now, so that the focused style is painted in the view's first frame.
            self._focus_main()
        else:
            self._keep_focus_in_sight()
        self.refresh_bindings()

    def _view_for(self, place: Place) -> MainView:
        """The view that shows *place*, mounted now if this is its first visit."""
        switcher = self.query_one(ContentSwitcher)
        try:
            return cast("MainView", switcher.get_child_by_id(_view_id(place)))
        except NoMatches:
            view = self._new_view(place)
            switcher.mount(view)
            return view

    def _new_view(self, place: Place) -> MainView:
        view_id = _view_id(place)
        view: MainView
        if place.view == "scoreboard":
            from briefing_tui.ui.widgets.scoreboard_view import ScoreboardView

            board = self.briefing.scoreboards_by_id[place.item]
            view = ScoreboardView(self.briefing, board, self.weightings.get(board.id), id=view_id)
        else:
            view = _view_class(place.view)(self.briefing, id=view_id)
        self._read_stylesheets(view.STYLESHEETS)
        return view

    def _read_stylesheets(self, paths: Iterable[Path]) -> None:
        """Add the stylesheets at *paths* to the app's, unless it has them already.

        As Textual does with a pushed screen's CSS_PATH, less its reparse of every
        source and restyle of every widget: the other sources come from the
        stylesheet's cache of parsed rules, and the new rules match only widgets
        of views not mounted yet (see views.tcss), styled as they mount.
        """
        app = self.app
        stylesheet = app.stylesheet
        # Resolved, as Textual resolves an app's CSS_PATH: the presenting apps read
        # views.tcss at start-up, and a second copy would come after slides.tcss.
        resolved = [path.resolve() for path in paths]
        new = [path for path in resolved if not stylesheet.has_source(str(path))]
        if not new:
            return
        stylesheet.read_all(new)
        if app.css_monitor is not None:
            app.css_monitor.add_paths(new)
        # Reading leaves the stylesheet's rules by selector as they were, until a parse.
        stylesheet.parse()

    def _position_text(self, place: Place) -> str:
        briefing = self.briefing
        if place.view == "section":
            index = briefing.section_positions[place.item] + 1
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
            "notes": "My notes",
        }[place.view]

    @on(Outline.PlaceSelected)
    def _outline_selected(self, event: Outline.PlaceSelected) -> None:
        self.navigate(event.place)

    @on(CrossLink.Selected)
    def _link_selected(self, event: CrossLink.Selected) -> None:
        # Into the new view, as a browser does: the link's own view is hidden,
        # and a focus left there would give the keys (a note, a bookmark) to it.
        self.navigate(event.place, focus=True)

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
        elif view in VIEWS:
            place = Place(view)
        else:
            return
        self.navigate(place, focus=True)

    def action_section(self, step: int) -> None:
        """Open the previous or next section."""
        sections = self.briefing.sections
        current = self.history.current
        if current.view != "section":
            return
        index = self.briefing.section_positions[current.item] + step
        if 0 <= index < len(sections):
            self.navigate(Place("section", sections[index].id))

    def action_board(self, step: int) -> None:
        """Open the previous or next scoreboard."""
        board = self._board_after(step)
        if board is not None:
            self.navigate(Place("scoreboard", board), focus=True)

    def _board_after(self, step: int) -> str | None:
        """The id of the board *step* boards on from the one shown; None past either end."""
        current = self.history.current
        boards = list(self.briefing.scoreboards_by_id)
        if current.view != "scoreboard" or len(boards) < 2:
            return None
        index = boards.index(current.item) + step
        return boards[index] if 0 <= index < len(boards) else None

    def reading_start(self) -> tuple[Section, bool]:
        """Where reading starts: the first section not read yet, once some are; else section 1.

        The flag is True when that is continuing, not starting.
        """
        sections = self.briefing.sections
        study = self.study
        if study is None or not study.read_count:
            return sections[0], False
        unread = (section for section in sections if study.section_status(section) != "read")
        first = next(unread, None)
        return (first, True) if first is not None else (sections[0], False)

    def action_start_reading(self) -> None:
        """Open section 1."""
        self._open_reading_start()

    def action_continue_reading(self) -> None:
        """Open the first section not read yet."""
        self._open_reading_start()

    def _open_reading_start(self) -> None:
        section, _resuming = self.reading_start()
        self.navigate(Place("section", section.id), focus=True)

    def action_back(self) -> None:
        """Go back to the previous place, where the reader left it."""
        self._step_through_history(self.history.back)

    def action_forward(self) -> None:
        """Go forward again, to where the reader left it."""
        self._step_through_history(self.history.forward)

    def _step_through_history(self, step: Callable[[], Place | None]) -> None:
        self._remember_position()
        place = step()
        if place is None:
            return
        memo = self.history.memo
        self._show(place, position=memo if isinstance(memo, ReadingPosition) else None)

    def _remember_position(self) -> None:
        """Keep the reader's place in the current view with its visit, for back and forward."""
        view = self.query_one(ContentSwitcher).visible_content
        if view is None or view.id != _view_id(self.history.current):
            return  # The view of the current place is still being built: nothing moved yet.
        position = self.reading_position()
        self.history.replace(position.place)
        self.history.remember(position)

    def action_toggle_outline(self) -> None:
        """Show or hide the outline."""
        self._outline_chosen = not self.show_outline
        self.show_outline = self._outline_chosen

    def action_outline_width(self, step: int) -> None:
        """Make the outline a step wider (1) or narrower (-1)."""
        shares = self.OUTLINE_SHARES
        wider = [share for share in shares if share > self.outline_share]
        narrower = [share for share in shares if share < self.outline_share]
        if step > 0 and wider:
            self.outline_share = wider[0]
        elif step < 0 and narrower:
            self.outline_share = narrower[-1]
        else:
            return
        self.post_message(self.OutlineResized(self.outline_share))

    def watch_outline_share(self, share: int) -> None:
        self.query_one(Outline).styles.width = f"{share}%"

    def on_resize(self, event: events.Resize) -> None:
        if self._outline_chosen is None:
            self.show_outline = event.size.width >= self.NARROW

    def watch_show_outline(self, show: bool) -> None:
        outline = self.query_one(Outline)
        outline.display = show
        if not show and outline.has_focus:
            self._focus_main()

    def _focus_main(self) -> None:
        """Give the keys to the view shown: to the widget it says takes them."""
        view = self._shown_view()
        target = view.focus_target() if view is not None else None
        if target is not None:
            # set_focus, not focus(), which waits a message: the focus styles change
            # now, and are painted in the frame that shows the view.
            self.set_focus(target)

    def _keep_focus_in_sight(self) -> None:
        """Move the focus into the view shown, unless it is there or in the outline.

        Every change of view comes through here (or gives the view the focus
        itself), so the keys never act on a view that is hidden, and the footer
        shows only keys that work.
        """
        focused = self.focused
        outline = self.query_one(Outline)
        if focused is outline and outline.display:
            return
        view = self._shown_view()
        if view is not None and focused is not None and view in focused.ancestors_with_self:
            return
        self._focus_main()

    def focus_next(self, selector: str | type[QueryType] = "*") -> Widget | None:
        """Tab: the next link of the text, or the next widget (see :meth:`_step_focus`)."""
        return self._step_focus(1) if selector == "*" else super().focus_next(selector)

    def focus_previous(self, selector: str | type[QueryType] = "*") -> Widget | None:
        """Shift+tab: the previous link of the text, or the previous widget."""
        return self._step_focus(-1) if selector == "*" else super().focus_previous(selector)

    def _step_focus(self, step: int) -> Widget | None:
        """Move the focus through the screen in reading order, a text's links one by one.

        As in a browser: a text with links is a stop per link, entered at its
        first link going forward and at its last going back.
        """
        focused = self.focused
        if isinstance(focused, LinkedText) and focused.step_link(step):
            return focused
        chain = self.focus_chain
        if not chain:
            return None
        if focused in chain:
            target = chain[(chain.index(focused) + step) % len(chain)]
        else:
            target = chain[0 if step > 0 else -1]
        if isinstance(target, LinkedText):
            # Not scrolled to as a whole: the link is scrolled to.
            self.set_focus(target, scroll_visible=False)
            target.focus_link(0 if step > 0 else len(target.links) - 1)
        else:
            self.set_focus(target)
        return target

    def _shown_view(self) -> MainView | None:
        """The view the main pane shows."""
        return cast("MainView | None", self.query_one(ContentSwitcher).visible_content)

    # The views' messages are handled by name, not with @on(...): the decorator would
    # import the views' modules along with this one.
    def on_scoreboard_view_reweighted(self, event: ScoreboardView.Reweighted) -> None:
        self.weightings[event.board.id] = event.weighting
        if self.study is not None:
            self.study.set_weighting(event.board.id, event.weighting)
            self.post_message(self.StudyChanged())

    # Live reload --------------------------------------------------------

    def reloaded(self, briefing: Briefing) -> ExplorerScreen:
        """A new explorer on a reloaded *briefing* that picks up where this one is.

        It gets this screen's history (less what the new briefing no longer
        has), the reader's weightings of boards that still exist, the
        outline's visibility and, when the item shown still exists, the same
        focus and scroll positions.
        """
        from briefing_tui.core.content.watch import history_after_reload

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
        successor.set_reactive(ExplorerScreen.outline_share, self.outline_share)
        successor.study = self.study
        successor.new_cards_per_day = self.new_cards_per_day
        if history.current == position.place:
            successor._resume = position
        return successor

    def reading_position(self) -> ReadingPosition:
        """Where the reader is now: the place, the main view's scroll offsets, the focus."""
        if self._resume is not None:
            # Still being restored after a reload: the reader has not moved yet.
            return self._resume
        place = self.history.current
        view = self.query_one(ContentSwitcher).visible_content
        if view is None:
            return ReadingPosition(place, (), None)
        focused = self.focused
        study_place = cast("MainView", view).study_place()
        if study_place is not None and study_place.view in ("timeline", "glossary", "scoreboard"):
            # The list's highlighted item, the board's highlighted argument.
            place = study_place
        scrolls = tuple((type(widget).__name__, widget.scroll_y) for widget in _scrollables(view))
        focus: tuple[str, int] | None = None
        if isinstance(focused, Outline):
            focus = ("Outline", 0)
        elif focused is not None:
            focusables = _focusables(view)
            if focused in focusables:
                focus = (type(focused).__name__, focusables.index(focused))
        link = focused.link_cursor if isinstance(focused, LinkedText) else None
        return ReadingPosition(place, scrolls, focus, link)

    def _return_to(self, view: MainView, position: ReadingPosition) -> None:
        """Put back the focus and scroll offsets the reader left in *view* (back, forward).

        A reader in the outline stays there.
        """
        outline = self.query_one(Outline)
        if not (self.focused is outline and outline.display):
            self._restore_focus(view, position.focus, position.link)
        # After the layout that gives the content shown now its height.
        view.call_after_refresh(self._scroll_view_to, view, position.scrolls)

    def _restore_focus(
        self, view: MainView, focus: tuple[str, int] | None, link: int | None = None
    ) -> None:
        """Focus what *focus* and *link* (as :meth:`reading_position` gives them) name in *view*.

        When that widget is no longer there, the view's own target takes the focus.
        """
        outline = self.query_one(Outline)
        if focus is None:
            self._keep_focus_in_sight()
            return
        if focus[0] == "Outline" and outline.display:
            self.set_focus(outline, scroll_visible=False)
            return
        name, index = focus
        focusables = _focusables(view)
        if index < len(focusables) and type(focusables[index]).__name__ == name:
            widget = focusables[index]
            self.set_focus(widget, scroll_visible=False)
            if isinstance(widget, LinkedText) and link is not None and link < len(widget.links):
                widget.link_cursor = link
        else:
            self._focus_main()

    def _resume_reading(self, position: ReadingPosition) -> None:
        """Put focus and scroll back where they were before a reload."""
        view = self._shown_view()
        if view is None:
            self._resume = None
            return
        self._restore_focus(view, position.focus, position.link)
        # Scroll back as soon as layout gives the content its height, so the first
        # frame already shows the old position; then once more after the scroll to
        # the top that a view's show() leaves for after the next refresh.
        for widget in _scrollables(view):
            self.watch(widget, "virtual_size", self._content_resized, init=False)
        view.call_after_refresh(self._finish_resuming)
        self.set_timer(1.0, self._stop_resuming)

    def _scroll_back(self) -> bool:
        """Scroll the main view to the offsets of :attr:`_resume`; True once all are reached."""
        position = self._resume
        view = self._shown_view()
        if position is None or view is None:
            return True
        return self._scroll_view_to(view, position.scrolls)

    def _scroll_view_to(self, view: Widget, scrolls: tuple[tuple[str, float], ...]) -> bool:
        """Scroll the parts of *view* to *scrolls* (see :attr:`ReadingPosition.scrolls`).

        True once every part is there: content not laid out yet may be too short.
        """
        reached = True
        for widget, (name, offset) in zip(_scrollables(view), scrolls, strict=False):
            if type(widget).__name__ != name:
                break
            if widget.scroll_y != offset:
                widget.scroll_to(y=offset, animate=False, immediate=True)
            reached = reached and widget.scroll_y == offset
        return reached

    def _content_resized(self) -> None:
        self._scroll_back()

    def _finish_resuming(self) -> None:
        if self._scroll_back():
            self._resume = None

    def _stop_resuming(self) -> None:
        # Content that never grows back to the old length (text was cut) ends here.
        self._resume = None

    # Study: notes, bookmarks, progress, search, self-test ------------------

    class StudyChanged(Message):
        """The reader changed study data (a note, a bookmark, progress): time to save."""

    def refresh_study(self) -> None:
        """Show the study data: outline marks, the Bookmarks group, progress in the header."""
        study = self.study
        if study is None:
            return
        briefing = self.briefing
        marks: dict[Place, str] = {}
        for key in study.notes:
            place = place_for_study_key(briefing, key)
            if place is not None:
                marks[place] = "✎"
        bookmarks = []
        for key in study.bookmarks:
            place = place_for_study_key(briefing, key)
            if place is not None:
                marks[place] = (marks.get(place, "") + " ★").strip()
                bookmarks.append((study.items.get(key, key), place))
        for section in briefing.sections:
            status = study.section_status(section)
            if status != "unread":
                place = Place("section", section.id)
                symbol = "✓" if status == "read" else "↻ updated"
                marks[place] = (marks.get(place, "") + f" {symbol}").strip()
        cards = self.cards
        now = study.now()
        for section_id in sections_with_due_cards(cards, study.card_records, now):
            place = Place("section", section_id)
            marks[place] = (marks.get(place, "") + " ⚑").strip()
        if cards:
            summary = due_summary(cards, study.card_records, now, self.new_cards_per_day)
            self.query_one(OverviewView).show_review(summary.text(now))
        outline = self.query_one(Outline)
        outline.set_marks(marks)
        outline.set_bookmarks(bookmarks)
        total = len(briefing.sections)
        self.query_one(BriefingHeader).progress = f"{study.read_count}/{total} read"
        entries = self._note_entries()
        orphans = [(entry.label, entry.text) for entry in entries if entry.place is None]
        overview = self.query_one(OverviewView)
        overview.show_orphaned_notes(orphans)
        outline.set_note_count(len(entries))
        self._show_notes(entries)
        overview.show_reading_start(*self.reading_start())
        self.refresh_bindings()

    def _note_entries(self) -> list[NoteEntry]:
        """Every note, newest first, as My notes lists it."""
        from briefing_tui.core.study.notes import note_entries

        return note_entries(self.study) if self.study is not None else []

    def _show_notes(self, entries: list[NoteEntry] | None = None) -> None:
        """Give My notes the notes as they are now, once the view has been built."""
        try:
            view = self.query_one(ContentSwitcher).get_child_by_id("notes")
        except NoMatches:
            return
        cast("NotesView", view).show_notes(self._note_entries() if entries is None else entries)

    def _study_changed(self) -> None:
        self.refresh_study()
        self.post_message(self.StudyChanged())

    def _show_note(self, view: Widget, place: Place) -> None:
        # By name: the overview, shown at start-up, has no note block, and its module is
        # imported only by the views that have one. A walk, not a query: a query matches
        # a selector against every node, and the actors view has a thousand of them.
        block = next(
            (node for node in walk_breadth_first(view) if type(node).__name__ == "NoteBlock"), None
        )
        if block is None:
            return
        key = study_key(self.briefing, place)
        text = self.study.note(key) if self.study is not None and key else ""
        cast("NoteBlock", block).show_note(text)

    # By name, as on_scoreboard_view_reweighted: the views' modules are imported on first visit.
    def on_list_detail_view_item_shown(self, event: ListDetailView.ItemShown) -> None:
        self._item_shown(event.view, event.place)

    def on_list_detail_view_item_opened(self, event: ListDetailView.ItemOpened) -> None:
        self.navigate(event.place, focus=True)

    def on_scoreboard_view_argument_shown(self, event: ScoreboardView.ArgumentShown) -> None:
        self._item_shown(event.view, event.place)

    def _item_shown(self, view: Widget, place: Place) -> None:
        self._show_note(view, place)
        if self._highlight_words:
            self._apply_highlight()

    def on_section_view_read(self, event: SectionView.Read) -> None:
        study = self.study
        if study is None:
            return
        section = self.briefing.sections_by_id.get(event.section_id)
        if section is not None and study.section_status(section) != "read":
            study.mark_read(section)
            self._study_changed()

    def focused_item(self) -> Place | None:
        """What a note or bookmark would attach to: the item highlighted in the view shown.

        That is the highlighted argument, event or term, the focused actor
        card, or the section or actor shown; None where there is no such item.
        """
        view = self._shown_view()
        place = view.study_place() if view is not None else None
        return place if place is not None and study_key(self.briefing, place) else None

    def _study_item(self) -> tuple[Place, str] | None:
        if self.study is None:
            self.notify("Notes and bookmarks are off here", timeout=3)
            return None
        place = self.focused_item()
        key = study_key(self.briefing, place) if place is not None else None
        if place is None or key is None:
            self.notify("Open a section, actor, argument, event or term first", timeout=3)
            return None
        return place, key

    def action_note(self) -> None:
        """Write or edit a note on the focused item."""
        item = self._study_item()
        if item is None or self.study is None:
            return
        place, key = item
        study = self.study

        def keep(text: str) -> str | None:
            try:
                study.set_note(key, text)
            except StudyError as error:
                return str(error)
            return None

        def kept(text: str | None) -> None:
            if text is not None:
                self._search_index = None  # Notes are searched: index them again.
                self._show_note(self.query_one(ContentSwitcher).visible_content or self, place)
                self._study_changed()

        from briefing_tui.ui.screens.note_editor import NoteEditor

        label = study.items.get(key, key)
        self.app.push_screen(NoteEditor(label, study.note(key), keep), kept)

    def action_bookmark(self) -> None:
        """Bookmark the focused item, or remove its bookmark."""
        item = self._study_item()
        if item is None or self.study is None:
            return
        _, key = item
        added = self.study.toggle_bookmark(key)
        self.notify("Bookmarked" if added else "Bookmark removed", timeout=2)
        self._study_changed()

    def action_mark_read(self) -> None:
        """Mark the current section read, or unread again."""
        place = self.history.current
        if self.study is None or place.view != "section":
            self.notify("Open a section to mark it read", timeout=3)
            return
        section = self.briefing.sections_by_id[place.item]
        if self.study.section_status(section) == "read":
            self.study.mark_unread(section.id)
        else:
            self.study.mark_read(section)
        self._study_changed()

    @work(exclusive=True, group="search-index")
    async def action_search(self, query: str = "") -> None:
        """Search the whole briefing."""
        from briefing_tui.core.study.search import SearchIndex
        from briefing_tui.ui.screens.search import SearchScreen

        if self._search_index is None:
            # Building the index of a large briefing takes a moment: off the event loop.
            self._search_index = await asyncio.to_thread(
                SearchIndex, self.briefing, self._searchable_notes()
            )
        result = await self.app.push_screen_wait(
            SearchScreen(self.briefing, self._search_index, query)
        )
        if result is not None:
            self.navigate(result.place)
            self._set_highlight([word for word in result.query.split() if word])
            self.call_after_refresh(self.action_step_match, 0)

    def _set_highlight(self, words: list[str]) -> None:
        """Mark *words* (the last search's) in the view shown, or clear them with none."""
        self._highlight_words = words
        self._match = None
        self._apply_highlight()
        self.refresh_bindings()

    def action_step_match(self, step: int) -> None:
        """Go to the next (or previous) match of the last search in the view shown."""
        from briefing_tui.ui.search_matches import find_matches, show_match

        view = self.query_one(ContentSwitcher).visible_content
        matches = find_matches(view) if view is not None else []
        position = self._position_text(self.history.current)
        header = self.query_one(BriefingHeader)
        if not matches:
            header.position = f"{position} · no match here"
            return
        if self._match is None:
            self._match = 0 if step >= 0 else len(matches) - 1
        else:
            self._match = (self._match + step) % len(matches)
        show_match(matches[self._match], matches)
        header.position = f"{position} · match {self._match + 1}/{len(matches)}"

    def action_clear_search(self) -> None:
        """Clear the marks of the last search."""
        self._set_highlight([])
        self.query_one(BriefingHeader).position = self._position_text(self.history.current)

    def _searchable_notes(self) -> list[NoteText]:
        """The reader's notes, for search, each with the title of its item."""
        from briefing_tui.core.study.search import NoteText

        study = self.study
        if study is None:
            return []
        return [
            NoteText(key, study.note_title(key) or "an item no longer in the briefing", text)
            for key, note in study.notes.items()
            # Typed or pasted by the reader: shown in the results, so neutralised.
            if (text := neutralise(note.text))
        ]

    def _apply_highlight(self) -> None:
        """Mark the last search's words in the view showing its result."""
        view = self.query_one(ContentSwitcher).visible_content
        if isinstance(view, DocumentView):
            view.highlight_words(self._highlight_words)
        elif view is not None:
            highlight_words_in(view, self._highlight_words)

    @property
    def cards(self) -> list[Card]:
        """Every card of the briefing: its questions, glossary terms and the author's cards."""
        if self._cards is None:
            from briefing_tui.core.study.practice import all_cards

            self._cards = all_cards(self.briefing)
        return self._cards

    def action_quiz(self) -> None:
        """Test yourself on the briefing's questions."""
        from briefing_tui.core.study.practice import quiz_cards

        self._practise("Quiz", quiz_cards(self.briefing))

    def action_flashcards(self) -> None:
        """Go through the glossary as flashcards."""
        from briefing_tui.core.study.practice import glossary_cards

        self._practise("Flashcards", glossary_cards(self.briefing))

    def action_review(self) -> None:
        """Review the cards due, and new ones up to the day's limit."""
        from briefing_tui.core.study.due import format_wait, review_queue

        records = self.study.card_records if self.study is not None else {}
        now = self._now()
        queue = review_queue(self.cards, records, now, self.new_cards_per_day)
        upcoming = due_summary(self.cards, records, now, self.new_cards_per_day).next_due
        if not self.cards:
            empty = "This briefing has no questions, glossary or cards to review."
        elif upcoming is None:
            empty = "Nothing to review now."
        else:
            empty = f"Nothing to review now. Next review in {format_wait(upcoming - now)}."
        self._run_cards("Review", queue, requeue=True, empty=empty)

    def action_progress(self) -> None:
        """Show progress over time: cards by state, reviews per day, retention, forecast."""
        from briefing_tui.core.study.progress import progress
        from briefing_tui.ui.screens.progress import ProgressScreen

        records = self.study.card_records if self.study is not None else {}
        found = progress(self.cards, records, self._now())
        self.app.push_screen(ProgressScreen(self.briefing.briefing.title, found))

    def on_review_link_selected(self, event: ReviewLink.Selected) -> None:
        event.stop()
        if event.section is None:
            self.action_review()
            return
        from briefing_tui.core.study.practice import section_cards

        section = self.briefing.sections_by_id[event.section]
        self._practise(f"Check yourself: {section.title}", section_cards(self.briefing, section.id))

    def _now(self) -> dt.datetime:
        return self.study.now() if self.study is not None else dt.datetime.now(dt.timezone.utc)

    def _practise(self, title: str, cards: list[Card]) -> None:
        """Go through all of *cards*: due ones first, then new ones, then the others."""
        from briefing_tui.core.study.due import practice_order

        records = self.study.card_records if self.study is not None else {}
        self._run_cards(title, practice_order(cards, records, self._now()))

    def _run_cards(
        self, title: str, cards: list[Card], *, requeue: bool = False, empty: str = ""
    ) -> None:
        study = self.study

        def rate(card: Card, rating: Rating, schedule: Schedule | None) -> CardRecord | None:
            if study is None:
                return None
            try:
                record = study.rate(card.key, rating, schedule)
            except StudyError as error:
                self.notify(str(error), severity="error", markup=False, timeout=10)
                return None
            for message in study.take_messages():
                self.notify(message, severity="warning", markup=False, timeout=10)
            self._study_changed()
            return record

        from briefing_tui.ui.screens.quiz import CardScreen

        screen = CardScreen(
            title,
            cards,
            history=study.quiz_results if study is not None else None,
            records=study.card_records if study is not None else None,
            on_rate=rate,
            clock=self._now,
            requeue=requeue,
            empty=empty or "Nothing to practise in this briefing.",
        )
        self.app.push_screen(screen)


def _view_id(place: Place) -> str:
    """The id of the main view that shows *place*."""
    return f"board-{place.item}" if place.view == "scoreboard" else place.view


def _scrollables(view: Widget) -> list[Widget]:
    """The parts of *view* that scroll vertically, the view itself first."""
    return [
        widget
        for widget in (view, *view.query("*"))
        if widget.styles.overflow_y in ("auto", "scroll")
    ]


def _focusables(view: Widget) -> list[Widget]:
    """The widgets of *view* that can take focus, in DOM order.

    Hidden widgets do not count: views keep spare link widgets hidden for
    reuse, and a freshly built view has none.
    """
    found: list[Widget] = []

    def visit(widget: Widget) -> None:
        if not widget.display:
            return
        if widget.focusable:
            found.append(widget)
        for child in widget.children:
            visit(child)

    visit(view)
    return found
