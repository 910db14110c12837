"""The presenter's screen: one slide at a time, a timer, and the followers it has."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

from briefing_tui.core.present.share import Presenter
from briefing_tui.core.present.slides import Plan, Slide, slide_number
from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.failures import reports_failures
from briefing_tui.ui.screens.briefing_screen import BriefingScreen
from briefing_tui.ui.screens.go_to import GoToSlideScreen, SlideOverviewScreen
from briefing_tui.ui.stopwatch import Stopwatch, format_duration
from briefing_tui.ui.widgets.slide_view import SlideView

MAX_TYPED_DIGITS = 6
"""Digits typed for "go to slide" beyond this many are ignored."""


def end_question(count: int) -> str:
    """What ``q`` asks while *count* followers would see the talk end."""
    followers = "1 follower" if count == 1 else f"{count} followers"
    return f"End the talk for {followers}? q again or y to end, any other key to stay"


def followers_text(count: int) -> str:
    """How many followers a share has, for the presenter's bar."""
    if count == 0:
        return "no followers"
    return f"{count} following"


@dataclass(frozen=True)
class JoinInstructions:
    """How an audience joins over the built-in SSH server, for the bar and the join panel."""

    command: str
    """What to type, e.g. ``ssh -p 2222 laptop.local``."""
    code: str
    """The join code, or "" when access is not by code."""
    fingerprint: str
    """The server's host key, ``SHA256:…``, so the audience can check it."""

    def panel(self) -> Content:
        """The join panel's text."""
        lines = [Content.assemble("Follow on your own screen:  ", (self.command, "bold"))]
        if self.code:
            lines.append(Content.assemble("join code  ", (self.code, "bold")))
        lines.append(Content(f"host key {self.fingerprint}"))
        return Content("\n").join(lines)


BAR_PADDING = 2
"""Cells each part of the presenter's bar takes beyond its text (``padding: 0 1``)."""

BAR_LEVELS: tuple[tuple[int, int, int], ...] = (
    (0, 0, 0),
    (0, 0, 1),
    (0, 1, 1),
    (0, 1, 2),
    (1, 1, 2),
    (1, 2, 2),
)
"""Which form of the position, the hint and the plan the bar shows, fullest first.

The plan is shortened first, then the hint's words, then the plan goes, then
"Slide"; what the presenter must see (the digits typed, the blank state, the
timer, the followers and the join code) stays.
"""


def fit_bar(
    width: int,
    positions: Sequence[Content],
    hints: Sequence[Content],
    plans: Sequence[Content | None],
    fixed: int,
) -> tuple[Content, Content, Content | None]:
    """The fullest forms of the position, hint and plan that fit the bar in *width* cells.

    Each sequence holds three forms (two for *positions*), fullest first; a
    plan of None is not shown. *fixed* is the width of the parts always shown
    in full (timer, followers, join code), padding included. Too narrow for
    any, the shortest forms.
    """
    chosen = (positions[-1], hints[-1], plans[-1])
    for position, hint, plan in BAR_LEVELS:
        parts = (positions[position], hints[hint], plans[plan])
        needed = fixed + sum(part.cell_length + BAR_PADDING for part in parts if part is not None)
        if needed <= width:
            chosen = parts
            break
    return chosen


def slide_for_place(deck: Sequence[Slide], place: Place) -> int | None:
    """The index of the slide that shows *place*, if one does."""
    wanted = {
        "section": f"section:{place.item}",
        "actor": "actors",
        "actors": "actors",
        "scoreboard": f"scoreboard:{place.item}",
        "timeline": "timeline",
        "overview": "title",
    }.get(place.view)
    return next((index for index, slide in enumerate(deck) if slide.key == wanted), None)


def over_plan(plan: Plan, index: int, elapsed: float) -> bool:
    """True when *elapsed* seconds is past the time planned up to the end of slide *index*."""
    planned = plan.through(index) * 60
    return planned > 0 and elapsed > planned


class PresentScreen(BriefingScreen[None]):
    """Slides, full screen, with a one-line bar: position, plan, timer, followers.

    Every change is published to *channels* (the share and the notes
    channel), so followers and ``briefing notes`` move with the presenter.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,right,pagedown,n", "move(1)", "Next slide", id="present.next"),
        Binding("left,pageup,p", "move(-1)", "Previous slide", id="present.previous"),
        Binding("home", "first", "First slide", id="present.first"),
        Binding("end", "last", "Last slide", id="present.last"),
        Binding("g", "go_to", "Go to slide…", id="present.go-to"),
        Binding("o", "overview", "Slide overview", id="present.overview"),
        Binding("enter", "go_typed", "Go to the slide number typed", id="present.go-typed"),
        Binding(
            "escape", "forget_typed", "Forget the number typed", show=False, id="present.forget"
        ),
        Binding("b", "blank", "Blank the screen", id="present.blank"),
        Binding("t", "toggle_timer", "Start/pause the timer", id="present.timer"),
        Binding("r", "reset_timer", "Reset the timer", id="present.reset-timer"),
        Binding("c", "join_panel", "Show how to join over SSH", id="present.join"),
        Binding("down,j", "scroll(1)", "Scroll a long slide", show=False, id="present.down"),
        Binding("up,k", "scroll(-1)", "Scroll a long slide back", show=False, id="present.up"),
    ]
    HELP_GROUP = "Presenting"

    index: reactive[int] = reactive(0, init=False)
    """The slide shown (0-based)."""
    blank: reactive[bool] = reactive(False, init=False)
    """True while the screen is blanked."""
    typed: reactive[str] = reactive("", init=False)
    """Digits typed so far toward "go to slide"."""
    followers: reactive[int | None] = reactive(None, init=False)
    """Followers of the share, or None when not sharing."""
    ending: reactive[bool] = reactive(False, init=False)
    """True while ``q`` asks whether to end the talk for the followers."""

    def __init__(
        self,
        deck: Sequence[Slide],
        stopwatch: Stopwatch,
        channels: Sequence[Presenter] = (),
        join: JoinInstructions | None = None,
    ) -> None:
        super().__init__()
        self.join = join
        self.deck = deck
        self.plan = Plan.of(deck)
        self.stopwatch = stopwatch
        self.channels = tuple(channels)
        self._shown_time = ""
        self._ticker: Timer | None = None

    def compose(self) -> ComposeResult:
        yield SlideView(self.deck, id="slide")
        yield Static(
            Content() if self.join is None else self.join.panel(),
            id="present-join-panel",
            classes="slide-panel",
        )
        yield Static("", id="present-end", classes="slide-question")
        with Horizontal(classes="slide-bar", id="present-bar"):
            yield Static("", id="present-position")
            yield Static("", id="present-hint", classes="-grow -muted")
            yield Static("", id="present-plan", classes="-muted")
            yield Static("", id="present-elapsed")
            yield Static("", id="present-followers", classes="-muted")
            if self.join is not None and self.join.code:
                yield Static(Content(f"code {self.join.code}"), id="present-code")

    def on_mount(self) -> None:
        # The clock is repainted once a second, only while it runs.
        self._ticker = self.set_interval(1.0, self.show_time, pause=True)
        self.query_one(SlideView).index = self.index
        self._show_position()
        self._show_hint()
        self._show_followers()
        self.show_time()
        self._publish_slide()
        self._publish_timer()

    @property
    def slide(self) -> Slide:
        """The slide shown."""
        return self.deck[self.index]

    # Moving --------------------------------------------------------------

    def go(self, index: int) -> None:
        """Show slide *index* (clamped to the deck)."""
        self.index = max(0, min(index, len(self.deck) - 1))

    def watch_index(self) -> None:
        self.query_one(SlideView).index = self.index
        self._show_position()
        self.show_time()
        self._publish_slide()

    def action_move(self, step: int) -> None:
        """Go to the next or previous slide."""
        self.typed = ""
        if not 0 <= self.index + step < len(self.deck):
            edge = "last" if step > 0 else "first"
            self.notify(f"This is the {edge} slide", timeout=2, markup=False)
            return
        self.go(self.index + step)

    def action_first(self) -> None:
        """Go to the first slide."""
        self.typed = ""
        self.go(0)

    def action_last(self) -> None:
        """Go to the last slide."""
        self.typed = ""
        self.go(len(self.deck) - 1)

    def action_go_to(self) -> None:
        """Ask for a slide by number or title."""
        self.typed = ""
        self.app.push_screen(GoToSlideScreen(self.deck), self._chosen)

    def action_overview(self) -> None:
        """Show every slide; the one chosen is presented."""
        self.typed = ""
        self.app.push_screen(SlideOverviewScreen(self.deck, self.index), self._chosen)

    @reports_failures("Go to slide")
    def _chosen(self, index: int | None) -> None:
        if index is not None:
            self.go(index)

    # Ending the talk ---------------------------------------------------

    def end_talk(self) -> None:
        """Quit; with followers connected, ask first (the answer is the next key)."""
        if self.followers:
            self.ending = True
        else:
            self.app.call_next(self.app.action_quit)

    def watch_ending(self, ending: bool) -> None:
        question = self.query_one("#present-end", Static)
        question.update(Content(end_question(self.followers or 0)) if ending else Content())
        question.display = ending

    def _answer_end(self, event: events.Key) -> None:
        """Take the key pressed while asked whether to end the talk: q or y ends it."""
        self.ending = False
        if event.key == "ctrl+c":
            return  # Textual's own: it says how to quit, as it always does.
        event.stop()
        event.prevent_default()
        if event.key in ("q", "y"):
            self.app.call_next(self.app.action_quit)

    @reports_failures("Typing a slide number")
    def on_key(self, event: events.Key) -> None:
        if self.ending:
            self._answer_end(event)
            return
        # Digits build up a slide number for enter; they are keys, not
        # bindings, because one binding cannot know which digit was pressed.
        character = event.character
        if character is None or not event.is_printable or not character.isdigit():
            return
        event.stop()
        if slide_number(character) is None:
            # ², ③ and other scripts' digits: int() would take some, but not all.
            self.notify(
                f"{character} is not one of the digits 0–9 a slide number is typed with",
                timeout=3,
                markup=False,
            )
        elif len(self.typed) < MAX_TYPED_DIGITS:
            self.typed += character

    def action_go_typed(self) -> None:
        """Go to the slide whose number was typed."""
        typed, self.typed = self.typed, ""
        number = slide_number(typed)
        if number is None:
            self.notify("Type a slide number first, then enter", timeout=2, markup=False)
        elif 1 <= number <= len(self.deck):
            self.go(number - 1)
        else:
            self.notify(f"There is no slide {number}", timeout=2, markup=False)

    def action_forget_typed(self) -> None:
        """Forget the digits typed so far."""
        self.typed = ""

    def watch_typed(self) -> None:
        self._show_hint()

    def action_scroll(self, step: int) -> None:
        """Scroll a slide too long for the screen."""
        self.query_one(SlideView).scroll_relative(y=step, animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the join panel only while serving over SSH."""
        if action == "join_panel" and self.join is None:
            return False
        return super().check_action(action, parameters)

    def action_join_panel(self) -> None:
        """Show or hide how to join: the ssh command, the join code and the host key."""
        panel = self.query_one("#present-join-panel", Static)
        panel.display = not panel.display

    # Blank and timer -----------------------------------------------------

    def action_blank(self) -> None:
        """Blank the screen, or bring the slide back."""
        self.blank = not self.blank

    def watch_blank(self, blank: bool) -> None:
        self.query_one(SlideView).blank = blank
        self._show_hint()
        for channel in self.channels:
            channel.publish_blank(blank)

    def action_toggle_timer(self) -> None:
        """Start or pause the timer."""
        self.stopwatch.toggle()
        self._timer_changed()

    def action_reset_timer(self) -> None:
        """Set the timer back to zero."""
        self.stopwatch.reset()
        self._timer_changed()

    def _timer_changed(self) -> None:
        assert self._ticker is not None
        if self.stopwatch.running:
            self._ticker.reset()
            self._ticker.resume()
        else:
            self._ticker.pause()
        self.show_time()
        self._publish_timer()

    def show_time(self) -> None:
        """Repaint the clock, and only the clock, if its text changed."""
        elapsed = self.stopwatch.elapsed
        symbol = "▶" if self.stopwatch.running else "‖"
        text = f"{symbol} {format_duration(elapsed)}"
        clock = self.query_one("#present-elapsed", Static)
        clock.set_class(over_plan(self.plan, self.index, elapsed), "-over")
        if text != self._shown_time:
            widened = len(text) != len(self._shown_time)
            self._shown_time = text
            clock.update(Content(text))
            if widened:
                # Past an hour the clock takes more room: the rest of the bar makes it.
                self._fit_bar()

    # The bar -------------------------------------------------------------

    def _show_position(self) -> None:
        self._fit_bar()

    def _show_hint(self) -> None:
        self._fit_bar()

    def watch_followers(self) -> None:
        self._show_followers()

    def _show_followers(self) -> None:
        label = self.query_one("#present-followers", Static)
        label.display = self.followers is not None
        if self.followers is not None:
            label.update(Content(followers_text(self.followers)))
        self._fit_bar()

    def on_resize(self) -> None:
        self._fit_bar()

    def _hints(self) -> tuple[Content, Content, Content]:
        """The hint in the bar, fullest form first: the digits typed, blank, or the help key."""
        if self.typed:
            digits = (self.typed, "bold")
            return (
                Content.assemble("Go to slide ", digits, "  (enter)"),
                Content.assemble("Go to ", digits, " (enter)"),
                Content.assemble("Go to ", digits),
            )
        if self.blank:
            return (
                Content.styled("blank — b to show the slide", "bold"),
                Content.styled("blank — b to show", "bold"),
                Content.styled("blank", "bold"),
            )
        return (Content("? keys"), Content("? keys"), Content())

    def _plans(self) -> tuple[Content | None, Content | None, Content | None]:
        """The plan in the bar, fullest form first; None where it is not shown."""
        if not self.plan.is_planned:
            return (None, None, None)
        through = format_duration(self.plan.through(self.index) * 60)
        total = format_duration(self.plan.total * 60)
        return (Content(f"plan {through} of {total}"), Content(f"plan {through}"), None)

    def _fit_bar(self) -> None:
        """Lay the bar out for the screen's width, shortening its less important parts first."""
        if not self.is_mounted:
            return
        fixed = len(self._shown_time) + BAR_PADDING
        if self.followers is not None:
            fixed += len(followers_text(self.followers)) + BAR_PADDING
        if self.join is not None and self.join.code:
            fixed += len(f"code {self.join.code}") + BAR_PADDING
        number = f"{self.index + 1}/{len(self.deck)}"
        position, hint, plan = fit_bar(
            self.app.size.width,
            (Content(f"Slide {number}"), Content(number)),
            self._hints(),
            self._plans(),
            fixed,
        )
        self.query_one("#present-position", Static).update(position)
        self.query_one("#present-hint", Static).update(hint)
        label = self.query_one("#present-plan", Static)
        label.display = plan is not None
        if plan is not None:
            label.update(plan)

    # Publishing ----------------------------------------------------------

    def _publish_slide(self) -> None:
        slide = self.slide
        for channel in self.channels:
            channel.publish_slide(self.index, slide.key, slide.title)

    def _publish_timer(self) -> None:
        for channel in self.channels:
            channel.publish_timer(self.stopwatch.running, self.stopwatch.elapsed)
