"""Pilot tests of reading in order: [ and ], where reading starts or continues, progress."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widget import Widget

from briefing_tui.core.content.loader import parse_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.store import StudyStore
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.widgets.outline import Outline
from briefing_tui.ui.widgets.section_view import SectionView
from tests.screen import (
    assert_hangs,
    assert_not_on_screen,
    assert_on_screen,
    screen_lines,
    shows,
)
from tests.ui.explorer_parts import footer, header, main_pane
from tests.waiting import until

TWO_BOARDS = parse_briefing(
    """format = 1
[briefing]
id = "two-boards"
title = "Two boards"
[[sections]]
id = "one"
title = "Section one"
body = "The first."
[[sections]]
id = "two"
title = "Section two"
body = "The second."
"""
    + "".join(
        f"""
[[scoreboards]]
id = "board-{number}"
title = "Board number {number}"
[[scoreboards.arguments]]
id = "for"
side = "pro"
claim = "A claim for, on board {number}."
[[scoreboards.arguments]]
id = "against"
side = "con"
claim = "A claim against, on board {number}."
"""
        for number in (1, 2)
    )
)


def make_app(briefing: Briefing, tmp_path: Path) -> BriefingApp:
    return BriefingApp(briefing, study=StudyStore(briefing, directory=tmp_path))


async def test_from_the_overview_the_bracket_starts_at_section_one(
    bundled: Briefing, tmp_path: Path
) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        first = bundled.sections[0]
        assert_on_screen(app, f"Start reading: {first.title} →", within=main_pane(app))
        assert_on_screen(app, "] Start reading", within=footer(app))
        # Section 5 visited, then the overview again: ] still starts at the start.
        await pilot.press("2", *["right_square_bracket"] * 4, "1", "right_square_bracket")
        await pilot.pause()
        assert_on_screen(app, f"1. {first.title}", within=main_pane(app))


async def test_with_sections_read_the_overview_continues_at_the_first_unread(
    bundled: Briefing, tmp_path: Path
) -> None:
    study = StudyStore(bundled, directory=tmp_path)
    for section in bundled.sections[:2]:
        study.mark_read(section)
    study.save()
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        third = bundled.sections[2]
        assert_on_screen(app, f"Continue: {third.title} →", within=main_pane(app))
        assert_not_on_screen(app, "Start reading", within=main_pane(app))
        assert_on_screen(app, "] Continue reading", within=footer(app))
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert_on_screen(app, f"3. {third.title}", within=main_pane(app))


async def test_from_another_view_the_bracket_does_not_jump_to_the_last_section_seen(
    bundled: Briefing, tmp_path: Path
) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", *["right_square_bracket"] * 4, "5")
        await pilot.pause()
        assert_on_screen(app, "] Start reading", within=footer(app))
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert_on_screen(app, f"1. {bundled.sections[0].title}", within=main_pane(app))


async def test_on_a_scoreboard_the_brackets_move_between_boards(tmp_path: Path) -> None:
    app = make_app(TWO_BOARDS, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert_on_screen(app, "Board number 1", within=main_pane(app))
        assert_on_screen(app, "Scoreboard 1/2", within=header(app))
        assert_on_screen(app, "] Next board", within=footer(app))
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert_on_screen(app, "Board number 2", "A claim for, on board 2.", within=main_pane(app))
        assert_on_screen(app, "Scoreboard 2/2", within=header(app))
        assert_on_screen(app, "[ Previous board", within=footer(app))
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert_on_screen(app, "Board number 1", within=main_pane(app))
        assert_not_on_screen(app, "Board number 2", within=main_pane(app))


# Reading progress --------------------------------------------------------------

DWELL = 1.0
"""Seconds the end of a section must stay on screen, shortened for the tests.

Long enough that the keys of a test that must leave a section unread land
well within it, even on a loaded machine.
"""


@pytest.fixture
def short_dwell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SectionView, "READ_AFTER", DWELL)


async def test_a_short_section_passed_with_the_bracket_is_not_read(
    bundled: Briefing, tmp_path: Path, short_dwell: None
) -> None:
    total = len(bundled.sections)
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 50)) as pilot:
        # Sections 1 to 3 fit the pane: 1 and 2, passed in a moment, stay unread;
        # 3, left on screen, is read once its end has stayed there.
        await pilot.press("2", "right_square_bracket", "right_square_bracket")
        await until(pilot, lambda: shows(app, f"1/{total} read", header(app)), "a section read")
        outline = app.explorer.query_one(Outline)
        assert_on_screen(app, f"✓ 3 {bundled.sections[2].title[:10]}", within=outline)
        assert_not_on_screen(app, "✓ 1", "✓ 2", within=outline)


async def test_a_long_section_is_read_once_its_end_has_stayed_on_screen(
    bundled: Briefing, tmp_path: Path, short_dwell: None
) -> None:
    total = len(bundled.sections)
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause(1.5 * DWELL)  # fixed: its end is not shown, so it must stay unread
        assert_on_screen(app, f"0/{total} read", within=header(app))
        await pilot.press("G")
        await pilot.pause(DWELL / 3)  # fixed: the end shown for less than the dwell
        await pilot.press("k")
        await pilot.pause(1.5 * DWELL)  # fixed: the end left too soon, so it must stay unread
        assert_on_screen(app, f"0/{total} read", within=header(app))
        await pilot.press("G")
        await until(
            pilot,
            lambda: not shows(app, f"0/{total} read", within=header(app)),
            "the section to count as read",
        )
        assert_on_screen(app, f"1/{total} read", within=header(app))


async def test_the_help_says_when_a_section_counts_as_read(
    bundled: Briefing, tmp_path: Path
) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("2", "question_mark")
        await pilot.pause()
        assert_on_screen(
            app, "m Mark read/unread (or 3 s at its end)", within=app.screen.query_one("#help-body")
        )


# Enter on a list item ----------------------------------------------------------

LOOSE_EVENTS = parse_briefing(
    """format = 1
[briefing]
id = "loose"
title = "Loose ends"
[[sections]]
id = "one"
title = "Section one"
body = "The first, about [a term](#term:used)."
[[actors]]
id = "alpha"
name = "Alpha"
kind = "state"
[[timeline]]
date = "2020"
title = "An event with an actor only"
actors = ["alpha"]
[[timeline]]
date = "2021"
title = "An event with nothing to open"
[[glossary]]
term = "Unused"
definition = "A term no text links to."
[[glossary]]
term = "Used"
definition = "A term the first section links to."
"""
)


async def test_enter_on_an_event_opens_its_section(bundled: Briefing, tmp_path: Path) -> None:
    event = bundled.events_in_order[0]
    assert event.section is not None
    section = bundled.sections_by_id[event.section]
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert_on_screen(app, "⏎ Open its section", within=footer(app))
        await pilot.press("enter")
        await pilot.pause()
        number = bundled.section_positions[section.id] + 1
        assert_on_screen(app, f"{number}. {section.title}", within=main_pane(app))


async def test_enter_on_an_event_without_a_section_opens_its_actor(tmp_path: Path) -> None:
    app = make_app(LOOSE_EVENTS, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert_on_screen(app, "⏎ Open its actor", within=footer(app))
        await pilot.press("j")
        await pilot.pause()
        assert_on_screen(app, "An event with nothing to open", within=main_pane(app))
        assert_not_on_screen(app, "⏎", within=footer(app))
        await pilot.press("k", "enter")
        await pilot.pause()
        assert_on_screen(app, "Alpha", "state", within=main_pane(app))
        assert_not_on_screen(app, "Timeline", within=main_pane(app))


async def test_enter_on_a_term_shows_where_it_is_used(tmp_path: Path) -> None:
    app = make_app(LOOSE_EVENTS, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        assert_on_screen(app, "Unused", "A term no text links to.", within=main_pane(app))
        assert_not_on_screen(app, "⏎", within=footer(app))
        await pilot.press("j")
        await pilot.pause()
        assert_on_screen(app, "⏎ Where it is used", within=footer(app))
        await pilot.press("enter")
        await pilot.pause()
        assert_on_screen(app, "Used in", "§ Section one", within=main_pane(app))
        assert_on_screen(app, "⏎ Follow link", within=footer(app))
        await pilot.press("enter")
        await pilot.pause()
        assert_on_screen(app, "1. Section one", within=main_pane(app))


# Words -------------------------------------------------------------------------

WORDS = parse_briefing(
    """format = 1
[briefing]
id = "words"
title = "Words"
[[sections]]
id = "one"
title = "Section one"
body = "About [the council](#actor:council)."
actors = ["council", "us"]
[[actors]]
id = "council"
name = "UN Security Council"
kind = "organisation"
[[actors]]
id = "us"
name = "United States"
kind = "state"
stance = "opposes"
[[scoreboards]]
id = "board"
title = "Is it worth it?"
perspective = "us"
[[scoreboards.arguments]]
id = "for"
side = "pro"
claim = "It pays."
"""
)


async def test_a_perspective_reads_as_english(tmp_path: Path) -> None:
    app = make_app(WORDS, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert_on_screen(
            app, "Is it worth it?", "United States' perspective", within=main_pane(app)
        )
        assert_not_on_screen(app, "States's", within=main_pane(app))


async def test_an_actor_without_a_stance_shows_no_unknown_badge(tmp_path: Path) -> None:
    app = make_app(WORDS, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        for keys in (("2",), ("3",), ("3", "enter")):
            await pilot.press(*keys)
            await pilot.pause()
            assert_on_screen(app, "UN Security Council", within=main_pane(app))
            assert_not_on_screen(app, "unknown", "?", within=main_pane(app))
        assert_on_screen(app, "stance not given", within=main_pane(app))


# Resetting weights ------------------------------------------------------------


async def test_a_reset_of_the_weights_can_be_undone(bundled: Briefing, tmp_path: Path) -> None:
    board = bundled.scoreboards[0]
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert_not_on_screen(app, "Reset weights", "Undo", within=footer(app))
        await pilot.press("minus", "j", "space")
        await pilot.pause()
        pane = main_pane(app)
        assert_on_screen(app, "(± changed by you)", within=pane)
        assert_on_screen(app, "r Reset weights", within=footer(app))
        await pilot.press("r")
        await pilot.pause()
        assert_not_on_screen(app, "(± changed by you)", "±", within=pane)
        assert_on_screen(app, "Weights reset to the author's")
        assert_on_screen(app, "u Undo reset", within=footer(app))
        await pilot.press("u")
        await pilot.pause()
        assert_on_screen(app, "(± changed by you)", "off ░░░░░ ±", within=pane)
        assert_not_on_screen(app, "Undo reset", within=footer(app))
        assert app.study is not None
        assert not app.study.weighting(board.id).is_default


async def test_no_word_of_undoing_a_reset_follows_the_reader_to_another_view(
    bundled: Briefing, tmp_path: Path
) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("4", "minus", "r", "5")
        await pilot.pause()
        assert_on_screen(app, "Timeline", within=main_pane(app))
        # The toast may linger a moment; u does nothing here, so nothing offers it.
        assert_not_on_screen(app, "undo", "Undo")


# The reading measure ----------------------------------------------------------


def text_rows(app: BriefingApp, widget_id: str) -> list[str]:
    """The rows of the widget *widget_id*, as the screen shows them, trailing spaces off."""
    return screen_lines(app, app.explorer.query_one(widget_id))


async def test_at_160_columns_lines_of_text_stay_readable(
    bundled: Briefing, tmp_path: Path
) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        for key, text in (("2", "#section-body"), ("1", "#overview-text")):
            await pilot.press(key)
            await pilot.pause()
            rows = [row.strip() for row in text_rows(app, text) if row.strip()]
            assert rows
            assert max(len(row) for row in rows) <= 88


async def test_the_reader_may_centre_the_text_and_choose_its_measure(
    bundled: Briefing, tmp_path: Path
) -> None:
    app = BriefingApp(
        bundled,
        study=StudyStore(bundled, directory=tmp_path),
        reading_width=60,
        reading_align="centre",
    )
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        pane = main_pane(app)
        rows = [row.strip() for row in text_rows(app, "#section-body") if row.strip()]
        assert rows
        assert max(len(row) for row in rows) <= 60
        # Centred: as much room left of the text as right of it, give or take the scrollbar.
        body = app.explorer.query_one("#section-body")
        left = body.region.x - pane.region.x
        right = pane.region.right - body.region.right
        assert left > 10
        assert abs(left - right) <= 4


# Lists that wrap ----------------------------------------------------------------


async def test_key_points_wrap_under_their_text_after_the_bullet(
    bundled: Briefing, tmp_path: Path
) -> None:
    section = bundled.sections[0]
    app = make_app(bundled, tmp_path)
    # 80 columns, as reported; tall enough to show the whole section without scrolling.
    async with app.run_test(size=(80, 150)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        pane = main_pane(app)
        assert_on_screen(app, "Key points", within=pane)
        # At 80 columns some of them take more than one line.
        assert max(len(point) for point in section.key_points) > pane.size.width
        for point in section.key_points:
            assert_hangs(app, "• ", point, within=pane)


async def test_an_actors_interests_and_concerns_wrap_under_their_text_after_the_bullet(
    bundled: Briefing, tmp_path: Path
) -> None:
    actor = bundled.actors[0]
    items = [*actor.interests, *actor.concerns]
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 150)) as pilot:
        await pilot.press("3", "enter")
        await until(pilot, lambda: shows(app, "Interests", within=main_pane(app)), "the actor")
        await pilot.pause()
        pane = main_pane(app)
        assert max(len(item) for item in items) > pane.size.width
        for item in items:
            assert_hangs(app, "• ", item, within=pane)


def overview_text(app: BriefingApp) -> Widget:
    return app.explorer.query_one("#overview-text")


async def test_the_overview_facts_hang_after_their_labels_and_the_url_breaks_between_words(
    bundled: Briefing, tmp_path: Path
) -> None:
    meta = bundled.briefing
    assert meta.source is not None
    url = meta.source.url
    # Every kind of part the briefing has, as `briefing validate` counts them.
    counts = " · ".join(
        f"{number} {word}{'' if number == 1 else 's'}"
        for number, word in (
            (len(bundled.sections), "section"),
            (len(bundled.actors), "actor"),
            (len(bundled.relations), "relation"),
            (len(bundled.scoreboards), "scoreboard"),
            (bundled.argument_count, "argument"),
            (len(bundled.timeline), "event"),
            (len(bundled.glossary), "term"),
            (len(bundled.questions), "question"),
        )
    )
    app = make_app(bundled, tmp_path)
    # 80 columns, as reported; tall enough to show the facts without scrolling.
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.pause()
        text = overview_text(app)
        # Too long for the line: the address may break, but between its words.
        assert len(url) > text.size.width
        assert_hangs(app, "URL", url, within=text, whole=tuple(re.split(r"[/-]+", url)))
        assert_hangs(app, "Tags", ", ".join(meta.tags), within=text)
        assert_hangs(app, "Contents", counts, within=text)
        assert_hangs(app, "Date", meta.published, within=text)


async def test_an_address_that_fits_beside_its_label_is_not_broken(tmp_path: Path) -> None:
    url = "https://example.org/a-fairly-long/path"
    briefing = parse_briefing(
        f"""format = 1
[briefing]
id = "short-url"
title = "A short address"
[briefing.source]
publication = "Somewhere"
url = "{url}"
[[sections]]
id = "one"
title = "Section one"
body = "The first."
"""
    )
    app = make_app(briefing, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert_hangs(app, "URL", url, within=overview_text(app), whole=(url,))
