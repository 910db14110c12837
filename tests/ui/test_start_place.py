"""The app starts where the reader left off, even after the file was edited under it."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core.content.loader import parse_briefing
from briefing_tui.core.study.store import StudyStore
from briefing_tui.ui.app import BriefingApp
from tests.screen import assert_on_screen

TEXT = """
format = 1
[briefing]
id = "edited"
title = "Edited under the reader"
[[sections]]
id = "one"
title = "The only section"
body = "Its text."
[[timeline]]
date = "2020-01-01"
title = "First event"
[[timeline]]
date = "2021-01-01"
title = "Second event"
[[glossary]]
term = "Soft power"
definition = "Getting what you want by attraction."
[[glossary]]
term = "Hard power"
definition = "Getting what you want by force."
"""


async def start_after_edit(
    tmp_path: Path, view: str, item: str, edited: str, *, read_only: bool
) -> BriefingApp:
    before = parse_briefing(TEXT, "before.toml")
    store = StudyStore(before, directory=tmp_path)
    store.set_position(view, item)
    store.save()
    after = parse_briefing(edited, "after.toml")
    return BriefingApp(after, study=StudyStore(after, directory=tmp_path, read_only=read_only))


@pytest.mark.parametrize("read_only", [False, True], ids=["saving", "no-save"])
async def test_a_term_renamed_under_its_saved_place_opens_under_its_new_name(
    tmp_path: Path, read_only: bool
) -> None:
    renamed = TEXT.replace('term = "Soft power"', 'term = "Attraction"\naliases = ["Soft power"]')
    app = await start_after_edit(tmp_path, "glossary", "soft power", renamed, read_only=read_only)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert_on_screen(app, "Glossary", "Attraction", "Getting what you want by attraction.")


@pytest.mark.parametrize("read_only", [False, True], ids=["saving", "no-save"])
async def test_a_deleted_event_under_the_saved_place_opens_the_timeline(
    tmp_path: Path, read_only: bool
) -> None:
    without_second = TEXT.replace('[[timeline]]\ndate = "2021-01-01"\ntitle = "Second event"\n', "")
    app = await start_after_edit(tmp_path, "timeline", "1", without_second, read_only=read_only)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert_on_screen(app, "Timeline", "First event")
