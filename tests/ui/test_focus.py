"""Pilot tests of one rule: the keys act on the view that is shown, whatever shows it.

Every way of changing the main view (number keys, ``[``/``]``, back and
forward, links, the palette, a search result, the outline) leaves the focus
in the view that is shown (or in the outline), so that no binding of a hidden
view fires and the footer offers only the keys that work now.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.store import StudyStore
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.note_editor import NoteEditor
from briefing_tui.ui.widgets.actors_view import ActorCard
from briefing_tui.ui.widgets.cross_link import CrossLink
from briefing_tui.ui.widgets.outline import Outline
from tests.screen import assert_not_on_screen, assert_on_screen, reversed_text, screen_text
from tests.ui.explorer_parts import footer, main_pane
from tests.waiting import palette_lists, until

Way = Callable[[Pilot[None], Briefing], Awaitable[str]]
"""Changes the view shown; returns a text the main pane then shows."""


def make_app(briefing: Briefing, tmp_path: Path) -> BriefingApp:
    return BriefingApp(briefing, study=StudyStore(briefing, directory=tmp_path))


def shown_view(app: BriefingApp) -> Widget:
    view = main_pane(app).visible_content
    assert view is not None
    return view


def first_words(markdown: str, count: int = 5) -> str:
    """The first *count* words of *markdown* as the screen shows them, without link or emphasis."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return " ".join(re.sub(r"[*`]", "", text).split()[:count])


def assert_focus_in_sight(app: BriefingApp) -> None:
    """The focused widget is in the view shown, or is the outline."""
    focused = app.explorer.focused
    assert focused is not None
    shown = shown_view(app)
    assert isinstance(focused, Outline) or shown in focused.ancestors_with_self, (
        f"{focused!r} has the focus while {shown!r} is shown"
    )


async def by_number_key(pilot: Pilot[None], briefing: Briefing) -> str:
    await pilot.press("5")
    return briefing.events_in_order[0].title


async def by_bracket(pilot: Pilot[None], briefing: Briefing) -> str:
    await pilot.press("right_square_bracket")
    return briefing.sections[0].title


async def by_back(pilot: Pilot[None], briefing: Briefing) -> str:
    await pilot.press("backspace")
    return briefing.sections[0].title


async def by_link(pilot: Pilot[None], briefing: Briefing) -> str:
    link = pilot.app.screen.query_one(".argument-detail CrossLink", CrossLink)
    link.focus()
    await pilot.press("enter")
    place = link.place
    if place.view == "section":
        return briefing.sections_by_id[place.item].title
    return briefing.actors_by_id[place.item].name


async def by_palette(pilot: Pilot[None], briefing: Briefing) -> str:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"Ukraine")
    await until(pilot, lambda: palette_lists(pilot.app, "Ukraine"), "Ukraine listed")
    await pilot.press("enter")
    return briefing.actors_by_id["ukraine"].name


async def by_search(pilot: Pilot[None], briefing: Briefing) -> str:
    await pilot.press("slash")
    await until(
        pilot, lambda: pilot.app.screen.query_one("#search-input").has_focus, "the search box"
    )
    await pilot.press(*"Vostochny")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    return "Vostochny"


async def by_outline(pilot: Pilot[None], briefing: Briefing) -> str:
    await pilot.press("shift+tab")
    outline = pilot.app.screen.query_one(Outline)
    while pilot.app.screen.focused is not outline:
        await pilot.press("shift+tab")
    await pilot.press("home", "j", "j", "enter")
    return briefing.sections[0].title


@pytest.mark.parametrize(
    "way",
    [by_number_key, by_bracket, by_back, by_link, by_palette, by_search, by_outline],
    ids=lambda way: way.__name__,
)
async def test_leaving_the_scoreboard_leaves_its_keys_behind(
    bundled: Briefing, tmp_path: Path, way: Way
) -> None:
    board = bundled.scoreboards[0]
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        # Back from the board needs somewhere to go back to: section 1, then the board.
        await pilot.press("2", "4")
        await pilot.pause()
        assert_on_screen(app, "Weight +1", within=footer(app))
        shown = await way(pilot, bundled)
        await pilot.pause()
        assert_on_screen(app, shown, within=main_pane(app))
        assert_not_on_screen(app, board.title, within=main_pane(app))
        assert_focus_in_sight(app)
        assert_not_on_screen(app, "Weight +1", "Weight −1", "On/off", within=footer(app))
        await pilot.press("minus", "minus")
        await pilot.press("4")
        await pilot.pause()
        assert_on_screen(app, board.title, within=main_pane(app))
        assert_not_on_screen(app, "(± changed by you)", "±", within=main_pane(app))


async def test_a_note_after_a_bracket_from_the_board_is_on_the_section(
    bundled: Briefing, tmp_path: Path
) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "right_square_bracket")
        await pilot.pause()
        section = bundled.sections[0]
        assert_on_screen(app, f"1. {section.title}", within=main_pane(app))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert_on_screen(app, f"Note on {section.title}")


async def test_a_note_after_a_bracket_from_the_actors_is_on_the_section(
    bundled: Briefing, tmp_path: Path
) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "right_square_bracket")
        await pilot.pause()
        section = bundled.sections[0]
        assert_on_screen(app, f"1. {section.title}", within=main_pane(app))
        assert_focus_in_sight(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert_on_screen(app, f"Note on {section.title}")
        assert_not_on_screen(app, f"Note on {bundled.actors[0].name}")


async def test_going_back_to_a_section_gives_it_the_keys(bundled: Briefing, tmp_path: Path) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "3", "5", "backspace", "alt+left")
        await pilot.pause()
        section = bundled.sections[0]
        assert_on_screen(app, f"1. {section.title}", within=main_pane(app))
        assert_focus_in_sight(app)
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert_not_on_screen(app, f"1. {section.title}", within=main_pane(app))


async def test_back_returns_to_the_same_line_and_link_and_forward_too(
    bundled: Briefing, tmp_path: Path
) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        for _ in range(12):
            await pilot.press("j")
        chip = app.explorer.query(".actor-chips CrossLink").first(CrossLink)
        # Without the animated scroll to the link: the test reads the pane as it stands.
        app.explorer.set_focus(chip, scroll_visible=False)
        await pilot.pause()
        left = screen_text(app, within=main_pane(app))
        await pilot.press("enter")
        await pilot.pause()
        actor = bundled.actors_by_id[chip.place.item]
        assert_on_screen(app, actor.name, within=main_pane(app))
        await pilot.press("j", "j")
        await pilot.pause()
        actor_left = screen_text(app, within=main_pane(app))
        await pilot.press("backspace")
        await pilot.pause()
        assert screen_text(app, within=main_pane(app)) == left
        assert app.focused is chip
        await pilot.press("alt+right")
        await pilot.pause()
        assert screen_text(app, within=main_pane(app)) == actor_left


async def test_back_returns_to_the_highlighted_event_and_argument(
    bundled: Briefing, tmp_path: Path
) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "j", "j")
        await pilot.pause()
        event = bundled.events_in_order[2]
        detail = app.explorer.query_one("#timeline .item-detail")
        assert_on_screen(app, f"{event.date} {event.title}", within=detail)
        await pilot.press("4", "j", "j")
        await pilot.pause()
        argument = [arg for arg in bundled.scoreboards[0].arguments if arg.side == "pro"][2]
        board_detail = app.explorer.query_one(".argument-detail")
        assert_on_screen(app, argument.claim, within=board_detail)
        await pilot.press("3", "backspace")
        await pilot.pause()
        assert_on_screen(app, argument.claim, within=board_detail)
        assert_on_screen(app, "Weight +1", within=footer(app))
        await pilot.press("plus")
        await pilot.pause()
        assert_on_screen(app, "(± changed by you)", within=main_pane(app))
        assert app.study is not None
        assert not app.study.weighting(bundled.scoreboards[0].id).is_default
        assert (
            app.explorer.weightings[bundled.scoreboards[0].id].weight_of(argument)
            != (argument.weight)
            or argument.weight == 5
        )
        await pilot.press("backspace")
        await pilot.pause()
        assert_on_screen(app, f"{event.date} {event.title}", within=detail)
        await pilot.press("j")
        await pilot.pause()
        following = bundled.events_in_order[3]
        assert_on_screen(app, f"{following.date} {following.title}", within=detail)


# Links inside the text ------------------------------------------------------


def text_links(markdown: str) -> list[str]:
    """The text of each link in *markdown*, in reading order."""
    return re.findall(r"\[([^\]]+)\]\([^)]*\)", markdown)


async def test_tab_moves_through_the_links_of_a_section_and_enter_follows_one(
    bundled: Briefing, tmp_path: Path
) -> None:
    section = bundled.sections[0]
    links = text_links(section.body)
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert reversed_text(app, within=main_pane(app)) == []
        await pilot.press("tab")
        await pilot.pause()
        assert reversed_text(app, within=main_pane(app)) == [links[0]]
        assert_on_screen(app, "Follow link", within=footer(app))
        await pilot.press("tab")
        await pilot.pause()
        assert reversed_text(app, within=main_pane(app)) == [links[1]]
        await pilot.press("shift+tab")
        await pilot.pause()
        assert reversed_text(app, within=main_pane(app)) == [links[0]]
        await pilot.press("enter")
        await pilot.pause()
        actor = bundled.actors_by_id["russia"]
        assert_on_screen(app, actor.name, first_words(actor.summary), within=main_pane(app))
        await pilot.press("backspace")
        await pilot.pause()
        assert_on_screen(app, f"1. {section.title}", within=main_pane(app))
        assert reversed_text(app, within=main_pane(app)) == [links[0]]


async def test_a_link_below_the_fold_is_scrolled_into_view(
    bundled: Briefing, tmp_path: Path
) -> None:
    section = bundled.sections[0]
    links = text_links(section.body)
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        for _ in links:
            await pilot.press("tab")
        await pilot.pause()
        assert reversed_text(app, within=main_pane(app)) == [links[-1]]
        assert_not_on_screen(app, f"1. {section.title}", within=main_pane(app))


async def test_the_overview_s_summary_links_can_be_followed(
    bundled: Briefing, tmp_path: Path
) -> None:
    links = text_links(bundled.briefing.summary or "")
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        # From the outline, through the overview (and its review link) to the summary.
        for _ in range(4):
            await pilot.press("tab")
            await pilot.pause()
            if reversed_text(app, within=main_pane(app)):
                break
        assert reversed_text(app, within=main_pane(app)) == [links[0]]
        await pilot.press("tab", "enter")
        await pilot.pause()
        actor = bundled.actors_by_id["north-korea"]
        assert_on_screen(app, actor.name, first_words(actor.summary), within=main_pane(app))


async def test_the_links_of_the_text_are_not_listed_again_under_it(
    bundled: Briefing, tmp_path: Path
) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 200)) as pilot:
        for key in ("2", "3", "enter", "4", "5", "6"):
            await pilot.press(key)
            await pilot.pause()
            assert_not_on_screen(app, "Links in the text", within=main_pane(app))


# Actor cards -------------------------------------------------------------------


@pytest.mark.parametrize(("down", "up"), [("j", "k"), ("down", "up")])
async def test_j_and_k_move_between_actor_cards_and_the_grid_follows(
    bundled: Briefing, tmp_path: Path, down: str, up: str
) -> None:
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        seen = []
        for _ in range(len(bundled.actors)):
            card = app.focused
            assert isinstance(card, ActorCard)
            seen.append(card.place.item)
            name = bundled.actors_by_id[card.place.item].name
            assert_on_screen(app, name, within=card)
            assert card.region in main_pane(app).region
            await pilot.press(down)
            await pilot.pause()
        last = bundled.actors[-1]
        assert seen[-1] == last.id or app.focused.place.item == last.id
        assert seen[0] == bundled.actors[0].id
        assert len(set(seen)) > 1
        await pilot.press(up)
        await pilot.pause()
        card = app.focused
        assert isinstance(card, ActorCard)
        assert card.place.item != last.id
        assert_on_screen(app, bundled.actors_by_id[card.place.item].name, within=card)
