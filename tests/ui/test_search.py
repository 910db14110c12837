"""Search and the palette as a reader uses them: one result per item, notes, ranking, n / N."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, OptionList

from briefing_tui.core.content.loader import briefing_from_data
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.search import SearchIndex
from briefing_tui.core.study.store import StudyStore
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.note_editor import NoteEditor
from briefing_tui.ui.screens.search import SearchScreen
from tests.screen import (
    assert_hangs,
    assert_not_on_screen,
    assert_on_screen,
    screen_lines,
    screen_text,
    shows,
)
from tests.ui.explorer_parts import header, main_pane
from tests.waiting import palette_lists, until


def make_app(briefing: Briefing, tmp_path: Path) -> BriefingApp:
    return BriefingApp(briefing, study=StudyStore(briefing, directory=tmp_path))


def results(app: App[Any]) -> Widget:
    return app.screen.query_one("#search-results", OptionList)


def search_box(app: App[Any]) -> Input:
    """The box of the search screen: typed keys go there once it has the focus."""
    return app.screen.query_one("#search-input", Input)


async def test_a_term_found_by_its_name_and_an_alias_is_one_result(
    bundled: Briefing, tmp_path: Path
) -> None:
    term = next(term for term in bundled.glossary if term.aliases and term.aliases[0] in term.term)
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("slash")
        await until(pilot, lambda: search_box(app).has_focus, "the search box")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*term.aliases[0])
        await pilot.pause()
        lines = [line for line in screen_lines(app, within=results(app)) if line.startswith("term")]
        assert lines, screen_text(app)
        assert len([line for line in lines if term.term in line]) == 1, screen_text(app)


async def test_the_readers_notes_are_found_and_lead_to_their_item(
    bundled: Briefing, tmp_path: Path
) -> None:
    section = bundled.sections[2]
    study = StudyStore(bundled, directory=tmp_path)
    study.set_note(f"section:{section.id}", "Ask about the zeppelin figures")
    study.save()
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("slash")
        await until(pilot, lambda: search_box(app).has_focus, "the search box")
        await pilot.press(*"zeppelin")
        await pilot.pause()
        assert_on_screen(app, "1 result", within=app.screen.query_one("#search-box"))
        assert_on_screen(
            app, f"note {section.title}", "Ask about the zeppelin figures", within=results(app)
        )
        await pilot.press("enter")
        await pilot.pause()
        assert_on_screen(
            app, section.title, "Ask about the zeppelin figures", within=main_pane(app)
        )


async def test_a_note_written_now_is_found_by_the_next_search(
    bundled: Briefing, tmp_path: Path
) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("slash")
        await until(pilot, lambda: search_box(app).has_focus, "the search box")
        await pilot.press("escape", "2", "n")
        await pilot.pause()
        await pilot.press(*"quokka count", "ctrl+s")
        await pilot.pause()
        await pilot.press("1", "slash")
        await until(pilot, lambda: search_box(app).has_focus, "the search box")
        await pilot.press(*"quokka")
        await pilot.pause()
        assert_on_screen(app, f"note {bundled.sections[0].title}", within=results(app))


async def test_the_palette_ranks_a_name_above_scattered_letters(bundled: Briefing) -> None:
    putin = next(actor for actor in bundled.actors if actor.name.endswith("Putin"))
    app = BriefingApp(bundled)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"putin")
        await until(pilot, lambda: palette_lists(app, putin.name), "Putin listed")
        listed = screen_lines(app, within=app.screen.query_one(CommandList))
        kinds = {"actor", "event", "section", "term", "view", "pro argument", "con argument"}
        names = [line.strip() for line in listed if line.strip() and line.strip() not in kinds]
        # The name first, then the event that names him, then the loose matches.
        assert putin.name in names[0], "\n".join(listed)
        assert "Putin" in names[1], "\n".join(listed)


def long_briefing() -> Briefing:
    """A section with a word far down its text three times, and the word once elsewhere."""
    paragraphs = [f"Paragraph {number} says little of note." for number in range(60)]
    paragraphs[10] = "The first wombat appears here."
    paragraphs[30] = "A second wombat waits in the middle."
    paragraphs[55] = "The third wombat closes the text."
    return briefing_from_data(
        {
            "format": 1,
            "briefing": {"id": "wombats", "title": "Wombats"},
            "sections": [
                {"id": "long", "title": "A long section", "body": "\n\n".join(paragraphs)},
                {"id": "short", "title": "A short one", "body": "No marsupials."},
            ],
        }
    )


async def test_n_and_shift_n_step_through_the_matches_of_the_last_search(tmp_path: Path) -> None:
    briefing = long_briefing()
    app = make_app(briefing, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await until(pilot, lambda: search_box(app).has_focus, "the search box")
        await pilot.press(*"wombat", "enter")
        await until(pilot, lambda: shows(app, "match 1/3", within=header(app)), "the first match")
        await pilot.pause()
        pane = main_pane(app)
        assert_on_screen(app, "The first wombat appears here.", within=pane)
        assert_on_screen(app, "match 1/3", within=header(app))
        assert_on_screen(app, "n Next match", "esc Clear search")
        await pilot.press("n")
        await pilot.pause()
        assert_on_screen(app, "A second wombat waits in the middle.", within=pane)
        assert_not_on_screen(app, "The first wombat appears here.", within=pane)
        assert_on_screen(app, "match 2/3", within=header(app))
        await pilot.press("n")
        await pilot.pause()
        assert_on_screen(app, "The third wombat closes the text.", within=pane)
        assert_on_screen(app, "match 3/3", within=header(app))
        await pilot.press("n")
        await pilot.pause()
        assert_on_screen(app, "The first wombat appears here.", within=pane)
        assert_on_screen(app, "match 1/3", within=header(app))
        await pilot.press("N")
        await pilot.pause()
        assert_on_screen(app, "The third wombat closes the text.", within=pane)
        assert_on_screen(app, "match 3/3", within=header(app))
        await pilot.press("escape")
        await pilot.pause()
        assert_not_on_screen(app, "match", within=header(app))
        assert_not_on_screen(app, "Next match", "Clear search")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)


# How a result is laid out ------------------------------------------------------


async def open_search(pilot: Pilot[Any], query: str) -> None:
    """Open the search screen and type *query* into it."""
    await pilot.press("slash")
    await until(pilot, lambda: search_box(pilot.app).has_focus, "the search box")
    await pilot.press(*query)
    await until(pilot, lambda: shows(pilot.app, "result"), "the results")
    await pilot.pause()


async def test_a_wrapped_result_hangs_under_its_text_after_the_kind(
    bundled: Briefing, tmp_path: Path
) -> None:
    hits = SearchIndex(bundled).search("rocket")[:2]
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_search(pilot, "rocket")
        # The first hit's snippet is too long for the line beside the kind: it wraps.
        assert len(hits[0].snippet) > results(app).size.width - len("question ")
        for hit in hits:
            text = f"{hit.label} {hit.snippet}"
            assert_hangs(app, hit.target.kind, text, within=results(app))


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("sanctions", "UN Security Council sanctions"),  # a term, found by its name
        ("North Korean shells keep", "North Korean shells keep Russia in the war"),  # a claim
        ("Soviet Union collapses", "Soviet Union collapses; Moscow–Pyongyang"),  # an event
        ("What does Russia get", "What does Russia get from the arms deals"),  # a question
    ],
)
async def test_a_result_found_by_its_title_shows_the_title_once(
    bundled: Briefing, tmp_path: Path, query: str, title: str
) -> None:
    first = SearchIndex(bundled).search(query)[0]
    assert title in first.label
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_search(pilot, query)
        shown = " ".join(screen_text(app, within=results(app)).split())
        assert shown.count(title) == 1, screen_text(app)
        assert_hangs(app, first.target.kind, first.label, within=results(app))
