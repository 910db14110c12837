"""Base of the presenting apps: the briefing app, opening on its own screen."""

from __future__ import annotations

from textual import events
from textual.screen import Screen

from briefing_tui.core.navigation import Place
from briefing_tui.ui.app import BriefingApp


class SlideApp(BriefingApp):
    """A :class:`BriefingApp` (themes, keymap, help, palette) that opens on :meth:`first_screen`."""

    CSS_PATH = [*BriefingApp.CSS_PATH, "slides.tcss"]

    def first_screen(self) -> Screen[None]:
        """The screen the app opens on."""
        raise NotImplementedError

    def navigate(self, place: Place) -> None:
        """A place chosen in the command palette; these apps have no explorer to show it in."""
        self.notify("This view follows the presenter", timeout=3, markup=False)

    def on_mount(self, event: events.Mount) -> None:
        # BriefingApp.on_mount would open the explorer; these apps open on
        # their own screen, and do the rest of its start-up here.
        event.prevent_default()
        self.push_screen(self.first_screen())
        for notice in self._notices:
            self.notify(notice, severity="warning", markup=False, timeout=10)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
