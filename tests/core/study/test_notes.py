"""Notes as lists show them: newest first, named by their item, orphans included."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing_tui.core.content.loader import parse_briefing
from briefing_tui.core.study.navigation import Place
from briefing_tui.core.study.notes import note_entries
from briefing_tui.core.study.store import StudyStore

BRIEFING = parse_briefing(
    """format = 1
[briefing]
id = "notes-test"
title = "Notes"
[[sections]]
id = "one"
title = "The first section"
body = "One."
[[actors]]
id = "alpha"
name = "Alpha"
kind = "state"
"""
)


def test_notes_come_newest_first_named_by_their_item(tmp_path: Path) -> None:
    moments = iter(dt.datetime(2026, 1, day, tzinfo=dt.timezone.utc) for day in range(1, 9))
    study = StudyStore(BRIEFING, directory=tmp_path, clock=lambda: next(moments))
    study.set_note("section:one", "first")
    study.set_note("actor:alpha", "second")
    study.set_note("section:gone", "third")
    entries = note_entries(study)
    assert [entry.key for entry in entries] == ["section:gone", "actor:alpha", "section:one"]
    gone, alpha, one = entries
    assert (alpha.name, alpha.place, alpha.text) == ("Alpha", Place("actor", "alpha"), "second")
    assert (one.name, one.place) == ("The first section", Place("section", "one"))
    assert gone.place is None
    assert gone.name == "A section (no longer in this briefing)"
    assert gone.label == "A section"
