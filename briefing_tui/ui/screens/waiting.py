"""The screen ``briefing notes`` shows until the presenter starts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from briefing_tui.core.content.model import Briefing
from briefing_tui.ui.widgets.key_footer import KeyFooter

HINT = "Start it in another terminal: the notes appear here as soon as it runs."


def waiting_message(briefing: Briefing) -> Content:
    """What the screen waits for, naming the briefing."""
    # The title is the author's text: assembled as plain content, never parsed as markup.
    return Content.assemble(
        "Waiting for ", ("`briefing present`", "bold"), " of ", briefing.briefing.title, "…"
    )


class WaitingScreen(Screen[None]):
    """Says what the notes wait for; the app replaces it once the presenter is up.

    The screen draws once and then writes nothing while it waits: the app
    does the connecting.
    """

    def __init__(self, briefing: Briefing) -> None:
        super().__init__()
        self.briefing = briefing

    def compose(self) -> ComposeResult:
        with Vertical(id="waiting"):
            yield Static(waiting_message(self.briefing), id="waiting-message")
            yield Static(Content(HINT), id="waiting-hint")
        yield KeyFooter()
