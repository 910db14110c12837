"""The cards a reader studies, and what the reader's record of them says.

Every question of the briefing, every term of its glossary and every card
the author wrote (``[[cards]]``) is a card. Each has a study key
(:func:`~briefing_tui.core.study.store.question_key`, ``term:KEY``,
:func:`~briefing_tui.core.study.store.card_key`) under which the study data
keeps its tally (:class:`~briefing_tui.core.study.store.QuizResult`) and its
spaced-repetition record. Which card comes when is
:mod:`briefing_tui.core.study.due`'s business.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.store import QuizResult, card_key, question_key

History = Mapping[str, QuizResult | None]
"""Card key -> the reader's results on it (None, or no entry, when never answered)."""


@dataclass(frozen=True)
class Card:
    """One prompt and its answer; *key* identifies it in the study data."""

    key: str
    prompt: str
    answer: str
    """Markdown."""
    also: tuple[str, ...] = ()
    """Other names of what the card asks about (a term's aliases): plain text."""
    section: str | None = None
    """The id of the section the card tests, if it names one."""

    @property
    def takes_typed_answer(self) -> bool:
        """True for a question, which the reader may answer in words before seeing the answer."""
        return self.key.startswith("question:")


def quiz_cards(briefing: Briefing) -> list[Card]:
    """A card per self-test question, in the briefing's order."""
    return [
        Card(question_key(q), q.prompt, q.answer, section=q.section) for q in briefing.questions
    ]


def glossary_cards(briefing: Briefing) -> list[Card]:
    """A card per glossary term, alphabetically: the term, then its definition."""
    cards = []
    for term in sorted(briefing.glossary, key=lambda term: term.term.casefold()):
        cards.append(Card(f"term:{term.slug}", term.term, term.definition, term.aliases))
    return cards


def authored_cards(briefing: Briefing) -> list[Card]:
    """A card per ``[[cards]]`` table, in the briefing's order."""
    return [
        Card(card_key(card), card.front, card.back, section=card.section) for card in briefing.cards
    ]


def all_cards(briefing: Briefing) -> list[Card]:
    """Every card of the briefing, once each: questions, terms, then the author's cards.

    Two questions (or two cards) that ask the same share a key, and one
    schedule: the first is kept (``briefing lint`` warns about the others).
    """
    unique: dict[str, Card] = {}
    for card in (*quiz_cards(briefing), *glossary_cards(briefing), *authored_cards(briefing)):
        unique.setdefault(card.key, card)
    return list(unique.values())


def section_cards(briefing: Briefing, section_id: str) -> list[Card]:
    """The cards that test the section *section_id*: its questions, then the author's cards."""
    return [card for card in all_cards(briefing) if card.section == section_id]


def history_line(result: QuizResult | None) -> str:
    """How the reader did on one card, in words."""
    if result is None:
        return "New: not answered before"
    last = "knew it" if result.last_correct else "did not know it"
    answered = result.right + result.wrong
    times = "time" if answered == 1 else "times"
    return f"Last time: {last} · known {result.right} of {answered} {times}"


def record_line(cards: Sequence[Card], history: History) -> str:
    """The reader's last answer to each of *cards*, counted, in words."""
    results = [history.get(card.key) for card in cards]
    right = sum(1 for result in results if result is not None and result.last_correct)
    wrong = sum(1 for result in results if result is not None and not result.last_correct)
    new = len(results) - right - wrong
    if not right and not wrong:
        return f"All {new} new"
    return f"Your last answers: {right} right, {wrong} wrong, {new} new"
