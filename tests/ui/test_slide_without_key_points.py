"""What ``briefing lint``'s no-key-points warning says, seen on the slide itself."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.core.content.lint import lint_file
from briefing_tui.core.content.loader import load_briefing
from briefing_tui.ui.present_app import PresentApp
from tests.screen import assert_on_screen

FIXTURE = Path(__file__).parents[1] / "data" / "lint" / "no-key-points.toml"


async def test_the_slide_of_a_section_without_key_points_shows_its_text() -> None:
    briefing = load_briefing(FIXTURE)
    warning = lint_file(FIXTURE)[0]
    assert "its slide shows the section's text" in warning.message
    app = PresentApp(briefing)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert_on_screen(app, "1. No key points", briefing.sections[0].body.strip())
