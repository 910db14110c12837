"""``briefing notes``: the presenter's speaker notes, in a second terminal."""

from __future__ import annotations

import time
from typing import Any

from briefing_tui.core.model import Briefing
from briefing_tui.core.share import Follower
from briefing_tui.core.slides import Slide, build_deck
from briefing_tui.ui.screens.notes import NotesScreen
from briefing_tui.ui.slide_app import SlideApp
from briefing_tui.ui.stopwatch import Clock


class NotesApp(SlideApp):
    """Show the speaker notes of whatever slide the presenter is on."""

    def __init__(
        self,
        briefing: Briefing,
        follower: Follower,
        *,
        clock: Clock = time.monotonic,
        **options: Any,
    ) -> None:
        """Create the app.

        Args:
            briefing: The briefing being presented.
            follower: A :class:`~briefing_tui.core.share.Follower` connected to
                the presenter's notes channel, for the app to read; the caller
                closes it.
            clock: The clock the presenter's timer is counted on (tests replace it).
            **options: :class:`~briefing_tui.ui.app.BriefingApp` options.
        """
        super().__init__(briefing, **options)
        self.deck: tuple[Slide, ...] = build_deck(briefing)
        self.notes_screen = NotesScreen(briefing, self.deck, follower, clock)

    def first_screen(self) -> NotesScreen:
        """The notes."""
        return self.notes_screen


async def notes(briefing: Briefing, **options: Any) -> int | None:
    """Follow this user's presentation of *briefing*; return the app's exit status.

    Connects before the app starts: raises
    :class:`~briefing_tui.core.share.ShareError` when nothing presents it.
    """
    follower = await Follower.connect_notes(
        briefing.briefing.id, content_hash=briefing.content_hash or None
    )
    app = NotesApp(briefing, follower, **options)
    try:
        await app.run_async()
    finally:
        await follower.close()
    return app.return_code
