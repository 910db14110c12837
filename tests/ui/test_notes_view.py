"""Pilot tests of My notes: every note with its item's title, newest first, orphans named."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.store import StudyStore
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.widgets.outline import Outline
from tests.screen import assert_not_on_screen, assert_on_screen, screen_text
from tests.ui.explorer_parts import main_pane
from tests.waiting import palette_lists, until


def ticking_clock() -> dt.datetime:
    """A clock a minute later at each call: notes written one after the other."""
    ticking_clock.minutes += 1  # type: ignore[attr-defined]  # a counter kept on the function
    return dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(
        minutes=ticking_clock.minutes  # type: ignore[attr-defined]  # as above
    )


ticking_clock.minutes = 0  # type: ignore[attr-defined]  # as above


def study_with_notes(briefing: Briefing, folder: Path) -> None:
    """Notes on a section, then an actor, then on two items the briefing no longer has."""
    study = StudyStore(briefing, directory=folder, clock=ticking_clock)
    study.set_note(f"section:{briefing.sections[1].id}", "The older note, on a section.")
    study.set_note(f"actor:{briefing.actors[2].id}", "The newer note, on an actor.")
    study.save()
    path = folder / f"{briefing.briefing.id}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["notes"]["section:future"] = {
        "text": "A note on a section since removed.",
        "updated": "2025-06-01T10:00:00Z",
        "title": "The future of the alliance",
    }
    data["notes"]["actor:gone"] = {
        "text": "A note written before titles were kept.",
        "updated": "2025-05-01T10:00:00Z",
    }
    path.write_text(json.dumps(data), encoding="utf-8")


async def test_my_notes_lists_every_note_newest_first_and_enter_goes_to_its_item(
    bundled: Briefing, tmp_path: Path
) -> None:
    study_with_notes(bundled, tmp_path)
    section = bundled.sections[1]
    actor = bundled.actors[2]
    app = BriefingApp(bundled, study=StudyStore(bundled, directory=tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("7")
        await pilot.pause()
        pane = main_pane(app)
        assert_on_screen(
            app,
            "My notes",
            actor.name,
            section.title,
            "The future of the alliance (no longer in this briefing)",
            "An actor (no longer in this briefing)",
            within=pane,
        )
        assert_not_on_screen(app, "section:", "actor:", within=pane)
        text = screen_text(app, within=pane.query_one(".item-list"))
        assert text.index(actor.name) < text.index(section.title)
        assert text.index(section.title) < text.index("The future of the alliance")
        assert_on_screen(app, "The newer note, on an actor.", within=pane)
        await pilot.press("enter")
        await pilot.pause()
        assert_on_screen(app, actor.name, "✎ Your note", "The newer note", within=main_pane(app))


async def test_my_notes_is_in_the_outline_and_the_palette(
    bundled: Briefing, tmp_path: Path
) -> None:
    study_with_notes(bundled, tmp_path)
    app = BriefingApp(bundled, study=StudyStore(bundled, directory=tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        outline = app.explorer.query_one(Outline)
        await pilot.pause()
        assert_on_screen(app, "My notes (4)", within=outline)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"My notes")
        await until(pilot, lambda: palette_lists(app, "My notes"), "My notes listed")
        await pilot.press("enter")
        await pilot.pause()
        assert_on_screen(app, "The newer note, on an actor.", within=main_pane(app))
        await pilot.press("1")
        await pilot.pause()
        assert_not_on_screen(app, "section:future", within=main_pane(app))
        assert_on_screen(app, "The future of the alliance", within=main_pane(app))


async def test_each_note_s_date_and_time_read_on_one_line_at_80x24(
    bundled: Briefing, tmp_path: Path
) -> None:
    study_with_notes(bundled, tmp_path)
    app = BriefingApp(bundled, study=StudyStore(bundled, directory=tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("7")
        await pilot.pause()
        listed = screen_text(app, within=main_pane(app).query_one(".item-list"))
        lines = [line.strip() for line in listed.splitlines()]
        stored = json.loads((tmp_path / f"{bundled.briefing.id}.json").read_text("utf-8"))
        for note in stored["notes"].values():
            moment = dt.datetime.fromisoformat(note["updated"].replace("Z", "+00:00"))
            when = moment.astimezone().strftime("%Y-%m-%d %H:%M")
            assert any(when in line for line in lines), (when, listed)
