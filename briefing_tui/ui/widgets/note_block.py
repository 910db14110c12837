"""The reader's note on an item, shown under it."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from briefing_tui.core.content.text import neutralise
from briefing_tui.ui.widgets.static_text import SizedByLayout


class NoteBlock(SizedByLayout, Static):
    """ "Your note" and its text; hidden while there is no note."""

    DEFAULT_CLASSES = "note-block"

    def __init__(self) -> None:
        super().__init__("", markup=False)
        self.display = False

    def show_note(self, text: str) -> None:
        """Show *text* (neutralised: a note may hold pasted escape sequences), or hide."""
        # The text first: showing a block makes Textual place it at once, at the
        # height of the text it has then, and a text set after that kept that height.
        self.update(
            Content.assemble(("✎ Your note\n", "bold $note"), neutralise(text))
            if text.strip()
            else ""
        )
        self.display = bool(text.strip())
