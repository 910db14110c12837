"""Base of the presenting apps: the briefing app, opening on its own screen."""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual.screen import Screen

from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.app import BriefingApp


class SlideApp(BriefingApp):
    """A :class:`BriefingApp` (themes, keymap, help, palette) that opens on its own screen."""

    # The views' stylesheet too: slides draw a BalanceMeter, styled there.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        *BriefingApp.CSS_PATH,
        "widgets/views.tcss",
        "slides.tcss",
    ]
    # Pushed over Textual's default screen: as the default screen, a
    # follower's slide, recomposed when the presenter's state arrives, was
    # sometimes left unpainted (one run in three of the SSH follower test).
    FIRST_SCREEN_IS_DEFAULT = False

    def first_screen(self) -> Screen[None]:
        """The screen the app opens on."""
        raise NotImplementedError

    def navigate(self, place: Place) -> None:
        """A place chosen in the command palette; these apps have no explorer to show it in."""
        self.notify("This view follows the presenter", timeout=3, markup=False)
