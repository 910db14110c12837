"""Test yourself: a quiz over the briefing's questions, flashcards over its glossary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.store import question_key
from briefing_tui.ui.widgets.markdown_text import MarkdownText


@dataclass(frozen=True)
class Card:
    """One prompt and its answer; *key* identifies it in the study data."""

    key: str
    prompt: str
    answer: str
    """Markdown."""


def quiz_cards(briefing: Briefing) -> list[Card]:
    """A card per self-test question."""
    return [Card(question_key(q), q.prompt, q.answer) for q in briefing.questions]


def flashcards(briefing: Briefing) -> list[Card]:
    """A card per glossary term: the term, then its definition."""
    cards = []
    for term in sorted(briefing.glossary, key=lambda term: term.term.casefold()):
        answer = term.definition
        if term.aliases:
            answer += "\n\n*Also:* " + ", ".join(term.aliases)
        cards.append(Card(f"term:{term.slug}", term.term, answer))
    return cards


Answer = tuple[str, bool]


class CardScreen(Screen[list[Answer]]):
    """Go through cards: reveal the answer, say whether you knew it, see the score.

    Dismisses with the answers given, in order, for the study data.
    """

    CSS_PATH = "quiz.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "reveal", "Show answer", id="quiz.reveal"),
        Binding("y", "answer(True)", "I knew it", id="quiz.right"),
        Binding("n", "answer(False)", "I did not", id="quiz.wrong"),
        Binding("r", "again", "Wrong ones again", id="quiz.again"),
        Binding("escape,q", "finish", "Finish", id="quiz.finish"),
    ]
    HELP_GROUP = "Quiz"

    def __init__(self, title: str, cards: list[Card]) -> None:
        super().__init__()
        self.title_text = title
        self.cards = list(cards)
        self.index = 0
        self.revealed = False
        self.answers: list[Answer] = []
        self._round: list[Answer] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="card"):
            yield Static("", id="card-progress", markup=False)
            yield Static("", id="card-prompt", markup=False)
            with VerticalScroll(id="card-answer-box"):
                yield MarkdownText(id="card-answer")
            yield Static("", id="card-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    @property
    def finished(self) -> bool:
        """True once every card of the round is answered."""
        return self.index >= len(self.cards)

    def _show(self) -> None:
        prompt = self.query_one("#card-prompt", Static)
        answer = self.query_one("#card-answer", MarkdownText)
        hint = self.query_one("#card-hint", Static)
        progress = self.query_one("#card-progress", Static)
        if not self.cards:
            progress.update(Content(self.title_text))
            prompt.update(Content("Nothing to practise in this briefing."))
            answer.update("")
            hint.update(Content("escape: back"))
            return
        if self.finished:
            right = sum(1 for _, correct in self._round if correct)
            progress.update(Content(f"{self.title_text} — done"))
            prompt.update(Content(f"Score: {right} of {len(self._round)} right"))
            answer.update("")
            wrong = len(self._round) - right
            hint.update(
                Content(f"r: the {wrong} wrong one{'s' if wrong != 1 else ''} again · escape: back")
                if wrong
                else Content("All right! escape: back")
            )
            return
        card = self.cards[self.index]
        progress.update(Content(f"{self.title_text} — {self.index + 1} of {len(self.cards)}"))
        prompt.update(Content(card.prompt))
        answer.update(card.answer if self.revealed else "")
        hint.update(
            Content("y: I knew it · n: I did not")
            if self.revealed
            else Content("space: show the answer")
        )

    def action_reveal(self) -> None:
        """Show the answer to the current card."""
        if not self.finished and self.cards:
            self.revealed = True
            self._show()

    def action_answer(self, correct: bool) -> None:
        """Record whether the reader knew the answer, and go to the next card."""
        if self.finished or not self.revealed:
            return
        answer = (self.cards[self.index].key, correct)
        self.answers.append(answer)
        self._round.append(answer)
        self.index += 1
        self.revealed = False
        self._show()

    def action_again(self) -> None:
        """Start a new round with the cards answered wrong."""
        if not self.finished:
            return
        wrong = {key for key, correct in self._round if not correct}
        if not wrong:
            return
        self.cards = [card for card in self.cards if card.key in wrong]
        self.index = 0
        self._round = []
        self._show()

    def action_finish(self) -> None:
        """Leave, keeping every answer given."""
        self.dismiss(self.answers)
