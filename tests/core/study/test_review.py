"""Spaced repetition in the study file: FSRS schedules, the review log, merging, damage."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_tui.core.content.loader import load_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.store import (
    STUDY_FORMAT,
    StudyError,
    StudyStore,
    card_key,
    question_key,
)

posix_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")

BRIEFING = """\
format = 1
[briefing]
id = "review-test"
title = "Review test"

[[sections]]
id = "one"
title = "One"
body = "First."

[[sections]]
id = "two"
title = "Two"
body = "Second."

[[glossary]]
term = "Pariah state"
definition = "Shunned."

[[questions]]
prompt = "Why?"
answer = "Because."
section = "one"

[[questions]]
prompt = "How?"
answer = "Thus."
section = "two"

[[cards]]
front = "Who?"
back = "Them."
section = "two"
"""

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: dt.datetime = START) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def briefing(tmp_path: Path) -> Briefing:
    path = tmp_path / "briefing.toml"
    path.write_text(BRIEFING, encoding="utf-8")
    return load_briefing(path)


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    return tmp_path / "study"


@pytest.fixture
def clock() -> Clock:
    return Clock()


def store_at(briefing: Briefing, directory: Path, clock: Clock) -> StudyStore:
    return StudyStore(briefing, directory=directory, clock=clock)


def saved(directory: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((directory / "review-test.json").read_text("utf-8"))
    return data


def test_a_rating_schedules_the_card_and_is_kept(
    briefing: Briefing, directory: Path, clock: Clock
) -> None:
    key = question_key(briefing.questions[0])
    store = store_at(briefing, directory, clock)
    assert store.card_record(key) is None
    record = store.rate(key, 3)
    assert record.schedule is not None
    assert record.schedule.state == "learning"
    assert record.schedule.due > clock.now
    assert [(review.at, review.rating) for review in record.reviews] == [(clock.now, 3)]
    # The tally of the quiz counts it too: Good is "knew it".
    result = store.quiz_result(key)
    assert result is not None
    assert (result.right, result.wrong) == (1, 0)
    store.save()

    again = store_at(briefing, directory, clock)
    assert again.messages == []
    kept = again.card_record(key)
    assert kept is not None
    assert kept.schedule == record.schedule
    assert [(review.at, review.rating) for review in kept.reviews] == [(clock.now, 3)]
    assert saved(directory)["version"] == STUDY_FORMAT == 2


def test_again_counts_as_not_known_and_comes_back_within_minutes(
    briefing: Briefing, directory: Path, clock: Clock
) -> None:
    key = f"term:{briefing.glossary[0].slug}"
    store = store_at(briefing, directory, clock)
    record = store.rate(key, 1)
    assert record.schedule is not None
    assert record.schedule.due - clock.now <= dt.timedelta(minutes=10)
    result = store.quiz_result(key)
    assert result is not None
    assert (result.right, result.wrong, result.last_correct) == (0, 1, False)


def test_good_twice_then_easy_moves_a_card_out_by_days(
    briefing: Briefing, directory: Path, clock: Clock
) -> None:
    key = card_key(briefing.cards[0])
    store = store_at(briefing, directory, clock)
    store.rate(key, 3)
    clock.advance(minutes=10)
    record = store.rate(key, 3)
    assert record.schedule is not None
    assert record.schedule.state == "review"
    first_interval = record.schedule.due - clock.now
    assert first_interval >= dt.timedelta(days=1)
    clock.now = record.schedule.due
    record = store.rate(key, 4)
    assert record.schedule is not None
    assert record.schedule.due - clock.now > first_interval
    assert len(record.reviews) == 3


def test_a_version_1_file_is_read_and_upgraded_with_nothing_lost(
    briefing: Briefing, directory: Path, clock: Clock
) -> None:
    directory.mkdir()
    question = question_key(briefing.questions[0])
    version_1 = {
        "version": 1,
        "briefing": "review-test",
        "notes": {"section:one": {"text": "mine", "updated": "2024-01-01T00:00:00Z"}},
        "bookmarks": {"section:two": "2024-01-01T00:00:00Z"},
        "quiz": {
            question: {
                "right": 2,
                "wrong": 1,
                "last_correct": True,
                "last_answered": "2024-01-01T00:00:00Z",
            }
        },
    }
    (directory / "review-test.json").write_text(json.dumps(version_1), encoding="utf-8")
    store = store_at(briefing, directory, clock)
    assert store.messages == []
    assert store.note("section:one") == "mine"
    result = store.quiz_result(question)
    assert result is not None
    assert (result.right, result.wrong) == (2, 1)
    store.rate(question, 3)
    store.save()
    data = saved(directory)
    assert data["version"] == 2
    # Nothing lost; the note now keeps its item's title too, to name it should the item go.
    assert data["notes"] == {
        "section:one": {
            "text": "mine",
            "updated": "2024-01-01T00:00:00Z",
            "title": briefing.sections_by_id["one"].title,
        }
    }
    assert data["bookmarks"] == version_1["bookmarks"]
    quiz = data["quiz"]
    assert isinstance(quiz, dict)
    assert (quiz[question]["right"], quiz[question]["wrong"]) == (3, 1)
    assert question in data["cards"]  # type: ignore[operator]  # a dict read from JSON


def test_two_instances_rating_the_same_card_keep_both_reviews_and_the_latest_schedule(
    briefing: Briefing, directory: Path, clock: Clock
) -> None:
    key = question_key(briefing.questions[0])
    other = card_key(briefing.cards[0])
    first = store_at(briefing, directory, clock)
    second = store_at(briefing, directory, clock)
    first.rate(key, 1)
    first.rate(other, 3)
    clock.advance(minutes=1)
    latest = second.rate(key, 4)
    # The later review is saved first: the schedule still follows the later review.
    second.save()
    first.save()
    fresh = store_at(briefing, directory, clock)
    record = fresh.card_record(key)
    assert record is not None
    assert [review.rating for review in record.reviews] == [1, 4]
    assert record.schedule == latest.schedule
    assert fresh.card_record(other) is not None
    result = fresh.quiz_result(key)
    assert result is not None


def test_a_bad_schedule_resets_that_card_with_a_notice_not_the_file(
    briefing: Briefing, directory: Path, clock: Clock
) -> None:
    bad = question_key(briefing.questions[0])
    good = question_key(briefing.questions[1])
    store = store_at(briefing, directory, clock)
    store.rate(bad, 3)
    store.rate(good, 3)
    store.set_note("section:one", "still here")
    store.save()
    data = saved(directory)
    cards = data["cards"]
    assert isinstance(cards, dict)
    cards[bad]["schedule"]["stability"] = -4
    cards[bad]["schedule"]["difficulty"] = "hard"
    (directory / "review-test.json").write_text(json.dumps(data), encoding="utf-8")

    again = store_at(briefing, directory, clock)
    [message] = again.messages
    assert bad in message
    assert "starts again as new" in message
    record = again.card_record(bad)
    assert record is not None
    assert record.schedule is None  # reset: due as a new card
    assert [review.rating for review in record.reviews] == [3]  # its reviews are kept
    assert again.card_record(good) is not None
    assert again.note("section:one") == "still here"
    # The file as it was is kept beside it.
    assert list(directory.glob("review-test.json.*.skipped"))


def test_a_bad_review_entry_costs_only_that_review(
    briefing: Briefing, directory: Path, clock: Clock
) -> None:
    key = question_key(briefing.questions[0])
    store = store_at(briefing, directory, clock)
    store.rate(key, 1)
    clock.advance(minutes=1)
    store.rate(key, 3)
    store.save()
    data = saved(directory)
    data["cards"][key]["reviews"][0]["rating"] = 7  # type: ignore[index]  # JSON
    (directory / "review-test.json").write_text(json.dumps(data), encoding="utf-8")
    again = store_at(briefing, directory, clock)
    assert len(again.messages) == 1
    record = again.card_record(key)
    assert record is not None
    assert record.schedule is not None
    assert [review.rating for review in record.reviews] == [3]


def test_a_schedule_the_scheduler_cannot_use_starts_the_card_afresh(
    briefing: Briefing, directory: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing_tui.core.study import scheduler

    key = question_key(briefing.questions[0])
    store = store_at(briefing, directory, clock)
    store.rate(key, 3)
    real = scheduler.next_schedule

    def failing(schedule: object, rating: int, now: dt.datetime) -> object:
        if schedule is not None:
            raise OverflowError("math range error")
        return real(None, rating, now)

    monkeypatch.setattr(scheduler, "next_schedule", failing)
    clock.advance(minutes=10)
    record = store.rate(key, 3)
    assert record.schedule is not None
    assert len(record.reviews) == 2
    [message] = store.take_messages()
    assert "starts again as new" in message


def test_a_full_study_file_refuses_a_review_rather_than_outgrow_itself(
    briefing: Briefing, directory: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing_tui.core.study import store as study_module

    store = store_at(briefing, directory, clock)
    monkeypatch.setattr(study_module, "MAX_STUDY_BYTES", store._size + 10)
    with pytest.raises(StudyError, match="full"):
        store.rate(question_key(briefing.questions[0]), 3)
    assert store.card_record(question_key(briefing.questions[0])) is None


def test_a_newer_study_file_is_never_overwritten_by_a_review(
    briefing: Briefing, directory: Path, clock: Clock
) -> None:
    directory.mkdir()
    path = directory / "review-test.json"
    newer = json.dumps({"version": STUDY_FORMAT + 1, "briefing": "review-test"}).encode()
    path.write_bytes(newer)
    store = store_at(briefing, directory, clock)
    store.rate(question_key(briefing.questions[0]), 3)
    store.save()
    assert path.read_bytes() == newer


def _ratings() -> Iterator[int]:
    rng = random.Random(11)
    while True:
        yield rng.choice((1, 2, 3, 4))


@posix_only
def test_sigkill_during_a_save_loses_at_most_the_review_in_flight(
    briefing: Briefing, directory: Path
) -> None:
    """A reviewer rating and saving is killed 30 times; every review it finished is kept."""
    rng = random.Random(5)
    keys = [question_key(q) for q in briefing.questions] + [card_key(briefing.cards[0])]
    StudyStore(briefing, directory=directory)
    kept = 0
    for _ in range(30):
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(reader)

                def slow_fsync(descriptor: int, pipe: int = writer, real_fsync=os.fsync) -> None:
                    os.write(pipe, b"F\n")
                    time.sleep(0.002)
                    real_fsync(descriptor)

                os.fsync = slow_fsync
                store = StudyStore(briefing, directory=directory)
                ratings = _ratings()
                for number in range(1_000_000):
                    store.rate(keys[number % len(keys)], next(ratings))
                    store.save()
                    os.write(writer, b"S\n")
            finally:
                os._exit(0)
        os.close(writer)
        received = b""
        saves_to_wait = rng.randint(1, 4)
        while received.count(b"F") < saves_to_wait:
            received += os.read(reader, 4096)
        time.sleep(rng.uniform(0, 0.004))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        while chunk := os.read(reader, 4096):
            received += chunk
        os.close(reader)
        finished = received.count(b"S")

        store = StudyStore(briefing, directory=directory, read_only=True)
        assert store.messages == []
        reviews = sum(len(record.reviews) for record in store.card_records.values())
        # Every save that returned is on disk; the one killed mid-way is there or not.
        assert kept + finished <= reviews <= kept + finished + 1
        kept = reviews


def test_the_records_handed_out_stay_live_when_a_save_merges_another_instance_s(
    briefing: Briefing, directory: Path, clock: Clock
) -> None:
    # A review screen holds the store's records while it runs; another window's
    # save, merged in by this one's, must not leave it reading an old table.
    mine = store_at(briefing, directory, clock)
    theirs = store_at(briefing, directory, clock)
    records = mine.card_records
    tallies = mine.quiz_results
    theirs.rate(card_key(briefing.cards[0]), 3)
    theirs.save()
    mine.rate(question_key(briefing.questions[0]), 3)
    mine.save()
    assert set(records) == {card_key(briefing.cards[0]), question_key(briefing.questions[0])}
    assert set(tallies) == set(records)
    mine.rate(question_key(briefing.questions[1]), 1)
    assert question_key(briefing.questions[1]) in records
