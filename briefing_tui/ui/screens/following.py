"""What screens that move with a presenter share: the presenter's state and the feed reader."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.message import Message

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.content.text import neutralise
from briefing_tui.core.present.share import (
    Blanked,
    Ended,
    Follower,
    FollowerEvent,
    Joined,
    ShareError,
    SlideChanged,
    TimerChanged,
)
from briefing_tui.core.present.slides import Slide, build_deck, find_slide
from briefing_tui.ui.screens.briefing_screen import BriefingScreen


@dataclass
class PresenterState:
    """Everything a follower knows of the presenter, from the events it has read."""

    joined: Joined | None = None
    """The presenter's hello and whether its briefing matches ours."""
    slide: SlideChanged | None = None
    """The presenter's current slide, as announced."""
    local_index: int | None = None
    """Where that slide is in our own deck, if it is there (found by its key)."""
    blank: bool = False
    """True while the presenter has blanked the screen."""
    timer: TimerChanged | None = None
    """The presenter's timer, as last announced."""
    ended: str | None = None
    """Why following stopped ("presentation ended", a protocol mismatch), once it has."""

    def apply(self, event: FollowerEvent, deck: Sequence[Slide]) -> None:
        """Update the state with *event*; slides are found in *deck*."""
        if isinstance(event, Joined):
            self.joined = event
        elif isinstance(event, SlideChanged):
            self.slide = event
            # By key only: a slide our copy lacks is named, never replaced by
            # whatever slide of ours sits at the presenter's index.
            self.local_index = find_slide(deck, event.key, event.index)
        elif isinstance(event, Blanked):
            self.blank = event.blank
        elif isinstance(event, TimerChanged):
            self.timer = event
        elif isinstance(event, Ended):
            self.ended = event.message

    @property
    def slide_number(self) -> int | None:
        """The presenter's slide, numbered from 1 as the presenter sees it."""
        return None if self.slide is None else self.slide.index + 1

    @property
    def slide_count(self) -> int | None:
        """How many slides the presenter's deck has."""
        return None if self.joined is None else self.joined.hello.slide_count

    @property
    def slide_title(self) -> str:
        """The presenter's slide title, safe to display."""
        # The protocol layer neutralised it already; this keeps display safe
        # whatever the source of the event.
        return "" if self.slide is None else neutralise(self.slide.title)

    def mismatch(self, briefing: Briefing) -> str | None:
        """A warning when the presenter's briefing is not the same as *briefing*, else None."""
        if self.joined is None:
            return None
        theirs = self.joined.hello.briefing_id
        if theirs != briefing.briefing.id:
            return (
                f"The presenter is showing briefing {theirs!r}, but you opened "
                f"{briefing.briefing.id!r}: slides may not match what the presenter shows."
            )
        if self.joined.content_matches is False:
            return (
                "Your copy of this briefing differs from the presenter's (another edition?): "
                "slides may not match what the presenter shows."
            )
        return None


class FollowingScreen(BriefingScreen[None]):
    """A screen that reads a presenter's feed in a worker and redraws on each event."""

    class BriefingChanged(Message):
        """The presenter reloaded its briefing, and the screen shows the new one."""

        def __init__(self, briefing: Briefing, deck: Sequence[Slide]) -> None:
            super().__init__()
            self.briefing = briefing
            self.deck = tuple(deck)

    def __init__(
        self,
        briefing: Briefing,
        deck: Sequence[Slide],
        follower: Follower,
        replay: Sequence[FollowerEvent] = (),
    ) -> None:
        super().__init__()
        self.briefing = briefing
        self.deck = deck
        self.follower = follower
        self.state = PresenterState()
        self._replay = tuple(replay)

    def on_mount(self) -> None:
        self.run_worker(self._read_feed(), name="presenter-feed", exclusive=True)

    async def _read_feed(self) -> None:
        # What the follower said before the screen was up (its briefing came first).
        for event in self._replay:
            self.state.apply(event, self.deck)
        if self._replay:
            self.presenter_changed(None)
        try:
            async for event in self.follower:
                self.state.apply(event, self.deck)
                self.presenter_changed(event)
        except ShareError as error:
            # A presenter of another protocol version: stop following, stay usable.
            self.state.ended = error.message
            self.presenter_changed(None)

    def presenter_changed(self, event: FollowerEvent | None) -> None:
        """Redraw after *event* (None when following stopped on an error)."""
        raise NotImplementedError

    def use_briefing(self, briefing: Briefing) -> None:
        """Show *briefing*, the presenter's after a reload, from now on; tell the app."""
        self.briefing = briefing
        self.deck = build_deck(briefing)
        slide = self.state.slide
        self.state.local_index = (
            None if slide is None else find_slide(self.deck, slide.key, slide.index)
        )
        self.post_message(self.BriefingChanged(briefing, self.deck))
