"""Pilot tests of studying: search, notes, bookmarks, progress, resume, quiz, --no-save."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Static

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.navigation import Place
from briefing_tui.core.study.store import StudyStore, question_key
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.note_editor import NoteEditor
from briefing_tui.ui.screens.quiz import CardScreen
from briefing_tui.ui.screens.search import SearchScreen
from briefing_tui.ui.widgets.briefing_header import BriefingHeader
from briefing_tui.ui.widgets.key_footer import KeyFooter
from briefing_tui.ui.widgets.markdown_text import MarkdownText
from briefing_tui.ui.widgets.note_block import NoteBlock
from briefing_tui.ui.widgets.outline import Outline
from briefing_tui.ui.widgets.scoreboard_view import ArgumentRow, ScoreboardView
from briefing_tui.ui.widgets.section_view import SectionView
from tests.screen import assert_not_on_screen, assert_on_screen, reversed_text
from tests.ui.explorer_parts import header, main_pane
from tests.waiting import until


def make_app(briefing: Briefing, tmp_path: Path, read_only: bool = False) -> BriefingApp:
    return BriefingApp(
        briefing, study=StudyStore(briefing, read_only=read_only, directory=tmp_path)
    )


def outline(app: BriefingApp) -> Outline:
    return app.explorer.query_one(Outline)


def first_words(markdown: str, count: int = 6) -> str:
    """The first *count* words of *markdown* as the reader sees them: links as their text."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return " ".join(text.replace("*", "").split()[:count])


async def test_search_jumps_to_the_match_and_highlights_it(
    bundled: Briefing, tmp_path: Path
) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        await until(
            pilot, lambda: app.screen.query_one("#search-input").has_focus, "the search box"
        )
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"Vostochny")
        await pilot.pause()
        assert app.screen._hits
        first = app.screen._hits[0]
        assert_on_screen(app, f"{len(app.screen._hits)} results", first.label)
        await pilot.press("enter")
        await pilot.pause()
        explorer = app.explorer
        assert explorer.history.current.view in {"glossary", "section", "timeline", "actor"}
        assert first.label
        assert explorer._highlight_words == ["Vostochny"]
        assert_on_screen(app, first.label, within=main_pane(app))


async def test_a_key_point_found_by_search_is_marked_and_scrolled_to(
    bundled: Briefing, tmp_path: Path
) -> None:
    # "stagnated" is only in a key point of the history section, below the fold at 80x24.
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await until(
            pilot, lambda: app.screen.query_one("#search-input").has_focus, "the search box"
        )
        await pilot.press(*"stagnated")
        await pilot.pause()
        await pilot.press("enter")
        await until(
            pilot,
            lambda: app.explorer.query_one("#section", SectionView).scroll_y > 0,
            "the section scrolled to the key point",
        )
        await pilot.pause()
        explorer = app.explorer
        assert explorer.history.current == Place("section", "history")
        view = explorer.query_one("#section", SectionView)
        key_points = view.query_one("#section-key-points", Static)
        assert view.scroll_y > 0
        assert key_points.region.y < view.region.bottom
        assert key_points.region.bottom > view.region.y
        assert reversed_text(app, within=key_points) == ["stagnated"]
        history = bundled.sections_by_id["history"]
        point = next(point for point in history.key_points if "stagnated" in point)
        assert_on_screen(app, "Key points", point, within=view)


async def test_a_note_after_following_a_card_is_on_the_panel_s_actor(
    bundled: Briefing, tmp_path: Path
) -> None:
    # The card's view is hidden once its link is followed: keys must not go to it.
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        first = bundled.actors[0]
        assert app.explorer.history.current == Place("actor", first.id)
        assert_on_screen(app, first.name, first_words(first.summary), within=main_pane(app))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert_on_screen(app, f"Note on {first.name}")
        await pilot.press(*"On the panel", "ctrl+s")
        await pilot.pause()
        assert app.study.note(f"actor:{first.id}") == "On the panel"
        assert [key for key in app.study.notes if key.startswith("actor:")] == [f"actor:{first.id}"]
        assert_on_screen(app, first.name, "✎ Your note", "On the panel", within=main_pane(app))


async def test_note_is_saved_shown_and_marked(bundled: Briefing, tmp_path: Path) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        section = bundled.sections[0]
        assert_on_screen(app, f"Note on {section.title}")
        await pilot.press(*"Check the 152 mm figure")
        await pilot.pause()
        assert_on_screen(app, "Check the 152 mm figure", within=app.screen.query_one("#note-text"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.study.note(f"section:{section.id}") == "Check the 152 mm figure"
        block = app.explorer.query_one("#section NoteBlock", NoteBlock)
        assert block.display
        outline = app.explorer.query_one(Outline)
        assert outline.label_of(Place("section", section.id)) == f"✎ 1 {section.title}"
        assert_on_screen(app, f"1. {section.title}", "✎ Your note", within=main_pane(app))
        assert_on_screen(app, f"✎ 1 {first_words(section.title, 2)}", within=outline)
        await pilot.press("q")
    reopened = StudyStore(bundled, directory=tmp_path)
    assert reopened.note(f"section:{section.id}") == "Check the 152 mm figure"
    again = make_app(bundled, tmp_path)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert_on_screen(again, "✎ Your note", "Check the 152 mm figure", within=main_pane(again))


async def test_a_note_just_saved_shows_its_text_under_the_section(
    bundled: Briefing, tmp_path: Path
) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        await pilot.press(*"Check the 152 mm figure", "ctrl+s")
        await pilot.pause()
        assert_on_screen(app, "✎ Your note", "Check the 152 mm figure", within=main_pane(app))


async def test_pasted_escape_sequence_in_a_note_is_neutralised(
    bundled: Briefing, tmp_path: Path
) -> None:
    from textual.events import Paste

    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        area = app.screen.query_one("#note-text")
        area.post_message(Paste("x\x1b[c\x1b]52;c;aGk=\x07y"))
        await pilot.pause()
        assert "\x1b" not in area.text
        assert "\x07" not in area.text
        assert_on_screen(app, "x␛[c␛]52;c;aGk=␇y", within=area)
        await pilot.press("ctrl+s")
        await pilot.pause()
        note = app.study.note(f"section:{bundled.sections[0].id}")
        assert "\x1b" not in note
        assert note.startswith("x␛[c")


async def test_bookmark_adds_outline_group(bundled: Briefing, tmp_path: Path) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        first_actor = bundled.actors[0].id
        assert app.study.is_bookmarked(f"actor:{first_actor}")
        outline = app.explorer.query_one(Outline)
        assert outline.bookmarks == (Place("actor", first_actor),)
        assert outline.line_text(1) == "▼ Bookmarks"
        assert outline.line_text(2) == f"└ ★ {bundled.actors[0].name}"
        assert_on_screen(app, f"▼ Bookmarks └ ★ {bundled.actors[0].name}", within=outline)
        await pilot.press("b")
        await pilot.pause()
        assert outline.bookmarks == ()
        assert outline.line_text(1) == "▼ Sections"
        assert_on_screen(app, "Overview ▼ Sections", within=outline)
        assert_not_on_screen(app, "Bookmarks", within=outline)


async def test_mark_read_updates_header_progress(bundled: Briefing, tmp_path: Path) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        header = app.explorer.query_one(BriefingHeader)
        before = app.study.read_count
        await pilot.press("m")
        await pilot.pause()
        assert app.study.read_count == before + 1
        assert header.progress == f"{before + 1}/{len(bundled.sections)} read"
        total = len(bundled.sections)
        assert_on_screen(app, f"Section 1/{total} · {before + 1}/{total} read", within=header)
        assert_on_screen(app, "✓ 1", within=outline(app))


async def test_scrolling_to_the_end_marks_a_section_read(
    bundled: Briefing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SectionView, "READ_AFTER", 0.2)
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        section = bundled.sections[0]
        assert app.study.section_status(section) == "unread"
        assert_on_screen(app, f"0/{len(bundled.sections)} read", within=header(app))
        app.explorer.query_one("#section").scroll_end(animate=False)
        await until(pilot, lambda: app.study.section_status(section) == "read", "the read mark")
        assert_on_screen(app, f"1/{len(bundled.sections)} read", within=header(app))
        assert_on_screen(app, "✓ 1", within=outline(app))


async def test_reopens_where_the_reader_left_off(bundled: Briefing, tmp_path: Path) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("q")
    again = make_app(bundled, tmp_path)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.explorer.history.current.view == "timeline"
        first = bundled.timeline[0]
        assert_on_screen(again, "Timeline", first.title, within=main_pane(again))
        assert_on_screen(again, "Timeline", within=header(again))


async def test_weights_are_kept(bundled: Briefing, tmp_path: Path) -> None:
    board = bundled.scoreboards[0]
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert_on_screen(app, board.title, within=main_pane(app))
        assert_not_on_screen(app, "(± changed by you)", within=main_pane(app))
        await pilot.press("space")
        await pilot.pause()
        assert_on_screen(app, "off ░░░░░ ±", within=app.explorer.query(ArgumentRow).first())
        assert_on_screen(app, "(± changed by you)", within=main_pane(app))
        await pilot.press("q")
    assert not StudyStore(bundled, directory=tmp_path).weighting(board.id).is_default
    again = make_app(bundled, tmp_path)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        view = again.explorer.query_one(ScoreboardView)
        assert_on_screen(again, board.title, "(± changed by you)", within=view)
        assert_on_screen(again, "off ░░░░░ ±", within=view.rows[0])


async def test_quiz_records_answers_and_retries_forgotten_ones(
    bundled: Briefing, tmp_path: Path
) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CardScreen)
        card = screen.query_one("#card")
        first_question = bundled.questions[0]
        count = len(bundled.questions)
        assert_on_screen(app, f"Quiz — 1 of {count}", first_question.prompt, within=card)
        assert_not_on_screen(app, first_words(first_question.answer), within=card)
        await pilot.press("enter")
        answer = screen.query_one("#card-answer", MarkdownText)
        assert answer.links is not None
        await pilot.pause()
        assert_on_screen(app, first_words(first_question.answer), within=answer)
        await pilot.press("1")
        await pilot.pause()
        assert_on_screen(app, f"Quiz — 2 of {count}", bundled.questions[1].prompt, within=card)
        for _ in bundled.questions[1:]:
            await pilot.press("enter", "3")
        assert screen.finished
        await pilot.pause()
        assert_on_screen(app, f"Score: {count - 1} of {count} known", within=card)
        assert_on_screen(app, "r Forgotten ones again", within=screen.query_one(KeyFooter))
        await pilot.press("r")
        assert len(screen.cards) == 1
        assert not screen.finished
        await pilot.pause()
        assert_on_screen(app, "Quiz — 1 of 1", first_question.prompt, within=card)
        await pilot.press("enter", "3")
        await pilot.pause()
        assert_on_screen(app, "Score: 1 of 1 known", within=card)
        await pilot.press("escape")
        await pilot.pause()
        assert_on_screen(app, bundled.briefing.title, within=main_pane(app))
        first = app.study.quiz_result(question_key(bundled.questions[0]))
        assert first is not None
        assert first.wrong == 1
        assert first.right == 1


async def test_no_save_writes_nothing(bundled: Briefing, tmp_path: Path) -> None:
    study_dir = tmp_path / "study"
    app = BriefingApp(bundled, study=StudyStore(bundled, read_only=True, directory=study_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "m", "b")
        await pilot.pause()
        await pilot.press("q")
    assert not study_dir.exists()


async def test_notes_on_removed_items_are_listed_not_dropped(
    bundled: Briefing, tmp_path: Path
) -> None:
    study = StudyStore(bundled, directory=tmp_path)
    study.set_note("section:gone-away", "a note on a section since deleted")
    study.save()
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        block = app.explorer.query_one("#orphaned-notes")
        assert block.display
        assert "a note on a section since deleted" in str(block.render())
        # Named by what it was, never by its key (its title was never known here).
        assert_on_screen(
            app,
            "Notes on items no longer in this briefing",
            "A section: a note on a section since deleted",
            within=main_pane(app),
        )
        assert_not_on_screen(app, "section:gone-away", within=main_pane(app))


async def test_the_overview_builds_no_orphaned_notes_block_without_orphans(
    bundled: Briefing, tmp_path: Path
) -> None:
    study = StudyStore(bundled, directory=tmp_path)
    study.set_note(f"section:{bundled.sections[0].id}", "a note on a section that exists")
    study.save()
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert not app.explorer.query("#orphaned-notes")
        assert_on_screen(app, bundled.briefing.title, within=main_pane(app))
        assert_not_on_screen(app, "Notes on items no longer", within=main_pane(app))


async def test_bookmark_the_term_shown_when_the_glossary_opens(
    bundled: Briefing, tmp_path: Path
) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("6", "j", "k", "1", "6")
        await pilot.pause()
        first = sorted(bundled.glossary, key=lambda term: term.term.casefold())[0]
        detail = app.explorer.query_one("#glossary .item-detail")
        assert_on_screen(app, first.term, first_words(first.definition), within=detail)
        await pilot.press("b")
        await pilot.pause()
        assert app.study.is_bookmarked(f"term:{first.slug}")
        assert_on_screen(app, f"▼ Bookmarks └ ★ {first.term}", within=outline(app))
