"""Test yourself: a quiz over the briefing's questions, flashcards over its glossary."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from briefing_tui.core.study.practice import Card, History, history_line, record_line
from briefing_tui.ui.widgets.key_footer import KeyFooter
from briefing_tui.ui.widgets.markdown_text import MarkdownText

Answer = tuple[str, bool]
"""A card's key, and whether the reader knew its answer."""


class CardScreen(Screen[list[Answer]]):
    """Go through cards: reveal the answer, say whether you knew it, see the score.

    The cards come in the order given (see
    :func:`~briefing_tui.core.study.practice.practice_order`), each with what
    *history* says of the reader's earlier answers. Dismisses with the
    answers given, in order, for the study data.
    """

    CSS_PATH = "quiz.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "reveal", "Show answer", id="quiz.reveal"),
        Binding("y", "answer(True)", "I knew it", id="quiz.right"),
        Binding("n", "answer(False)", "I did not", id="quiz.wrong"),
        Binding("l,right", "skip", "Skip", id="quiz.skip"),
        Binding("r", "again", "Wrong ones again", id="quiz.again"),
        Binding("escape,q", "finish", "Finish", id="quiz.finish"),
    ]
    HELP_GROUP = "Quiz"

    def __init__(
        self,
        title: str,
        cards: list[Card],
        history: History | None = None,
        on_answer: Callable[[str, bool], None] | None = None,
    ) -> None:
        """*on_answer* is told each answer as it is given (card key, knew it)."""
        super().__init__()
        self._on_answer = on_answer
        self.title_text = title
        self.cards = list(cards)
        self.history: History = history or {}
        self.index = 0
        self.revealed = False
        self.answers: list[Answer] = []
        self._round: list[Answer] = []
        self._record = record_line(self.cards, self.history)
        """The reader's last answers before this run, said once at the top."""

    def compose(self) -> ComposeResult:
        with Vertical(id="card"):
            yield Static("", id="card-progress", markup=False)
            yield Static("", id="card-prompt", markup=False)
            yield Static("", id="card-history", markup=False)
            with VerticalScroll(id="card-answer-box"):
                yield MarkdownText(id="card-answer")
                yield Static("", id="card-also", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()

    @property
    def finished(self) -> bool:
        """True once every card of the round is answered."""
        return self.index >= len(self.cards)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only what can be done now: the footer shows these keys, no others."""
        practising = bool(self.cards) and not self.finished
        if action == "reveal":
            return practising and not self.revealed
        if action == "answer":
            return practising and self.revealed
        if action == "skip":
            return practising and self.index < len(self.cards) - 1
        if action == "again":
            return self.finished and any(not correct for _, correct in self._round)
        return True

    def _show(self) -> None:
        self.refresh_bindings()
        prompt = self.query_one("#card-prompt", Static)
        history = self.query_one("#card-history", Static)
        answer = self.query_one("#card-answer", MarkdownText)
        progress = self.query_one("#card-progress", Static)
        if not self.cards:
            progress.update(Content(self.title_text))
            prompt.update(Content("Nothing to practise in this briefing."))
            history.update(Content(""))
            answer.update("")
            return
        if self.finished:
            right = sum(1 for _, correct in self._round if correct)
            progress.update(Content(f"{self.title_text} — done"))
            prompt.update(Content(f"Score: {right} of {len(self._round)} right"))
            history.update(Content(f"Before this run: {self._record}"))
            answer.update("")
            return
        card = self.cards[self.index]
        progress.update(
            Content(f"{self.title_text} — {self.index + 1} of {len(self.cards)} · {self._record}")
        )
        prompt.update(Content(card.prompt))
        history.update(Content(history_line(self.history.get(card.key))))
        answer.update(card.answer if self.revealed else "")
        also = self.query_one("#card-also", Static)
        also.display = self.revealed and bool(card.also)
        # Other names are plain text: never Markdown, as they are nowhere else.
        also.update(Content.assemble(("Also: ", "italic"), ", ".join(card.also)))

    def action_reveal(self) -> None:
        """Show the answer to the current card."""
        self.revealed = True
        self._show()

    def action_answer(self, correct: bool) -> None:
        """Record whether the reader knew the answer, and go to the next card."""
        answer = (self.cards[self.index].key, correct)
        # Told at once, not when the quiz closes: quitting the app keeps it.
        if self._on_answer is not None:
            self._on_answer(*answer)
        self.answers.append(answer)
        self._round.append(answer)
        self.index += 1
        self.revealed = False
        self._show()

    def action_skip(self) -> None:
        """Leave the current card unanswered for now: it comes again at the end of the round."""
        self.cards.append(self.cards.pop(self.index))
        self.revealed = False
        self._show()

    def action_again(self) -> None:
        """Start a new round with the cards answered wrong."""
        wrong = {key for key, correct in self._round if not correct}
        self.cards = [card for card in self.cards if card.key in wrong]
        self.index = 0
        self._round = []
        self._show()

    def action_finish(self) -> None:
        """Leave, keeping every answer given."""
        self.dismiss(self.answers)
