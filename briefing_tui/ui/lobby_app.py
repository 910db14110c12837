"""Before a presentation is joined: waiting for it to start, or choosing one of several.

Until a presenter answers there is no briefing to show (``briefing follow``
and ``briefing notes`` without FILE take the presenter's), so this comes
before the app that shows the presentation, as an app of its own. The
lobby says what it waits for, tries to connect twice a second, writes
nothing to the terminal meanwhile, and exits with the connection; the
chooser lists the presentations running and exits with the one chosen.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from pathlib import PurePath
from typing import Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult, ReturnType
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.filter import LineFilter
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.core.config.themes import DEFAULT_THEME, ThemeCatalog, discover_themes
from briefing_tui.core.present.share import Follower, NoPresentation, ShareError
from briefing_tui.ui.job_control import resume_only_after_suspend
from briefing_tui.ui.screens.waiting import WaitingScreen
from briefing_tui.ui.terminal_guard import TerminalGuard
from briefing_tui.ui.widgets.key_footer import KeyFooter

RETRY_SECONDS = 0.5
"""How long the lobby waits between two attempts to reach the presenter."""

Connect = Callable[[], Awaitable[Follower]]


class PlainApp(App[ReturnType]):
    """An app of ours without a briefing: the themes, the styles and the terminal guard."""

    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "widgets/widgets.tcss", "slides.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit", id="app.quit")]
    HELP_GROUP = "General"
    # Nothing to search before a briefing, and a follower's lobby must offer no
    # screenshot (a file written): no palette at all.
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        *,
        theme: str = DEFAULT_THEME,
        themes: ThemeCatalog | None = None,
        **_options: Any,
    ) -> None:
        """Create the app with *theme*, from *themes* (default: the built-in ones).

        The presenting apps' other options (keymap, notices) are not used here.
        """
        # Before App.__init__, which asks for the theme variable defaults.
        self._catalog = themes if themes is not None else discover_themes(None)
        super().__init__()
        self._terminal_guard = TerminalGuard()
        for entry in self._catalog:
            self.register_theme(Theme(**entry.theme.to_textual_kwargs()))
        self.theme = theme if theme in self.available_themes else DEFAULT_THEME

    def on_mount(self) -> None:
        # As every app of ours: no resume after a hang-up (see job_control).
        resume_only_after_suspend(self)

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the :class:`TerminalGuard`, as in every app of ours."""
        return [*super().get_line_filters(), self._terminal_guard]

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return self._catalog.variable_defaults(self.current_theme.dark)


class LobbyApp(PlainApp[Follower | None]):
    """Wait for a presenter; exit with the connection to it, or None when the user quits."""

    def __init__(
        self,
        connect: Connect,
        message: Content,
        hint: str,
        *,
        retry_interval: float = RETRY_SECONDS,
        **options: Any,
    ) -> None:
        """Create the lobby.

        Args:
            connect: Connects to the presenter; raises
                :class:`~briefing_tui.core.present.share.NoPresentation` while there is none.
            message: What the screen says it waits for.
            hint: The line under it.
            retry_interval: Seconds between two attempts (tests shorten it).
            **options: :class:`PlainApp` options (theme, themes).
        """
        super().__init__(**options)
        self.connect = connect
        self.message = message
        self.hint = hint
        self.retry_interval = retry_interval
        self.error: ShareError | None = None
        """What stopped the waiting, when it was not the user quitting."""

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


class ChoiceScreen(Screen[None]):
    """A question and its answers, one a line; enter picks one."""

    def __init__(self, question: Content, answers: Sequence[str]) -> None:
        super().__init__()
        self.question = question
        self.answers = tuple(answers)

    def compose(self) -> ComposeResult:
        with Vertical(id="waiting"):
            yield Static(self.question, id="waiting-message")
            yield OptionList(*(Option(Content(answer)) for answer in self.answers), id="choices")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.app.exit(self.answers[event.option_index])


class ChooserApp(PlainApp[str | None]):
    """Ask which of *answers* to take; exit with it, or None when the user quits."""

    def __init__(self, question: Content, answers: Sequence[str], **options: Any) -> None:
        super().__init__(**options)
        self.question = question
        self.answers = tuple(answers)

    def on_mount(self) -> None:
        self.push_screen(ChoiceScreen(self.question, self.answers))


async def choose(question: Content, answers: Sequence[str], **options: Any) -> str | None:
    """Ask *question*; the answer chosen, or None when the user quit."""
    return await ChooserApp(question, answers, **options).run_async()
