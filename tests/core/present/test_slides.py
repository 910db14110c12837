"""Building the slide deck and the speaking-time plan."""

from __future__ import annotations

from typing import Any

import pytest

from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.loader import briefing_from_data, load_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.present.slides import (
    ActorsSlide,
    EndSlide,
    Plan,
    ScoreboardSlide,
    SectionSlide,
    TimelineSlide,
    TitleSlide,
    build_deck,
    find_slide,
    locate,
    slide_number,
)


def briefing(**tables: Any) -> Briefing:
    data: dict[str, Any] = {
        "format": 1,
        "briefing": {"id": "demo", "title": "Demo", "subtitle": "A test"},
        "sections": [
            {
                "id": "one",
                "title": "One",
                "body": "b",
                "key_points": ["a", "b"],
                "actors": ["north", "south"],
                "notes": "Say *this*.",
                "minutes": 2.5,
            },
            {"id": "two", "title": "Two", "body": "b"},
            {"id": "three", "title": "Three", "body": "b", "minutes": 4},
        ],
    }
    data.update(tables)
    return briefing_from_data(data)


ACTORS = [
    {"id": "south", "name": "South", "kind": "state"},
    {"id": "north", "name": "North", "kind": "state"},
]
BOARD = {
    "id": "worth-it",
    "title": "Is it worth it?",
    "perspective": "north",
    "arguments": [
        {"id": "a", "side": "pro", "claim": "A", "weight": 5},
        {"id": "b", "side": "con", "claim": "B", "weight": 2},
        {"id": "c", "side": "pro", "claim": "C"},
    ],
}
EVENTS = [
    {"date": "2023-09-13", "title": "Later"},
    {"date": "2023", "title": "Year"},
    {"date": "2022-01", "title": "Earlier"},
]


def test_a_full_briefing_has_every_kind_of_slide_in_order() -> None:
    deck = build_deck(briefing(actors=ACTORS, scoreboards=[BOARD], timeline=EVENTS))

    assert [slide.key for slide in deck] == [
        "title",
        "section:one",
        "section:two",
        "section:three",
        "actors",
        "scoreboard:worth-it",
        "timeline",
        "end",
    ]
    assert [slide.kind for slide in deck] == [
        "title",
        "section",
        "section",
        "section",
        "actors",
        "scoreboard",
        "timeline",
        "end",
    ]
    title, one, *_rest, actors, _board, timeline, end = deck
    assert isinstance(title, TitleSlide)
    assert title.title == "Demo"
    assert title.meta.subtitle == "A test"
    assert isinstance(one, SectionSlide)
    assert one.section.key_points == ("a", "b")
    assert [actor.id for actor in one.actors] == ["north", "south"]
    assert (one.notes, one.minutes) == ("Say *this*.", 2.5)
    assert isinstance(actors, ActorsSlide)
    assert [a.id for a in actors.actors] == ["south", "north"]
    assert isinstance(timeline, TimelineSlide)
    assert [event.title for event in timeline.events] == ["Earlier", "Year", "Later"]
    assert isinstance(end, EndSlide)
    assert end.meta.title == "Demo"
    assert (title.notes, title.minutes, end.notes, end.minutes) == (None, None, None, None)


def test_a_scoreboard_slide_splits_the_sides_and_scores_them() -> None:
    board = build_deck(briefing(actors=ACTORS, scoreboards=[BOARD]))[5]
    assert isinstance(board, ScoreboardSlide)
    assert board.title == "Is it worth it?"
    assert board.perspective is not None
    assert board.perspective.id == "north"
    assert [argument.id for argument in board.pros] == ["a", "c"]
    assert [argument.id for argument in board.cons] == ["b"]
    assert (board.score.pro, board.score.con, board.score.balance) == (8, 2, 6)


def test_slides_without_data_are_left_out() -> None:
    deck = build_deck(briefing())
    assert [slide.key for slide in deck] == [
        "title",
        "section:one",
        "section:two",
        "section:three",
        "end",
    ]
    one = deck[1]
    # Actors named by a briefing built in code but never defined are skipped.
    assert isinstance(one, SectionSlide)
    assert one.actors == ()


def test_the_bundled_briefing_builds_a_deck_with_unique_keys() -> None:
    loaded = load_briefing(default_briefing_path())
    deck = build_deck(loaded)
    keys = [slide.key for slide in deck]
    assert len(set(keys)) == len(keys)
    assert len(deck) == 1 + len(loaded.sections) + 1 + len(loaded.scoreboards) + 1 + 1


def test_find_slide_goes_by_the_key_and_never_guesses() -> None:
    deck = build_deck(briefing())
    assert find_slide(deck, "section:two", 2) == 2
    assert find_slide(deck, "section:two", 5) == 2
    # Slide 3 exists here, but it is another slide: not a stand-in for one we lack.
    assert find_slide(deck, "section:gone", 3) is None
    assert find_slide(deck, "section:gone", 99) is None


def test_locate_prefers_the_key_then_the_index() -> None:
    deck = build_deck(briefing())
    assert locate(deck, "section:two", 2) == 2
    # The presenter's deck has a slide more before this one: the key still finds it.
    assert locate(deck, "section:two", 5) == 2
    assert locate(deck, "section:gone", 3) == 3
    assert locate(deck, "section:gone", 99) is None


def test_the_plan_sums_planned_minutes() -> None:
    plan = Plan.of(build_deck(briefing()))
    assert plan.is_planned
    assert plan.total == 6.5
    assert [plan.before(index) for index in range(5)] == [0, 0, 2.5, 2.5, 6.5]
    assert [plan.through(index) for index in range(5)] == [0, 2.5, 2.5, 6.5, 6.5]
    assert plan.before(99) == 6.5


def test_no_minutes_means_no_plan() -> None:
    data = {"id": "plain", "title": "Plain", "body": "b"}
    plan = Plan.of(build_deck(briefing(sections=[data])))
    assert not plan.is_planned
    assert plan.total == 0


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("3", 3),
        (" 12 ", 12),
        ("007", 7),
        ("²", None),
        ("③", None),
        ("٣", None),
        ("1²", None),
        ("", None),
        ("-3", None),
        ("+3", None),
        ("3.0", None),
        ("9" * 40, int("9" * 40)),
    ],
)
def test_a_slide_number_is_spelled_in_ascii_digits_only(text: str, number: int | None) -> None:
    assert slide_number(text) == number
