"""At 40x12, every dialog fits and stays usable, and the footer keeps ? Help."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.store import StudyStore
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.note_editor import NoteEditor
from briefing_tui.ui.screens.quiz import CardScreen
from briefing_tui.ui.widgets.key_footer import KeyFooter
from tests.screen import assert_on_screen

SMALL = (40, 12)


def make_app(briefing: Briefing, tmp_path: Path) -> BriefingApp:
    return BriefingApp(briefing, study=StudyStore(briefing, directory=tmp_path))


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
