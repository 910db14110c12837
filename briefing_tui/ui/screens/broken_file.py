"""What ``--watch`` shows while the file it watches has never been valid: its problems."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.app import ComposeResult

from briefing_tui.ui.screens.briefing_screen import BriefingScreen
from briefing_tui.ui.widgets.briefing_header import BriefingHeader
from briefing_tui.ui.widgets.error_panel import ErrorPanel
from briefing_tui.ui.widgets.key_footer import KeyFooter


class BrokenFileScreen(BriefingScreen[None]):
    """The problems of a watched file that has never loaded, until a save fixes them.

    An author opens ``--watch`` to fix a file: the app starts anyway, lists
    what is wrong, and the app puts the explorer in this screen's place as
    soon as the file is valid (each save lists the problems anew).
    """

    def __init__(self, file_name: str, problems: Sequence[str]) -> None:
        super().__init__()
        self.file_name = file_name
        self.problems = tuple(problems)

    def compose(self) -> ComposeResult:
        yield BriefingHeader(Path(self.file_name).name, id="header")
        yield ErrorPanel(self.problems, nothing_shown=True)
        yield KeyFooter()
