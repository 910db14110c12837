"""The reader's notes as lists show them: newest first, each named by its item.

A note on an item the briefing no longer has is still listed, under the
title the item had when the note was last saved, never under its key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefing_tui.core.study.navigation import Place, place_for_study_key
from briefing_tui.core.study.store import StudyStore

_KINDS = {
    "section": "A section",
    "actor": "An actor",
    "scoreboard": "A scoreboard",
    "argument": "An argument",
    "event": "An event",
    "term": "A term",
    "question": "A question",
}


@dataclass(frozen=True)
class NoteEntry:
    """One note, as a list of notes shows it."""

    key: str
    """The study key of the item the note is on."""
    title: str
    """The item's title, as the briefing has it or as it had it; "" if never known."""
    text: str
    """The note as typed (not neutralised)."""
    updated: dt.datetime
    place: Place | None
    """Where the item is; None when the briefing no longer has it."""

    @property
    def label(self) -> str:
        """The item's title, or what kind of item it was when its title was never kept."""
        return self.title or _KINDS.get(self.key.partition(":")[0], "An item")

    @property
    def name(self) -> str:
        """The :attr:`label`, and whether the item is gone."""
        if self.place is None:
            return f"{self.label} (no longer in this briefing)"
        return self.label


def note_entries(study: StudyStore) -> list[NoteEntry]:
    """Every note in *study*, the most recently changed first."""
    notes = sorted(study.notes.items(), key=lambda item: item[1].updated, reverse=True)
    return [
        NoteEntry(
            key,
            study.note_title(key),
            note.text,
            note.updated,
            place_for_study_key(study.briefing, key),
        )
        for key, note in notes
    ]
