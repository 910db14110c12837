"""The review queue: which cards are due, new cards per day, the order of practice."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing_tui.core.content.loader import parse_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.due import (
    DueSummary,
    due_summary,
    format_wait,
    practice_order,
    review_queue,
    sections_with_due_cards,
)
from briefing_tui.core.study.practice import (
    Card,
    all_cards,
    authored_cards,
    glossary_cards,
    quiz_cards,
    section_cards,
)
from briefing_tui.core.study.store import CardRecord, Review, Schedule

NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone.utc)


def briefing_with(questions: int, cards: int = 0) -> Briefing:
    parts = [
        'format = 1\n[briefing]\nid = "q"\ntitle = "Q"\n',
        '[[sections]]\nid = "one"\ntitle = "One"\nbody = "B"\n',
        '[[sections]]\nid = "two"\ntitle = "Two"\nbody = "B"\n',
        '[[glossary]]\nterm = "Zeta"\ndefinition = "Z."\n',
        '[[glossary]]\nterm = "alpha"\ndefinition = "A."\n',
    ]
    for number in range(questions):
        section = "one" if number % 2 == 0 else "two"
        parts.append(
            f'[[questions]]\nprompt = "Q{number}?"\nanswer = "A{number}."\nsection = "{section}"\n'
        )
    for number in range(cards):
        parts.append(f'[[cards]]\nfront = "F{number}"\nback = "B{number}"\nsection = "two"\n')
    return parse_briefing("\n".join(parts), "q.toml")


def scheduled(due: dt.datetime, *, first_review: dt.datetime | None = None) -> CardRecord:
    reviewed = first_review or due - dt.timedelta(days=3)
    return CardRecord(
        schedule=Schedule(
            state="review",
            stability=3.0,
            difficulty=5.0,
            due=due,
            last_review=due - dt.timedelta(days=3),
        ),
        reviews=[Review(at=reviewed, rating=3)],
    )


def keys(cards: list[Card]) -> list[str]:
    return [card.key for card in cards]


def test_every_question_term_and_card_is_a_card() -> None:
    briefing = briefing_with(questions=2, cards=1)
    cards = all_cards(briefing)
    assert keys(cards) == keys(quiz_cards(briefing) + glossary_cards(briefing)) + keys(
        authored_cards(briefing)
    )
    assert [card.prompt for card in glossary_cards(briefing)] == ["alpha", "Zeta"]
    (authored,) = authored_cards(briefing)
    assert (authored.prompt, authored.answer, authored.section) == ("F0", "B0", "two")
    assert [card.section for card in quiz_cards(briefing)] == ["one", "two"]


def test_a_section_s_cards_are_its_questions_and_the_author_s_cards() -> None:
    briefing = briefing_with(questions=4, cards=2)
    assert [card.prompt for card in section_cards(briefing, "two")] == ["Q1?", "Q3?", "F0", "F1"]
    assert [card.prompt for card in section_cards(briefing, "one")] == ["Q0?", "Q2?"]


def test_due_cards_come_first_most_overdue_first_then_new_ones_up_to_the_day_s_limit() -> None:
    briefing = briefing_with(questions=30)
    cards = quiz_cards(briefing)
    records = {
        cards[5].key: scheduled(NOW - dt.timedelta(hours=1)),
        cards[7].key: scheduled(NOW - dt.timedelta(days=2)),
        cards[9].key: scheduled(NOW + dt.timedelta(hours=1)),  # not due yet
    }
    queue = review_queue(cards, records, NOW, new_per_day=20)
    assert keys(queue[:2]) == [cards[7].key, cards[5].key]
    new = [card for card in cards if card.key not in records]
    assert keys(queue[2:]) == keys(new[:20])


def test_new_cards_seen_today_count_against_the_limit() -> None:
    briefing = briefing_with(questions=30)
    cards = quiz_cards(briefing)
    today = NOW - dt.timedelta(hours=2)
    records = {
        card.key: scheduled(NOW + dt.timedelta(minutes=10), first_review=today)
        for card in cards[:15]
    }
    queue = review_queue(cards, records, NOW, new_per_day=20)
    assert keys(queue) == keys(cards[15:20])
    assert review_queue(cards, records, NOW, new_per_day=10) == []


def test_the_summary_says_what_is_due_what_is_new_and_when_the_next_review_is() -> None:
    briefing = briefing_with(questions=3)
    cards = quiz_cards(briefing)
    records = {
        cards[0].key: scheduled(NOW - dt.timedelta(minutes=1)),
        cards[1].key: scheduled(NOW + dt.timedelta(hours=5)),
    }
    summary = due_summary(cards, records, NOW, new_per_day=20)
    assert summary == DueSummary(due=1, new=1, next_due=NOW + dt.timedelta(hours=5))
    assert summary.text(NOW) == "1 due · 1 new · next review in 5 hours"
    later = {cards[1].key: scheduled(NOW + dt.timedelta(days=3))}
    assert (
        due_summary(cards[1:2], later, NOW, 20).text(NOW) == "0 due · 0 new · next review in 3 days"
    )
    assert due_summary(cards, {}, NOW, new_per_day=2).text(NOW) == "0 due · 2 new"


@pytest.mark.parametrize(
    ("wait", "said"),
    [
        (dt.timedelta(seconds=20), "less than a minute"),
        (dt.timedelta(minutes=1), "1 minute"),
        (dt.timedelta(minutes=10), "10 minutes"),
        (dt.timedelta(minutes=59, seconds=59), "59 minutes"),
        (dt.timedelta(hours=1), "1 hour"),
        (dt.timedelta(hours=23), "23 hours"),
        (dt.timedelta(days=1), "1 day"),
        (dt.timedelta(days=2, hours=20), "2 days"),
        (dt.timedelta(days=45), "45 days"),
        (dt.timedelta(days=95), "3 months"),
        (dt.timedelta(days=800), "2 years"),
    ],
)
def test_waits_are_said_in_words(wait: dt.timedelta, said: str) -> None:
    assert format_wait(wait) == said


def test_waits_are_said_short_where_room_is_short() -> None:
    waits = [dt.timedelta(seconds=5), dt.timedelta(minutes=10), dt.timedelta(hours=3)]
    waits += [dt.timedelta(days=8), dt.timedelta(days=95), dt.timedelta(days=800)]
    short = [format_wait(wait, short=True) for wait in waits]
    assert short == ["<1 min", "10 min", "3 h", "8 d", "3 mo", "2 y"]


def test_sections_with_due_cards_are_those_of_due_questions_and_cards() -> None:
    briefing = briefing_with(questions=2, cards=1)
    questions = quiz_cards(briefing)
    (authored,) = authored_cards(briefing)
    terms = glossary_cards(briefing)
    records = {
        questions[0].key: scheduled(NOW + dt.timedelta(days=1)),  # section one, not due
        authored.key: scheduled(NOW - dt.timedelta(minutes=5)),  # section two, due
        terms[0].key: scheduled(NOW - dt.timedelta(days=1)),  # no section
    }
    assert sections_with_due_cards(all_cards(briefing), records, NOW) == {"two"}


def test_practice_goes_through_every_card_due_ones_first_then_new_then_the_rest() -> None:
    briefing = briefing_with(questions=5)
    cards = quiz_cards(briefing)
    records = {
        cards[0].key: scheduled(NOW + dt.timedelta(days=9)),
        cards[1].key: scheduled(NOW + dt.timedelta(days=2)),
        cards[2].key: scheduled(NOW - dt.timedelta(days=1)),
    }
    order = practice_order(cards, records, NOW)
    assert keys(order) == [cards[i].key for i in (2, 3, 4, 1, 0)]


def test_a_reset_card_with_reviews_but_no_schedule_is_new_again() -> None:
    briefing = briefing_with(questions=2)
    cards = quiz_cards(briefing)
    records = {cards[0].key: CardRecord(reviews=[Review(at=NOW - dt.timedelta(days=4), rating=3)])}
    assert keys(review_queue(cards, records, NOW, new_per_day=20)) == keys(cards)
    assert due_summary(cards, records, NOW, 20) == DueSummary(due=0, new=2, next_due=None)
