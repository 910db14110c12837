"""The explorer's parts, for Pilot tests to read the screen within (``within=``)."""

from __future__ import annotations

from textual.widgets import ContentSwitcher

from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.widgets.briefing_header import BriefingHeader
from briefing_tui.ui.widgets.key_footer import KeyFooter


def main_pane(app: BriefingApp) -> ContentSwitcher:
    """The explorer's main pane, right of the outline, where the current place shows."""
    return app.explorer.query_one("#main", ContentSwitcher)


def footer(app: BriefingApp) -> KeyFooter:
    """The explorer's footer: the keys that work now."""
    return app.explorer.query_one(KeyFooter)


def header(app: BriefingApp) -> BriefingHeader:
    """The explorer's header: the title, and where the reader is."""
    return app.explorer.query_one(BriefingHeader)
