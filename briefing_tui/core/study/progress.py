"""Progress over time: the cards by state, reviews per day, retention and the forecast.

All of it is read from the review log and the schedules of the study file
(:class:`~briefing_tui.core.study.store.CardRecord`); days are the reader's
local calendar days. :func:`bar_chart` draws a series as rows of text
blocks, for the app's progress view and for exports alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.due import Records
from briefing_tui.core.study.practice import Card, all_cards
from briefing_tui.core.study.store import StudyStore

PAST_DAYS = 30
"""Days of reviews counted, today included."""
FORECAST_DAYS = 14
"""Days of due cards forecast, today included."""
_BLOCKS = " ▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Progress:
    """The reader's progress on a briefing's cards."""

    new: int
    """Cards never reviewed (or reset)."""
    learning: int
    """Cards in their first steps, or relearnt after a lapse."""
    review: int
    """Cards learnt, due again in days."""
    per_day: tuple[int, ...]
    """Reviews on each of the last :data:`PAST_DAYS` days, the oldest first, today last."""
    reviews: int
    """Reviews in those days."""
    good_or_easy: int
    """Of those, the reviews rated Good or Easy."""
    forecast: tuple[int, ...]
    """Cards due on each of the next :data:`FORECAST_DAYS` days, today (and overdue) first."""

    @property
    def retention(self) -> float | None:
        """The share of the last days' reviews rated Good or Easy; None without reviews."""
        return self.good_or_easy / self.reviews if self.reviews else None


def progress(cards: Sequence[Card], records: Records, now: dt.datetime) -> Progress:
    """The progress on *cards* at *now*.

    Reviews count whatever their card: one reworded or deleted since was
    still studied. States and the forecast are those of *cards*.
    """
    today = now.astimezone().date()
    first_day = today - dt.timedelta(days=PAST_DAYS - 1)
    per_day = [0] * PAST_DAYS
    good_or_easy = 0
    for record in records.values():
        for review in record.reviews:
            day = review.at.astimezone().date()
            if first_day <= day <= today:
                per_day[(day - first_day).days] += 1
                good_or_easy += review.rating >= 3
    states = {"new": 0, "learning": 0, "review": 0}
    forecast = [0] * FORECAST_DAYS
    for card in cards:
        kept = records.get(card.key)
        schedule = kept.schedule if kept is not None else None
        if schedule is None:
            states["new"] += 1
            continue
        states["review" if schedule.state == "review" else "learning"] += 1
        ahead = max(0, (schedule.due.astimezone().date() - today).days)
        if ahead < FORECAST_DAYS:
            forecast[ahead] += 1
    return Progress(
        new=states["new"],
        learning=states["learning"],
        review=states["review"],
        per_day=tuple(per_day),
        reviews=sum(per_day),
        good_or_easy=good_or_easy,
        forecast=tuple(forecast),
    )


def study_progress(briefing: Briefing, study: StudyStore) -> Progress | None:
    """The reader's progress on *briefing*'s cards now; None for a briefing without cards."""
    cards = all_cards(briefing)
    return progress(cards, study.card_records, study.now()) if cards else None


def bar_chart(values: Sequence[int], height: int) -> list[str]:
    """*values* as a bar chart *height* rows tall, one column each, the top row first.

    Bars are drawn in eighths of a row; the tallest fills the chart, and any
    value above zero shows at least an eighth.
    """
    tallest = max(values, default=0)
    eighths = [max(1, round(value * height * 8 / tallest)) if value > 0 else 0 for value in values]
    rows = []
    for row in range(height - 1, -1, -1):
        rows.append("".join(_BLOCKS[min(8, max(0, size - row * 8))] for size in eighths))
    return rows


def sparkline(values: Sequence[int]) -> str:
    """*values* as one row of bars."""
    return bar_chart(values, 1)[0]


def progress_rows(found: Progress) -> list[tuple[str, str]]:
    """*found* as the rows of a short table: (what, how much), for exports."""
    retention = found.retention
    if retention is None:
        kept = "no reviews yet"
    else:
        kept = (
            f"{retention:.0%} ({found.good_or_easy} of {found.reviews} "
            f"review{'' if found.reviews == 1 else 's'} rated Good or Easy)"
        )
    return [
        ("Cards", f"{found.new} new · {found.learning} learning · {found.review} review"),
        (f"Reviews, last {PAST_DAYS} days", f"{found.reviews} {sparkline(found.per_day)}"),
        (f"Retention, last {PAST_DAYS} days", kept),
        (f"Due, next {FORECAST_DAYS} days", f"{sum(found.forecast)} {sparkline(found.forecast)}"),
    ]
