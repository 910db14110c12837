"""Study cards: reveal the answer, rate how well you recalled it, see when it comes back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import ClassVar

from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from briefing_tui.core.content.text import neutralise
from briefing_tui.core.study.due import LEARN_AHEAD, Records, due_line, format_wait
from briefing_tui.core.study.practice import Card, History, history_line, record_line
from briefing_tui.core.study.store import RATINGS, CardRecord, Rating, Schedule
from briefing_tui.ui.widgets.key_footer import KeyFooter
from briefing_tui.ui.widgets.markdown_text import MarkdownText

OnRate = Callable[[Card, Rating, Schedule | None], CardRecord | None]
"""Told each rating as it is given, with the schedule the reader was shown for it
(None where none could be worked out); returns the card's record after it, if kept."""

MAX_TYPED_ANSWER = 2000
"""The longest answer a reader can type into a question card, in characters."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class CardBody(VerticalScroll, can_focus=False):
    """The card's prompt and answer: scrolled by the screen's keys and the mouse wheel.

    It never takes the focus, so that the rating keys and a question card's
    answer box keep theirs.
    """


class CardScreen(Screen[None]):
    """Go through cards: recall, reveal the answer, rate how well you knew it.

    The cards come in the order given (see :mod:`briefing_tui.core.study.due`).
    After the answer shows, keys ``1`` to ``4`` rate the recall (Again, Hard,
    Good, Easy) and say when each would bring the card back. A question card
    takes a typed answer first, shown beside the model answer. In a review
    (*requeue*), a card due again within minutes (a learning step) comes back
    at the end of the same review, as in Anki.
    """

    CSS_PATH = "quiz.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Enter before the box a question card has for a typed answer, which would take it.
        Binding("enter", "reveal", "Show answer", id="quiz.reveal", priority=True),
        Binding("space", "reveal", "Show answer", show=False, id="quiz.reveal-space"),
        Binding("1", "rate(1)", "Again", id="review.again"),
        Binding("2", "rate(2)", "Hard", id="review.hard"),
        Binding("3", "rate(3)", "Good", id="review.good"),
        Binding("4", "rate(4)", "Easy", id="review.easy"),
        Binding("tab,l,right", "skip", "Skip", id="quiz.skip"),
        Binding("r", "again", "Forgotten ones again", id="quiz.again"),
        Binding("escape,q", "finish", "Finish", id="quiz.finish"),
        # A long answer on a small screen: the card scrolls (a typed answer's box takes j/k).
        Binding("down,j", "scroll('down')", "Scroll down", show=False, id="quiz.down"),
        Binding("up,k", "scroll('up')", "Scroll up", show=False, id="quiz.up"),
        Binding("pagedown", "scroll('page_down')", "Page down", show=False, id="quiz.page-down"),
        Binding("pageup", "scroll('page_up')", "Page up", show=False, id="quiz.page-up"),
        Binding("home", "scroll('home')", "Top", show=False, id="quiz.top"),
        Binding("end", "scroll('end')", "Bottom", show=False, id="quiz.bottom"),
    ]
    HELP_GROUP = "Cards"
    # Nothing takes the keys unless a question card's answer box is shown (see _show):
    # "" focuses nothing, where None would take the app's choice.
    AUTO_FOCUS = ""

    def __init__(
        self,
        title: str,
        cards: list[Card],
        *,
        history: History | None = None,
        records: Records | None = None,
        on_rate: OnRate | None = None,
        clock: Callable[[], dt.datetime] = _now,
        requeue: bool = False,
        empty: str = "Nothing to practise in this briefing.",
    ) -> None:
        """Show *cards* under *title*.

        *history* and *records* are the reader's tallies and schedules, shown
        on each card; *on_rate* is told each rating at once, so that quitting
        keeps it; *empty* is what to say when there is no card at all.
        """
        super().__init__()
        self.title_text = title
        self.cards = list(cards)
        # Kept as given, empty or not: they are the study data's own tables, which grow.
        self.history: History = history if history is not None else {}
        self.records: Records = records if records is not None else {}
        self._on_rate = on_rate
        self._clock = clock
        self._requeue = requeue
        self._empty = empty
        self.index = 0
        self.revealed = False
        self._choices: dict[Rating, Schedule] = {}
        """The current card's schedule after each rating, as shown once its answer is."""
        self._revealed_at = self._clock()
        self._round: list[tuple[Card, Rating]] = []
        self._record = record_line(self.cards, self.history)
        """The reader's last answers before this run, said once at the top."""

    def compose(self) -> ComposeResult:
        with Vertical(id="card"):
            with CardBody(id="card-body"):
                yield Static("", id="card-progress", markup=False)
                yield Static("", id="card-prompt", markup=False)
                yield Static("", id="card-history", markup=False)
                yield Input(
                    placeholder="Type your answer (optional), then enter",
                    max_length=MAX_TYPED_ANSWER,
                    id="card-typed",
                )
                with Horizontal(id="card-answers"):
                    yield Static("", id="card-your-answer", markup=False)
                    with Vertical(id="card-answer-box"):
                        yield Static("", id="card-answer-heading", markup=False)
                        yield MarkdownText(id="card-answer")
                        yield Static("", id="card-also", markup=False)
            # Under the scrolling part: when each rating brings the card back stays in view.
            yield Static("", id="card-intervals", markup=False)
        yield KeyFooter()

    COMPACT_BELOW = 24
    """Screen rows under which the card drops its frame and spacing (quiz.tcss)."""

    def on_resize(self, event: events.Resize) -> None:
        # On a short screen every row goes to the prompt and its answer.
        self.set_class(event.size.height < self.COMPACT_BELOW, "-compact")

    def on_mount(self) -> None:
        if self.app.is_headless:
            # Tests and snapshots read the screen at any moment: a blinking cursor would vary.
            self.query_one("#card-typed", Input).cursor_blink = False
        self._show()

    @property
    def card(self) -> Card | None:
        """The card shown, or None once the round is over (or without cards)."""
        return self.cards[self.index] if self.index < len(self.cards) else None

    @property
    def finished(self) -> bool:
        """True once every card of the round is rated."""
        return self.index >= len(self.cards)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only what can be done now: the footer shows these keys, no others."""
        practising = self.card is not None
        if action == "reveal":
            return practising and not self.revealed
        if action == "rate":
            return practising and self.revealed
        if action == "skip":
            return practising and self.index < len(self.cards) - 1
        if action == "again":
            # A review brings forgotten cards back by itself.
            forgot = any(rating == 1 for _, rating in self._round)
            return self.finished and forgot and not self._requeue
        return True

    def _show(self) -> None:
        self.refresh_bindings()
        # Each card, and its answer, is read from the top.
        self.query_one(CardBody).scroll_home(animate=False, immediate=True)
        card = self.card
        typed = self.query_one("#card-typed", Input)
        typed.display = card is not None and card.takes_typed_answer and not self.revealed
        self.query_one("#card-answers").display = card is not None and self.revealed
        intervals = self.query_one("#card-intervals", Static)
        intervals.display = card is not None and self.revealed
        if card is None:
            self._show_end()
            return
        if self._requeue:
            left = len(self.cards) - self.index
            # A card rated Again comes back: what is left may not shrink, what is rated grows.
            rated = f" · {len(self._round)} rated" if self._round else ""
            counted = f"{left} left{rated}"
        else:
            counted = f"{self.index + 1} of {len(self.cards)} · {self._record}"
        self._say("#card-progress", f"{self.title_text} — {counted}")
        self._say("#card-prompt", card.prompt)
        self._say("#card-history", self._history_of(card))
        if typed.display:
            typed.focus()
        elif typed.has_focus:
            self.set_focus(None)
        if self.revealed:
            self._show_answer(card, typed.value)
            intervals.update(self._intervals())

    def _show_end(self) -> None:
        if not self.cards:
            self._say("#card-progress", self.title_text)
            self._say("#card-prompt", self._empty)
            self._say("#card-history", "")
            return
        known = sum(1 for _, rating in self._round if rating > 1)
        self._say("#card-progress", f"{self.title_text} — done")
        if self._requeue:
            self._say("#card-prompt", f"{len(self._round)} reviews, {known} known")
            self._say("#card-history", self._next_review())
        else:
            self._say("#card-prompt", f"Score: {known} of {len(self._round)} known")
            self._say("#card-history", f"Before this run: {self._record}")

    def _say(self, selector: str, text: str) -> None:
        self.query_one(selector, Static).update(Content(text))

    def _history_of(self, card: Card) -> str:
        result = self.history.get(card.key)
        line = history_line(result)
        due = due_line(self.records.get(card.key), self._clock())
        return f"{line} · {due}" if result is not None and due else line

    def _show_answer(self, card: Card, typed: str) -> None:
        yours = self.query_one("#card-your-answer", Static)
        yours.display = card.takes_typed_answer
        # Typed or pasted by the reader: data, never markup, and no control characters.
        yours.update(
            Content.assemble(("Your answer\n", "bold"), neutralise(typed.strip()) or "(none)")
        )
        heading = self.query_one("#card-answer-heading", Static)
        heading.display = card.takes_typed_answer
        heading.update(Content.styled("Model answer", "bold"))
        self.query_one("#card-answer", MarkdownText).update(card.answer)
        also = self.query_one("#card-also", Static)
        also.display = bool(card.also)
        # Other names are plain text: never Markdown, as they are nowhere else.
        also.update(Content.assemble(("Also: ", "italic"), ", ".join(card.also)))

    def _schedule_choices(self, card: Card) -> dict[Rating, Schedule]:
        # The scheduler (and fsrs) is imported once an answer shows, not with the app.
        from briefing_tui.core.study.scheduler import choices

        record = self.records.get(card.key)
        try:
            return choices(record.schedule if record is not None else None, self._revealed_at)
        except (ValueError, ArithmeticError, AssertionError):
            # A schedule the scheduler cannot use: rating starts the card afresh, and says so.
            return {}

    def _intervals(self) -> Content:
        """When each rating would bring the card back: ``1 Again: 1 minute``..."""
        return Content("   ").join(
            Content.assemble(
                (f"{rating} ", "bold"),
                f"{RATINGS[rating]}: {format_wait(schedule.due - self._revealed_at, short=True)}",
            )
            for rating, schedule in self._choices.items()
        )

    def _next_review(self) -> str:
        upcoming = [
            record.schedule.due
            for record in self.records.values()
            if record.schedule is not None and record.schedule.due > self._clock()
        ]
        if not upcoming:
            return ""
        return f"Next review in {format_wait(min(upcoming) - self._clock())}"

    def action_reveal(self) -> None:
        """Show the answer to the current card."""
        if self.query_one("#card-typed", Input).has_focus:
            # Keys typed just before this enter may not have reached the box yet (a
            # terminal sends a quick typist's keys at once): the box takes the enter
            # after them, and its Submitted shows the answer with all of them.
            raise SkipAction()
        self._reveal()

    @on(Input.Submitted, "#card-typed")
    def _answer_typed(self) -> None:
        self._reveal()

    def _reveal(self) -> None:
        if self.card is None or self.revealed:
            return
        self.revealed = True
        self._revealed_at = self._clock()
        self._choices = self._schedule_choices(self.card)
        # Off the answer box: the rating keys are the screen's.
        self.set_focus(None)
        self._show()

    def action_rate(self, rating: Rating) -> None:
        """Rate the recall of the current card, and go to the next one."""
        card = self.card
        if card is None or not self.revealed:
            return
        # Told at once, not when the screen closes: quitting the app keeps it.
        chosen = self._choices.get(rating)
        record = self._on_rate(card, rating, chosen) if self._on_rate is not None else None
        self._round.append((card, rating))
        schedule = record.schedule if record is not None else None
        if self._requeue and schedule is not None and schedule.due - self._clock() <= LEARN_AHEAD:
            self.cards.append(card)
        self.index += 1
        self.revealed = False
        self.query_one("#card-typed", Input).value = ""
        self._show()

    def action_skip(self) -> None:
        """Leave the current card unrated for now: it comes again at the end of the round."""
        self.cards.append(self.cards.pop(self.index))
        self.revealed = False
        self.query_one("#card-typed", Input).value = ""
        self._show()

    def action_again(self) -> None:
        """Start a new round with the cards rated Again."""
        forgotten = {card.key for card, rating in self._round if rating == 1}
        self.cards = [card for card in self.cards if card.key in forgotten]
        # A card rated twice in the round comes once.
        self.cards = list({card.key: card for card in self.cards}.values())
        self.index = 0
        self._round = []
        self._show()

    def action_scroll(self, how: str) -> None:
        """Scroll the card: ``down``, ``up``, ``page_down``, ``page_up``, ``home`` or ``end``."""
        body = self.query_one(CardBody)
        moves = {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "page_down": body.scroll_page_down,
            "page_up": body.scroll_page_up,
            "home": body.scroll_home,
            "end": body.scroll_end,
        }
        move = moves.get(how)
        if move is not None:
            move(animate=False)

    def action_finish(self) -> None:
        """Leave, keeping every rating given."""
        self.dismiss(None)
