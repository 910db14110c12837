"""Base of the presenting apps: the briefing app, opening on its own screen."""

from __future__ import annotations

from textual.screen import Screen

from briefing_tui.core.navigation import Place
from briefing_tui.ui.app import BriefingApp


class SlideApp(BriefingApp):
    """A :class:`BriefingApp` (themes, keymap, help, palette) that opens on its own screen."""

    # The views' stylesheet too: slides draw a BalanceMeter, styled there.
    CSS_PATH = [*BriefingApp.CSS_PATH, "widgets/views.tcss", "slides.tcss"]

    def first_screen(self) -> Screen[None]:
        """The screen the app opens on."""
        raise NotImplementedError

    def navigate(self, place: Place) -> None:
        """A place chosen in the command palette; these apps have no explorer to show it in."""
        self.notify("This view follows the presenter", timeout=3, markup=False)
