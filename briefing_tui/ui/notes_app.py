"""``briefing notes``: the presenter's speaker notes, in a second terminal.

The notes may be opened before the presentation starts, and stay open from
one presentation to the next: while nothing presents the briefing, the app
tries to connect to its notes channel twice a second.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import Any

from textual import on, work
from textual.content import Content
from textual.screen import Screen

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.present.share import (
    Follower,
    FollowerEvent,
    NoPresentation,
    ShareError,
    presented_briefings,
)
from briefing_tui.core.present.slides import Slide, build_deck
from briefing_tui.ui.lobby_app import choose, wait_for_presenter
from briefing_tui.ui.screens.notes import NotesScreen
from briefing_tui.ui.screens.waiting import (
    HINT,
    WaitingScreen,
    waiting_for_any,
    waiting_message,
)
from briefing_tui.ui.slide_app import SlideApp
from briefing_tui.ui.stopwatch import Clock

RETRY_SECONDS = 0.5
"""How long the app waits between two attempts to reach a presenter that is not there yet."""


async def connect_notes(briefing: Briefing, *, own_copy: bool = True) -> Follower:
    """Connect to the notes channel of this user's presentation of *briefing*.

    Without *own_copy* (no FILE given), the presenter's briefing is taken
    again on the way, so a reload is shown. Raises
    :class:`~briefing_tui.core.present.share.NoPresentation` when nothing
    presents it, and :class:`~briefing_tui.core.present.share.ShareError`
    when the channel cannot be trusted or reached.
    """
    return await Follower.connect_notes(
        briefing.briefing.id,
        content_hash=briefing.content_hash or None if own_copy else None,
        wants_briefing=not own_copy,
    )


async def connect_to_any() -> Follower:
    """Connect to the notes channel of the first briefing this user presents, taking its briefing.

    Raises :class:`~briefing_tui.core.present.share.NoPresentation` while the
    user presents nothing.
    """
    presented = await presented_briefings()
    if not presented:
        raise NoPresentation("you are presenting nothing yet")
    return await Follower.connect_notes(presented[0], wants_briefing=True)


async def attach(*, retry_interval: float, **options: Any) -> Follower | None:
    """The notes channel of the user's presentation, for ``briefing notes`` without FILE.

    The only one running; one of several, chosen by the user; or, with
    none, the first to start (waiting for it). None when the user quit.
    """
    presented = await presented_briefings()
    if len(presented) > 1:
        chosen = await choose(
            Content.assemble(
                "You are presenting ", (str(len(presented)), "bold"), " briefings: whose notes?"
            ),
            presented,
            **options,
        )
        if chosen is None:
            return None
        return await Follower.connect_notes(chosen, wants_briefing=True)
    try:
        return await connect_to_any()
    except NoPresentation:
        return await wait_for_presenter(
            connect_to_any,
            waiting_for_any(),
            HINT,
            retry_interval=retry_interval,
            **options,
        )


class NotesApp(SlideApp):
    """Show the speaker notes of whatever slide the presenter is on."""

    def __init__(
        self,
        briefing: Briefing,
        follower: Follower | None = None,
        *,
        replay: Sequence[FollowerEvent] = (),
        own_copy: bool = True,
        retry_interval: float = RETRY_SECONDS,
        clock: Clock = time.monotonic,
        **options: Any,
    ) -> None:
        """Create the app.

        Args:
            briefing: The briefing being presented.
            follower: A :class:`~briefing_tui.core.present.share.Follower` connected to
                the presenter's notes channel, or None to wait for the
                presenter. The app closes the followers it replaces; the
                caller closes the last one, :attr:`follower`, with
                :meth:`disconnect`.
            replay: Events the follower yielded before the app started.
            own_copy: False when *briefing* is the presenter's, as received:
                later presentations of it send theirs, and reloads show.
            retry_interval: Seconds between attempts to reach a presenter
                that is not there yet (tests shorten it).
            clock: The clock the presenter's timer is counted on (tests replace it).
            **options: :class:`~briefing_tui.ui.app.BriefingApp` options.
        """
        super().__init__(briefing, **options)
        self.deck: tuple[Slide, ...] = build_deck(briefing)
        self.own_copy = own_copy
        self.retry_interval = retry_interval
        self.clock = clock
        self.follower = follower
        """The connection to the presenter, None while waiting for one."""
        self.notes_screen = None if follower is None else self._notes_screen(follower, replay)
        """The notes of the current (or last) presentation, None before the first."""
        self.error: ShareError | None = None
        """What stopped the app while it waited, when it was not the user quitting."""
        # The waiting or notes screen, under help or the palette when they are open.
        self._main: Screen[None] | None = None

    def _notes_screen(
        self, follower: Follower, replay: Sequence[FollowerEvent] = ()
    ) -> NotesScreen:
        return NotesScreen(self.briefing, self.deck, follower, self.clock, replay)

    @on(NotesScreen.BriefingChanged)
    def _briefing_changed(self, event: NotesScreen.BriefingChanged) -> None:
        self.briefing = event.briefing
        self.title = event.briefing.briefing.title
        self.deck = event.deck

    def first_screen(self) -> Screen[None]:
        """The notes, or what they wait for."""
        self._main = self.notes_screen or WaitingScreen(waiting_message(self.briefing))
        return self._main

    def on_mount(self) -> None:
        if self.follower is None:
            # Textual calls BriefingApp's on_mount after this one: start once
            # it has pushed the first screen, which the notes will replace.
            self.call_later(self.wait_for_presenter)

    @on(NotesScreen.PresentationEnded)
    async def _presentation_ended(self) -> None:
        # The ended presentation's notes stay on screen until the next one starts.
        await self.disconnect()
        self.wait_for_presenter()

    @work(exclusive=True, group="presenter")
    async def wait_for_presenter(self) -> None:
        """Show the presenter's notes as soon as it is up.

        Any trouble other than nobody presenting ends the app, with the
        error in :attr:`error`.
        """
        try:
            follower = await self._reach_presenter()
        except ShareError as error:
            self.error = error
            self.exit()
            return
        self.follower = follower
        self.notes_screen = self._notes_screen(follower)
        # Help or the command palette may be open over the waiting screen:
        # the notes take over from them too.
        while self.screen is not self._main:
            await self.pop_screen()
        self._main = self.notes_screen
        await self.switch_screen(self.notes_screen)

    async def _reach_presenter(self) -> Follower:
        """Connect to the notes channel, trying again every :attr:`retry_interval` seconds."""
        while True:
            try:
                return await connect_notes(self.briefing, own_copy=self.own_copy)
            except NoPresentation:
                await asyncio.sleep(self.retry_interval)

    async def disconnect(self) -> None:
        """Close the connection to the presenter, if there is one."""
        follower, self.follower = self.follower, None
        if follower is not None:
            await follower.close()


async def notes(
    briefing: Briefing | None, *, retry_interval: float = RETRY_SECONDS, **options: Any
) -> int | None:
    """Follow this user's presentation of *briefing*; return the app's exit status.

    Connects before the app starts, so that a channel that cannot be
    trusted or reached is an ordinary error; when nothing presents the
    briefing yet, the app waits for it. Without *briefing* (no FILE), it
    attaches to the user's presentation, whichever it is (see
    :func:`attach`), and shows the briefing the presenter sends. Raises
    :class:`~briefing_tui.core.present.share.ShareError` for such errors, before the
    app starts or once it has stopped.
    """
    replay: list[FollowerEvent] = []
    follower: Follower | None
    own_copy = briefing is not None
    if briefing is None:
        follower = await attach(retry_interval=retry_interval, **options)
        if follower is None:
            return 0
        try:
            briefing, replay = await follower.receive_briefing("briefing notes FILE")
        except BaseException:
            await follower.close()
            raise
    else:
        try:
            follower = await connect_notes(briefing)
        except NoPresentation:
            follower = None
    app = NotesApp(
        briefing,
        follower,
        replay=replay,
        own_copy=own_copy,
        retry_interval=retry_interval,
        **options,
    )
    try:
        await app.run_async()
    finally:
        await app.disconnect()
    if app.error is not None:
        raise app.error
    return app.return_code
