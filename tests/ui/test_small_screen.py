"""On small screens (60x20, 40x12) every view fits and stays usable.

Dialogs fit at 40x12 and the footer keeps ? Help; a review card's answer
scrolls into view; the progress charts fit the width; the overview's review
line wraps rather than being cut.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual import events

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.progress import FORECAST_DAYS
from briefing_tui.core.study.store import StudyStore, question_key
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.note_editor import NoteEditor
from briefing_tui.ui.screens.progress import ProgressScreen
from briefing_tui.ui.screens.quiz import CardScreen
from briefing_tui.ui.widgets.key_footer import KeyFooter
from briefing_tui.ui.widgets.overview_view import OverviewView
from briefing_tui.ui.widgets.review_link import ReviewLink
from tests.screen import assert_on_screen, screen_lines, screen_text, shows

SMALL = (40, 12)
SIZES = [(60, 20), SMALL]
"""The screens a new user reported views cut or broken at."""

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)


def make_app(briefing: Briefing, tmp_path: Path, *, forgotten: int = 0) -> BriefingApp:
    """The app on *briefing*, its first *forgotten* questions rated Again half a minute ago."""
    now = [NOW - dt.timedelta(seconds=30)]
    store = StudyStore(briefing, directory=tmp_path, clock=lambda: now[0])
    for question in briefing.questions[:forgotten]:
        store.rate(question_key(question), 1)
    now[0] = NOW
    return BriefingApp(briefing, study=store)


async def test_the_note_editor_shows_what_is_typed(bundled: Briefing, tmp_path: Path) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Check this")
        await pilot.pause()
        box = app.screen.query_one("#note-box")
        assert box.region in app.screen.region
        assert_on_screen(app, "Note on", within=box)
        assert_on_screen(app, "Check this", within=app.screen.query_one("#note-text"))
        assert_on_screen(app, "escape keeps", within=box)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.study is not None
        assert app.study.note(f"section:{bundled.sections[0].id}") == "Check this"


@pytest.mark.parametrize("key", list("1234567"))
async def test_the_footer_always_offers_help(bundled: Briefing, tmp_path: Path, key: str) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert_on_screen(app, "? Help", within=app.explorer.query_one(KeyFooter))


@pytest.mark.parametrize(
    ("key", "position"),
    [
        ("1", "Overview · 0/9 read"),
        ("2", "Section 1/9 · 0/9 read"),
        ("4", "Scoreboard 1/1 · 0/9 read"),
        ("7", "My notes · 0/9 read"),
    ],
)
async def test_the_header_says_where_the_reader_is_in_full(
    bundled: Briefing, tmp_path: Path, key: str, position: str
) -> None:
    # Where one is matters more than the title on a narrow screen: the title gives way.
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(key)
        await pilot.pause()
        header = screen_lines(app)[0]
        assert position in header, header
        assert header.lstrip().startswith("China"), header


async def test_the_quiz_answer_shows_inside_its_card(bundled: Briefing, tmp_path: Path) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        # A question card takes a typed answer: enter shows the model answer.
        await pilot.press("T", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CardScreen)
        card = app.screen.query_one("#card")
        answer = " ".join(bundled.questions[0].answer.split()[:3])
        assert_on_screen(app, answer, within=card)


def _answer_shown(app: BriefingApp) -> str:
    """The part of a card's model answer in view (beside a typed answer, read on its own)."""
    shown = app.screen.query_one("#card-answer").region
    visible = shown.intersection(app.screen.query_one("#card").scrollable_content_region)
    return " ".join(screen_text(app, within=visible).split())


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("key", ["down", "j", "pagedown", "scroll"])
async def test_a_review_card_s_whole_answer_can_be_read_and_rated(
    bundled: Briefing, tmp_path: Path, size: tuple[int, int], key: str
) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("R", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CardScreen)
        shown = screen.card
        assert shown is not None
        box = screen.query_one("#card")
        words = shown.answer.split()
        end = " ".join(words[-3:])
        seen = [_answer_shown(app)]
        for _ in range(20):
            if end in seen[-1]:
                break
            if key == "scroll":
                # The mouse wheel over the middle of the card.
                x, y = box.region.center
                app.post_message(
                    events.MouseScrollDown(
                        None, x, y, 0, 1, 0, False, False, False, screen_x=x, screen_y=y
                    )
                )
            else:
                await pilot.press(key)
            await pilot.pause()
            seen.append(_answer_shown(app))
        # Every word of the answer was on the screen at some point, the last ones at the end.
        read = " ".join(seen)
        assert [word for word in words if word not in read] == []
        assert end in seen[-1]
        # The rating keys still work: Good brings the next card, shown from its top.
        await pilot.press("3")
        await pilot.pause()
        following = screen.card
        assert following is not None
        assert following is not shown
        assert_on_screen(app, " ".join(following.prompt.split()[:3]), within=box)


@pytest.mark.parametrize("width", [60, 50, 40])
async def test_the_progress_charts_fit_the_width(
    bundled: Briefing, tmp_path: Path, width: int
) -> None:
    app = make_app(bundled, tmp_path, forgotten=7)
    async with app.run_test(size=(width, 60)) as pilot:
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        lines = screen_lines(app)
        axes = [number for number, line in enumerate(lines) if "▔" in line]
        headings = [
            number
            for number, line in enumerate(lines)
            if line.strip().startswith(("Reviews per day", "Due, next"))
        ]
        assert len(axes) == 2, screen_text(app)
        assert len(headings) == 2, screen_text(app)
        for heading, axis in zip(headings, axes, strict=True):
            # The heading, five rows of bars, the axis on one line, the labels under it.
            assert axis - heading == 6, screen_text(app)
            assert lines[axis].strip().startswith("0 ▔"), screen_text(app)
            assert "▔" not in lines[axis + 1], screen_text(app)
            labels = lines[axis + 1].split()
            assert "today" in labels, screen_text(app)
            assert len(labels) >= 2, screen_text(app)
            bars = lines[heading + 1 : axis]
            # No bar strays under the scale: the scale's column holds digits or nothing.
            scale = lines[axis].index("0") + 2
            assert all(not set(line[:scale]) & set("▁▂▃▄▅▆▇█") for line in bars)
        # The seven reviews of today are in the reviews chart.
        assert "█" in "".join(lines[headings[0] + 1 : axes[0]])


async def test_j_and_k_scroll_the_progress_view(bundled: Briefing, tmp_path: Path) -> None:
    app = make_app(bundled, tmp_path, forgotten=7)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        # The forecast's axis, the last line, is below the screen.
        last = f"in {FORECAST_DAYS - 1} days"
        assert_on_screen(app, "Progress —")
        assert not shows(app, last)
        for _ in range(20):
            await pilot.press("j")
        await pilot.pause()
        assert_on_screen(app, last)
        assert not shows(app, "Progress —")
        for _ in range(20):
            await pilot.press("k")
        await pilot.pause()
        assert_on_screen(app, "Progress —")


@pytest.mark.parametrize("size", [(60, 20), (40, 20)])
async def test_the_overview_s_review_line_is_never_cut(
    bundled: Briefing, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(bundled, tmp_path, forgotten=7)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        link = app.explorer.query_one("#review-now", ReviewLink)
        label = str(link.render())
        assert "next review in less than a minute" in label
        assert_on_screen(app, label, within=app.explorer.query_one(OverviewView))
