"""The screen-reading helpers that behaviour tests assert with."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Static

from tests.screen import assert_not_on_screen, assert_on_screen, screen_lines, screen_text


class TwoPanes(App[None]):
    CSS = "Static { width: 1fr; border: round $accent; }"

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static("left pane [b]not markup[/b]", id="left", markup=False)
            yield Static("the right pane holds a sentence long enough to wrap", id="right")


class Dialog(ModalScreen[None]):
    DEFAULT_CSS = "Dialog { align: center middle; } Dialog Static { width: 20; height: 3; }"

    def compose(self) -> ComposeResult:
        yield Static("a dialog")


async def test_the_screen_reads_as_rows_of_text() -> None:
    app = TwoPanes()
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert len(lines) == 8
        assert lines[0].startswith("╭")
        assert lines[1].startswith("│left pane")
        assert "left pane [b]not markup[/b]" not in screen_text(app)  # wrapped
        assert_on_screen(app, "left pane [b]not markup[/b]", within=app.query_one("#left"))


async def test_wrapped_text_matches_within_a_widget_and_not_across_panes() -> None:
    app = TwoPanes()
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        right = app.query_one("#right")
        assert_on_screen(app, "holds a sentence long enough to wrap", within=right)
        assert_not_on_screen(app, "left pane", within=right)
        with pytest.raises(AssertionError, match="it shows:\n"):
            assert_on_screen(app, "left pane", within=right)


async def test_a_dialog_reads_over_the_screen_under_it() -> None:
    app = TwoPanes()
    async with app.run_test(size=(40, 8)) as pilot:
        await app.push_screen(Dialog())
        await pilot.pause()
        assert_on_screen(app, "a dialog", "left")
