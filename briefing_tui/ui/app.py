"""The briefing app."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from briefing_tui.core.model import Briefing
from briefing_tui.core.navigation import Place
from briefing_tui.ui.commands import BriefingCommands
from briefing_tui.ui.screens.explorer import ExplorerScreen
from briefing_tui.ui.screens.help import HelpScreen


class BriefingApp(App[None]):
    """Explore a briefing: sections, actors, scoreboards, timeline and glossary."""

    CSS_PATH = ["app.tcss", "widgets/widgets.tcss"]
    COMMANDS = App.COMMANDS | {BriefingCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]
    HELP_GROUP = "General"

    def __init__(self, briefing: Briefing) -> None:
        super().__init__()
        self.briefing = briefing
        self.title = briefing.briefing.title

    def on_mount(self) -> None:
        self.push_screen(ExplorerScreen(self.briefing))

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {
            "pro": "#4caf50",
            "con": "#ef5350",
            "link": "#64b5f6",
            "muted": "#9e9e9e",
            "stance-supports": "#4caf50",
            "stance-opposes": "#ef5350",
            "stance-ambivalent": "#ffb300",
            "stance-neutral": "#90a4ae",
            "stance-unknown": "#9e9e9e",
        }

    @property
    def explorer(self) -> ExplorerScreen:
        """The explorer screen (the default screen)."""
        return next(screen for screen in self.screen_stack if isinstance(screen, ExplorerScreen))

    def navigate(self, place: Place) -> None:
        """Go to *place* in the explorer (used by the command palette)."""
        self.explorer.navigate(place)

    def action_help(self) -> None:
        """Show the keys in force."""
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))
