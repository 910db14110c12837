"""The quiz and flashcards: keys that work, the reader's history, the order of the cards."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.app import App
from textual.widget import Widget

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.store import StudyStore, question_key
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.quiz import CardScreen
from briefing_tui.ui.widgets.key_footer import KeyFooter
from tests.screen import assert_not_on_screen, assert_on_screen, screen_text


def make_app(briefing: Briefing, tmp_path: Path) -> BriefingApp:
    return BriefingApp(briefing, study=StudyStore(briefing, directory=tmp_path))


def card(app: App[Any]) -> Widget:
    return app.screen.query_one("#card")


def footer(app: App[Any]) -> Widget:
    return app.screen.query_one(KeyFooter)


async def test_only_the_keys_that_work_now_are_offered(bundled: Briefing, tmp_path: Path) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, CardScreen)
        assert_on_screen(app, "⏎ Show answer", "tab Skip", "esc Finish", within=footer(app))
        assert_not_on_screen(app, "Again", "Good", "Forgotten", within=footer(app))
        await pilot.press("3")  # no rating before the answer shows: it is typed instead
        await pilot.pause()
        assert_on_screen(app, f"1 of {len(bundled.questions)}", within=card(app))
        await pilot.press("enter")
        await pilot.pause()
        assert_on_screen(app, "1 Again", "2 Hard", "3 Good", "4 Easy", within=footer(app))
        assert_not_on_screen(app, "Show answer", within=footer(app))
        await pilot.press("1")
        for _ in bundled.questions[1:]:
            await pilot.press("enter", "1")
        await pilot.pause()
        assert_on_screen(app, "Score: 0 of", within=card(app))
        assert_on_screen(app, "r Forgotten ones again", "esc Finish", within=footer(app))
        assert_not_on_screen(app, "Again", "Good", "Skip", "Show answer", within=footer(app))
        assert "es▏" not in screen_text(app)


async def test_the_last_results_and_each_card_s_history_are_shown_due_ones_first(
    bundled: Briefing, tmp_path: Path
) -> None:
    first, second, third = bundled.questions[:3]
    an_hour_ago = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)
    study = StudyStore(bundled, directory=tmp_path, clock=lambda: an_hour_ago)
    study.rate(question_key(first), 4)  # Easy: due in days
    study.rate(question_key(second), 3)
    study.rate(question_key(second), 1)  # Again: due a minute later, so due now
    study.save()
    new = len(bundled.questions) - 2
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        assert_on_screen(
            app,
            f"Your last answers: 1 right, 1 wrong, {new} new",
            second.prompt,
            "Last time: did not know it · known 1 of 2 times · due 59 minutes ago",
            within=card(app),
        )
        await pilot.press("enter", "3")
        await pilot.pause()
        assert_on_screen(app, third.prompt, "New: not answered before", within=card(app))
        for _ in range(new):
            await pilot.press("enter", "3")
        await pilot.pause()
        # Not due for days: it comes last.
        assert_on_screen(app, first.prompt, "Last time: knew it · known 1 of 1 time · due in")


async def test_a_flashcard_can_be_skipped_and_comes_back_at_the_end(
    bundled: Briefing, tmp_path: Path
) -> None:
    terms = sorted(bundled.glossary, key=lambda term: term.term.casefold())
    count = len(terms)
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("F")
        await pilot.pause()
        assert_on_screen(app, f"Flashcards — 1 of {count}", terms[0].term, within=card(app))
        await pilot.press("tab")
        await pilot.pause()
        assert_on_screen(app, f"Flashcards — 1 of {count}", terms[1].term, within=card(app))
        await pilot.press("right")
        await pilot.pause()
        assert_on_screen(app, terms[2].term, within=card(app))
        for _ in range(count - 2):
            await pilot.press("space", "3")
        await pilot.pause()
        assert_on_screen(app, f"Flashcards — {count - 1} of {count}", terms[0].term)
        await pilot.press("space", "3", "space", "4")
        await pilot.pause()
        assert_on_screen(app, f"Score: {count} of {count} known", within=card(app))
        await pilot.press("escape")
        await pilot.pause()
    assert app.study is not None
    assert app.study.quiz_result(f"term:{terms[0].slug}") is not None


async def test_an_alias_on_a_flashcard_is_plain_text(tmp_path: Path) -> None:
    from briefing_tui.core.content.loader import parse_briefing

    briefing = parse_briefing(
        "format = 1\n[briefing]\nid = 'a'\ntitle = 'A'\n"
        "[[sections]]\nid = 's'\ntitle = 'S'\nbody = 'B'\n"
        "[[glossary]]\nterm = 'Soft power'\ndefinition = 'Attraction.'\n"
        "aliases = ['**not bold** [not a link](#section:s)']\n",
        "a.toml",
    )
    app = make_app(briefing, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("F", "space")
        await pilot.pause()
        assert_on_screen(app, "Also: **not bold** [not a link](#section:s)", within=card(app))


async def test_answers_given_are_kept_when_the_app_is_quit_mid_quiz(
    bundled: Briefing, tmp_path: Path
) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("T", "enter", "3", "enter", "1")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    again = StudyStore(bundled, directory=tmp_path)
    results = [again.quiz_result(card.key) for card in app_cards(bundled)]
    assert sorted((result.right, result.wrong) for result in results if result is not None) == [
        (0, 1),
        (1, 0),
    ]
    reviewed = [again.card_record(card.key) for card in app_cards(bundled)]
    assert sorted(
        review.rating for record in reviewed if record is not None for review in record.reviews
    ) == [1, 3]


def app_cards(briefing: Briefing) -> list[Any]:
    from briefing_tui.core.study.practice import quiz_cards

    return quiz_cards(briefing)
