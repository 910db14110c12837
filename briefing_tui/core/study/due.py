"""Which cards are due: the review queue, what the overview says of it, the order of practice.

Everything here reads the schedules the study file keeps
(:class:`~briefing_tui.core.study.store.CardRecord`) and needs no scheduler:
the overview says what is due at start-up without importing ``fsrs``.

A card without a schedule is *new*: never reviewed, or reset because its
schedule could not be read. A card is *due* once its schedule's due time
has come. A review takes the due cards, the most overdue first, then new
cards up to a daily limit, as Anki does; the new cards the reader started
today (their first review, by the local calendar) count against it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from briefing_tui.core.study.practice import Card
from briefing_tui.core.study.store import CardRecord

DEFAULT_NEW_PER_DAY = 20
"""New cards a review brings in per day, unless the settings say otherwise."""
LEARN_AHEAD = dt.timedelta(minutes=20)
"""A card due again within this long (a learning step) comes back in the same review."""

Records = Mapping[str, CardRecord]
"""Card key -> its spaced-repetition record (no entry for a card never reviewed)."""


def due_at(record: CardRecord | None) -> dt.datetime | None:
    """When the card is due; None for a new card."""
    if record is None or record.schedule is None:
        return None
    return record.schedule.due


def is_new(record: CardRecord | None) -> bool:
    """True for a card without a schedule: never reviewed, or reset."""
    return due_at(record) is None


def new_started_today(records: Records, now: dt.datetime) -> int:
    """How many cards had their first review today, by the local calendar at *now*."""
    midnight = now.astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    # Compared as they are: converting each time to local time costs most of a queue.
    return sum(
        1 for record in records.values() if record.reviews and record.reviews[0].at >= midnight
    )


def review_queue(
    cards: Sequence[Card], records: Records, now: dt.datetime, new_per_day: int
) -> list[Card]:
    """The cards to review at *now*: those due, the most overdue first, then new ones.

    New cards come in the order of *cards*, no more than *new_per_day* less
    those started today.
    """
    due: list[tuple[dt.datetime, int, Card]] = []
    new: list[Card] = []
    for index, card in enumerate(cards):
        when = due_at(records.get(card.key))
        if when is None:
            new.append(card)
        elif when <= now:
            due.append((when, index, card))
    due.sort(key=lambda entry: entry[:2])
    room = max(0, new_per_day - new_started_today(records, now))
    return [card for _, _, card in due] + new[:room]


class DueSummary(NamedTuple):
    """What a review would hold now, and when the next card falls due."""

    due: int
    new: int
    """New cards a review would bring in today."""
    next_due: dt.datetime | None
    """The earliest due time still to come; None when no card is scheduled later."""

    def text(self, now: dt.datetime) -> str:
        """``3 due · 5 new · next review in 2 hours``."""
        text = f"{self.due} due · {self.new} new"
        if self.next_due is not None:
            text += f" · next review in {format_wait(self.next_due - now)}"
        return text


def due_summary(
    cards: Sequence[Card], records: Records, now: dt.datetime, new_per_day: int
) -> DueSummary:
    """How many of *cards* are due and new at *now*, and when the next one falls due."""
    due = new = 0
    upcoming: dt.datetime | None = None
    for card in cards:
        when = due_at(records.get(card.key))
        if when is None:
            new += 1
        elif when <= now:
            due += 1
        elif upcoming is None or when < upcoming:
            upcoming = when
    room = max(0, new_per_day - new_started_today(records, now))
    return DueSummary(due, min(new, room), upcoming)


def sections_with_due_cards(cards: Iterable[Card], records: Records, now: dt.datetime) -> set[str]:
    """The ids of the sections with at least one card due at *now*."""
    sections = set()
    for card in cards:
        if card.section is None or card.section in sections:
            continue
        when = due_at(records.get(card.key))
        if when is not None and when <= now:
            sections.add(card.section)
    return sections


def practice_order(cards: Sequence[Card], records: Records, now: dt.datetime) -> list[Card]:
    """Every one of *cards*, to go through them all: due, then new, then the others.

    Due cards come the most overdue first, new ones in the order of *cards*,
    and the others by when they fall due, the soonest first.
    """

    def priority(entry: tuple[int, Card]) -> tuple[int, dt.datetime | int]:
        index, card = entry
        when = due_at(records.get(card.key))
        if when is None:
            return 1, index
        return (0 if when <= now else 2), when

    return [card for _, card in sorted(enumerate(cards), key=priority)]


def due_line(record: CardRecord | None, now: dt.datetime) -> str:
    """When a card is due, in words: ``due in 3 days``, ``due now``; "" for a new card."""
    when = due_at(record)
    if when is None:
        return ""
    if when > now:
        return f"due in {format_wait(when - now)}"
    late = now - when
    return "due now" if late < dt.timedelta(minutes=1) else f"due {format_wait(late)} ago"


def format_wait(wait: dt.timedelta, *, short: bool = False) -> str:
    """A wait in words, rounded down: ``less than a minute``, ``10 minutes``, ``3 days``.

    *short* gives ``<1 min``, ``10 min``, ``3 h``, ``8 d``, ``3 mo``, ``2 y``.
    """
    seconds = wait.total_seconds()
    minutes = int(seconds // 60)
    hours = int(seconds // 3600)
    days = wait.days
    for amount, unit, abbreviation in (
        (days // 365, "year", "y"),
        (days // 30 if days >= 60 else 0, "month", "mo"),
        (days, "day", "d"),
        (hours, "hour", "h"),
        (minutes, "minute", "min"),
    ):
        if amount >= 1:
            if short:
                return f"{amount} {abbreviation}"
            return f"{amount} {unit}{'' if amount == 1 else 's'}"
    return "<1 min" if short else "less than a minute"
