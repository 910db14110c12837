"""Spaced repetition with 10,000 cards: the due queue, and a rating saved, against json.dump.

A briefing of 10,000 author's cards, each reviewed three times (half of them
due now, half later), each with its tally in the quiz table as the app
keeps. Two figures, each beside a bare ``json.dump`` of the same data into
an open file, as the study benchmark has it:

- building the review queue (``review_queue``: what is due, and the day's
  new cards), against ``json.dump`` of the cards' records;
- rating one card and saving (``StudyStore.rate`` and ``save``: the FSRS
  scheduler, the lock, the re-read, the atomic write with its fsyncs),
  against ``json.dump`` of the whole study file.

Targets: the queue in 20 ms, a rating saved in 30 ms.

Run ``python -m benchmarks.review`` for this benchmark alone.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks import Result, format_table, median_times
from briefing_tui.core.content.loader import briefing_from_data
from briefing_tui.core.content.validation import dump
from briefing_tui.core.study.due import review_queue
from briefing_tui.core.study.practice import all_cards
from briefing_tui.core.study.store import (
    CardRecord,
    QuizResult,
    Review,
    Schedule,
    StudyStore,
)

CARDS = 10_000
QUEUE_TARGET_MS = 20.0
RATE_TARGET_MS = 30.0
# The targets above as ratios to json.dump, which took 135 and 155 ms where they were set.
QUEUE_TARGET_RATIO = 0.15
RATE_TARGET_RATIO = 0.2
NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone.utc)

BRIEFING = briefing_from_data(
    {
        "format": 1,
        "briefing": {"id": "bench-review", "title": "Benchmark"},
        "sections": [{"id": "only", "title": "Only", "body": "Text."}],
        "cards": [
            {"front": f"Card {number}?", "back": f"Answer {number}.", "section": "only"}
            for number in range(CARDS)
        ],
    }
)


def _record(number: int) -> CardRecord:
    """Three reviews a few days apart; even cards due now, odd ones later."""
    due = NOW + dt.timedelta(hours=-number % 48 if number % 2 == 0 else 1 + number % 500)
    reviewed = [NOW - dt.timedelta(days=days, minutes=number % 60) for days in (9, 5, 2)]
    return CardRecord(
        schedule=Schedule(
            state="review",
            stability=4.0 + number % 30,
            difficulty=1.0 + number % 9,
            due=due,
            last_review=reviewed[-1],
        ),
        reviews=[Review(at=at, rating=1 + number % 4) for at in reviewed],
    )


def _tally(record: CardRecord) -> QuizResult:
    ratings = [review.rating for review in record.reviews]
    return QuizResult(
        right=sum(rating > 1 for rating in ratings),
        wrong=ratings.count(1),
        last_correct=ratings[-1] > 1,
        last_answered=record.reviews[-1].at,
    )


def _bare_dump(path: Path, data: object) -> Callable[[], None]:
    def write() -> None:
        with path.open("w", encoding="utf-8") as file:
            json.dump(data, file, indent=1, ensure_ascii=False)

    return write


def run(runs: int = 15) -> list[Result]:
    """Time the due queue of 10,000 cards, and one rating saved among them."""
    cards = all_cards(BRIEFING)
    records = {card.key: _record(number) for number, card in enumerate(cards)}
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as name:
        root = Path(name)
        queue = median_times(
            {
                "bare": _bare_dump(root / "records.json", dump(records)),
                "queue": lambda: review_queue(cards, records, NOW, 20),
            },
            runs=runs,
        )
        store = StudyStore(BRIEFING, directory=root / "study", clock=lambda: NOW)
        # As if every card had been reviewed in the app: its record, and its tally.
        for key, record in records.items():
            store._data.cards[key] = record
            store._data.quiz[key] = _tally(record)
            store._changed.update((("cards", key), ("quiz", key)))
        store.save()
        keys = iter([card.key for card in cards] * 10)

        def rate_and_save() -> None:
            store.rate(next(keys), 3)
            store.save()

        whole_file = json.loads(store.path.read_text(encoding="utf-8"))
        rating = median_times(
            {"bare": _bare_dump(root / "study.json", whole_file), "rate": rate_and_save},
            runs=runs,
        )
        size = store.path.stat().st_size
    return [
        Result(
            name=f"review queue of {CARDS:,} cards",
            value=queue["queue"] * 1000,
            unit="ms",
            baseline=queue["bare"] * 1000,
            baseline_name="json.dump of the records",
            target=QUEUE_TARGET_RATIO,
        ),
        Result(
            name=f"review queue of {CARDS:,} cards, absolute",
            value=queue["queue"] * 1000,
            unit="ms",
            target=QUEUE_TARGET_MS,
        ),
        Result(
            name=f"rate a card and save, {CARDS:,} cards ({size / 1024 / 1024:.1f} MiB)",
            value=rating["rate"] * 1000,
            unit="ms",
            baseline=rating["bare"] * 1000,
            baseline_name="json.dump + write",
            target=RATE_TARGET_RATIO,
        ),
        Result(
            name=f"rate a card and save, {CARDS:,} cards, absolute",
            value=rating["rate"] * 1000,
            unit="ms",
            target=RATE_TARGET_MS,
        ),
    ]


if __name__ == "__main__":
    print(format_table(run()))
