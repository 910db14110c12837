"""The briefing app."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.color import Color, ColorParseError
from textual.theme import Theme

from briefing_tui.core.model import Briefing
from briefing_tui.core.navigation import Place
from briefing_tui.core.themes import DEFAULT_THEME, ThemeCatalog, discover_themes, theme_variable_defaults
from briefing_tui.ui.commands import BriefingCommands
from briefing_tui.ui.screens.explorer import ExplorerScreen
from briefing_tui.ui.screens.help import HelpScreen

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
