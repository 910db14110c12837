"""The FSRS scheduler: when a card is due again after the reader rates it.

The scheduling itself is the ``fsrs`` package's (py-fsrs, the scheduler of
modern Anki), with its default parameters: 90 % desired retention, learning
steps of 1 and 10 minutes, a relearning step of 10 minutes. This module only
turns the study file's :class:`~briefing_tui.core.study.store.Schedule` into
an ``fsrs.Card`` and back. It is imported when the reader first rates a card,
never at start-up: nothing else needs the package.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING, Literal

from fsrs import Card, Rating, Scheduler, State

from briefing_tui.core.study.store import Schedule

if TYPE_CHECKING:
    from briefing_tui.core.study.store import Rating as RatingNumber

StateName = Literal["learning", "review", "relearning"]
_STATES: dict[StateName, State] = {
    "learning": State.Learning,
    "review": State.Review,
    "relearning": State.Relearning,
}
_NAMES: dict[State, StateName] = {state: name for name, state in _STATES.items()}


@cache
def _scheduler(fuzz: bool) -> Scheduler:
    # Fuzz spreads cards learnt together over neighbouring days, as Anki does.
    return Scheduler(enable_fuzzing=fuzz)


def next_schedule(
    schedule: Schedule | None, rating: RatingNumber, now: dt.datetime, *, fuzz: bool = True
) -> Schedule:
    """The schedule of a card after a review rated *rating* at *now*.

    *schedule* is the card's schedule before the review, None for a new
    card. Raises ``ValueError`` or ``ArithmeticError`` for a schedule the
    scheduler cannot use.
    """
    card, _log = _scheduler(fuzz).review_card(
        _card(schedule, now), Rating(rating), now.astimezone(dt.timezone.utc)
    )
    if card.stability is None or card.difficulty is None or card.last_review is None:
        raise ValueError("the scheduler gave the card no memory state")
    return Schedule(
        state=_NAMES[card.state],
        step=card.step or 0,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def choices(schedule: Schedule | None, now: dt.datetime) -> dict[RatingNumber, Schedule]:
    """The card's schedule after each rating at *now*, fuzz included.

    Worked out once, when the answer shows: the waits the reader is shown are
    those the rating then gives (fuzz drawn again would move the due date by
    days). Raises as :func:`next_schedule` does.
    """
    ratings: tuple[RatingNumber, ...] = (1, 2, 3, 4)
    return {rating: next_schedule(schedule, rating, now) for rating in ratings}


def _card(schedule: Schedule | None, now: dt.datetime) -> Card:
    # card_id given: fsrs otherwise makes one from the clock and sleeps a millisecond.
    if schedule is None:
        return Card(card_id=0, due=now)
    state = _STATES[schedule.state]
    return Card(
        card_id=0,
        state=state,
        step=None if state is State.Review else schedule.step,
        stability=schedule.stability,
        difficulty=schedule.difficulty,
        due=schedule.due,
        last_review=schedule.last_review,
    )
