"""Pilot tests of ``briefing present``: moving through slides, blanking, the timer, publishing.

The timer runs on a fake clock, so nothing here reads the wall clock.
"""

from __future__ import annotations

import asyncio
import grp
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.widgets._toast import Toast

from briefing_tui.core.content.loader import parse_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.present.share import (
    Blanked,
    Follower,
    FollowerEvent,
    Joined,
    Presenter,
    SlideChanged,
    TimerChanged,
)
from briefing_tui.core.present.slides import (
    END_TITLE,
    ActorsSlide,
    ScoreboardSlide,
    SectionSlide,
    TimelineSlide,
)
from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.present_app import PresentApp, hello_for
from briefing_tui.ui.screens.follow import BrowseScreen, FollowScreen
from briefing_tui.ui.screens.go_to import GoToSlideScreen, SlideOverviewScreen
from briefing_tui.ui.screens.notes import NotesScreen
from briefing_tui.ui.screens.present import JoinInstructions, PresentScreen
from briefing_tui.ui.stopwatch import Stopwatch, format_duration
from briefing_tui.ui.widgets.slide_view import MORE_BELOW, SlideView
from tests.screen import assert_not_on_screen, assert_on_screen, screen_lines, screen_text
from tests.waiting import until

TIMEOUT = 5.0


class FakeClock:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def text(widget: Static) -> str:
    """The plain text a Static shows."""
    content = widget.content
    return content.plain if isinstance(content, Content) else str(content)


def screen_of(app: PresentApp) -> PresentScreen:
    return app.present_screen


def bar(app: PresentApp, name: str) -> Static:
    return screen_of(app).query_one(f"#present-{name}", Static)


def slide_area(app: PresentApp) -> SlideView:
    """Where the presenter's screen shows the slide."""
    return screen_of(app).query_one(SlideView)


def bar_area(app: PresentApp) -> Widget:
    """The one-line bar under the slide: position, hint, plan, timer, followers."""
    return screen_of(app).query_one("#present-bar")


def assert_slide_shown(app: PresentApp, index: int) -> None:
    """The screen shows slide *index*: its title on the slide, its number in the bar."""
    assert_on_screen(app, app.deck[index].title, within=slide_area(app))
    assert_on_screen(app, f"Slide {index + 1}/{len(app.deck)}", within=bar_area(app))


PLANNED = """
format = 1

[briefing]
id = "planned"
title = "A planned talk"

[[sections]]
id = "one"
title = "First"
body = "One."
key_points = ["Point one"]
minutes = 2
notes = "Say *one*."

[[sections]]
id = "two"
title = "Second"
body = "Two."
key_points = ["Point two"]
minutes = 3
"""


@pytest.fixture(scope="module")
def planned() -> Briefing:
    return parse_briefing(PLANNED, "planned.toml")


def test_every_binding_has_an_id_and_a_description() -> None:
    screens = (PresentScreen, GoToSlideScreen, SlideOverviewScreen, FollowScreen, BrowseScreen)
    for screen in (*screens, NotesScreen):
        for binding in screen.__dict__["BINDINGS"]:
            assert isinstance(binding, Binding)
            assert binding.id, binding
            assert binding.description, binding


async def test_next_and_previous_keys(bundled: Briefing) -> None:
    app = PresentApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        assert screen.index == 0
        for key in ("space", "right", "pagedown", "n"):
            await pilot.press(key)
        assert screen.index == 4
        await pilot.pause()
        assert_slide_shown(app, 4)
        for key in ("left", "pageup", "p"):
            await pilot.press(key)
        assert screen.index == 1
        await pilot.pause()
        assert_slide_shown(app, 1)
        await pilot.press("end")
        assert screen.index == len(app.deck) - 1
        assert screen.slide.title == END_TITLE
        await pilot.press("space")
        assert screen.index == len(app.deck) - 1, "next on the last slide stays there"
        await pilot.pause()
        assert_slide_shown(app, len(app.deck) - 1)
        await pilot.press("home")
        assert screen.index == 0
        await pilot.press("left")
        assert screen.index == 0
        await pilot.pause()
        assert screen.query_one(SlideView).index == 0
        assert text(bar(app, "position")) == f"Slide 1/{len(app.deck)}"
        assert_slide_shown(app, 0)


async def test_digits_then_enter_go_to_a_slide(bundled: Briefing) -> None:
    app = PresentApp(bundled)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = screen_of(app)
        await pilot.press("1", "2")
        assert "Go to slide 12" in text(bar(app, "hint"))
        assert screen.index == 0
        await pilot.pause()
        assert_on_screen(app, "Go to slide 12 (enter)", within=bar_area(app))
        assert_slide_shown(app, 0)
        await pilot.press("enter")
        assert screen.index == 11
        await pilot.pause()
        assert_slide_shown(app, 11)
        assert_not_on_screen(app, "Go to slide", within=bar_area(app))
        await pilot.press("9", "9", "enter")
        assert screen.index == 11, "there is no slide 99"
        await pilot.pause()
        assert_on_screen(app, "There is no slide 99")
        assert_slide_shown(app, 11)
        await pilot.press("3", "escape", "enter")
        assert screen.index == 11, "escape forgets the digits"
        await pilot.pause()
        assert_not_on_screen(app, "Go to slide", within=bar_area(app))
        await pilot.press("4", "right")
        assert screen.index == 12, "moving forgets the digits"
        assert screen.typed == ""
        await pilot.pause()
        assert_slide_shown(app, 12)
        assert_not_on_screen(app, "Go to slide", within=bar_area(app))


async def test_g_asks_for_a_slide_number(bundled: Briefing) -> None:
    app = PresentApp(bundled)
    asking = f"Go to slide: its number (1–{len(app.deck)}) or words of its title"
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("g")
        assert isinstance(app.screen, GoToSlideScreen)
        assert isinstance(app.focused, Input)
        await pilot.pause()
        assert_on_screen(app, asking)
        await pilot.press("3")
        await pilot.pause()
        assert_on_screen(app, f"→ 3. {app.deck[2].title}")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen_of(app)
        assert screen_of(app).index == 2
        assert_not_on_screen(app, asking)
        assert_slide_shown(app, 2)
        await pilot.press("g", "0", "enter")
        assert isinstance(app.screen, GoToSlideScreen), "slide 0 does not exist: still asking"
        await pilot.pause()
        assert_on_screen(app, asking, f"There is no slide 0 (1–{len(app.deck)})")
        await pilot.press("escape")
        await pilot.pause()
        assert screen_of(app).index == 2
        assert_not_on_screen(app, asking)
        assert_slide_shown(app, 2)


async def test_g_goes_to_a_slide_by_words_of_its_title(bundled: Briefing) -> None:
    app = PresentApp(bundled)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        wanted = next(i for i, s in enumerate(app.deck) if "deal" in s.title.casefold())
        await pilot.press("g", *"deal")
        await pilot.pause()
        assert_on_screen(app, f"→ {wanted + 1}. {app.deck[wanted].title}")
        await pilot.press("enter")
        await pilot.pause()
        assert_slide_shown(app, wanted)
        assert_not_on_screen(app, "There is no slide")

        timeline = next(i for i, s in enumerate(app.deck) if isinstance(s, TimelineSlide))
        await pilot.press("g", *"TIMELINE", "enter")
        await pilot.pause()
        assert_slide_shown(app, timeline)

        await pilot.press("g", *"zzqx", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GoToSlideScreen)
        assert_on_screen(app, "No slide title matches 'zzqx'")
        await pilot.press("escape")
        await pilot.pause()
        assert_slide_shown(app, timeline)


async def test_o_shows_every_slide_and_enter_presents_the_chosen_one(bundled: Briefing) -> None:
    async with Presenter.for_share("talk", hello_for(bundled)) as share:
        app = PresentApp(bundled, share=share)
        async with app.run_test(size=(80, 24)) as pilot:
            follower = await asyncio.wait_for(Follower.connect("talk"), TIMEOUT)
            async with follower:
                events = events_of(follower)
                await next_matching(events, lambda e: isinstance(e, SlideChanged))
                await pilot.press("right", "right")
                await next_matching(events, lambda e: isinstance(e, SlideChanged) and e.index == 2)
                await pilot.press("o")
                await pilot.pause()
                overview = app.screen
                assert isinstance(overview, SlideOverviewScreen)
                assert_on_screen(app, f"▶ 3. {app.deck[2].title}", within=overview)
                for index in (0, 1, 3, 9):
                    assert_on_screen(app, f"{index + 1}. {app.deck[index].title}", within=overview)
                # Browsing the list moves nobody; enter does.
                await pilot.press("down", "down", "down")
                await pilot.pause()
                assert screen_of(app).index == 2
                await pilot.press("enter")
                await pilot.pause()
                assert app.screen is screen_of(app)
                assert_slide_shown(app, 5)
                moved = await next_matching(events, lambda e: isinstance(e, SlideChanged))
                assert moved == SlideChanged(5, app.deck[5].key, app.deck[5].title)

                await pilot.press("o", "up", "escape")
                await pilot.pause()
                assert_slide_shown(app, 5)
                assert_not_on_screen(app, "↑↓ choose")


UNUSUAL_KEYS = [
    pytest.param(("²", "enter"), "² is not one of the digits 0–9", id="superscript-two"),
    pytest.param(("③", "enter"), "③ is not one of the digits 0–9", id="circled-three"),
    pytest.param(("٣", "enter"), "٣ is not one of the digits 0–9", id="arabic-indic-three"),
    pytest.param(("1", "²", "enter"), "² is not one of the digits 0–9", id="digit-then-²"),
    pytest.param(("enter",), "Type a slide number first", id="enter-alone"),
    pytest.param(("0", "enter"), "There is no slide 0", id="zero"),
    pytest.param(("9",) * 8 + ("enter",), "There is no slide 999999", id="huge"),
    pytest.param(("left",), "This is the first slide", id="previous-on-the-first"),
    pytest.param(("end", "right"), "This is the last slide", id="next-on-the-last"),
    pytest.param(("b", "²", "enter"), "² is not one of the digits 0–9", id="blanked"),
    pytest.param(("g", "²", "enter"), "No slide title matches '²'", id="go-to-²"),
    pytest.param(("g", "③", "enter"), "No slide title matches '③'", id="go-to-③"),
    pytest.param(("g", "enter"), "Type a slide number or words", id="go-to-empty"),
    pytest.param(("g", " ", "enter"), "Type a slide number or words", id="go-to-space"),
    pytest.param(("g", *"9" * 30, "enter"), "There is no slide 999999999", id="go-to-huge"),
    pytest.param(("g", *"-3", "enter"), "No slide title matches '-3'", id="go-to-negative"),
]


@pytest.mark.parametrize(("keys", "message"), UNUSUAL_KEYS)
async def test_unusual_input_leaves_the_presenter_running_and_says_what_is_wrong(
    bundled: Briefing, keys: tuple[str, ...], message: str
) -> None:
    app = PresentApp(bundled)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert app.is_running
        assert_on_screen(app, message)
        for _ in range(2):
            if app.screen is not screen_of(app):
                await pilot.press("escape")
        await pilot.press("b") if screen_of(app).blank else None
        await pilot.press("home", "3", "enter")
        await pilot.pause()
        assert_slide_shown(app, 2)


async def test_a_key_whose_action_fails_is_reported_and_the_talk_goes_on(
    bundled: Briefing, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: PresentScreen) -> None:
        raise RuntimeError("the projector caught fire")

    monkeypatch.setattr(PresentScreen, "action_toggle_timer", broken)
    async with Presenter.for_share("talk", hello_for(bundled)) as share:
        app = PresentApp(bundled, share=share)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.press("t")
            await pilot.pause()
            assert app.is_running
            (report,) = app.screen.query(Toast)
            assert_on_screen(
                app,
                "That did not work",
                "Start/pause the timer failed (RuntimeError: the projector caught fire);",
                "the talk goes on.",
                within=report,
            )
            await pilot.press("right")
            await pilot.pause()
            assert_slide_shown(app, 1)
    assert app.return_code in (0, None)


async def test_palette_places_open_their_slides(bundled: Briefing) -> None:
    app = PresentApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        app.navigate(Place("section", bundled.sections[2].id))
        assert screen.slide.key == f"section:{bundled.sections[2].id}"
        await pilot.pause()
        assert_on_screen(app, bundled.sections[2].title, within=slide_area(app))
        app.navigate(Place("actor", bundled.actors[0].id))
        assert screen.slide.key == "actors"
        await pilot.pause()
        assert_on_screen(app, "Actors", bundled.actors[0].name, within=slide_area(app))
        app.navigate(Place("scoreboard", bundled.scoreboards[0].id, "x"))
        assert screen.slide.key == f"scoreboard:{bundled.scoreboards[0].id}"
        await pilot.pause()
        assert_on_screen(app, bundled.scoreboards[0].title, within=slide_area(app))
        app.navigate(Place("glossary", bundled.glossary[0].term))
        assert screen.slide.key == f"scoreboard:{bundled.scoreboards[0].id}", "no glossary slide"
        await pilot.pause()
        assert app.is_running
        assert_on_screen(app, bundled.scoreboards[0].title, within=slide_area(app))


async def test_b_blanks_the_screen_and_brings_it_back(bundled: Briefing) -> None:
    app = PresentApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        view = screen_of(app).query_one(SlideView)
        title = bundled.briefing.title
        await pilot.press("b")
        assert view.blank
        assert view.has_class("-blank")
        assert view.styles.visibility == "hidden"
        assert "blank" in text(bar(app, "hint"))
        await pilot.pause()
        assert_not_on_screen(app, title)
        assert_on_screen(app, "blank — b to show the slide", within=bar_area(app))
        await pilot.press("right")
        assert view.blank, "moving keeps the screen blank"
        await pilot.pause()
        assert_not_on_screen(app, title, app.deck[1].title)
        assert_on_screen(app, "Slide 2/", within=bar_area(app))
        await pilot.press("b")
        assert not view.blank
        assert view.styles.visibility == "visible"
        await pilot.pause()
        assert_slide_shown(app, 1)
        assert_not_on_screen(app, "blank", within=bar_area(app))


def sharing_over_ssh(app: PresentApp, followers: int) -> None:
    """Make *app*'s presenter screen show a share's followers and a join code, as with --ssh."""
    screen = screen_of(app)
    screen.join = JoinInstructions("ssh -p 2299 laptop", "406619", "SHA256:abc")
    screen.set_reactive(PresentScreen.followers, followers)


@pytest.mark.parametrize("followers", [0, 3])
@pytest.mark.parametrize("size", [(60, 20), (61, 20), (80, 24), (100, 30)])
async def test_the_bar_keeps_digits_blank_and_join_code_in_view(
    bundled: Briefing, size: tuple[int, int], followers: int
) -> None:
    app = PresentApp(bundled)
    sharing_over_ssh(app, followers)
    count = "no followers" if followers == 0 else f"{followers} following"
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        seen = screen_text(app, bar_area(app))
        assert "…" not in seen
        assert_on_screen(app, "Slide 1/", count, "code 406619", within=bar_area(app))
        if size[0] >= 80:
            assert_on_screen(app, "plan 00:00", within=bar_area(app))
        for digits in ("1", "2", "3456"):
            await pilot.press(*digits)
            await pilot.pause()
            seen = screen_text(app, bar_area(app))
            typed = screen_of(app).typed
            assert re.search(rf"Go to (slide )?{typed}\b", seen), seen
            assert "…" not in seen
            assert_on_screen(app, "code 406619", count, within=bar_area(app))
        await pilot.press("escape", "b")
        await pilot.pause()
        seen = screen_text(app, bar_area(app))
        assert "…" not in seen
        assert_on_screen(app, "blank", "code 406619", count, within=bar_area(app))
        await pilot.press("b")


async def test_q_with_followers_asks_before_ending_the_talk(bundled: Briefing) -> None:
    app = PresentApp(bundled)
    screen_of(app).set_reactive(PresentScreen.followers, 3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running, "one q does not end the talk for the room"
        assert_on_screen(app, "End the talk for 3 followers? q again or y to end")
        await pilot.press("space")
        await pilot.pause()
        assert app.is_running
        assert_not_on_screen(app, "End the talk")
        assert_slide_shown(app, 0)  # the key that said "stay" does nothing else
        await pilot.press("q")
        await pilot.pause()
        assert_on_screen(app, "End the talk for 3 followers?")
        await pilot.press("q")
        await until(pilot, lambda: not app.is_running, "the second q to end the talk")


@pytest.mark.parametrize("dialog", ["o", "question_mark"])
async def test_q_closes_a_dialog_then_asks_before_ending_the_talk(
    bundled: Briefing, dialog: str
) -> None:
    app = PresentApp(bundled)
    screen_of(app).set_reactive(PresentScreen.followers, 2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(dialog)
        await pilot.pause()
        assert app.screen is not screen_of(app)
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is screen_of(app)
        assert_not_on_screen(app, "End the talk")
        await pilot.press("q")
        await pilot.pause()
        assert_on_screen(app, "End the talk for 2 followers?")
        await pilot.press("y")
        await until(pilot, lambda: not app.is_running, "y to end the talk")


async def test_y_confirms_ending_the_talk(bundled: Briefing) -> None:
    app = PresentApp(bundled)
    screen_of(app).set_reactive(PresentScreen.followers, 1)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert_on_screen(app, "End the talk for 1 follower?")
        await pilot.press("y")
        await until(pilot, lambda: not app.is_running, "y to end the talk")


@pytest.mark.parametrize("followers", [None, 0])
async def test_q_without_followers_quits_at_once(bundled: Briefing, followers: int | None) -> None:
    app = PresentApp(bundled)
    screen_of(app).set_reactive(PresentScreen.followers, followers)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await until(pilot, lambda: not app.is_running, "q to quit")


async def test_timer_starts_pauses_and_resets_on_its_clock(bundled: Briefing) -> None:
    clock = FakeClock()
    app = PresentApp(bundled, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        assert text(bar(app, "elapsed")) == "‖ 00:00"
        await pilot.pause()
        assert_on_screen(app, "‖ 00:00", within=bar_area(app))
        clock.advance(30)
        screen.show_time()
        assert text(bar(app, "elapsed")) == "‖ 00:00", "a paused timer does not count"
        await pilot.pause()
        assert_on_screen(app, "‖ 00:00", within=bar_area(app))
        await pilot.press("t")
        clock.advance(65)
        screen.show_time()
        assert text(bar(app, "elapsed")) == "▶ 01:05"
        await pilot.pause()
        assert_on_screen(app, "▶ 01:05", within=bar_area(app))
        await pilot.press("t")
        clock.advance(100)
        screen.show_time()
        assert text(bar(app, "elapsed")) == "‖ 01:05"
        await pilot.pause()
        assert_on_screen(app, "‖ 01:05", within=bar_area(app))
        await pilot.press("t")
        clock.advance(3600)
        screen.show_time()
        assert text(bar(app, "elapsed")) == "▶ 1:01:05"
        await pilot.pause()
        assert_on_screen(app, "▶ 1:01:05", within=bar_area(app))
        await pilot.press("r")
        assert text(bar(app, "elapsed")) == "▶ 00:00"
        assert app.stopwatch.running
        await pilot.pause()
        assert_on_screen(app, "▶ 00:00", within=bar_area(app))


async def test_plan_against_time_used(planned: Briefing) -> None:
    clock = FakeClock()
    app = PresentApp(planned, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        plan = bar(app, "plan")
        assert plan.display
        assert text(plan) == "plan 00:00 of 05:00", "the title slide plans no time"
        await pilot.pause()
        assert_on_screen(app, "plan 00:00 of 05:00", within=bar_area(app))
        await pilot.press("right")
        assert text(plan) == "plan 02:00 of 05:00"
        await pilot.pause()
        assert_on_screen(app, "plan 02:00 of 05:00", within=bar_area(app))
        await pilot.press("t")
        clock.advance(121)
        screen.show_time()
        assert bar(app, "elapsed").has_class("-over")
        await pilot.pause()
        assert_on_screen(app, "▶ 02:01", within=bar_area(app))
        await pilot.press("right")
        assert text(plan) == "plan 05:00 of 05:00"
        assert not bar(app, "elapsed").has_class("-over")
        await pilot.pause()
        assert_on_screen(app, "plan 05:00 of 05:00", within=bar_area(app))


async def test_no_plan_no_plan_text() -> None:
    unplanned = parse_briefing(re.sub(r"^minutes = .*\n", "", PLANNED, flags=re.M), "u.toml")
    assert all(section.minutes is None for section in unplanned.sections)
    app = PresentApp(unplanned)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not bar(app, "plan").display
        assert not bar(app, "followers").display, "not sharing: no follower count"
        await pilot.pause()
        assert_not_on_screen(app, "plan", "follow", within=bar_area(app))


async def test_the_bundled_briefing_plans_a_twenty_minute_talk(bundled: Briefing) -> None:
    app = PresentApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        assert text(bar(app, "plan")) == "plan 00:00 of 20:00"
        await pilot.pause()
        assert_on_screen(app, "plan 00:00 of 20:00", within=bar_area(app))


async def test_every_slide_of_the_bundled_briefing_but_the_board_fits_80x24(
    bundled: Briefing,
) -> None:
    app = PresentApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        view = screen_of(app).query_one(SlideView)
        for index, slide in enumerate(app.deck):
            screen_of(app).go(index)
            await pilot.pause()
            await pilot.pause()
            if isinstance(slide, ScoreboardSlide):
                continue  # eleven claims of two lines each: it scrolls, and says so
            assert view.max_scroll_y == 0, f"slide {index + 1} ({slide.key}) needs scrolling"
            assert_slide_shown(app, index)
            if isinstance(slide, SectionSlide):
                assert_on_screen(app, *slide.section.key_points, within=view)
            if isinstance(slide, TimelineSlide):
                assert_on_screen(app, *(event.title for event in slide.events), within=view)


async def test_every_claim_reads_in_full_on_the_scoreboard_slide(bundled: Briefing) -> None:
    app = PresentApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        index, slide = next(
            (i, s) for i, s in enumerate(app.deck) if isinstance(s, ScoreboardSlide)
        )
        screen_of(app).go(index)
        await pilot.pause()
        await pilot.pause()  # the marker is shown once the slide is laid out
        view = slide_area(app)
        claims = [argument.claim for argument in (*slide.pros, *slide.cons)]
        # Too long for 80x24: it says so, and scrolls until every claim has been read.
        assert_on_screen(app, MORE_BELOW, within=view)
        seen = screen_text(app, view)
        while view.scroll_y < view.max_scroll_y:
            await pilot.press("j")
            await pilot.pause()
            seen += "\n" + screen_text(app, view)
        flat = " ".join(seen.split())
        for claim in claims:
            assert claim in flat, claim
        assert "…" not in flat
        assert_not_on_screen(app, MORE_BELOW, within=view)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
async def test_no_slide_cuts_its_text(bundled: Briefing, size: tuple[int, int]) -> None:
    app = PresentApp(bundled)
    async with app.run_test(size=size) as pilot:
        view = slide_area(app)
        for index in range(len(app.deck)):
            screen_of(app).go(index)
            await pilot.pause()
            await pilot.pause()
            assert view.max_scroll_y == 0 or size == (80, 24), f"slide {index + 1} scrolls"
            assert "…" not in screen_text(app, view), f"slide {index + 1} at {size}"
            shows_more = "more below" in screen_text(app, view)
            assert shows_more == (view.max_scroll_y > 0), f"slide {index + 1} at {size}"


def more_below_rows(app: PresentApp) -> list[str]:
    """The rows of the slide area (less its scrollbar) that show the "more below" hint."""
    return [line for line in screen_lines(app, slide_area(app)) if "more below" in line]


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (100, 30)])
async def test_more_below_sits_on_a_line_of_its_own(
    bundled: Briefing, size: tuple[int, int]
) -> None:
    app = PresentApp(bundled)
    async with app.run_test(size=size) as pilot:
        index = next(i for i, s in enumerate(app.deck) if isinstance(s, ScoreboardSlide))
        screen_of(app).go(index)
        await pilot.pause()
        await pilot.pause()  # the marker is shown once the slide is laid out
        view = slide_area(app)
        assert_on_screen(app, MORE_BELOW, within=view)
        # Scrolling line by line, the hint never hides a word of the slide.
        while view.scroll_y < view.max_scroll_y:
            rows = more_below_rows(app)
            assert [row.strip() for row in rows] == [MORE_BELOW], screen_text(app)
            await pilot.press("j")
            await pilot.pause()
        assert_not_on_screen(app, MORE_BELOW)


async def test_more_below_over_the_join_panel_hides_no_text(bundled: Briefing) -> None:
    app = PresentApp(bundled)
    app.present_screen.join = JoinInstructions(
        "ssh -p 2299 laptop", "406619", "SHA256:CJkp+PxbirTBNtUxXx3Pcnzkz7kbsmAIKnzQ4dgLswM"
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.pause()
        assert_on_screen(app, "join code 406619")
        # The panel leaves the title slide too little room: it scrolls, and says so.
        assert_on_screen(app, MORE_BELOW, within=slide_area(app))
        assert [row.strip() for row in more_below_rows(app)] == [MORE_BELOW], screen_text(app)


async def test_a_claim_wraps_beside_its_weight_at_120_columns(bundled: Briefing) -> None:
    app = PresentApp(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        index, slide = next(
            (i, s) for i, s in enumerate(app.deck) if isinstance(s, ScoreboardSlide)
        )
        screen_of(app).go(index)
        await pilot.pause()
        claims = [argument.claim for argument in (*slide.pros, *slide.cons)]
        assert_on_screen(app, *claims, within=slide_area(app))
        assert_not_on_screen(app, MORE_BELOW)


async def test_the_actors_slide_shows_no_badge_for_a_stance_not_given(bundled: Briefing) -> None:
    unknown = [actor for actor in bundled.actors if actor.stance == "unknown"]
    assert unknown, "the bundled briefing has an actor without a stance"
    app = PresentApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        index = next(i for i, s in enumerate(app.deck) if isinstance(s, ActorsSlide))
        screen_of(app).go(index)
        await pilot.pause()
        assert_on_screen(app, *(actor.name for actor in unknown), within=slide_area(app))
        assert_on_screen(app, "▼ opposes", within=slide_area(app))
        assert_not_on_screen(app, "unknown", "?", within=slide_area(app))


async def test_every_actor_name_reads_in_full_on_the_actors_slide(bundled: Briefing) -> None:
    app = PresentApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        index, slide = next((i, s) for i, s in enumerate(app.deck) if isinstance(s, ActorsSlide))
        screen_of(app).go(index)
        await pilot.pause()
        cards = list(slide_area(app).query(".slide-card"))
        assert len(cards) == len(slide.actors)
        for actor, card in zip(slide.actors, cards, strict=True):
            # A long name wraps inside its card ("NATO Secretary / General"), never cut.
            assert_on_screen(app, actor.name, within=card)
        assert_not_on_screen(app, "…", within=slide_area(app))


async def test_section_slide_shows_key_points_and_actor_badges(bundled: Briefing) -> None:
    app = PresentApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        slide = screen_of(app).slide
        assert isinstance(slide, SectionSlide)
        view = screen_of(app).query_one(SlideView)
        shown = [text(point) for point in view.query(".slide-point-text").results(Static)]
        assert shown == list(slide.section.key_points)
        badges = view.query_one(".slide-actors")
        rendered = "\n".join(str(line) for line in badges.render().split("\n"))
        for actor in slide.actors:
            assert actor.name in rendered
        assert_on_screen(app, *slide.section.key_points, within=view)
        assert_on_screen(app, *(actor.name for actor in slide.actors), within=badges)


async def test_hostile_content_is_shown_literally(hostile: Briefing) -> None:
    app = PresentApp(hostile)
    async with app.run_test(size=(80, 24)) as pilot:
        view = screen_of(app).query_one(SlideView)
        seen: list[str] = []
        for index in range(len(app.deck)):
            screen_of(app).go(index)
            await pilot.pause()
            await pilot.pause()
            seen.extend(text(static) for static in view.query(Static).results(Static))
            slide = app.deck[index]
            assert_on_screen(app, slide.title, within=view)
            if isinstance(slide, SectionSlide):
                shown = (*slide.section.key_points, *(actor.name for actor in slide.actors))
                assert_on_screen(app, *shown, within=view)
        everything = "\n".join(seen)
        assert hostile.briefing.title in everything
        assert "[@click=app.quit]Section[/] 中文 العربية 🎉" in everything
        assert "[/] closing" in everything
        assert app.is_running, "no markup in the content ran an action"


async def events_of(follower: Follower) -> AsyncIterator[FollowerEvent]:
    async for event in follower:
        yield event


async def next_matching(
    events: AsyncIterator[FollowerEvent], wanted: Callable[[FollowerEvent], bool]
) -> FollowerEvent:
    async def find() -> FollowerEvent:
        async for event in events:
            if wanted(event):
                return event
        raise AssertionError("the feed ended first")

    return await asyncio.wait_for(find(), TIMEOUT)


async def test_moves_are_published_to_followers(bundled: Briefing) -> None:
    clock = FakeClock()
    async with Presenter.for_share("talk", hello_for(bundled)) as share:
        app = PresentApp(bundled, share=share, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            follower = await asyncio.wait_for(
                Follower.connect("talk", content_hash=bundled.content_hash), TIMEOUT
            )
            async with follower:
                events = events_of(follower)
                joined = await next_matching(events, lambda e: isinstance(e, Joined))
                assert isinstance(joined, Joined)
                assert joined.content_matches is True
                first = await next_matching(events, lambda e: isinstance(e, SlideChanged))
                assert first == SlideChanged(0, "title", bundled.briefing.title)

                await pilot.press("right", "right")
                moved = await next_matching(
                    events, lambda e: isinstance(e, SlideChanged) and e.index == 2
                )
                assert isinstance(moved, SlideChanged)
                assert moved.key == app.deck[2].key

                await pilot.press("b")
                blanked = await next_matching(events, lambda e: isinstance(e, Blanked))
                assert blanked == Blanked(True)

                await pilot.press("t")
                clock.advance(42)
                await pilot.press("t")
                timer = await next_matching(
                    events,
                    lambda e: isinstance(e, TimerChanged) and not e.running and e.elapsed > 0,
                )
                assert isinstance(timer, TimerChanged)
                assert timer.elapsed == 42

                for _ in range(100):
                    if text(bar(app, "followers")) == "1 following":
                        break
                    await pilot.pause(0.01)
                assert text(bar(app, "followers")) == "1 following"
                await pilot.pause()
                assert_on_screen(app, "1 following", within=bar_area(app))


def test_stopwatch_and_format() -> None:
    clock = FakeClock()
    watch = Stopwatch(clock)
    watch.start()
    clock.advance(10)
    watch.pause()
    watch.start()
    clock.advance(5)
    assert watch.elapsed == 15
    assert [format_duration(s) for s in (0, 59.9, 60, 3599, 3600, -3)] == [
        "00:00",
        "00:59",
        "01:00",
        "59:59",
        "1:00:00",
        "00:00",
    ]


def run_briefing(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing_tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("present",), "briefing needs a terminal; over SSH use ssh -t"),
        (("present", "--share", "talk"), "briefing needs a terminal; over SSH use ssh -t"),
        (("notes",), "briefing needs a terminal; over SSH use ssh -t"),
        (("follow", "talk"), "briefing needs a terminal; over SSH use ssh -t"),
        (("present", "--share-group", "staff"), "--share-group needs --share NAME"),
        (("present", "--share", "a/b"), "'a/b' is not a valid presentation name"),
        (("follow", "../x\x1b[c"), "'../x\\x1b[c' is not a valid presentation name"),
        (("present", "--share-per-user", "5"), "--share-per-user needs --share NAME"),
    ],
)
def test_command_line_errors_are_one_line_and_exit_2(args: tuple[str, ...], message: str) -> None:
    result = run_briefing(*args)
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1
    assert "\x1b" not in result.stderr


WATCHED = """format = 1
[briefing]
id = "talk"
title = "A talk"
[[sections]]
id = "one"
title = "First section"
body = "One."
[[sections]]
id = "two"
title = "Second section"
body = "Two."
"""


async def test_watch_rebuilds_the_slides_and_stays_on_the_slide(tmp_path: Path) -> None:
    from briefing_tui.core.content.loader import load_briefing
    from briefing_tui.ui.present_app import PresentApp
    from briefing_tui.ui.widgets.error_panel import ErrorPanel

    source = tmp_path / "talk.toml"
    source.write_text(WATCHED, encoding="utf-8")
    app = PresentApp(load_briefing(source), watch_path=source, watch_interval=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "space")
        key = app.present_screen.slide.key
        assert key == "section:two"
        source.write_text(
            WATCHED.replace("Second section", "Second section, revised"), encoding="utf-8"
        )
        for _ in range(100):
            await pilot.pause(0.05)
            if "revised" in app.present_screen.slide.title:
                break
        assert app.present_screen.slide.key == key
        assert "revised" in app.present_screen.slide.title
        await pilot.pause()
        assert_on_screen(app, "2. Second section, revised", within=slide_area(app))
        assert_on_screen(app, "Slide 3/", within=bar_area(app))
        source.write_text("format = 1\n[briefing]\n", encoding="utf-8")
        for _ in range(100):
            await pilot.pause(0.05)
            if app.present_screen.query(ErrorPanel):
                break
        assert app.present_screen.query(ErrorPanel)
        assert "revised" in app.present_screen.slide.title
        await pilot.pause()
        assert_on_screen(app, "The file has", "showing the last good version")
        assert_on_screen(app, "Second section, revised", within=slide_area(app))


async def test_a_group_share_out_of_a_taken_directory_tells_the_presenter_where(
    bundled: Briefing, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing_tui.core.present import share
    from briefing_tui.ui import present_app

    root = Path(tempfile.mkdtemp(prefix="bt-", dir="/tmp"))  # short: socket paths are limited
    monkeypatch.setattr(share, "TEMP_ROOT", root)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(root))
    # Another user got to the well-known name first.
    (root / f"briefing-shared-{os.geteuid()}").write_text("")
    shown: list[Path] = []

    async def run_and_look(self: PresentApp) -> None:
        async with self.run_test(size=(120, 30), notifications=True) as pilot:
            await pilot.pause()
            assert self.share is not None
            folder = self.share.path.parent
            # Read the notice alone: the slide shows beside it on the same rows.
            (notice,) = self.screen.query(Toast)
            assert_on_screen(self, f"other users follow it with --dir {folder}", within=notice)
            shown.append(folder)

    monkeypatch.setattr(PresentApp, "run_async", run_and_look)
    try:
        await present_app.present(bundled, share="talk", group=grp.getgrgid(os.getegid()).gr_name)
        assert len(shown) == 1
        assert shown[0].parent == root
        assert shown[0].name.startswith(f"briefing-shared-{os.geteuid()}-")
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize("count", ["0", "1001", "many"])
def test_followers_per_user_must_be_a_sensible_number(count: str) -> None:
    result = run_briefing("present", "--share", "talk", "--share-per-user", count)
    assert result.returncode == 2
    assert "--share-per-user: " in result.stderr
    assert "Traceback" not in result.stderr


async def test_a_perspective_on_a_slide_reads_as_english() -> None:
    briefing = parse_briefing(
        """
format = 1
[briefing]
id = "words"
title = "Words"
[[sections]]
id = "one"
title = "Section one"
body = "Text."
[[actors]]
id = "us"
name = "United States"
kind = "state"
[[scoreboards]]
id = "board"
title = "Is it worth it?"
perspective = "us"
[[scoreboards.arguments]]
id = "for"
side = "pro"
claim = "It pays."
"""
    )
    app = PresentApp(briefing)
    async with app.run_test(size=(100, 30)) as pilot:
        index = next(i for i, s in enumerate(app.deck) if isinstance(s, ScoreboardSlide))
        screen_of(app).go(index)
        await pilot.pause()
        assert_on_screen(app, "United States' perspective", within=slide_area(app))
        assert_not_on_screen(app, "States's", within=slide_area(app))
