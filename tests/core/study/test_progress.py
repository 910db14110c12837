"""Progress over time: cards by state, reviews per day, retention, the forecast; as bars."""

from __future__ import annotations

import datetime as dt

from briefing_tui.core.content.loader import parse_briefing
from briefing_tui.core.study.practice import quiz_cards
from briefing_tui.core.study.progress import bar_chart, progress, progress_rows, sparkline
from briefing_tui.core.study.store import CardRecord, Review, Schedule

NOW = dt.datetime(2026, 3, 30, 12, 0, tzinfo=dt.timezone.utc)
BRIEFING = parse_briefing(
    'format = 1\n[briefing]\nid = "p"\ntitle = "P"\n'
    '[[sections]]\nid = "s"\ntitle = "S"\nbody = "B"\n'
    + "".join(f'[[questions]]\nprompt = "Q{n}?"\nanswer = "A."\n' for n in range(6)),
    "p.toml",
)
CARDS = quiz_cards(BRIEFING)


def ago(days: int, hours: int = 0) -> dt.datetime:
    return NOW - dt.timedelta(days=days, hours=hours)


def record(state: str, due: dt.datetime, *reviews: tuple[dt.datetime, int]) -> CardRecord:
    return CardRecord(
        schedule=Schedule(
            state=state,  # type: ignore[arg-type]  # one of the three, as the tests pass them
            stability=2.0,
            difficulty=5.0,
            due=due,
            last_review=max(at for at, _ in reviews),
        ),
        reviews=[Review(at=at, rating=rating) for at, rating in reviews],
    )


RECORDS = {
    CARDS[0].key: record("review", NOW + dt.timedelta(days=3), (ago(40), 3), (ago(2), 4)),
    CARDS[1].key: record("review", ago(1), (ago(5), 3), (ago(5, 1), 1)),
    CARDS[2].key: record("learning", NOW + dt.timedelta(minutes=10), (ago(0, 1), 2)),
    CARDS[3].key: record("relearning", NOW + dt.timedelta(days=20), (ago(0, 2), 1)),
    # Reviews of a card no longer in the briefing still count among the reader's reviews.
    "question:0000000000000000": record("review", ago(3), (ago(29), 3)),
}


def test_cards_by_state() -> None:
    found = progress(CARDS, RECORDS, NOW)
    assert (found.new, found.learning, found.review) == (2, 2, 2)


def test_reviews_per_day_for_the_last_30_days_oldest_first() -> None:
    found = progress(CARDS, RECORDS, NOW)
    assert len(found.per_day) == 30
    assert found.per_day[-1] == 2  # today
    assert found.per_day[-3] == 1  # two days ago
    assert found.per_day[-6] == 2  # five days ago
    assert found.per_day[0] == 1  # 29 days ago
    assert sum(found.per_day) == found.reviews == 6  # the one 40 days ago is out


def test_retention_is_the_share_of_reviews_rated_good_or_easy() -> None:
    found = progress(CARDS, RECORDS, NOW)
    assert found.good_or_easy == 3
    assert found.retention == 0.5
    assert progress(CARDS, {}, NOW).retention is None


def test_the_forecast_counts_due_cards_for_the_next_14_days_overdue_ones_today() -> None:
    found = progress(CARDS, RECORDS, NOW)
    assert len(found.forecast) == 14
    assert found.forecast[0] == 2  # overdue since yesterday, and due in ten minutes
    assert found.forecast[3] == 1
    assert sum(found.forecast) == 3  # the one in 20 days is beyond; the orphan is not a card


def test_bars_are_drawn_with_eighth_blocks_from_the_bottom_up() -> None:
    assert bar_chart([0, 1, 2, 4, 8], height=1) == [" ▁▂▄█"]
    assert bar_chart([0, 4, 8, 16], height=2) == ["   █", " ▄██"]
    assert bar_chart([0, 0], height=2) == ["  ", "  "]
    # However small, a day with reviews shows.
    assert bar_chart([1, 100], height=1) == ["▁█"]
    assert sparkline([0, 3, 6]) == " ▄█"


def test_progress_as_rows_of_a_short_table() -> None:
    rows = dict(progress_rows(progress(CARDS, RECORDS, NOW)))
    assert rows["Cards"] == "2 new · 2 learning · 2 review"
    assert rows["Reviews, last 30 days"].startswith("6 ")
    assert rows["Retention, last 30 days"] == "50% (3 of 6 reviews rated Good or Easy)"
    assert rows["Due, next 14 days"].startswith("3 ")
