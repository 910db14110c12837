"""``briefing present``: the slides, the notes channel and, optionally, a share."""

from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack
from typing import Any

from textual import on
from textual.message import Message

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.present.share import (
    DEFAULT_FOLLOWERS_PER_USER,
    Command,
    HelloMessage,
    NextCommand,
    Presenter,
    PreviousCommand,
    ShareError,
)
from briefing_tui.core.present.slides import Slide, build_deck, locate
from briefing_tui.core.present.transfer import Packed, briefing_text, pack
from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.screens.present import PresentScreen, slide_for_place
from briefing_tui.ui.slide_app import SlideApp
from briefing_tui.ui.stopwatch import Clock, Stopwatch


class PresentApp(SlideApp):
    """Present a briefing as slides; followers and the notes view move with it."""

    def __init__(
        self,
        briefing: Briefing,
        *,
        share: Presenter | None = None,
        notes: Presenter | None = None,
        clock: Clock = time.monotonic,
        **options: Any,
    ) -> None:
        """Create the app.

        Args:
            briefing: The briefing to present.
            share: The started share that followers join, if sharing.
            notes: The started notes channel that ``briefing notes`` follows.
            clock: The timer's clock (tests replace it).
            **options: The :class:`~briefing_tui.ui.app.BriefingApp` options
                (theme, themes, keymap, notices, on_theme_chosen).
        """
        super().__init__(briefing, **options)
        self.deck: tuple[Slide, ...] = build_deck(briefing)
        self.stopwatch = Stopwatch(clock)
        self.share = share
        self.notes_channel = notes
        channels = [channel for channel in (share, notes) if channel is not None]
        self.present_screen = PresentScreen(self.deck, self.stopwatch, channels)
        if share is not None:
            share.on_count_change = self._followers_changed
        if notes is not None:
            notes.on_command = self._notes_command

    class NotesCommanded(Message):
        """The notes window (``briefing notes``) asked to move the talk."""

        def __init__(self, command: Command) -> None:
            super().__init__()
            self.command = command

    def _notes_command(self, command: Command) -> None:
        # Called by the notes channel, outside the app's message loop: handled in it.
        self.post_message(self.NotesCommanded(command))

    @on(NotesCommanded)
    def _move_for_the_notes(self, event: NotesCommanded) -> None:
        screen = self.present_screen
        command = event.command
        if isinstance(command, NextCommand):
            screen.action_move(1)
        elif isinstance(command, PreviousCommand):
            screen.action_move(-1)
        else:
            screen.go(command.index)

    def on_mount(self) -> None:
        if self.share is not None or self.notes_channel is not None:
            # Followers that join before it is through get it as soon as it is.
            self.run_worker(
                publish_briefing(self.briefing, share=self.share, notes=self.notes_channel),
                name="publish-briefing",
                group="publish-briefing",
            )

    def first_screen(self) -> PresentScreen:
        """The slides."""
        if self.share is not None:
            # Not yet mounted: set the count without running its watcher.
            self.present_screen.set_reactive(PresentScreen.followers, self.share.follower_count)
        return self.present_screen

    def reloadable_screen(self) -> PresentScreen:
        """The slides: a reload (``--watch``) replaces them and shows problems on them."""
        return self.present_screen

    async def show_reloaded(self, briefing: Briefing) -> None:
        """Rebuild the deck from the reloaded *briefing*, stay on the same slide, send it on."""
        await publish_briefing(briefing, share=self.share, notes=self.notes_channel)
        old = self.present_screen
        self.deck = build_deck(briefing)
        index = locate(self.deck, old.slide.key, old.index)
        self.present_screen = PresentScreen(self.deck, self.stopwatch, old.channels)
        self.present_screen.set_reactive(PresentScreen.followers, old.followers)
        self.present_screen.set_reactive(PresentScreen.index, index if index is not None else 0)
        await self.switch_screen(self.present_screen)

    def navigate(self, place: Place) -> None:
        """Go to the slide that shows *place* (chosen in the command palette), if one does."""
        index = slide_for_place(self.deck, place)
        if index is None:
            self.notify("No slide shows that", timeout=3, markup=False)
        else:
            self.present_screen.go(index)

    def _followers_changed(self, count: int) -> None:
        # Followers leave as the share closes, after the app has shut down:
        # is_running turns False as shutdown begins.
        if self.is_running and self.present_screen.is_mounted:
            self.present_screen.followers = count


def hello_for(briefing: Briefing) -> HelloMessage:
    """What the presenter of *briefing* says first to every follower."""
    return HelloMessage(
        briefing_id=briefing.briefing.id,
        content_hash=briefing.content_hash,
        slide_count=len(build_deck(briefing)),
    )


def packed_briefings(briefing: Briefing, *, share: bool, notes: bool) -> tuple[Packed | None, ...]:
    """*briefing* ready to send: for the share without speaker notes, for the notes channel with.

    None for a channel not asked for.
    """
    return (
        pack(briefing_text(briefing, speaker_notes=False)) if share else None,
        pack(briefing_text(briefing, speaker_notes=True)) if notes else None,
    )


async def publish_briefing(
    briefing: Briefing, *, share: Presenter | None, notes: Presenter | None
) -> None:
    """Send *briefing* to the followers of *share* (no speaker notes) and of *notes*.

    Written out and compressed in a thread: a large briefing takes a moment.
    """
    hello = hello_for(briefing)
    shared, private = await asyncio.to_thread(
        packed_briefings, briefing, share=share is not None, notes=notes is not None
    )
    if share is not None and shared is not None:
        share.publish_briefing(hello, shared)
    if notes is not None and private is not None:
        notes.publish_briefing(hello, private)


async def present(
    briefing: Briefing,
    *,
    share: str | None = None,
    group: str | None = None,
    max_per_user: int | None = DEFAULT_FOLLOWERS_PER_USER,
    **options: Any,
) -> int | None:
    """Run the presenter app with its channels open; return its exit status.

    Opens the share *share* (for *group*, if given, with at most
    *max_per_user* followers from any one other user) and the notes channel
    before the app starts, and closes them after it ends. Raises
    :class:`~briefing_tui.core.present.share.ShareError` when the share cannot be
    opened; a notes channel that cannot be opened is only a warning, since
    the presentation itself does not need it.
    """
    hello = hello_for(briefing)
    notices = list(options.pop("notices", ()))
    async with AsyncExitStack() as channels:
        shared = None
        if share is not None:
            shared = await channels.enter_async_context(
                Presenter.for_share(share, hello, group=group, max_per_user=max_per_user)
            )
            if shared.relocated is not None:
                # Other users must be told this directory: say it where the presenter sees it.
                notices.append(shared.relocated)
        notes: Presenter | None
        try:
            notes = await channels.enter_async_context(Presenter.for_notes(hello))
        except ShareError as error:
            notes = None
            notices.append(f"Speaker notes are not available: {error.message}")
        app = PresentApp(briefing, share=shared, notes=notes, notices=notices, **options)
        await app.run_async()
    return app.return_code
