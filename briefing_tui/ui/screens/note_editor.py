"""Edit the reader's note on one item."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

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


class NoteEditor(ModalScreen[str | None]):
    """A TextArea for a note; ctrl+s or escape keeps it: nothing typed is lost."""

    CSS_PATH = "note_editor.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,escape", "save", "Keep note and close", id="note.save"),
    ]
    HELP_GROUP = "Note"

    def __init__(self, item_label: str, text: str) -> None:
        super().__init__()
        self.item_label = item_label
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

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        """Close the editor, keeping the text."""
        self.dismiss(neutralise(self.query_one(TextArea).text))
