"""Waiting for a presentation that has not started: ``briefing follow`` or ``notes`` too early.

Until a presenter answers there is no briefing to show (a follower without
FILE takes the presenter's), so the waiting is an app of its own: it says
what it waits for, tries to connect twice a second, writes nothing to the
terminal meanwhile, and exits with the connection for the app that shows
the presentation.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from pathlib import PurePath
from typing import Any, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.filter import LineFilter
from textual.theme import Theme

from briefing_tui.core.config.themes import DEFAULT_THEME, ThemeCatalog, discover_themes
from briefing_tui.core.present.share import Follower, NoPresentation, ShareError
from briefing_tui.ui.screens.waiting import WaitingScreen
from briefing_tui.ui.terminal_guard import TerminalGuard

RETRY_SECONDS = 0.5
"""How long the lobby waits between two attempts to reach the presenter."""

Connect = Callable[[], Awaitable[Follower]]


class LobbyApp(App[Follower | None]):
    """Wait for a presenter; exit with the connection to it, or None when the user quits."""

    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "widgets/widgets.tcss", "slides.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit", id="app.quit")]
    HELP_GROUP = "General"

    def __init__(
        self,
        connect: Connect,
        message: Content,
        hint: str,
        *,
        retry_interval: float = RETRY_SECONDS,
        theme: str = DEFAULT_THEME,
        themes: ThemeCatalog | None = None,
        **_options: Any,
    ) -> None:
        """Create the lobby.

        Args:
            connect: Connects to the presenter; raises
                :class:`~briefing_tui.core.present.share.NoPresentation` while there is none.
            message: What the screen says it waits for.
            hint: The line under it.
            retry_interval: Seconds between two attempts (tests shorten it).
            theme: The theme to use.
            themes: The themes found (default: the built-in ones).
            _options: The presenting apps' other options, which a lobby does not use.
        """
        # Before App.__init__, which asks for the theme variable defaults.
        self._catalog = themes if themes is not None else discover_themes(None)
        super().__init__()
        self._terminal_guard = TerminalGuard()
        for entry in self._catalog:
            self.register_theme(Theme(**entry.theme.to_textual_kwargs()))
        self.theme = theme if theme in self.available_themes else DEFAULT_THEME
        self.connect = connect
        self.message = message
        self.hint = hint
        self.retry_interval = retry_interval
        self.error: ShareError | None = None
        """What stopped the waiting, when it was not the user quitting."""

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the :class:`TerminalGuard`, as in every app of ours."""
        return [*super().get_line_filters(), self._terminal_guard]

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return self._catalog.variable_defaults(self.current_theme.dark)

    def on_mount(self) -> None:
        self.push_screen(WaitingScreen(self.message, self.hint))
        self.wait_for_presenter()

    @work(exclusive=True, group="presenter")
    async def wait_for_presenter(self) -> None:
        """Try to connect until a presenter answers; any other trouble ends the lobby."""
        while True:
            try:
                follower = await self.connect()
            except NoPresentation:
                await asyncio.sleep(self.retry_interval)
                continue
            except ShareError as error:
                self.error = error
                self.exit(None)
                return
            self.exit(follower)
            return


async def wait_for_presenter(
    connect: Connect, message: Content, hint: str, **options: Any
) -> Follower | None:
    """Run the lobby until a presenter answers: the connection, or None when the user quit.

    Raises :class:`~briefing_tui.core.present.share.ShareError` for trouble
    other than nobody presenting yet, once the lobby has closed.
    """
    lobby = LobbyApp(connect, message, hint, **options)
    follower = await lobby.run_async()
    if lobby.error is not None:
        raise lobby.error
    return follower
