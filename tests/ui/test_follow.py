"""Pilot tests of ``briefing follow`` and ``briefing notes``, with real presenters on real sockets.

The autouse fixture in ``tests/conftest.py`` points ``XDG_RUNTIME_DIR`` (and
every other XDG folder) into the test's ``tmp_path``, so the sockets live
there. Timeouts only stop a broken test from hanging; nothing is timed.
"""

from __future__ import annotations

import asyncio
import contextlib
import grp
import os
import pwd
import re
import shutil
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from textual.app import SuspendNotSupported
from textual.content import Content
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static

from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.loader import parse_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.present.share import (
    Follower,
    GoCommand,
    HelloMessage,
    NextCommand,
    NoPresentation,
    Presenter,
    ShareError,
    presented_briefings,
    private_dir,
)
from briefing_tui.core.present.slides import ScoreboardSlide, SectionSlide, Slide, build_deck
from briefing_tui.core.present.transfer import pack
from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.follow_app import FollowApp, follow
from briefing_tui.ui.lobby_app import ChooserApp, LobbyApp
from briefing_tui.ui.notes_app import NotesApp, attach, notes
from briefing_tui.ui.present_app import hello_for, publish_briefing
from briefing_tui.ui.screens.follow import BrowseScreen, FollowScreen
from briefing_tui.ui.screens.help import HelpScreen
from briefing_tui.ui.screens.notes import NO_NOTES, NotesScreen
from briefing_tui.ui.screens.waiting import FOLLOW_HINT, HINT, WaitingScreen, waiting_for_share
from briefing_tui.ui.widgets.briefing_header import BriefingHeader
from briefing_tui.ui.widgets.key_footer import KeyFooter
from briefing_tui.ui.widgets.markdown_text import MarkdownText
from briefing_tui.ui.widgets.slide_view import SlideView
from tests.harness import TerminalSession
from tests.screen import assert_not_on_screen, assert_on_screen, screen_text
from tests.waiting import until

TIMEOUT = 5.0


def text(widget: Static) -> str:
    """The plain text a Static shows."""
    content = widget.content
    return content.plain if isinstance(content, Content) else str(content)


def follow_screen(app: FollowApp) -> FollowScreen:
    return app.follow_screen


def shown_index(app: FollowApp) -> int | None:
    return follow_screen(app).query_one(SlideView).index


def bar_text(app: FollowApp, name: str) -> str:
    return text(follow_screen(app).query_one(f"#follow-{name}", Static))


def slide_area(app: FollowApp) -> SlideView:
    """Where the follower's screen shows the presenter's slide."""
    return follow_screen(app).query_one(SlideView)


def follow_bar(app: FollowApp) -> Widget:
    """The one-line bar under the slide: state, note, position."""
    return follow_screen(app).query_one("#follow-bar")


def main_pane(screen: Screen[Any]) -> ContentSwitcher:
    """The explorer's main pane, right of the outline."""
    return screen.query_one("#main", ContentSwitcher)


def header(screen: Screen[Any]) -> BriefingHeader:
    """The explorer's top line: the briefing's title and where the reader is."""
    return screen.query_one(BriefingHeader)


def assert_slide_shown(app: FollowApp, index: int) -> None:
    """The follower shows slide *index*: its title on the slide, its number in the bar."""
    assert_on_screen(app, app.deck[index].title, within=slide_area(app))
    assert_on_screen(app, f"slide {index + 1}/{len(app.deck)}", within=follow_bar(app))


def opening(markdown: str, words: int = 4) -> str:
    """The first *words* words of a body, as the screen shows them: links as their text."""
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return " ".join(plain.split()[:words])


def publish(presenter: Presenter, deck: Sequence[Slide], index: int) -> None:
    slide = deck[index]
    presenter.publish_slide(index, slide.key, slide.title)


@pytest.fixture
async def share(bundled: Briefing) -> AsyncIterator[Presenter]:
    async with Presenter.for_share("talk", hello_for(bundled)) as presenter:
        yield presenter


async def connect(briefing: Briefing, name: str = "talk") -> Follower:
    return await asyncio.wait_for(
        Follower.connect(name, content_hash=briefing.content_hash), TIMEOUT
    )


@contextlib.asynccontextmanager
async def following(
    briefing: Briefing, *, notifications: bool = False, **options: Any
) -> AsyncIterator[tuple[FollowApp, Pilot[None]]]:
    """A FollowApp following the "talk" share, running at 80x24; *options* go to the app."""
    follower = await connect(briefing)
    app = FollowApp(briefing, follower, name="talk", **options)
    async with follower, app.run_test(size=(80, 24), notifications=notifications) as pilot:
        yield app, pilot


async def test_follower_moves_with_the_presenter(bundled: Briefing, share: Presenter) -> None:
    async with following(bundled) as (app, pilot):
        await until(pilot, lambda: "waiting" in bar_text(app, "note"), "the waiting note")
        await pilot.pause()
        assert_on_screen(app, "Following talk waiting for the presenter…", within=follow_bar(app))
        publish(share, app.deck, 2)
        await until(pilot, lambda: shown_index(app) == 2, "slide 3")
        assert bar_text(app, "position") == f"slide 3/{len(app.deck)}"
        assert bar_text(app, "state") == "Following talk"
        await pilot.pause()
        assert_slide_shown(app, 2)
        assert_on_screen(app, "Following talk", within=follow_bar(app))
        assert_not_on_screen(app, "waiting", within=follow_bar(app))
        publish(share, app.deck, 7)
        await until(pilot, lambda: shown_index(app) == 7, "slide 8")
        await pilot.pause()
        assert_slide_shown(app, 7)
        assert_not_on_screen(app, app.deck[2].title)
        share.publish_blank(True)
        await until(pilot, lambda: follow_screen(app).query_one(SlideView).blank, "blank")
        assert "blanked" in bar_text(app, "note")
        await pilot.pause()
        assert_not_on_screen(app, app.deck[7].title)
        assert_on_screen(app, "the presenter blanked the screen", within=follow_bar(app))
        share.publish_blank(False)
        await until(pilot, lambda: not follow_screen(app).query_one(SlideView).blank, "unblank")
        assert not follow_screen(app).query_one("#follow-warning").display
        await pilot.pause()
        assert_slide_shown(app, 7)
        assert_not_on_screen(app, "blanked", "⚠")


OWN_TALK = """
format = 1

[briefing]
id = "own-talk"
title = "A talk of the presenter's own"

[[sections]]
id = "opening"
title = "Why this talk exists"
body = "Followers read this body when they browse on their own."
key_points = ["Nobody in the audience has this file"]
notes = "SPEAKER-ONLY: tell the joke about the projector."

[[sections]]
id = "closing"
title = "What to take away"
body = "The second body."
key_points = ["The audience sees the presenter's slides"]
"""


@contextlib.asynccontextmanager
async def presenting(briefing: Briefing) -> AsyncIterator[Presenter]:
    """A share "talk" of *briefing* that sends it, as ``briefing present --share`` does."""
    async with Presenter.for_share("talk", hello_for(briefing)) as presenter:
        await publish_briefing(briefing, share=presenter, notes=None)
        yield presenter


@contextlib.asynccontextmanager
async def following_the_presenters_briefing() -> AsyncIterator[tuple[FollowApp, Pilot[None]]]:
    """``briefing follow talk`` without a FILE, at 80x24."""
    follower = await asyncio.wait_for(Follower.connect("talk", wants_briefing=True), TIMEOUT)
    async with follower:
        briefing, replay = await asyncio.wait_for(follower.receive_briefing("x"), TIMEOUT)
        app = FollowApp(briefing, follower, name="talk", replay=replay)
        async with app.run_test(size=(80, 24)) as pilot:
            yield app, pilot


async def test_without_a_file_the_follower_shows_the_presenters_briefing() -> None:
    talk = parse_briefing(OWN_TALK, "own.toml")
    async with presenting(talk) as presenter, following_the_presenters_briefing() as (app, pilot):
        deck = build_deck(talk)
        publish(presenter, deck, 1)
        await until(pilot, lambda: shown_index(app) == 1, "the presenter's first section")
        await pilot.pause()
        assert_on_screen(app, "Why this talk exists", within=slide_area(app))
        assert_on_screen(app, "Nobody in the audience has this file", within=slide_area(app))
        assert_on_screen(app, f"slide 2/{len(deck)}", within=follow_bar(app))
        assert_not_on_screen(app, "⚠", "SPEAKER-ONLY")
        await pilot.press("d")
        await pilot.pause()
        assert_on_screen(
            app, "Followers read this body when they browse", within=main_pane(app.screen)
        )
        assert_not_on_screen(app, "SPEAKER-ONLY")
        await pilot.press("f")
        await pilot.pause()
        assert_on_screen(app, "Why this talk exists", within=slide_area(app))


async def test_a_reload_on_the_presenters_side_reaches_the_follower() -> None:
    talk = parse_briefing(OWN_TALK, "own.toml")
    async with presenting(talk) as presenter, following_the_presenters_briefing() as (app, pilot):
        publish(presenter, build_deck(talk), 2)
        await until(pilot, lambda: shown_index(app) == 2, "the second section")
        revised = parse_briefing(OWN_TALK.replace("What to take away", "What to remember"), "x")
        await publish_briefing(revised, share=presenter, notes=None)
        await until(pilot, lambda: app.deck[2].title == "What to remember", "the revised briefing")
        await pilot.pause()
        assert_on_screen(app, "What to remember", within=slide_area(app))
        assert_not_on_screen(app, "What to take away", "⚠")


async def test_a_briefing_that_cannot_be_shown_is_one_clear_error() -> None:
    hello = HelloMessage(briefing_id="b", content_hash="", slide_count=3)
    async with Presenter.for_share("talk", hello) as presenter:
        presenter.publish_briefing(hello, pack('format = 1\n[briefing]\nid = "b"\n'))
        with pytest.raises(ShareError) as caught:
            await asyncio.wait_for(follow(None, "talk"), TIMEOUT)
    message = caught.value.message
    assert message.startswith(
        "the presenter's briefing cannot be shown: (the presenter's briefing)"
    )
    assert "briefing follow NAME FILE" in message
    assert "\n" not in message


@pytest.mark.parametrize("owner", [None, "me"], ids=["own-share", "from-user"])
async def test_a_follower_who_joins_before_the_presenter_waits_for_it(
    owner: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing_tui.core.present import share as share_module

    monkeypatch.setattr(share_module, "TEMP_ROOT", tmp_path / "tmp")
    (tmp_path / "tmp").mkdir()
    me = pwd.getpwuid(os.geteuid()).pw_name
    user = me if owner else None
    talk = parse_briefing(OWN_TALK, "own.toml")

    def connect() -> Awaitable[Follower]:
        return Follower.connect("talk", owner=user, wants_briefing=True)

    with pytest.raises(NoPresentation):
        await connect()
    lobby = LobbyApp(connect, waiting_for_share("talk", user), FOLLOW_HINT, retry_interval=RETRY)
    async with lobby.run_test(size=(80, 24)) as pilot:
        await pilot.pause(RETRY * 5)  # fixed: five retries must find nobody and keep waiting
        assert lobby.is_running, "nobody presents yet: it keeps waiting"
        assert_on_screen(lobby, f"Waiting for talk{f' by {me}' if owner else ''}…", FOLLOW_HINT)
        assert_on_screen(lobby, "q Quit", within=lobby.screen.query_one(KeyFooter))
        group = grp.getgrgid(os.getegid()).gr_name if owner else None
        hello = hello_for(talk)
        async with Presenter.for_share("talk", hello, group=group) as presenter:
            await publish_briefing(talk, share=presenter, notes=None)
            await until(pilot, lambda: not lobby.is_running, "the lobby to hand over")
    follower = lobby.return_value
    assert isinstance(follower, Follower)
    await follower.close()


async def test_quitting_while_waiting_follows_nothing() -> None:
    lobby = LobbyApp(
        lambda: Follower.connect("nobody"),
        waiting_for_share("nobody", None),
        FOLLOW_HINT,
        retry_interval=RETRY,
    )
    async with lobby.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert_on_screen(lobby, "Waiting for nobody…")
        # A follower's sandbox: no palette, so no screenshot written from it.
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(lobby.screen, WaitingScreen)
        assert_not_on_screen(lobby, "palette")
        await pilot.press("q")
    assert lobby.return_value is None
    assert lobby.error is None


def test_briefing_follow_waits_for_the_presenter_then_shows_its_briefing(tmp_path: Path) -> None:
    talk = tmp_path / "talk.toml"
    talk.write_text(OWN_TALK, encoding="utf-8")
    briefing = [sys.executable, "-m", "briefing_tui"]
    with TerminalSession([*briefing, "follow", "talk"]) as audience:
        audience.wait_for("Waiting for talk…")
        audience.wait_idle(quiet=0.3)
        quiet_from = audience.mark()
        time.sleep(1.2)
        assert audience.since(quiet_from) == b"", "waiting writes nothing"
        with TerminalSession([*briefing, "present", "--share", "talk", str(talk)]) as presenter:
            presenter.wait_for("Slide 1/")
            audience.wait_for("A talk of the presenter's own")
            audience.wait_for("Following talk")
            presenter.send("q")
            presenter.wait_for("End the talk for 1 follower?")
            presenter.send("y")
            audience.wait_for("presentation ended")
        audience.send("q")
        assert audience.process.wait(TIMEOUT) == 0


async def test_late_joiner_starts_on_the_current_slide(bundled: Briefing, share: Presenter) -> None:
    publish(share, build_deck(bundled), 5)
    async with following(bundled) as (app, pilot):
        await until(pilot, lambda: shown_index(app) == 5, "the presenter's current slide")
        await pilot.pause()
        assert_slide_shown(app, 5)


async def test_changed_content_shows_a_warning(bundled: Briefing) -> None:
    other_edition = HelloMessage(
        briefing_id=bundled.briefing.id, content_hash="0" * 64, slide_count=14
    )
    async with (
        Presenter.for_share("talk", other_edition) as presenter,
        following(bundled) as (app, pilot),
    ):
        warning = follow_screen(app).query_one("#follow-warning", Static)
        await until(pilot, lambda: bool(warning.display), "the warning")
        assert "differs from the presenter's" in text(warning)
        await pilot.pause()
        assert_on_screen(app, "⚠", "differs from the presenter's", within=warning)
        presenter.publish_slide(1, app.deck[1].key, app.deck[1].title)
        await until(pilot, lambda: shown_index(app) == 1, "slide 2 all the same")
        await pilot.pause()
        assert_slide_shown(app, 1)
        assert_on_screen(app, "differs from the presenter's", within=warning)


async def test_another_briefing_shows_a_warning(bundled: Briefing) -> None:
    hello = HelloMessage(briefing_id="something-else", content_hash="", slide_count=3)
    async with Presenter.for_share("talk", hello), following(bundled) as (app, pilot):
        warning = follow_screen(app).query_one("#follow-warning", Static)
        await until(pilot, lambda: bool(warning.display), "the warning")
        assert "'something-else'" in text(warning)
        await pilot.pause()
        assert_on_screen(app, "⚠", "'something-else'", within=warning)


async def test_a_slide_missing_here_is_named_not_guessed(bundled: Briefing) -> None:
    hello = HelloMessage(briefing_id=bundled.briefing.id, content_hash="", slide_count=60)
    async with (
        Presenter.for_share("talk", hello) as presenter,
        following(bundled) as (app, pilot),
    ):
        presenter.publish_slide(40, "section:brand-new", "A new \x1b]52;c;aGk=\x07 section")
        missing = follow_screen(app).query_one("#follow-missing", Static)
        await until(pilot, lambda: bool(missing.display), "the missing-slide message")
        message = text(missing)
        assert "slide 41" in message
        assert "does not have" in message
        assert "\x1b" not in message
        assert "␛" in message
        assert not follow_screen(app).query_one(SlideView).display
        await pilot.pause()
        assert_on_screen(
            app,
            "The presenter is on 'A new ␛]52;c;aGk=␇ section' (their slide 41),",
            "which your copy of the briefing does not have.",
            within=missing,
        )
        assert_on_screen(app, "slide 41/60", within=follow_bar(app))


def without_section(section_id: str) -> Briefing:
    """The bundled briefing without one section: another edition, one slide shorter."""
    text = default_briefing_path().read_text(encoding="utf-8")
    blocks = re.split(r"(?m)^(?=\[\[)", text)
    kept = [b for b in blocks if not re.match(rf'\[\[sections\]\]\s+id = "{section_id}"\n', b)]
    assert len(kept) == len(blocks) - 1
    # What pointed at the section points at the first one instead.
    edited = re.sub(rf'(?m)^section = "{section_id}"$', 'section = "the-deals"', "".join(kept))
    return parse_briefing(edited, "edition.toml")


async def test_a_section_missing_here_is_named_not_replaced_by_our_slide_at_its_place(
    bundled: Briefing,
) -> None:
    # The presenter's slide 3 is a section this copy does not have, and this
    # copy has a slide 3 of its own (the next section): that must not be shown.
    edition = without_section("history")
    theirs, ours = build_deck(bundled), build_deck(edition)
    assert theirs[2].key == "section:history"
    assert ours[2].key == "section:reactions"
    async with (
        Presenter.for_share("talk", hello_for(bundled)) as presenter,
        following(edition) as (app, pilot),
    ):
        screen = follow_screen(app)
        publish(presenter, theirs, 1)
        await until(pilot, lambda: shown_index(app) == 1, "slide 2, which both copies have")
        publish(presenter, theirs, 2)
        await until(pilot, lambda: bar_text(app, "position").startswith("slide 3/"), "slide 3")
        await pilot.pause()
        assert_on_screen(
            app,
            f"The presenter is on '{theirs[2].title}' (their slide 3), "
            "which your copy of the briefing does not have.",
            within=screen.query_one("#follow-missing", Static),
        )
        assert_not_on_screen(app, ours[2].title)

        # The next slide is one this copy has, at its own place: shown again.
        publish(presenter, theirs, 3)
        await until(pilot, lambda: shown_index(app) == 2, "the reactions section, our slide 3")
        await pilot.pause()
        assert_on_screen(app, ours[2].title, within=screen.query_one(SlideView))
        assert_not_on_screen(app, "does not have")


async def test_presenter_quits_follower_stays_usable(bundled: Briefing) -> None:
    presenter = Presenter.for_share("talk", hello_for(bundled))
    await presenter.start()
    async with following(bundled) as (app, pilot):
        publish(presenter, app.deck, 3)
        await until(pilot, lambda: shown_index(app) == 3, "slide 4")
        await presenter.close()
        await until(pilot, lambda: bar_text(app, "state") == "presentation ended", "the end")
        assert shown_index(app) == 3, "the last slide stays"
        await pilot.pause()
        assert_slide_shown(app, 3)
        assert_on_screen(app, "presentation ended", within=follow_bar(app))
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert app.screen.status.plain.startswith("presentation ended")
        assert_on_screen(
            app,
            "presentation ended · f shows the last slide",
            within=app.screen.query_one("#browse-status"),
        )
        await pilot.press("f")
        await pilot.pause()
        assert app.screen is follow_screen(app)
        assert app.is_running
        assert_slide_shown(app, 3)
        assert_on_screen(app, "presentation ended", within=follow_bar(app))
        assert_not_on_screen(app, "shows the last slide")


async def test_detach_browse_and_snap_back(bundled: Briefing, share: Presenter) -> None:
    async with following(bundled) as (app, pilot):
        publish(share, app.deck, 2)
        await until(pilot, lambda: shown_index(app) == 2, "slide 3")
        slide = app.deck[2]
        assert isinstance(slide, SectionSlide)

        await pilot.press("d")
        await pilot.pause()
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        assert browse.history.current == Place("section", slide.section.id)
        assert browse.status.plain.startswith("following paused — presenter on slide 3")
        status = browse.query_one("#browse-status", Static)
        assert "presenter on slide 3" in text(status)
        assert_on_screen(app, "following paused — presenter on slide 3", within=status)
        assert_on_screen(app, "Section 2/", within=header(browse))

        # Browse on: the explorer's own keys work, and the presenter carries on.
        await pilot.press("3")
        await pilot.pause()
        assert browse.history.current == Place("actors")
        assert_on_screen(app, f"Actors ({len(bundled.actors)})", within=header(browse))
        publish(share, app.deck, 6)
        await until(pilot, lambda: "slide 7" in browse.status.plain, "the status to move")
        assert "presenter on slide 7" in text(status)
        assert isinstance(app.screen, BrowseScreen), "the presenter moving does not pull back"
        await pilot.pause()
        assert_on_screen(app, "following paused — presenter on slide 7", within=status)
        assert_on_screen(app, "Actors", within=header(browse))
        assert_not_on_screen(app, app.deck[6].title)

        await pilot.press("f")
        await pilot.pause()
        assert app.screen is follow_screen(app)
        assert shown_index(app) == 6, "snapped back to the presenter's slide"
        assert_slide_shown(app, 6)
        assert_not_on_screen(app, "following paused")


async def test_browsing_on_your_own_shows_the_briefing_in_the_main_pane(
    bundled: Briefing, share: Presenter
) -> None:
    async with following(bundled) as (app, pilot):
        publish(share, app.deck, 2)
        await until(pilot, lambda: shown_index(app) == 2, "slide 3")
        slide = app.deck[2]
        assert isinstance(slide, SectionSlide)
        await pilot.press("d")
        await pilot.pause()
        section = slide.section
        assert_on_screen(app, section.title, opening(section.body), within=main_pane(app.screen))
        await pilot.press("3")
        await pilot.pause()
        assert_on_screen(
            app, bundled.actors[0].name, bundled.actors[1].name, within=main_pane(app.screen)
        )


async def test_the_browse_status_line_reads_in_full(bundled: Briefing, share: Presenter) -> None:
    async with following(bundled) as (app, pilot):
        publish(share, app.deck, 2)
        await until(pilot, lambda: shown_index(app) == 2, "slide 3")
        await pilot.press("d")
        await pilot.pause()
        assert_on_screen(app, "following paused — presenter on slide 3 · f follows again")


async def test_browsing_offers_only_keys_that_work(bundled: Briefing, share: Presenter) -> None:
    async with following(bundled) as (app, pilot):
        await pilot.press("d")
        await pilot.pause()
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        footer = browse.query_one(KeyFooter)
        assert_on_screen(app, "Search", within=footer)
        assert_not_on_screen(app, "Note", "Bookmark", within=footer)
        await pilot.resize_terminal(80, 60)  # the whole help at once
        await pilot.press("question_mark")
        await pilot.pause()
        assert_on_screen(app, "Follow the presenter", "Search")
        assert_not_on_screen(app, "Note", "Bookmark", "Mark read")


async def test_the_status_line_after_a_lost_presenter_fits_80_columns(bundled: Briefing) -> None:
    presenter = Presenter.for_share("talk", hello_for(bundled))
    await presenter.start()
    async with following(bundled) as (app, pilot):
        publish(presenter, app.deck, 3)
        await until(pilot, lambda: shown_index(app) == 3, "slide 4")
        # Killed, not quit: no end message, the connection is simply lost.
        presenter._closed = True
        for connection in tuple(presenter._followers):
            assert connection.transport is not None
            connection.transport.abort()
        await until(pilot, lambda: "lost" in bar_text(app, "state"), "the lost connection")
        await pilot.press("d")
        await pilot.pause()
        status = app.screen.query_one("#browse-status")
        assert_on_screen(
            app,
            "presentation ended (connection to the presenter lost) · f shows the last slide",
            within=status,
        )
        assert_not_on_screen(app, "…", within=status)
        await presenter.close()


async def test_palette_place_detaches_to_it(bundled: Briefing, share: Presenter) -> None:
    async with following(bundled) as (app, pilot):
        board = bundled.scoreboards[0]
        app.navigate(Place("scoreboard", board.id))
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert app.screen.history.current == Place("scoreboard", board.id)
        assert_on_screen(app, "Scoreboard 1/", within=header(app.screen))
        assert_on_screen(app, "following paused — waiting for the presenter")
        app.navigate(Place("actors"))
        await pilot.pause()
        assert app.screen.history.current == Place("actors")
        assert len([s for s in app.screen_stack if isinstance(s, BrowseScreen)]) == 1
        assert_on_screen(app, "Actors", within=header(app.screen))


async def test_a_palette_place_shows_in_the_main_pane(bundled: Briefing, share: Presenter) -> None:
    async with following(bundled) as (app, pilot):
        board = bundled.scoreboards[0]
        app.navigate(Place("scoreboard", board.id))
        await pilot.pause()
        assert_on_screen(app, board.title, within=main_pane(app.screen))
        app.navigate(Place("actors"))
        await pilot.pause()
        assert_on_screen(app, bundled.actors[0].name, within=main_pane(app.screen))
        assert_not_on_screen(app, board.title, within=main_pane(app.screen))


async def test_browsing_uses_the_views_stylesheet_read_at_start_up(
    bundled: Briefing, share: Presenter
) -> None:
    # Slides need it from the start; the explorer must not read a second copy after slides.tcss.
    async with following(bundled) as (app, pilot):
        app.navigate(Place("actors"))
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        files = [Path(path).name for path, _ in app.stylesheet.source if path.endswith(".tcss")]
        assert files.count("views.tcss") == 1
        assert files.index("views.tcss") < files.index("slides.tcss")


async def test_detaching_from_a_scoreboard_slide_opens_that_board(
    bundled: Briefing, share: Presenter
) -> None:
    async with following(bundled) as (app, pilot):
        index = next(i for i, s in enumerate(app.deck) if isinstance(s, ScoreboardSlide))
        publish(share, app.deck, index)
        await until(pilot, lambda: shown_index(app) == index, "the scoreboard slide")
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.history.current == Place("scoreboard", bundled.scoreboards[0].id)
        assert_on_screen(app, "Scoreboard 1/", within=header(app.screen))


async def test_detaching_from_a_scoreboard_slide_shows_that_board(
    bundled: Briefing, share: Presenter
) -> None:
    async with following(bundled) as (app, pilot):
        index = next(i for i, s in enumerate(app.deck) if isinstance(s, ScoreboardSlide))
        publish(share, app.deck, index)
        await until(pilot, lambda: shown_index(app) == index, "the scoreboard slide")
        await pilot.press("d")
        await pilot.pause()
        assert_on_screen(app, bundled.scoreboards[0].title, within=main_pane(app.screen))


@contextlib.asynccontextmanager
async def newer_presenter() -> AsyncIterator[None]:
    """A presenter sharing "talk" that speaks protocol version 3."""
    folder = private_dir()
    folder.mkdir(mode=0o700, exist_ok=True)

    async def greet(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b'{"type":"hello","protocol":3,"future":true}\n')
        await writer.drain()

    server = await asyncio.start_unix_server(greet, path=str(folder / "talk.sock"))
    try:
        yield
    finally:
        server.close()
        await server.wait_closed()


async def test_protocol_mismatch_is_shown_and_the_app_stays(bundled: Briefing) -> None:
    async with newer_presenter(), following(bundled) as (app, pilot):
        await until(pilot, lambda: "protocol version 3" in bar_text(app, "state"), "the error")
        await pilot.pause()
        assert_on_screen(app, "protocol version 3", within=follow_bar(app))
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert_on_screen(app, "protocol version 3", within=app.screen.query_one("#browse-status"))
        assert_on_screen(app, "Overview", within=header(app.screen))


async def test_browsing_after_a_protocol_mismatch_shows_the_overview(bundled: Briefing) -> None:
    async with newer_presenter(), following(bundled) as (app, pilot):
        await until(pilot, lambda: "protocol version 3" in bar_text(app, "state"), "the error")
        await pilot.press("d")
        await pilot.pause()
        assert_on_screen(app, bundled.briefing.title, within=main_pane(app.screen))


# The sandbox ---------------------------------------------------------------------------


def files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if not path.is_socket() and not path.is_dir()}


QUIT_KEYS = frozenset({"q", "ctrl+q", "ctrl+c"})


async def press_every_bound_key(pilot: Pilot, home: Screen, skip: set[str]) -> int:
    """Press every key bound on *home*, coming back to it after each; returns how many."""
    app = pilot.app
    keys = sorted(set(home.active_bindings) - QUIT_KEYS - skip)
    for key in keys:
        await pilot.press(key)
        for _ in range(3):
            if app.screen is home:
                break
            await pilot.press("escape")
        assert app.screen is home, f"{key} led away from {home}"
    return len(keys)


async def test_no_key_makes_a_follower_write_a_file(
    hostile: Briefing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A small briefing keeps the sweep quick; the sandbox does not depend on content.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    before = files_under(tmp_path)
    async with Presenter.for_share("talk", hello_for(hostile)) as share:
        follower = await connect(hostile)
        app = FollowApp(hostile, follower, name="talk")
        async with follower, app.run_test(size=(80, 24)) as pilot:
            publish(share, app.deck, 1)
            await until(pilot, lambda: shown_index(app) == 1, "slide 2")
            # Every key that does anything, on the slide and in the explorer (notes,
            # bookmarks, quiz, search, theme...), and the command palette's screenshot.
            assert await press_every_bound_key(pilot, follow_screen(app), skip={"d"}) >= 3
            await pilot.press("d")
            browse = app.screen
            assert isinstance(browse, BrowseScreen)
            assert await press_every_bound_key(pilot, browse, skip={"f"}) >= 10
            await pilot.press("ctrl+p", *"screenshot", "enter", "escape")
            titles = {command.title for command in app.get_system_commands(app.screen)}
            assert "Screenshot" not in titles
            assert "Theme" in titles
            # Asked for directly, a screenshot or a file delivery is refused.
            app.action_screenshot(path=str(tmp_path))
            assert app.deliver_text(tmp_path / "x.txt") is None
            await pilot.pause()
            assert app.is_running
    assert files_under(tmp_path) == before


async def test_follower_never_remembers_a_theme(bundled: Briefing, share: Presenter) -> None:
    trapped = following(bundled, notifications=True, on_theme_chosen=lambda name: 1 / 0)
    async with trapped as (app, pilot):
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app._on_theme_chosen is None
        assert_on_screen(app, f"Theme: {app.theme}")


async def test_follower_opens_no_browser(bundled: Briefing, share: Presenter) -> None:
    async with following(bundled, notifications=True) as (app, pilot):
        opened: list[str] = []
        assert app._driver is not None
        app._driver.open_url = lambda url, new_tab=True: opened.append(url)  # type: ignore[method-assign]
        app.open_url("https://example.org/\x1b[c")
        await pilot.pause()
        assert opened == []
        assert_on_screen(app, "Link (not opened)", "https://example.org/␛[c")
        with pytest.raises(SuspendNotSupported, match="Not available"), app.suspend():
            pass


# Speaker notes -------------------------------------------------------------------------


@pytest.fixture
def short_runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A runtime dir with a short path: the bundled briefing's notes socket under tmp_path
    would be longer than a Unix socket path may be."""
    folder = Path(tempfile.mkdtemp(prefix="bt-", dir="/tmp"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def notes_parts(screen: NotesScreen) -> tuple[Widget, Widget, Widget]:
    """The speaker notes screen's top bar, its notes, and its bottom bar."""
    return (
        screen.query_one("#notes-top"),
        screen.query_one("#notes-scroll"),
        screen.query_one("#notes-bottom"),
    )


class FakeClock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.mark.usefixtures("short_runtime_dir")
async def test_notes_follow_the_presenter(bundled: Briefing) -> None:
    hello = hello_for(bundled)
    async with Presenter.for_notes(hello) as channel:
        follower = await asyncio.wait_for(
            Follower.connect_notes(bundled.briefing.id, content_hash=bundled.content_hash),
            TIMEOUT,
        )
        clock = FakeClock(0.0)
        app = NotesApp(bundled, follower, clock=clock)
        async with follower, app.run_test(size=(80, 24)) as pilot:
            screen = app.notes_screen
            body = screen.query_one("#notes-body", MarkdownText)
            title = screen.query_one("#notes-title", Static)
            upcoming = screen.query_one("#notes-next", Static)
            top, notes_area, bottom = notes_parts(screen)
            await until(pilot, lambda: "waiting" in text(title), "the waiting title")
            await pilot.pause()
            assert_on_screen(app, "waiting for the presenter…", within=top)

            publish(channel, app.deck, 0)
            await until(pilot, lambda: text(title) == bundled.briefing.title, "the title slide")
            assert screen.query_one("#notes-none", Static).display
            assert text(screen.query_one("#notes-none", Static)) == NO_NOTES
            assert text(upcoming) == f"Next: {app.deck[1].title}"
            await pilot.pause()
            assert_on_screen(app, f"Slide 1/{len(app.deck)}", within=top)
            assert_on_screen(app, bundled.briefing.title, within=top)
            assert_on_screen(app, NO_NOTES, within=notes_area)
            assert_on_screen(app, f"Next: {app.deck[1].title}", within=bottom)

            publish(channel, app.deck, 1)
            section = bundled.sections[0]
            assert section.notes is not None
            opening = " ".join(section.notes.split()[:4])
            await until(pilot, lambda: opening in body.render().plain, "the first section's notes")
            assert body.display
            assert text(upcoming) == f"Next: {app.deck[2].title}"
            assert text(screen.query_one("#notes-position", Static)) == f"Slide 2/{len(app.deck)}"
            await pilot.pause()
            assert_on_screen(app, opening, within=notes_area)
            assert_not_on_screen(app, NO_NOTES)
            assert_on_screen(app, f"Slide 2/{len(app.deck)}", app.deck[1].title, within=top)
            assert_on_screen(app, f"Next: {app.deck[2].title}", within=bottom)
            # Said once: the preview under the notes shows the slide, not the word again.
            assert screen_text(app).count("Next:") == 1, screen_text(app)

            channel.publish_timer(True, 60.0)
            clock_text = screen.query_one("#notes-clock", Static)
            await until(pilot, lambda: text(clock_text).startswith("▶"), "the running timer")
            timer = screen.state.timer
            assert timer is not None
            clock.now = timer.received_at + 5
            screen.show_time()
            assert text(clock_text) == "▶ 01:05"
            await pilot.pause()
            assert_on_screen(app, "▶ 01:05", within=bottom)
            channel.publish_timer(False, 90.0)
            await until(pilot, lambda: text(clock_text) == "‖ 01:30", "the paused timer")
            await pilot.pause()
            assert_on_screen(app, "‖ 01:30", within=bottom)

            channel.publish_blank(True)
            state = screen.query_one("#notes-state", Static)
            await until(pilot, lambda: text(state) == "screen blanked", "the blank marker")
            await pilot.pause()
            assert_on_screen(app, "screen blanked", within=top)
            assert_on_screen(app, opening, within=notes_area)

            publish(channel, app.deck, len(app.deck) - 1)
            await until(pilot, lambda: text(upcoming) == "Last slide", "the last slide")
            await pilot.pause()
            assert_on_screen(app, "Last slide", within=bottom)
            assert_on_screen(app, app.deck[-1].title, within=top)

        await channel.close()


@pytest.mark.usefixtures("short_runtime_dir")
async def test_notes_of_a_slide_missing_here_are_not_another_slides(bundled: Briefing) -> None:
    edition = without_section("history")
    theirs, ours = build_deck(bundled), build_deck(edition)
    async with Presenter.for_notes(hello_for(bundled)) as channel:
        follower = await asyncio.wait_for(Follower.connect_notes(bundled.briefing.id), TIMEOUT)
        app = NotesApp(edition, follower)
        # Wide: at 80 columns the title line is cut short with an ellipsis.
        async with follower, app.run_test(size=(120, 24)) as pilot:
            title = app.notes_screen.query_one("#notes-title", Static)
            publish(channel, theirs, 2)
            await until(pilot, lambda: "not in your copy" in text(title), "the missing slide")
            await pilot.pause()
            assert_on_screen(app, f"{theirs[2].title} (not in your copy of the briefing)")
            assert_not_on_screen(app, ours[2].title)


@pytest.mark.usefixtures("short_runtime_dir")
async def test_notes_say_when_the_presentation_ended(bundled: Briefing) -> None:
    channel = Presenter.for_notes(hello_for(bundled))
    await channel.start()
    follower = await asyncio.wait_for(Follower.connect_notes(bundled.briefing.id), TIMEOUT)
    app = NotesApp(bundled, follower)
    async with follower, app.run_test(size=(80, 24)) as pilot:
        publish(channel, app.deck, 2)
        await until(pilot, lambda: app.notes_screen.state.local_index == 2, "slide 3")
        await channel.close()
        state = app.notes_screen.query_one("#notes-state", Static)
        await until(pilot, lambda: text(state) == "presentation ended", "the end")
        top = notes_parts(app.notes_screen)[0]
        await pilot.pause()
        # The ended state takes room from the one-line bar: the title may end in "…".
        assert_on_screen(app, "presentation ended", opening(app.deck[2].title), within=top)
        await pilot.press("j", "k")
        app.navigate(Place("section", bundled.sections[0].id))
        await pilot.pause()
        assert app.is_running
        assert_on_screen(app, "presentation ended", f"Slide 3/{len(app.deck)}", within=top)
    assert not os.path.exists(channel.path)


# Waiting for the presenter -------------------------------------------------------------

RETRY = 0.01
"""The retry interval of the notes in these tests: short, so they find a presenter at once."""

HELP_FOOTNOTE = "ctrl+p opens the command palette"
"""The last line of the keys' help."""


def showing_notes(app: NotesApp) -> bool:
    return app.notes_screen is not None and app.screen is app.notes_screen


@pytest.mark.usefixtures("short_runtime_dir")
async def test_notes_wait_for_the_presenter_then_follow_it(bundled: Briefing) -> None:
    app = NotesApp(bundled, retry_interval=RETRY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WaitingScreen)
        message = app.screen.query_one("#waiting-message", Static)
        assert text(message) == f"Waiting for `briefing present` of {bundled.briefing.title}…"
        assert " q Quit " in app.screen.query_one(KeyFooter).render().plain
        waiting = f"Waiting for `briefing present` of {bundled.briefing.title}…"
        assert_on_screen(app, waiting, HINT)
        assert_on_screen(app, "q Quit", within=app.screen.query_one(KeyFooter))
        # Nobody presents: the app keeps trying, and keeps waiting.
        await pilot.pause(RETRY * 5)  # fixed: five retries must find nobody and keep waiting
        assert isinstance(app.screen, WaitingScreen)
        assert app.follower is None
        assert_on_screen(app, waiting)

        async with Presenter.for_notes(hello_for(bundled)) as channel:
            await until(pilot, lambda: showing_notes(app), "the notes screen")
            assert [type(screen) for screen in app.screen_stack[1:]] == [NotesScreen]
            publish(channel, app.deck, 1)
            position = app.screen.query_one("#notes-position", Static)
            await until(pilot, lambda: text(position) == f"Slide 2/{len(app.deck)}", "slide 2")
            assert app.follower is not None
            await pilot.pause()
            assert_not_on_screen(app, "Waiting for")
            top, _, bottom = notes_parts(app.screen)
            assert_on_screen(app, f"Slide 2/{len(app.deck)}", app.deck[1].title, within=top)
            assert_on_screen(app, f"Next: {app.deck[2].title}", within=bottom)
    await app.disconnect()


@pytest.mark.usefixtures("short_runtime_dir")
async def test_waiting_screen_shows_the_title_as_text_and_q_quits(hostile: Briefing) -> None:
    app = NotesApp(hostile, retry_interval=RETRY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        message = app.screen.query_one("#waiting-message", Static)
        assert hostile.briefing.title in text(message)
        assert_on_screen(app, f"Waiting for `briefing present` of {hostile.briefing.title}…")
        await pilot.press("q")
        assert not app.is_running
    assert app.return_code == 0
    assert app.error is None


@pytest.mark.usefixtures("short_runtime_dir")
async def test_a_presenter_starting_closes_help_over_the_waiting_screen(bundled: Briefing) -> None:
    app = NotesApp(bundled, retry_interval=RETRY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.pause()
        assert_on_screen(app, HELP_FOOTNOTE)
        async with Presenter.for_notes(hello_for(bundled)):
            await until(pilot, lambda: showing_notes(app), "the notes screen")
            assert [type(screen) for screen in app.screen_stack[1:]] == [NotesScreen]
            await pilot.pause()
            assert_not_on_screen(app, HELP_FOOTNOTE, "Waiting for")
            assert_on_screen(app, "waiting for the presenter…", within=notes_parts(app.screen)[0])
    await app.disconnect()


@pytest.mark.usefixtures("short_runtime_dir")
async def test_notes_follow_the_next_presentation(bundled: Briefing) -> None:
    first = Presenter.for_notes(hello_for(bundled))
    await first.start()
    follower = await asyncio.wait_for(Follower.connect_notes(bundled.briefing.id), TIMEOUT)
    app = NotesApp(bundled, follower, retry_interval=RETRY)
    async with app.run_test(size=(80, 24)) as pilot:
        ended = app.notes_screen
        assert ended is not None
        publish(first, app.deck, 2)
        await until(pilot, lambda: ended.state.local_index == 2, "slide 3")
        await first.close()
        state = ended.query_one("#notes-state", Static)
        await until(pilot, lambda: text(state) == "presentation ended", "the end")
        await until(pilot, lambda: app.follower is None, "the ended connection to close")
        assert app.screen is ended, "the last notes stay until the next presentation"
        await pilot.pause()
        top = notes_parts(ended)[0]
        assert_on_screen(app, f"Slide 3/{len(app.deck)}", "presentation ended", within=top)

        async with Presenter.for_notes(hello_for(bundled)) as second:
            await until(pilot, lambda: app.screen is not ended, "the next presentation")
            assert showing_notes(app)
            assert [type(screen) for screen in app.screen_stack[1:]] == [NotesScreen]
            publish(second, app.deck, 4)
            await until(pilot, lambda: app.screen.state.local_index == 4, "slide 5")
            await pilot.pause()
            top = notes_parts(app.screen)[0]
            assert_on_screen(app, f"Slide 5/{len(app.deck)}", app.deck[4].title, within=top)
            assert_not_on_screen(app, "presentation ended")
    await app.disconnect()


@pytest.mark.usefixtures("short_runtime_dir")
async def test_trouble_while_waiting_ends_the_notes_with_the_error(bundled: Briefing) -> None:
    folder = private_dir()
    folder.mkdir(mode=0o700)
    app = NotesApp(bundled, retry_interval=RETRY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WaitingScreen)
        assert_on_screen(app, "Waiting for `briefing present` of")
        # Another user could now put a socket of theirs there: no longer trusted.
        os.chmod(folder, 0o777)
        await until(pilot, lambda: not app.is_running, "the app to stop")
    assert isinstance(app.error, ShareError)
    assert "writable by other users" in app.error.message


@pytest.mark.usefixtures("short_runtime_dir")
async def test_notes_refuse_an_untrusted_channel_before_any_screen(bundled: Briefing) -> None:
    folder = private_dir()
    folder.mkdir(mode=0o777)
    os.chmod(folder, 0o777)
    with pytest.raises(ShareError, match="writable by other users"):
        await notes(bundled)


@pytest.mark.usefixtures("short_runtime_dir")
def test_briefing_notes_waits_quietly_then_follows_briefing_present() -> None:
    briefing = [sys.executable, "-m", "briefing_tui"]
    with TerminalSession([*briefing, "notes"]) as notes_terminal:
        notes_terminal.wait_for("Waiting for `briefing present` of")
        notes_terminal.wait_idle(quiet=0.3)
        quiet_from = notes_terminal.mark()
        # Two retries and more, at the real interval: they write nothing.
        time.sleep(1.2)
        assert notes_terminal.since(quiet_from) == b""

        with TerminalSession([*briefing, "present"]) as presenter:
            presenter.wait_for("Slide 1/")
            notes_terminal.wait_for("Slide 1/")
            presenter.send("q")
            notes_terminal.wait_for("presentation ended")
        notes_terminal.send("q")
        assert notes_terminal.process.wait(TIMEOUT) == 0


# Speaker notes without a file ----------------------------------------------------------


@pytest.mark.usefixtures("short_runtime_dir")
def test_briefing_notes_without_a_file_waits_for_any_presentation_and_shows_its_notes(
    tmp_path: Path,
) -> None:
    talk = tmp_path / "talk.toml"
    talk.write_text(OWN_TALK, encoding="utf-8")
    briefing = [sys.executable, "-m", "briefing_tui"]
    with TerminalSession([*briefing, "notes"]) as notes_terminal:
        notes_terminal.wait_for("Waiting for `briefing present` of any briefing…")
        with TerminalSession([*briefing, "present", str(talk)]) as presenter:
            presenter.wait_for("Slide 1/")
            notes_terminal.wait_for("Slide 1/4")
            notes_terminal.wait_for("Next: Why this talk exists")
            presenter.send("right")
            notes_terminal.wait_for("SPEAKER-ONLY: tell the joke about the projector.")
            presenter.send("q")
            notes_terminal.wait_for("presentation ended")
        notes_terminal.send("q")
        assert notes_terminal.process.wait(TIMEOUT) == 0


@pytest.mark.usefixtures("short_runtime_dir")
async def test_notes_without_a_file_attach_to_the_one_presentation_running(
    bundled: Briefing,
) -> None:
    talk = parse_briefing(OWN_TALK, "own.toml")
    async with Presenter.for_notes(hello_for(talk)) as channel:
        await publish_briefing(talk, share=None, notes=channel)
        assert await presented_briefings() == ["own-talk"]
        follower = await asyncio.wait_for(attach(retry_interval=RETRY), TIMEOUT)
        assert follower is not None
        async with follower:
            received, replay = await asyncio.wait_for(
                follower.receive_briefing("briefing notes FILE"), TIMEOUT
            )
            assert received == talk, "the notes channel carries the speaker notes"
            app = NotesApp(received, follower, replay=replay, own_copy=False)
            async with app.run_test(size=(80, 24)) as pilot:
                publish(channel, app.deck, 1)
                body = app.notes_screen.query_one("#notes-body", MarkdownText)
                await until(pilot, lambda: "SPEAKER-ONLY" in body.render().plain, "the notes")
                await pilot.pause()
                assert_on_screen(app, "SPEAKER-ONLY: tell the joke about the projector.")
                assert_not_on_screen(app, bundled.briefing.title)


@pytest.mark.usefixtures("short_runtime_dir")
async def test_notes_without_a_file_ask_which_of_several_presentations(bundled: Briefing) -> None:
    talk = parse_briefing(OWN_TALK, "own.toml")
    async with (
        Presenter.for_notes(hello_for(talk)),
        Presenter.for_notes(hello_for(bundled)),
    ):
        presented = await presented_briefings()
        assert presented == sorted([bundled.briefing.id, "own-talk"])
        chooser = ChooserApp(Content("You are presenting 2 briefings: whose notes?"), presented)
        async with chooser.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert_on_screen(chooser, "whose notes?", *presented)
            await pilot.press("down", "enter")
        assert chooser.return_value == presented[1]


@pytest.mark.usefixtures("short_runtime_dir")
def test_the_notes_window_moves_the_talk_and_previews_the_next_slide(tmp_path: Path) -> None:
    talk = tmp_path / "talk.toml"
    talk.write_text(OWN_TALK, encoding="utf-8")
    briefing = [sys.executable, "-m", "briefing_tui"]
    with (
        TerminalSession([*briefing, "present", str(talk)]) as presenter,
        TerminalSession([*briefing, "notes", str(talk)]) as notes_terminal,
    ):
        presenter.wait_for("Slide 1/4")
        notes_terminal.wait_for("Slide 1/4")
        # The next slide, previewed: its title and first key point.
        notes_terminal.wait_for("Nobody in the audience has this file")
        notes_terminal.send("right")
        presenter.wait_for("Slide 2/4")
        notes_terminal.wait_for("SPEAKER-ONLY: tell the joke about the projector.")
        notes_terminal.wait_for("The audience sees the presenter's slides")
        notes_terminal.send("g")
        notes_terminal.wait_for("Go to slide")
        notes_terminal.send(*"take away", "enter")
        presenter.wait_for("Slide 3/4")
        notes_terminal.send("left")
        presenter.wait_for("Slide 2/4")
        presenter.send("q")
        notes_terminal.wait_for("presentation ended")
        notes_terminal.send("q")
        assert notes_terminal.process.wait(TIMEOUT) == 0


@pytest.mark.usefixtures("short_runtime_dir")
async def test_only_the_notes_channel_takes_commands(bundled: Briefing) -> None:
    commands: list[object] = []
    async with (
        Presenter.for_share("talk", hello_for(bundled)) as shared,
        Presenter.for_notes(hello_for(bundled), on_command=commands.append),
    ):
        follower = await connect(bundled)
        async with follower:
            follower.send(NextCommand())
            await asyncio.sleep(0.2)
        assert commands == [], "a share's followers cannot move the talk"
        assert shared.follower_count == 0 or shared.dropped == 0
        notes_follower = await asyncio.wait_for(
            Follower.connect_notes(bundled.briefing.id), TIMEOUT
        )
        async with notes_follower:
            notes_follower.send(NextCommand())
            notes_follower.send(GoCommand(index=4))
            for _ in range(100):
                if len(commands) == 2:
                    break
                await asyncio.sleep(0.01)
        assert commands == [NextCommand(), GoCommand(index=4)]
