"""The briefing app."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.color import Color, ColorParseError
from textual.screen import Screen
from textual.theme import Theme

from briefing_tui.core.loader import BriefingError, load_briefing
from briefing_tui.core.model import Briefing
from briefing_tui.core.navigation import Place
from briefing_tui.core.themes import DEFAULT_THEME, ThemeCatalog, discover_themes, theme_variable_defaults
from briefing_tui.core.watch import POLL_INTERVAL, FileWatcher
from briefing_tui.ui.commands import BriefingCommands
from briefing_tui.ui.screens.explorer import ExplorerScreen
from briefing_tui.ui.screens.help import HelpScreen
from briefing_tui.ui.widgets.error_panel import ErrorPanel

ThemeRemembered = Callable[[str], None]


class BriefingApp(App[None]):
    """Explore a briefing: sections, actors, scoreboards, timeline and glossary."""

    CSS_PATH = ["app.tcss", "widgets/widgets.tcss"]
    COMMANDS = App.COMMANDS | {BriefingCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+t", "cycle_theme", "Next theme", show=False, id="app.cycle-theme"),
    ]
    HELP_GROUP = "General"

    def __init__(
        self,
        briefing: Briefing,
        *,
        theme: str = DEFAULT_THEME,
        themes: ThemeCatalog | None = None,
        keymap: Mapping[str, str] | None = None,
        notices: Sequence[str] = (),
        on_theme_chosen: ThemeRemembered | None = None,
        watch_path: str | os.PathLike[str] | None = None,
        watch_interval: float = POLL_INTERVAL,
    ) -> None:
        """Create the app.

        Args:
            briefing: The briefing to show.
            theme: The theme to start with.
            themes: The themes to offer (default: the built-in ones).
            keymap: Binding id to keys, from the user's settings.
            notices: Messages to show once the app is up (bad theme files, say).
            on_theme_chosen: Called with the name of a theme the reader picks
                in the app, to remember it; not called for the starting theme.
            watch_path: The file *briefing* was loaded from, to reload on every
                save (``--watch``); None to never reload.
            watch_interval: Seconds between two looks at the watched file.
        """
        super().__init__()
        self.briefing = briefing
        self.title = briefing.briefing.title
        self._catalog = themes if themes is not None else discover_themes(None)
        self._notices = list(notices)
        self._on_theme_chosen = on_theme_chosen
        self._register_themes()
        self.theme = theme if theme in self.available_themes else DEFAULT_THEME
        if keymap:
            self.set_keymap(dict(keymap))
        self._watcher = (
            FileWatcher(watch_path, interval=watch_interval) if watch_path is not None else None
        )
        self._watch_name = os.fspath(watch_path) if watch_path is not None else ""
        self._settle_check_due = False
        self._reload_deferred = False
        self._problems: tuple[str, ...] = ()

    def _register_themes(self) -> None:
        for entry in self._catalog:
            colours = entry.theme.colours()
            try:
                for value in colours.values():
                    Color.parse(value)
            except ColorParseError as error:
                self._notices.append(f"{entry.source}: theme skipped: {error}")
                continue
            self.register_theme(Theme(**entry.theme.to_textual_kwargs()))
        for error in self._catalog.errors:
            self._notices.append(f"Theme file skipped: {error}")

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return theme_variable_defaults(self.current_theme.dark)

    def on_mount(self) -> None:
        self.push_screen(ExplorerScreen(self.briefing))
        for notice in self._notices:
            self.notify(notice, severity="warning", markup=False, timeout=10)
        # Subscribe only now, so the starting theme is not "chosen".
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self._watcher is not None:
            self.set_interval(self._watcher.interval, self._check_file)
            self.screen_change_signal.subscribe(self, self._screen_changed)

    def _theme_changed(self, theme: Theme) -> None:
        if self._on_theme_chosen is None:
            return
        try:
            self._on_theme_chosen(theme.name)
        except OSError as error:
            self.notify(f"Could not remember the theme: {error}", severity="warning", markup=False)

    @property
    def explorer(self) -> ExplorerScreen:
        """The explorer screen."""
        return next(screen for screen in self.screen_stack if isinstance(screen, ExplorerScreen))

    def navigate(self, place: Place) -> None:
        """Go to *place* in the explorer (used by the command palette)."""
        self.explorer.navigate(place)

    def action_help(self) -> None:
        """Show the keys in force."""
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_cycle_theme(self) -> None:
        """Switch to the next of the app's own themes."""
        names = self._catalog.names() or [DEFAULT_THEME]
        index = names.index(self.theme) + 1 if self.theme in names else 0
        self.theme = names[index % len(names)]
        self.notify(f"Theme: {self.theme}", markup=False, timeout=2)

    # Live reload (--watch) ----------------------------------------------

    def _check_file(self) -> None:
        """Look at the watched file (one stat, no repaint); reload once a save has settled."""
        watcher = self._watcher
        if watcher is None:
            return
        if watcher.poll() is not None:
            self._reload()
        if watcher.settling and not self._settle_check_due:
            # Confirm the save soon rather than a whole interval later.
            self._settle_check_due = True
            self.set_timer(watcher.settle, self._settle_check)

    def _settle_check(self) -> None:
        self._settle_check_due = False
        self._check_file()

    @work(exclusive=True, group="reload")
    async def _reload(self) -> None:
        """Load the watched file in a thread; show the new version, or its problems."""
        try:
            briefing = await asyncio.to_thread(load_briefing, self._watch_name)
        except BriefingError as error:
            self._problems = tuple(str(problem) for problem in error.problems)
            self._show_problems()
            return
        self._problems = ()
        if briefing.content_hash == self.briefing.content_hash:
            # Saved without a change (or changed back): nothing to rebuild.
            self._show_problems()
            return
        explorer = self.explorer
        if self.screen is not explorer:
            # Help or the palette is open over the explorer: reload when it closes.
            self._reload_deferred = True
            self._show_problems()
            return
        self.briefing = briefing
        self.title = briefing.briefing.title
        await self.switch_screen(explorer.reloaded(briefing))
        self._show_problems()

    def _screen_changed(self, screen: Screen) -> None:
        if self._reload_deferred and screen is self.explorer:
            self._reload_deferred = False
            self._reload()

    def _show_problems(self) -> None:
        """Show the current reload problems in the explorer's error panel, or remove it."""
        explorer = self.explorer
        panels = explorer.query(ErrorPanel)
        if not self._problems:
            panels.remove()
        elif panels:
            panels.first().show_problems(self._problems)
        else:
            explorer.mount(ErrorPanel(self._problems))
