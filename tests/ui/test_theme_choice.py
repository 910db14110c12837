"""Choosing a theme: ctrl+t, the palette and ``briefing themes`` offer the same ones, quietly."""

from __future__ import annotations

import pytest
from textual.command import CommandList
from textual.widgets._toast import Toast

from briefing_tui.cli import main
from briefing_tui.core.config.themes import discover_themes
from briefing_tui.core.content.model import Briefing
from briefing_tui.ui.app import BriefingApp
from tests.screen import screen_lines, screen_text
from tests.waiting import palette_lists, until


def offered_by_briefing_themes(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The theme names ``briefing themes`` lists."""
    assert main(["themes"]) == 0
    lines = capsys.readouterr().out.splitlines()
    return [line[2:].split(" (")[0] for line in lines if not line.startswith("    ")]


async def test_the_palette_and_ctrl_t_offer_the_themes_briefing_themes_lists(
    bundled: Briefing, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = offered_by_briefing_themes(capsys)
    assert listed == discover_themes(None).names()
    app = BriefingApp(bundled)
    async with app.run_test(size=(100, 40)) as pilot:
        cycled = []
        for _ in listed:
            await pilot.press("ctrl+t")
            cycled.append(app.theme)
        assert sorted(cycled) == sorted(listed)
        app.action_change_theme()
        await until(pilot, lambda: palette_lists(app, listed[0]), "the themes listed")
        shown = [
            line.strip() for line in screen_lines(app, within=app.screen.query_one(CommandList))
        ]
        assert sorted(name for name in shown if name) == sorted(listed), screen_text(app)


async def test_cycling_themes_quickly_shows_one_toast(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        for _ in range(4):
            await pilot.press("ctrl+t")
            await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert text.count("Theme:") == 1, text
        assert f"Theme: {app.theme}" in text
        assert len(app.screen.query(Toast)) == 1
