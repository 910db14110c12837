"""The speaker-notes screen: the current slide's notes, the next slide, the timer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.present.share import (
    BriefingReceived,
    Ended,
    Follower,
    FollowerEvent,
    GoCommand,
    NextCommand,
    PreviousCommand,
)
from briefing_tui.core.present.slides import Plan, Slide, preview_lines
from briefing_tui.ui.failures import reports_failures
from briefing_tui.ui.screens.following import FollowingScreen
from briefing_tui.ui.screens.go_to import GoToSlideScreen, SlideOverviewScreen
from briefing_tui.ui.screens.present import over_plan
from briefing_tui.ui.stopwatch import Clock, format_duration
from briefing_tui.ui.widgets.markdown_text import MarkdownText

NO_NOTES = "No speaker notes for this slide."


class NotesScreen(FollowingScreen):
    """Speaker notes that follow the presenter's slides."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,right,pagedown,n", "next", "Next slide", id="notes.next"),
        Binding("left,pageup,p", "previous", "Previous slide", id="notes.previous"),
        Binding("g", "go_to", "Go to slide…", id="notes.go-to"),
        Binding("o", "overview", "Slide overview", id="notes.overview"),
        Binding("down,j", "scroll(1)", "Scroll the notes", show=False, id="notes.down"),
        Binding("up,k", "scroll(-1)", "Scroll the notes back", show=False, id="notes.up"),
    ]
    HELP_GROUP = "Speaker notes"

    class PresentationEnded(Message):
        """The presenter ended the presentation, or its connection was lost.

        Not posted when following stops on a protocol mismatch: looking for
        the next presentation would only find the same presenter again.
        """

    def __init__(
        self,
        briefing: Briefing,
        deck: Sequence[Slide],
        follower: Follower,
        clock: Clock,
        replay: Sequence[FollowerEvent] = (),
    ) -> None:
        super().__init__(briefing, deck, follower, replay)
        self.plan = Plan.of(deck)
        self.clock = clock
        self._ticker: Timer | None = None
        self._shown_time = ""
        self._shown_notes: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="notes-warning", classes="slide-warning")
        with Horizontal(classes="slide-bar", id="notes-top"):
            yield Static("", id="notes-position")
            yield Static("", id="notes-title", classes="-grow")
            yield Static("", id="notes-state")
        with Vertical(id="notes-scroll"):
            yield MarkdownText(id="notes-body")
            yield Static(Content(NO_NOTES), id="notes-none")
        yield Static("", id="notes-preview")
        with Horizontal(classes="slide-bar", id="notes-bottom"):
            yield Static("", id="notes-next", classes="-grow")
            yield Static("", id="notes-plan", classes="-muted")
            yield Static("", id="notes-clock")

    def on_mount(self) -> None:
        # Repaint the clock once a second, only while the presenter's timer runs.
        self._ticker = self.set_interval(1.0, self.show_time, pause=True)
        self.presenter_changed(None)

    @property
    def slide(self) -> Slide | None:
        """The presenter's slide in our deck, if it is there."""
        index = self.state.local_index
        return None if index is None else self.deck[index]

    def presenter_changed(self, event: FollowerEvent | None) -> None:
        """Show the notes of the presenter's slide, and what comes next."""
        if isinstance(event, Ended):
            self.post_message(self.PresentationEnded())
        elif isinstance(event, BriefingReceived):
            self.use_briefing(event.briefing)
        state = self.state
        warning = self.query_one("#notes-warning", Static)
        mismatch = state.mismatch(self.briefing)
        warning.display = mismatch is not None
        warning.update(Content.assemble(("⚠ ", "bold"), mismatch or ""))

        index = state.local_index
        slide = self.slide
        position = "" if index is None else f"Slide {index + 1}/{len(self.deck)}"
        self.query_one("#notes-position", Static).update(Content(position))
        if slide is not None:
            title = Content.styled(slide.title, "bold")
        elif state.slide is not None:
            title = Content(f"{state.slide_title} (not in your copy of the briefing)")
        else:
            title = Content("waiting for the presenter…")
        self.query_one("#notes-title", Static).update(title)
        if state.ended is not None:
            status = Content.styled(state.ended, "bold")
        elif state.blank:
            status = Content.styled("screen blanked", "bold")
        else:
            status = Content("")
        self.query_one("#notes-state", Static).update(status)

        self._show_notes(slide.notes if slide is not None else None)

        following = None if index is None or index + 1 >= len(self.deck) else self.deck[index + 1]
        if following is not None:
            upcoming = Content.assemble(("Next: ", "$text-muted"), following.title)
        elif index is not None:
            upcoming = Content.styled("Last slide", "$text-muted")
        else:
            upcoming = Content("")
        self.query_one("#notes-next", Static).update(upcoming)
        self._show_preview(following)

        plan = self.query_one("#notes-plan", Static)
        plan.display = self.plan.is_planned and index is not None
        if plan.display and index is not None:
            through = format_duration(self.plan.through(index) * 60)
            plan.update(Content(f"plan {through} of {format_duration(self.plan.total * 60)}"))

        assert self._ticker is not None
        running = state.timer is not None and state.timer.running and state.ended is None
        if running:
            self._ticker.reset()
            self._ticker.resume()
        else:
            self._ticker.pause()
        self.show_time()

    def use_briefing(self, briefing: Briefing) -> None:
        """Show the notes of *briefing*, the presenter's after a reload, from now on."""
        super().use_briefing(briefing)
        self.plan = Plan.of(self.deck)
        self._shown_notes = None

    def _show_preview(self, following: Slide | None) -> None:
        """The next slide's title and first lines, to see what comes before it is up."""
        preview = self.query_one("#notes-preview", Static)
        preview.display = following is not None
        if following is not None:
            # The bar says "Next:" already: the preview is the slide itself.
            lines = [Content.styled(following.title, "bold")]
            lines += [Content(line) for line in preview_lines(following)]
            preview.update(Content("\n").join(lines))

    # Moving the talk: the notes channel is the presenter's own user's alone.

    def action_next(self) -> None:
        """Move the presentation to the next slide."""
        self.follower.send(NextCommand())

    def action_previous(self) -> None:
        """Move the presentation to the previous slide."""
        self.follower.send(PreviousCommand())

    def action_go_to(self) -> None:
        """Move the presentation to a slide chosen by number or title."""
        self.app.push_screen(GoToSlideScreen(self.deck), self._chosen)

    def action_overview(self) -> None:
        """Move the presentation to a slide chosen from all of them."""
        current = self.state.local_index or 0
        self.app.push_screen(SlideOverviewScreen(self.deck, current), self._chosen)

    @reports_failures("Go to slide")
    def _chosen(self, index: int | None) -> None:
        if index is not None:
            self.follower.send(GoCommand(index=index))

    def _show_notes(self, notes: str | None) -> None:
        if notes == self._shown_notes:
            return
        self._shown_notes = notes
        body = self.query_one("#notes-body", MarkdownText)
        body.display = bool(notes)
        self.query_one("#notes-none", Static).display = not notes
        body.update(notes or "")
        self.query_one("#notes-scroll", Vertical).scroll_home(animate=False)

    def show_time(self) -> None:
        """Repaint the presenter's timer, if its text changed."""
        timer = self.state.timer
        if timer is None:
            text = ""
        else:
            running = timer.running and self.state.ended is None
            symbol = "▶" if running else "‖"
            elapsed = timer.elapsed_now(self.clock())
            text = f"{symbol} {format_duration(elapsed)}"
            index = self.state.local_index
            over = index is not None and over_plan(self.plan, index, elapsed)
            self.query_one("#notes-clock", Static).set_class(over, "-over")
        if text != self._shown_time:
            self._shown_time = text
            self.query_one("#notes-clock", Static).update(Content(text))

    def action_scroll(self, step: int) -> None:
        """Scroll long notes."""
        scroll = self.query_one("#notes-scroll", Vertical)
        if step > 0:
            scroll.scroll_down(animate=False)
        else:
            scroll.scroll_up(animate=False)
