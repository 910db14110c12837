"""Self-test: the cards, and what the reader's history says (their order: test_due.py)."""

from __future__ import annotations

import datetime as dt

from briefing_tui.core.content.loader import briefing_from_data
from briefing_tui.core.study.practice import (
    Card,
    glossary_cards,
    history_line,
    quiz_cards,
    record_line,
)
from briefing_tui.core.study.store import QuizResult, question_key

BRIEFING = briefing_from_data(
    {
        "format": 1,
        "briefing": {"id": "practice", "title": "Practice"},
        "sections": [{"id": "only", "title": "Only", "body": "Text."}],
        "glossary": [
            {"term": "Zebra crossing", "definition": "Stripes.", "aliases": ["crosswalk"]},
            {"term": "aardvark", "definition": "An animal."},
        ],
        "questions": [
            {"prompt": f"Question {number}?", "answer": f"Answer {number}."}
            for number in range(1, 6)
        ],
    }
)


def result(*, right: int, wrong: int, last: bool, day: int) -> QuizResult:
    moment = dt.datetime(2026, 1, day, tzinfo=dt.timezone.utc)
    return QuizResult(right=right, wrong=wrong, last_correct=last, last_answered=moment)


def test_a_quiz_card_per_question_and_a_flashcard_per_term() -> None:
    cards = quiz_cards(BRIEFING)
    assert [card.prompt for card in cards] == [f"Question {n}?" for n in range(1, 6)]
    assert cards[0].key == question_key(BRIEFING.questions[0])
    terms = glossary_cards(BRIEFING)
    assert [card.prompt for card in terms] == ["aardvark", "Zebra crossing"]
    # Other names stay plain text, apart from the Markdown definition.
    assert terms[1] == Card("term:zebra crossing", "Zebra crossing", "Stripes.", ("crosswalk",))


def test_the_history_of_a_card_in_words() -> None:
    assert history_line(None) == "New: not answered before"
    assert history_line(result(right=2, wrong=1, last=False, day=1)) == (
        "Last time: did not know it · known 2 of 3 times"
    )
    assert history_line(result(right=1, wrong=0, last=True, day=1)) == (
        "Last time: knew it · known 1 of 1 time"
    )


def test_the_last_results_of_a_deck_in_words() -> None:
    cards = quiz_cards(BRIEFING)
    history = {
        cards[0].key: result(right=1, wrong=0, last=True, day=1),
        cards[1].key: result(right=0, wrong=1, last=False, day=1),
        "question:0000000000000000": result(right=1, wrong=0, last=True, day=1),
    }
    assert record_line(cards, history) == "Your last answers: 1 right, 1 wrong, 3 new"
    assert record_line(cards, {}) == "All 5 new"
