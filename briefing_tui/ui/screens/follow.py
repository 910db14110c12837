"""The follower's screens: the presenter's slide, and the explorer while following is paused."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.present.share import (
    BriefingReceived,
    BriefingUnavailable,
    Follower,
    FollowerEvent,
)
from briefing_tui.core.present.slides import (
    ActorsSlide,
    ScoreboardSlide,
    SectionSlide,
    Slide,
    TimelineSlide,
)
from briefing_tui.core.study.navigation import OVERVIEW, History, Place
from briefing_tui.ui.screens.explorer import ExplorerScreen
from briefing_tui.ui.screens.following import FollowingScreen, PresenterState
from briefing_tui.ui.widgets.slide_view import SlideView


def place_for_slide(slide: Slide | None) -> Place:
    """Where in the explorer a slide's content lives."""
    if isinstance(slide, SectionSlide):
        return Place("section", slide.section.id)
    if isinstance(slide, ActorsSlide):
        return Place("actors")
    if isinstance(slide, ScoreboardSlide):
        return Place("scoreboard", slide.scoreboard.id)
    if isinstance(slide, TimelineSlide):
        return Place("timeline")
    return OVERVIEW


def paused_status(state: PresenterState) -> Content:
    """The status line while the follower browses on its own, with the key that goes back.

    Short enough for one line of 80 columns, but for a long error (another
    protocol version), which wraps rather than being cut.
    """
    if state.ended is not None:
        return Content.assemble(state.ended, ("  ·  f shows the last slide", "bold"))
    if state.slide_number is None:
        situation = "following paused — waiting for the presenter"
    else:
        situation = f"following paused — presenter on slide {state.slide_number}"
    return Content.assemble(situation, ("  ·  f follows again", "bold"))


def missing_slide_text(state: PresenterState) -> Content:
    """What a follower shows for a presenter's slide that its copy does not have: its name."""
    ending = ", which your copy of the briefing does not have."
    title = state.slide_title
    if not title:
        return Content(f"The presenter is on their slide {state.slide_number}{ending}")
    # The title came over the socket: plain text (Content, never markup), neutralised.
    return Content.assemble(
        "The presenter is on '",
        (title, "bold"),
        f"' (their slide {state.slide_number}){ending}",
    )


class BrowseScreen(ExplorerScreen):
    """The full explorer, for a follower who left the presenter for a while."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "follow_again", "Follow the presenter", id="browse.follow")
    ]
    HELP_GROUP = "Following"

    STUDY_ACTIONS = frozenset({"note", "bookmark", "mark_read"})
    """The explorer's keys that keep study data, which a follower never writes."""

    status: reactive[Content] = reactive(Content(), init=False)
    """What the presenter is doing meanwhile, and the key that goes back."""

    def __init__(self, briefing: Briefing, start: Place, status: Content) -> None:
        super().__init__(briefing)
        self.history = History(start)
        self.set_reactive(BrowseScreen.status, status)

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static(self.status, id="browse-status", classes="slide-status")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Leave out the study keys: they would only say that study is off here."""
        if action in self.STUDY_ACTIONS:
            return False
        return super().check_action(action, parameters)

    def watch_status(self) -> None:
        self.query_one("#browse-status", Static).update(self.status)

    def action_follow_again(self) -> None:
        """Go back to the presenter's slide."""
        self.dismiss()


class FollowScreen(FollowingScreen):
    """The presenter's current slide, moving when the presenter moves. Read-only."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "detach", "Browse on your own", id="follow.detach"),
        Binding("down,j", "scroll(1)", "Scroll a long slide", show=False, id="follow.down"),
        Binding("up,k", "scroll(-1)", "Scroll a long slide back", show=False, id="follow.up"),
    ]
    HELP_GROUP = "Following"

    KEYS_HINT = "d browse on your own · ? keys"
    """The keys the bar offers while following."""

    class FollowingAgain(Message):
        """The follower came back from browsing on its own (``f``)."""

    def __init__(
        self,
        briefing: Briefing,
        deck: Sequence[Slide],
        follower: Follower,
        name: str,
        replay: Sequence[FollowerEvent] = (),
    ) -> None:
        super().__init__(briefing, deck, follower, replay)
        self.share_name = name
        self._trouble: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="follow-warning", classes="slide-warning")
        yield SlideView(self.deck, id="slide")
        yield Static("", id="follow-missing")
        with Horizontal(classes="slide-bar", id="follow-bar"):
            yield Static("", id="follow-state")
            yield Static("", id="follow-note", classes="-grow -muted")
            yield Static("", id="follow-position")

    def on_mount(self) -> None:
        self.presenter_changed(None)

    @property
    def browsing(self) -> BrowseScreen | None:
        """The explorer, while following is paused."""
        return next(
            (screen for screen in self.app.screen_stack if isinstance(screen, BrowseScreen)), None
        )

    def presenter_changed(self, event: FollowerEvent | None) -> None:
        """Show the presenter's slide and state."""
        if isinstance(event, BriefingReceived):
            self.use_briefing(event.briefing)
        elif isinstance(event, BriefingUnavailable):
            # The presenter reloaded a briefing that cannot be shown here: keep the last.
            self._trouble = (
                f"The presenter's new briefing cannot be shown ({event.problems[0]}): "
                "showing the one before."
            )
        state = self.state
        warning = self.query_one("#follow-warning", Static)
        mismatch = state.mismatch(self.briefing) or self._trouble
        warning.display = mismatch is not None
        warning.update(Content.assemble(("⚠ ", "bold"), mismatch or ""))

        view = self.query_one(SlideView)
        view.index = state.local_index
        view.blank = state.blank
        missing = self.query_one("#follow-missing", Static)
        missing.display = state.slide is not None and state.local_index is None
        view.display = not missing.display
        if missing.display:
            missing.update(missing_slide_text(state))

        self.query_one("#follow-state", Static).update(
            Content(state.ended or f"Following {self.share_name}")
        )
        if state.blank and state.ended is None:
            note = "the presenter blanked the screen"
        elif state.slide is None and state.ended is None:
            note = "waiting for the presenter…"
        else:
            note = self.KEYS_HINT
        self.query_one("#follow-note", Static).update(Content(note))
        position = ""
        if state.slide_number is not None and state.slide_count is not None:
            position = f"slide {state.slide_number}/{state.slide_count}"
        self.query_one("#follow-position", Static).update(Content(position))

        browsing = self.browsing
        if browsing is not None:
            browsing.status = paused_status(state)

    def use_briefing(self, briefing: Briefing) -> None:
        """Show *briefing*, the presenter's after a reload, from now on."""
        super().use_briefing(briefing)
        self._trouble = None
        view = self.query_one(SlideView)
        view.deck = self.deck
        # The same index may now be another slide: draw it again whatever it is.
        view.mutate_reactive(SlideView.index)

    def action_detach(self) -> None:
        """Browse the whole briefing on your own; the presenter carries on."""
        self.detach(place_for_slide(self.query_one(SlideView).slide))

    def detach(self, place: Place) -> None:
        """Open the explorer at *place*, pausing following."""
        self.app.push_screen(
            BrowseScreen(self.briefing, place, paused_status(self.state)), self._following_again
        )

    def _following_again(self, _result: None) -> None:
        self.post_message(self.FollowingAgain())

    def action_scroll(self, step: int) -> None:
        """Scroll a slide too long for the screen."""
        self.query_one(SlideView).scroll_relative(y=step, animate=False)
