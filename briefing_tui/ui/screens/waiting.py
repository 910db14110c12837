"""The screen shown until a presenter starts: ``briefing notes`` and ``briefing follow`` early."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from briefing_tui.core.content.model import Briefing
from briefing_tui.ui.widgets.key_footer import KeyFooter

HINT = "Start it in another terminal: the notes appear here as soon as it runs."
FOLLOW_HINT = "The slides appear here as soon as the presentation starts."


def waiting_message(briefing: Briefing) -> Content:
    """What the notes wait for, naming the briefing."""
    # The title is the author's text: assembled as plain content, never parsed as markup.
    return Content.assemble(
        "Waiting for ", ("`briefing present`", "bold"), " of ", briefing.briefing.title, "…"
    )


def waiting_for_any() -> Content:
    """What the notes wait for without a briefing of their own: any presentation of the user's."""
    return Content.assemble("Waiting for ", ("`briefing present`", "bold"), " of any briefing…")


def waiting_for_share(name: str, owner: str | None) -> Content:
    """What a follower waits for: the share's name, and whose it is."""
    by = f" by {owner}" if owner else ""
    return Content.assemble("Waiting for ", (name, "bold"), f"{by}…")


class WaitingScreen(Screen[None]):
    """Says what the app waits for; the app replaces it once the presenter is up.

    The screen draws once and then writes nothing while it waits: the app
    does the connecting.
    """

    def __init__(self, message: Content, hint: str = HINT) -> None:
        super().__init__()
        self.message = message
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="waiting"):
            yield Static(self.message, id="waiting-message")
            yield Static(Content(self.hint), id="waiting-hint")
        yield KeyFooter()
