"""The help screen (`?`): one row per action in force, all its keys, in a stable order."""

from __future__ import annotations

import re
from typing import Any

from textual.app import App
from textual.widget import Widget

from briefing_tui.core.content.model import Briefing
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.help import HelpScreen
from tests.screen import assert_not_on_screen, assert_on_screen, screen_lines

# Tall enough for the whole help to show without scrolling.
TALL = (100, 160)


def help_body(app: App[Any]) -> Widget:
    """The text of the open help, inside its frame."""
    return app.screen.query_one("#help-body")


def help_table(app: App[Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The groups of the help as the screen shows them: (heading, [(keys, description)])."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for line in screen_lines(app, within=help_body(app)):
        if not line.strip() or line.strip() == "Keys":
            continue
        if line.startswith("  ") and groups:
            keys, _, description = line.strip().partition("  ")
            groups[-1][1].append((keys.strip(), description.strip()))
        elif not line.startswith(" "):
            groups.append((line.strip(), []))
    return groups


async def test_each_action_is_one_row_with_all_its_keys(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=TALL) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = help_body(app)
        assert_on_screen(app, "q / ctrl+q Quit", within=body)
        groups = dict(help_table(app))
        assert ("j / down", "Down") in groups["Outline"]
        assert ("k / up", "Up") in groups["Outline"]
        assert ("l / right", "Open") in groups["Outline"]
        assert ("j / down", "Scroll down") in groups["Reading"]
        for heading, rows in groups.items():
            keys = [key for row_keys, _ in rows for key in row_keys.split(" / ")]
            assert len(keys) == len(set(keys)), f"a key listed twice in {heading}: {rows}"
            actions = [description for _, description in rows]
            assert len(actions) == len(set(actions)), f"an action listed twice in {heading}"


async def test_keys_the_app_overrides_are_not_listed(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=TALL) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        body = help_body(app)
        assert_on_screen(app, "Outline", "h / left Collapse", "g / home First", within=body)
        assert_not_on_screen(
            app,
            "Scroll Right",
            "Scroll Left",
            "Scroll Home",
            "Page Left",
            "Page Right",
            "Cursor Down",
            within=body,
        )
        assert not re.search(r"^\s+right\s\s", "\n".join(screen_lines(app, within=body)), re.M)


async def test_escape_is_listed(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=TALL) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        groups = dict(help_table(app))
        assert ("escape", "Clear search") in groups["After a search"]
        assert ("n", "Next match") in groups["After a search"]
        assert ("n", "Note") in groups["Explorer"]
        assert ("escape / q / ?", "Close help") in groups["This help"]


async def test_the_help_lists_the_same_rows_in_the_same_order_wherever_it_opens(
    bundled: Briefing,
) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=TALL) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        first = help_table(app)
        await pilot.press("escape", "4")
        await pilot.pause()
        await pilot.press("6")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        again = help_table(app)
        for (heading, rows), (heading_again, rows_again) in zip(first, again, strict=True):
            assert (heading_again, rows_again) == (heading, rows)
        assert [heading for heading, _ in first][:9] == [
            "General",
            "Explorer",
            "In a section",
            "On a scoreboard, with several",
            "Elsewhere",
            "Elsewhere, once some sections are read",
            "After a search",
            "Outline",
            "Reading",
        ]
