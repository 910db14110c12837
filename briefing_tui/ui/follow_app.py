"""``briefing follow NAME``: a read-only viewer that moves with a presenter.

A follower may be all an audience member can run (a forced SSH command), so
the app is a sandbox: it writes no files, opens no editor, browser or shell,
and offers no command that would, whatever keys are pressed. The theme can
be changed for the session but is never remembered.
"""

from __future__ import annotations

from collections.abc import Awaitable, Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, ClassVar, NoReturn, TextIO

from textual import on
from textual.app import SuspendNotSupported, SystemCommand
from textual.screen import Screen

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.content.text import neutralise
from briefing_tui.core.present.share import Follower, FollowerEvent, NoPresentation
from briefing_tui.core.present.slides import Slide, build_deck
from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.lobby_app import RETRY_SECONDS, wait_for_presenter
from briefing_tui.ui.screens.follow import FollowScreen
from briefing_tui.ui.screens.waiting import FOLLOW_HINT, waiting_for_share
from briefing_tui.ui.slide_app import SlideApp

SAFE_SYSTEM_COMMANDS = frozenset({"Theme", "Keys", "Maximize", "Minimize", "Quit"})
"""Textual's palette commands a follower keeps: none of them writes or opens anything."""

NOT_WHILE_FOLLOWING = "Not available while following a presentation"


class FollowApp(SlideApp):
    """Follow a shared presentation, with the explorer to browse on one's own."""

    sandboxed = True
    """Marks the app as one that must never write files or start programs."""
    FOLLOW_SCREEN: ClassVar[type[FollowScreen]] = FollowScreen
    """The screen that shows the presenter's slide."""

    def __init__(
        self,
        briefing: Briefing,
        follower: Follower,
        *,
        name: str,
        replay: Sequence[FollowerEvent] = (),
        **options: Any,
    ) -> None:
        """Create the app.

        Args:
            briefing: The presenter's briefing as received, or the follower's own copy.
            follower: A connected :class:`~briefing_tui.core.present.share.Follower`
                for the app to read; the caller closes it. When it wants the
                presenter's briefing, a reload on the presenter's side is shown.
            name: The share's name, for the status bar.
            replay: Events the follower yielded before the app started.
            **options: :class:`~briefing_tui.ui.app.BriefingApp` options
                (theme, themes, keymap, notices); a chosen theme is never saved.
        """
        options["on_theme_chosen"] = None
        super().__init__(briefing, **options)
        self.deck: tuple[Slide, ...] = build_deck(briefing)
        self.follow_screen = self.FOLLOW_SCREEN(briefing, self.deck, follower, name, replay)

    def first_screen(self) -> FollowScreen:
        """The presenter's slide."""
        return self.follow_screen

    @on(FollowScreen.BriefingChanged)
    def _briefing_changed(self, event: FollowScreen.BriefingChanged) -> None:
        self.briefing = event.briefing
        self.title = event.briefing.briefing.title
        self.deck = event.deck

    def navigate(self, place: Place) -> None:
        """Go to *place* in the explorer, pausing following first if need be."""
        browsing = self.follow_screen.browsing
        if browsing is None:
            self.follow_screen.detach(place)
        else:
            browsing.navigate(place)

    # The sandbox ---------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's palette commands, without any that writes a file (the screenshot)."""
        for command in super().get_system_commands(screen):
            if command.title in SAFE_SYSTEM_COMMANDS:
                yield command

    def deliver_text(self, path_or_file: str | Path | TextIO, **options: Any) -> str | None:
        """Refused: a follower saves no files."""
        self.notify(NOT_WHILE_FOLLOWING, severity="warning", markup=False)
        return None

    def deliver_binary(self, path_or_file: str | Path | BinaryIO, **options: Any) -> str | None:
        """Refused: a follower saves no files."""
        self.notify(NOT_WHILE_FOLLOWING, severity="warning", markup=False)
        return None

    def deliver_screenshot(self, *args: Any, **options: Any) -> str | None:
        """Refused: a follower saves no files."""
        self.notify(NOT_WHILE_FOLLOWING, severity="warning", markup=False)
        return None

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Show the address instead of opening a browser."""
        self.notify(neutralise(url), title="Link (not opened)", markup=False, timeout=8)

    def suspend(self) -> NoReturn:
        """Refused: suspending is how an app would hand the terminal to an editor or shell."""
        raise SuspendNotSupported(NOT_WHILE_FOLLOWING)

    def action_suspend_process(self) -> None:
        """Refused: a follower does not drop to a shell."""
        self.notify(NOT_WHILE_FOLLOWING, severity="warning", markup=False)


async def follow(
    briefing: Briefing | None,
    name: str,
    *,
    owner: str | None = None,
    folder: Path | None = None,
    retry_interval: float = RETRY_SECONDS,
    **options: Any,
) -> int | None:
    """Follow the presentation shared as *name* (by *owner*, in *folder*); return the exit status.

    Without *briefing* (the follower's own copy), the follower shows the
    briefing the presenter sends. When nobody presents *name* yet, it waits
    for the presenter (:mod:`~briefing_tui.ui.lobby_app`), trying every
    *retry_interval* seconds. Anything else in the way (a socket that
    cannot be trusted, a briefing that cannot be shown) raises
    :class:`~briefing_tui.core.present.share.ShareError`.
    """

    def connect() -> Awaitable[Follower]:
        return Follower.connect(
            name,
            owner=owner,
            folder=folder,
            content_hash=briefing.content_hash or None if briefing is not None else None,
            wants_briefing=briefing is None,
        )

    try:
        follower: Follower | None = await connect()
    except NoPresentation as absent:
        # Joined before the presenter started: wait for it, saying what for and why.
        follower = await wait_for_presenter(
            connect,
            waiting_for_share(name, owner),
            f"{FOLLOW_HINT}\n{absent.message[:1].upper()}{absent.message[1:]}.",
            retry_interval=retry_interval,
            **options,
        )
    if follower is None:
        return 0
    try:
        replay: list[FollowerEvent] = []
        if briefing is None:
            briefing, replay = await follower.receive_briefing("briefing follow NAME FILE")
        app = FollowApp(briefing, follower, name=name, replay=replay, **options)
        await app.run_async()
    finally:
        await follower.close()
    return app.return_code
