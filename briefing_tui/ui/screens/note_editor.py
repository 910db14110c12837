"""Edit the reader's note on one item."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea
from textual.widgets.text_area import Edit, EditResult

from briefing_tui.core.content.text import neutralise


class NoteTextArea(TextArea):
    """A TextArea that turns control characters into visible placeholders as they arrive.

    Pasted text may carry escape sequences (an OSC 52 clipboard write, a
    device-attributes request whose answer would press keys); every edit,
    typed or pasted, is neutralised before it enters the document.
    """

    def edit(self, edit: Edit) -> EditResult:
        """Perform *edit* with its text neutralised."""
        if edit.text:
            edit = replace(edit, text=neutralise(edit.text))
        return super().edit(edit)


NoteKeeper = Callable[[str], str | None]
"""Keeps a note's text; returns why it could not, or None once it is kept."""


class NoteEditor(ModalScreen[str | None]):
    """A TextArea for a note; ctrl+s or escape keeps it: nothing typed is lost.

    The editor closes with the text once *keep* has kept it. When *keep*
    refuses (the note is too long, the study file full), the editor stays
    open with the reason, and the text, for the reader to shorten.
    """

    CSS_PATH = "note_editor.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,escape", "save", "Keep note and close", id="note.save"),
    ]
    HELP_GROUP = "Note"

    def __init__(self, item_label: str, text: str, keep: NoteKeeper) -> None:
        super().__init__()
        self.item_label = item_label
        self._keep = keep
        # Text from outside (a pasted note, a study file) never reaches the screen raw.
        self.text = neutralise(text)

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(Content.assemble(("Note on ", "bold"), self.item_label), id="note-title")
            yield NoteTextArea(self.text, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static(
                Content("escape keeps the note (empty deletes it) · ctrl+z undoes"),
                id="note-help",
            )

    COMPACT_BELOW = 20
    """Screen rows under which the editor drops its spacing and frames (note_editor.tcss)."""

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def on_resize(self, event: events.Resize) -> None:
        # On a short screen every row goes to the text being typed.
        self.set_class(event.size.height < self.COMPACT_BELOW, "-compact")

    def keep_work(self) -> str | None:
        """Keep the text as it is now (the app is quitting); why it could not be, or None."""
        return self._keep(neutralise(self.query_one(TextArea).text))

    def action_save(self) -> None:
        """Keep the text and close, or say why it cannot be kept."""
        text = neutralise(self.query_one(TextArea).text)
        refused = self._keep(text)
        if refused is None:
            self.dismiss(text)
            return
        help_line = self.query_one("#note-help", Static)
        help_line.update(Content(neutralise(refused)))
        help_line.add_class("-refused")
