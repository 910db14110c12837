"""Self-test: the cards of the quiz and of the flashcards, their order, and the reader's record.

The quiz asks the briefing's questions; the flashcards show its glossary's
terms. Each card has a study key (:func:`~briefing_tui.core.study.store.question_key`
for a question, ``term:KEY`` for a term) under which the study data keeps
how the reader did (:class:`~briefing_tui.core.study.store.QuizResult`).

:func:`practice_order` decides which card comes when: the ones the reader
got wrong last time, then the ones never seen, then the ones known, those
known longest ago first. A scheduler (spaced repetition, a review queue)
replaces this one function and keeps the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.store import QuizResult, question_key

History = Mapping[str, QuizResult | None]
"""Card key -> the reader's results on it (None, or no entry, when never answered)."""

_LONG_AGO = dt.datetime.min.replace(tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class Card:
    """One prompt and its answer; *key* identifies it in the study data."""

    key: str
    prompt: str
    answer: str
    """Markdown."""
    also: tuple[str, ...] = ()
    """Other names of what the card asks about (a term's aliases): plain text."""


def quiz_cards(briefing: Briefing) -> list[Card]:
    """A card per self-test question, in the briefing's order."""
    return [Card(question_key(q), q.prompt, q.answer) for q in briefing.questions]


def glossary_cards(briefing: Briefing) -> list[Card]:
    """A card per glossary term, alphabetically: the term, then its definition."""
    cards = []
    for term in sorted(briefing.glossary, key=lambda term: term.term.casefold()):
        cards.append(Card(f"term:{term.slug}", term.term, term.definition, term.aliases))
    return cards


def practice_order(cards: Sequence[Card], history: History) -> list[Card]:
    """*cards* in the order to practise them.

    First the cards answered wrong last time, then the ones never answered,
    then the ones answered right; within each, the one answered longest ago
    first, and otherwise the order of *cards*.
    """

    def priority(card: Card) -> tuple[int, dt.datetime]:
        result = history.get(card.key)
        if result is None:
            return 1, _LONG_AGO
        return (2 if result.last_correct else 0), result.last_answered

    return sorted(cards, key=priority)


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
