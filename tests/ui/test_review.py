"""Pilot tests of spaced repetition: the review queue, ratings, typed answers, progress."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widget import Widget
from textual.widgets import Input

from briefing_tui.core.content.loader import parse_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.due import format_wait
from briefing_tui.core.study.navigation import Place
from briefing_tui.core.study.store import StudyStore, card_key, question_key
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.help import HelpScreen
from briefing_tui.ui.screens.progress import ProgressScreen
from briefing_tui.ui.screens.quiz import CardScreen
from briefing_tui.ui.widgets.key_footer import KeyFooter
from briefing_tui.ui.widgets.outline import Outline
from briefing_tui.ui.widgets.overview_view import OverviewView
from briefing_tui.ui.widgets.review_link import ReviewLink
from briefing_tui.ui.widgets.section_view import SectionView
from tests.screen import assert_not_on_screen, assert_on_screen, screen_text
from tests.waiting import palette_lists, until

BRIEFING = """\
format = 1
[briefing]
id = "review-ui"
title = "Review UI"

[[sections]]
id = "one"
title = "First section"
body = "First."

[[sections]]
id = "two"
title = "Second section"
body = "Second."

[[glossary]]
term = "Pariah state"
definition = "A state **shunned** by others."

[[questions]]
prompt = "Why does [b]Beijing[/b] stay quiet?"
answer = "Because it **gains**."
section = "one"

[[questions]]
prompt = "What did Moscow get?"
answer = "Shells."
section = "two"

[[cards]]
front = "When was the summit? [@click=app.quit]"
back = "In September."
section = "two"
"""

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


def briefing() -> Briefing:
    return parse_briefing(BRIEFING, "review-ui.toml")


def make_app(
    tmp_path: Path, clock: Clock | None = None, new_cards_per_day: int = 20, **kwargs: Any
) -> BriefingApp:
    loaded = briefing()
    store = StudyStore(loaded, directory=tmp_path, clock=clock or Clock())
    return BriefingApp(loaded, study=store, new_cards_per_day=new_cards_per_day, **kwargs)


def card(app: App[Any]) -> Widget:
    return app.screen.query_one("#card")


def footer(app: App[Any]) -> Widget:
    return app.screen.query_one(KeyFooter)


async def test_ratings_are_offered_once_the_answer_shows_and_say_when_the_card_returns(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, CardScreen)
        assert_on_screen(app, "Review — 4 left", within=card(app))
        assert_on_screen(app, "Show answer", "Skip", "esc Finish", within=footer(app))
        assert_not_on_screen(app, "Again", "Good", "Easy", within=footer(app))
        # The first card is a question: it takes a typed answer; enter shows the model one.
        await pilot.press("enter")
        await pilot.pause()
        assert_on_screen(app, "1 Again", "2 Hard", "3 Good", "4 Easy", within=footer(app))
        assert_not_on_screen(app, "Show answer", within=footer(app))
        assert_on_screen(app, "1 Again: 1 min", "3 Good: 10 min", "4 Easy:", within=card(app))
        await pilot.press("3")
        await pilot.pause()
        assert_on_screen(app, "What did Moscow get?", within=card(app))


async def test_a_review_holds_the_due_cards_first_then_new_ones_up_to_the_day_s_limit(
    tmp_path: Path,
) -> None:
    clock = Clock()
    clock.now -= dt.timedelta(days=1)
    loaded = briefing()
    store = StudyStore(loaded, directory=tmp_path, clock=clock)
    store.rate(card_key(loaded.cards[0]), 3)
    store.save()
    clock.now = START
    app = make_app(tmp_path, clock, new_cards_per_day=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        # The card started yesterday is due again; of the three new ones, one comes today.
        assert_on_screen(app, "Review — 2 left", loaded.cards[0].front, within=card(app))
        await pilot.press("space", "3")
        await pilot.pause()
        assert_on_screen(app, loaded.questions[0].prompt, within=card(app))


async def test_a_card_forgotten_comes_back_in_the_same_review(tmp_path: Path) -> None:
    clock = Clock()
    app = make_app(tmp_path, clock, new_cards_per_day=1)
    first = briefing().questions[0]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        assert_on_screen(app, "Review — 1 left", first.prompt, within=card(app))
        await pilot.press("enter", "1")  # Again: due in a minute, within this review
        await pilot.pause()
        assert_on_screen(app, "Review — 1 left · 1 rated", first.prompt, within=card(app))
        assert_on_screen(app, "Last time: did not know it · known 0 of 1 time", within=card(app))
        await pilot.press("enter", "3", "enter", "3")  # Good twice: learnt, due in days
        await pilot.pause()
        assert_on_screen(app, "Review — done", "Next review in", within=card(app))
        # The card forgotten came back in the review: no round of forgotten ones is left.
        assert_not_on_screen(app, "Forgotten ones again", within=footer(app))
        await pilot.press("escape")
        await pilot.pause()
        overview = app.explorer.query_one(OverviewView)
        assert_on_screen(app, "0 due · 0 new · next review in", within=overview)
        await pilot.press("q")
    again = StudyStore(briefing(), directory=tmp_path)
    record = again.card_record(question_key(first))
    assert record is not None
    assert [review.rating for review in record.reviews] == [1, 3, 3]


async def test_the_overview_says_what_is_due_and_starts_a_review(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        overview = app.explorer.query_one(OverviewView)
        assert_on_screen(app, "Review: 0 due · 4 new →", within=overview)
        link = overview.query_one(ReviewLink)
        link.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CardScreen)
        assert_on_screen(app, "Review — 4 left", within=card(app))


async def test_the_outline_marks_sections_whose_cards_are_due(tmp_path: Path) -> None:
    clock = Clock()
    loaded = briefing()
    store = StudyStore(loaded, directory=tmp_path, clock=clock)
    store.rate(question_key(loaded.questions[1]), 3)  # section two
    store.save()
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        outline = app.explorer.query_one(Outline)
        assert_not_on_screen(app, "⚑", within=outline)
        clock.now += dt.timedelta(minutes=15)  # its next learning step has come
        app.explorer.refresh_study()
        await pilot.pause()
        assert_on_screen(app, "⚑ 2 Second section", within=outline)
        assert_not_on_screen(app, "⚑ 1 First section", within=outline)


async def test_a_typed_answer_is_shown_beside_the_model_answer_as_plain_text(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    question = briefing().questions[0]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        assert_on_screen(app, question.prompt, within=card(app))  # markup shown as typed
        typed = app.screen.query_one("#card-typed", Input)
        assert typed.has_focus
        await pilot.press(*"it [b]gains[/b]")
        await pilot.press("enter")
        await pilot.pause()
        assert_on_screen(app, "Your answer", "it [b]gains[/b]", within=card(app))
        assert_on_screen(app, "Model answer", "Because it gains.", within=card(app))
        await pilot.press("2")
        await pilot.pause()
        # The next card starts with an empty box.
        assert app.screen.query_one("#card-typed", Input).value == ""
        assert_not_on_screen(app, "it [b]gains[/b]", within=card(app))


async def test_a_flashcard_turns_over_with_space_and_takes_no_typed_answer(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("F")
        await pilot.pause()
        assert_on_screen(app, "Flashcards — 1 of 1", "Pariah state", within=card(app))
        assert not app.screen.query_one("#card-typed", Input).display
        await pilot.press("space")
        await pilot.pause()
        assert_on_screen(app, "A state shunned by others.", within=card(app))
        assert_not_on_screen(app, "Your answer", within=card(app))
        await pilot.press("4")
        await pilot.pause()
        assert_on_screen(app, "Score: 1 of 1 known", within=card(app))


async def test_check_yourself_opens_just_that_section_s_cards(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    loaded = briefing()
    async with app.run_test(size=(100, 30)) as pilot:
        app.explorer.navigate(Place("section", "two"))
        await pilot.pause()
        view = app.explorer.query_one(SectionView)
        assert_on_screen(app, "Check yourself: 2 cards →", within=view)
        view.query_one(ReviewLink).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert_on_screen(app, "Check yourself: Second section — 1 of 2", loaded.questions[1].prompt)
        await pilot.press("enter", "3")
        await pilot.pause()
        assert_on_screen(app, loaded.cards[0].front, within=card(app))  # markup as typed
        await pilot.press("space", "3")
        await pilot.pause()
        assert_on_screen(app, "Score: 2 of 2 known", within=card(app))


async def test_a_section_without_cards_has_no_check_yourself_link(tmp_path: Path) -> None:
    text = BRIEFING.replace('section = "one"\n', "")
    app = BriefingApp(
        parse_briefing(text, "r.toml"), study=StudyStore(briefing(), directory=tmp_path)
    )
    async with app.run_test(size=(100, 30)) as pilot:
        app.explorer.navigate(Place("section", "one"))
        await pilot.pause()
        assert_not_on_screen(app, "Check yourself", within=app.explorer.query_one(SectionView))


async def test_nothing_due_says_when_the_next_review_is(tmp_path: Path) -> None:
    clock = Clock()
    loaded = briefing()
    store = StudyStore(loaded, directory=tmp_path, clock=clock)
    store.rate(question_key(loaded.questions[0]), 4)  # Easy: due in days
    store.save()
    app = make_app(tmp_path, clock, new_cards_per_day=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        # In a week or so: FSRS spreads the days a little (fuzz), as Anki does.
        assert_on_screen(app, "Nothing to review now. Next review in", within=card(app))
        assert re.search(r"Next review in \d+ days\.", screen_text(app, card(app)))
        assert_on_screen(app, "esc Finish", within=footer(app))
        assert_not_on_screen(app, "Show answer", within=footer(app))


async def test_progress_shows_cards_by_state_reviews_retention_and_the_forecast(
    tmp_path: Path,
) -> None:
    clock = Clock()
    loaded = briefing()
    store = StudyStore(loaded, directory=tmp_path, clock=clock)
    store.rate(question_key(loaded.questions[0]), 3)
    store.rate(question_key(loaded.questions[1]), 1)
    store.save()
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        assert_on_screen(
            app,
            "Progress — Review UI",
            "2 new · 2 learning · 0 review",
            "Reviews per day, last 30 days: 2",
            "Retention: 50% (1 of 2 reviews rated Good or Easy)",
            "Due, next 14 days: 2",
        )
        text = screen_text(app)
        assert "█" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProgressScreen)


async def test_the_palette_offers_review_and_progress(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"review due")
        await until(
            pilot, lambda: palette_lists(app, "Review due cards"), "Review due cards listed"
        )
        assert_on_screen(app, "Review due cards")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CardScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"progress")
        await until(pilot, lambda: palette_lists(app, "Progress"), "Progress listed")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)


async def test_the_new_keys_are_in_the_help_and_the_footer(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert_on_screen(app, "R Review", within=footer(app))
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 100)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert_on_screen(app, "R Review", "P Progress")
        await pilot.press("escape", "R", "enter")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert_on_screen(app, "1 Again", "2 Hard", "3 Good", "4 Easy")


async def test_the_palette_exports_the_cards_for_anki_beside_the_reader(
    tmp_path: Path, monkeypatch: Any
) -> None:
    import zipfile

    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    app = make_app(tmp_path / "study")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export cards for anki")
        await until(pilot, lambda: palette_lists(app, "Export cards for Anki"), "the export listed")
        assert_on_screen(app, "Export cards for Anki")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert_on_screen(app, "Exported", "review-ui.apkg")
    with zipfile.ZipFile(folder / "review-ui.apkg") as archive:
        assert "collection.anki2" in archive.namelist()


async def test_the_wait_a_rating_shows_is_the_wait_it_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fuzz spreads due dates over nearby days: the smallest here, so that a
    # wait worked out without it would read longer than the one given.
    monkeypatch.setattr("fsrs.scheduler.random", lambda: 0.0)
    clock = Clock()
    loaded = briefing()
    key = question_key(loaded.questions[0])
    store = StudyStore(loaded, directory=tmp_path, clock=clock)
    record = store.rate(key, 4)
    assert record.schedule is not None
    clock.now = record.schedule.due
    store.save()
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("R", "enter")
        await pilot.pause()
        shown = re.search(r"4 Easy: (\d+ d)", screen_text(app, within=card(app)))
        assert shown is not None, screen_text(app, within=card(app))
        await pilot.press("4")
        await pilot.pause()
        schedule = app.study.card_records[key].schedule
        assert schedule is not None
        assert format_wait(schedule.due - clock.now, short=True) == shown.group(1)
