"""Live reload (``--watch``) against a real file on disk, saved the ways editors save."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher

from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.loader import load_briefing
from briefing_tui.core.study.navigation import Place
from briefing_tui.core.study.scoring import MAX_WEIGHT, Weighting
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.explorer import ExplorerScreen
from briefing_tui.ui.screens.help import HelpScreen
from briefing_tui.ui.widgets.briefing_header import BriefingHeader
from briefing_tui.ui.widgets.error_panel import ErrorPanel
from briefing_tui.ui.widgets.scoreboard_view import ArgumentRow
from briefing_tui.ui.widgets.section_view import SectionView
from tests.screen import assert_not_on_screen, assert_on_screen, screen_text
from tests.ui.explorer_parts import main_pane
from tests.waiting import until

POLL = 0.02
"""A short poll interval keeps the tests fast; the app's default is 0.1 s."""

BROKEN_LINE = 'title = "an unclosed string\n'


@pytest.fixture
def watched(tmp_path: Path) -> Path:
    """A copy of the bundled briefing that the tests edit."""
    path = tmp_path / "talk.toml"
    path.write_bytes(default_briefing_path().read_bytes())
    return path


def make_app(path: Path) -> BriefingApp:
    return BriefingApp(load_briefing(path), watch_path=path, watch_interval=POLL)


def explorer(app: BriefingApp) -> ExplorerScreen:
    return app.explorer


def panel_text(app: BriefingApp) -> str | None:
    panels = explorer(app).query(ErrorPanel)
    return "\n".join(panels.first().problems) if panels else None


def error_panel(app: BriefingApp) -> ErrorPanel:
    return explorer(app).query_one(ErrorPanel)


def save_in_place(path: Path, text: str) -> None:
    """Truncate and write, as VS Code and many editors do."""
    with path.open("w", encoding="utf-8") as file:
        file.write(text)


def save_by_rename(path: Path, text: str) -> None:
    """Write a temporary file next to it and rename it over, as Vim and Emacs can."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def retitled(path: Path, section_id: str, title: str) -> str:
    """The file's text with section *section_id*'s title changed."""
    text = path.read_text(encoding="utf-8")
    marker = f'id = "{section_id}"\ntitle = "'
    start = text.index(marker) + len(marker)
    end = text.index('"', start)
    return text[:start] + title + text[end:]


def section_title(app: BriefingApp) -> str:
    return str(explorer(app).query_one("#section-title").render())


def shown_title(app: BriefingApp) -> str:
    """The section title as the main pane shows it."""
    return " ".join(screen_text(app, within=explorer(app).query_one("#section-title")).split())


async def test_a_good_edit_reloads_and_keeps_place_scroll_and_focus(watched: Path) -> None:
    app = make_app(watched)
    async with app.run_test(size=(80, 24)) as pilot:
        explorer(app).navigate(Place("section", "case-for"))
        await pilot.pause()
        view = explorer(app).query_one(SectionView)
        view.focus()
        await until(
            pilot, lambda: view.max_scroll_y > 12, "the section to be long enough to scroll"
        )
        view.scroll_to(y=12, animate=False, immediate=True)
        await pilot.pause()
        old_screen = explorer(app)
        scrolled = screen_text(app, within=main_pane(app))

        save_in_place(watched, retitled(watched, "case-for", "The case that Beijing gains"))
        await until(pilot, lambda: explorer(app) is not old_screen, "the reloaded explorer")
        await until(
            pilot,
            lambda: explorer(app).query_one(SectionView).scroll_y == 12,
            "the section scrolled back to line 12",
        )

        assert "The case that Beijing gains" in section_title(app)
        assert app.briefing.sections_by_id["case-for"].title == "The case that Beijing gains"
        assert explorer(app).history.current == Place("section", "case-for")
        assert isinstance(app.focused, SectionView)
        assert explorer(app).query_one(BriefingHeader).position.startswith("Section 5/")
        assert panel_text(app) is None
        await pilot.pause()
        assert screen_text(app, within=main_pane(app)) == scrolled
        assert_on_screen(app, "Section 5/", within=explorer(app).query_one(BriefingHeader))
        assert_not_on_screen(app, "The file has")
        await pilot.press("home")
        await pilot.pause()
        assert shown_title(app) == "5. The case that Beijing gains"


async def test_a_broken_edit_keeps_the_last_good_version_with_an_error_panel(
    watched: Path,
) -> None:
    good = watched.read_text(encoding="utf-8")
    app = make_app(watched)
    async with app.run_test(size=(80, 24)) as pilot:
        explorer(app).navigate(Place("section", "history"))
        await pilot.pause()
        shown = app.briefing
        screen = explorer(app)

        save_in_place(watched, good.replace('title = "From', BROKEN_LINE + 'subtitle = "From', 1))
        await until(pilot, lambda: panel_text(app) is not None, "the error panel")

        problems = panel_text(app) or ""
        # The unclosed string sits on the line of the section's title.
        line = next(
            number
            for number, text in enumerate(good.split("\n"), 1)
            if text.startswith('title = "From')
        )
        assert problems.startswith(f"{watched}:{line}:")
        assert "TOML syntax error" in problems
        assert app.briefing is shown
        assert explorer(app) is screen
        assert explorer(app).history.current == Place("section", "history")
        assert "From a dormant relationship" in section_title(app)
        await pilot.pause()
        assert_on_screen(
            app,
            "The file has 1 problem — showing the last good version until it is fixed",
            "TOML syntax error",
            within=error_panel(app),
        )
        assert shown_title(app) == "2. From a dormant relationship to a wartime bargain"

        # Fixing the file takes the panel away by itself.
        save_in_place(watched, good.replace("From a dormant", "After a dormant", 1))
        await until(pilot, lambda: panel_text(app) is None, "the error panel to go")
        await until(pilot, lambda: "After a dormant" in section_title(app), "the new section title")
        assert explorer(app).history.current == Place("section", "history")
        await pilot.pause()
        assert shown_title(app) == "2. After a dormant relationship to a wartime bargain"
        assert_not_on_screen(app, "The file has", "TOML syntax error")


async def test_each_problem_is_listed_with_its_position_and_neutralised(watched: Path) -> None:
    good = watched.read_text(encoding="utf-8")
    app = make_app(watched)
    async with app.run_test(size=(80, 24)) as pilot:
        broken = good.replace('kind = "state"', 'kind = "country"', 1).replace(
            "format = 1", 'format = 1\n"clip\\u001b]52;c;aGk=\\u0007" = 1', 1
        )
        kind_line = broken.split("\n").index('kind = "country"') + 1
        save_in_place(watched, broken)
        await until(pilot, lambda: panel_text(app) is not None, "the error panel")
        problems = (panel_text(app) or "").splitlines()
        assert len(problems) == 2
        assert problems[0].startswith(f"{watched}:3:1: clip␛]52;c;aGk=␇: unknown key")
        assert problems[1].startswith(
            f"{watched}:{kind_line}:1: actors[0].kind: a string 'country' is not allowed here"
        )
        rendered = str(explorer(app).query_one(ErrorPanel).render())
        assert "\x1b" not in rendered
        assert "\x07" not in rendered
        assert "The file has 2 problems" in rendered
        await pilot.pause()
        assert_on_screen(
            app,
            "The file has 2 problems",
            "clip␛]52;c;aGk=␇: unknown key",
            "actors[0].kind: a string 'country' is not allowed here",
            within=error_panel(app),
        )
        shown = screen_text(app)
        assert "\x1b" not in shown
        assert "\x07" not in shown


async def test_a_save_by_rename_is_picked_up(watched: Path) -> None:
    app = make_app(watched)
    async with app.run_test(size=(80, 24)) as pilot:
        explorer(app).navigate(Place("section", "conclusion"))
        await pilot.pause()
        save_by_rename(watched, retitled(watched, "conclusion", "Beijing's conundrum"))
        await until(
            pilot, lambda: "Beijing's conundrum" in section_title(app), "the renamed section"
        )
        assert explorer(app).history.current == Place("section", "conclusion")
        await pilot.pause()
        assert shown_title(app) == "9. Beijing's conundrum"


async def test_a_file_deleted_then_recreated_is_reloaded(watched: Path) -> None:
    text = retitled(watched, "reactions", "Reactions in Seoul and Washington")
    app = make_app(watched)
    async with app.run_test(size=(80, 24)) as pilot:
        explorer(app).navigate(Place("section", "reactions"))
        await pilot.pause()
        title = app.briefing.sections_by_id["reactions"].title
        watched.unlink()
        await pilot.pause(5 * POLL)  # fixed: no error must show within five polls
        assert panel_text(app) is None, "a briefly missing file is not an error"
        assert shown_title(app) == f"3. {title}"
        assert_not_on_screen(app, "no such file")
        watched.write_text(text, encoding="utf-8")
        await until(
            pilot, lambda: "Reactions in Seoul" in section_title(app), "the renamed section"
        )
        assert panel_text(app) is None
        await pilot.pause()
        assert shown_title(app) == "3. Reactions in Seoul and Washington"
        assert_not_on_screen(app, "The file has", "no such file")


async def test_a_file_gone_for_good_is_reported_until_it_returns(watched: Path) -> None:
    good = watched.read_bytes()
    app = make_app(watched)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = app.briefing
        watched.unlink()
        await until(pilot, lambda: panel_text(app) is not None, "the error panel")
        assert panel_text(app) == f"{watched}: no such file"
        assert app.briefing is shown
        await pilot.pause()
        assert_on_screen(app, "The file has 1 problem", "no such file", within=error_panel(app))
        assert_on_screen(app, shown.briefing.title, within=main_pane(app))
        watched.write_bytes(good)
        await until(pilot, lambda: panel_text(app) is None, "the error panel to go")
        assert app.briefing is shown, "same content: nothing to rebuild"
        await pilot.pause()
        assert_not_on_screen(app, "The file has", "no such file")
        assert_on_screen(app, shown.briefing.title, within=main_pane(app))


async def reweight_and_reload(
    app: BriefingApp, pilot: Pilot, watched: Path
) -> tuple[ArgumentRow, Weighting]:
    """Make the second pro argument heavier, save an edit and wait for the reload.

    Returns the row made heavier and its board's weighting, both from before the reload.
    """
    await pilot.press("4", "j", "plus")
    await pilot.pause()
    focused = app.focused
    assert isinstance(focused, ArgumentRow)
    weighting = explorer(app).weightings[focused.board.id]
    old_screen = explorer(app)

    save_in_place(watched, retitled(watched, "history", "History"))
    await until(pilot, lambda: explorer(app) is not old_screen, "the reloaded explorer")
    await until(
        pilot, lambda: isinstance(app.focused, ArgumentRow), "the argument row to have focus"
    )
    await pilot.pause()
    return focused, weighting


def weight_bar(weight: int) -> str:
    """An argument row's weight as drawn: ``3 ■■■□□``."""
    return f"{weight} {'■' * weight}{'□' * (MAX_WEIGHT - weight)}"


async def test_weightings_and_the_focused_argument_survive_a_reload(watched: Path) -> None:
    app = make_app(watched)
    async with app.run_test(size=(80, 24)) as pilot:
        before, weighting = await reweight_and_reload(app, pilot, watched)
        board, argument = before.board, before.argument

        assert explorer(app).weightings[board.id] == weighting
        row = app.focused
        assert isinstance(row, ArgumentRow)
        assert row.argument.id == argument.id
        switcher = explorer(app).query_one(ContentSwitcher)
        assert switcher.current == f"board-{board.id}"
        assert_on_screen(app, board.title, "(± changed by you)", within=main_pane(app))
        assert_on_screen(app, f"{weight_bar(weighting.weight_of(argument))} ±", within=row)
        detail = explorer(app).query_one(f"#board-{board.id} .argument-detail")
        assert_on_screen(app, argument.claim, within=detail)


async def test_the_reweighted_argument_s_row_shows_its_weight_and_claim_after_a_reload(
    watched: Path,
) -> None:
    app = make_app(watched)
    async with app.run_test(size=(80, 24)) as pilot:
        before, weighting = await reweight_and_reload(app, pilot, watched)
        row = app.focused
        assert isinstance(row, ArgumentRow)
        argument = before.argument
        weight = weighting.weight_of(argument)
        assert_on_screen(app, f"{weight_bar(weight)} ± {argument.claim}", within=row)


async def test_a_reload_waits_for_the_help_screen_to_close(watched: Path) -> None:
    app = make_app(watched)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert_on_screen(app, "Keys", within=app.screen.query_one("#help-body"))
        save_in_place(watched, retitled(watched, "the-deals", "The deals"))
        await pilot.pause(10 * POLL)  # fixed: no reload must come within ten polls
        assert isinstance(app.screen, HelpScreen)
        assert_on_screen(app, "Keys", within=app.screen.query_one("#help-body"))
        await pilot.press("escape")
        await until(
            pilot, lambda: app.briefing.sections[0].title == "The deals", "the reloaded briefing"
        )
        assert app.screen is explorer(app)
        await pilot.press("2")
        await pilot.pause()
        assert shown_title(app) == "1. The deals"


async def test_without_watch_a_save_changes_nothing(watched: Path) -> None:
    app = BriefingApp(load_briefing(watched))
    async with app.run_test(size=(80, 24)) as pilot:
        shown = app.briefing
        save_in_place(watched, "format = 1\n")
        await pilot.pause(10 * POLL)  # fixed: no reload must come within ten polls
        assert app.briefing is shown
        assert panel_text(app) is None
        assert_on_screen(app, shown.briefing.title, within=main_pane(app))
        assert_not_on_screen(app, "The file has")


async def test_saves_in_quick_succession_end_on_the_last_version(watched: Path) -> None:
    app = make_app(watched)
    async with app.run_test(size=(80, 24)) as pilot:
        explorer(app).navigate(Place("section", "the-deals"))
        await pilot.pause()
        for number in range(6):
            save_in_place(watched, retitled(watched, "the-deals", f"The deals, take {number}"))
            await pilot.pause(0.03 + 0.04 * (number % 3))  # fixed: saves one to three polls apart
        await until(pilot, lambda: "take 5" in section_title(app), "the fifth edit")
        await pilot.pause(10 * POLL)  # fixed: no later reload may undo it within ten polls
        assert app.is_running
        assert app.screen is explorer(app)
        assert "take 5" in section_title(app)
        assert explorer(app).history.current == Place("section", "the-deals")
        assert shown_title(app) == "1. The deals, take 5"
