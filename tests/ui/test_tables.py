"""Markdown tables in the explorer: aligned columns, cells wrapped to the pane, never garbled."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core.content.loader import load_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.ui.app import BriefingApp
from tests.screen import assert_not_on_screen, assert_on_screen, screen_lines

TABLES = Path(__file__).parents[1] / "data" / "good" / "tables.toml"


@pytest.fixture(scope="module")
def tables() -> Briefing:
    return load_briefing(TABLES)


def rule_columns(lines: list[str]) -> set[int]:
    """Where the column rules (│ and ┼) stand in *lines*."""
    return {index for line in lines for index, char in enumerate(line) if char in "│┼"}


async def test_a_table_is_shown_as_aligned_columns(tables: Briefing) -> None:
    app = BriefingApp(tables)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        pane = app.explorer.query_one("#main")
        lines = screen_lines(app, within=pane)
        table = [line for line in lines if "│" in line or "┼" in line]
        assert table, "\n".join(lines)
        assert len(rule_columns(table)) == 1, "\n".join(table)
        assert_on_screen(app, "link", "goes to", "#section:ID", "a section", within=pane)
        assert_not_on_screen(app, "| link |", "|---|", within=pane)
        assert any("─┼─" in line for line in table)


async def test_a_table_wider_than_the_pane_wraps_its_cells_in_their_columns(
    tables: Briefing,
) -> None:
    app = BriefingApp(tables)
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.press("2", "]")
        await pilot.pause()
        pane = app.explorer.query_one("#main")
        lines = screen_lines(app, within=pane)
        table = [line for line in lines if "│" in line or "┼" in line]
        assert len(table) > 8, "\n".join(lines)
        assert len(rule_columns(table)) == 3, "\n".join(table)
        words = " ".join(["Year", "Event", "Who", "took", "part", "1961", "Treaty", "Co-operation"])
        for word in words.split():
            assert any(word in line for line in table), (word, "\n".join(table))
        assert max(len(line) for line in lines) <= pane.content_region.width


async def test_a_table_that_cannot_fit_shows_one_row_after_another(tables: Briefing) -> None:
    app = BriefingApp(tables)
    async with app.run_test(size=(40, 50)) as pilot:
        await pilot.press("2", "]")
        await pilot.pause()
        pane = app.explorer.query_one("#main")
        assert_on_screen(
            app,
            "Year: 1961",
            "Who took part: Soviet Union, North Korea",
            "Year: 2000",
            within=pane,
        )
