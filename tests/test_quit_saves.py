"""Every way out of the app keeps what the reader wrote (issue 15, item 4).

In a real terminal: the app is quit with a note half typed in the editor,
by a key (ctrl+q, which Textual advertises) or by a signal (SIGTERM from a
process manager, SIGHUP when the terminal window closes, SIGINT). A save
that fails at quit is one line on stderr and exit status 1.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from pathlib import Path

import pytest

from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.loader import load_briefing
from briefing_tui.core.study.store import StudyStore
from tests.harness import TerminalSession

BRIEFING = [sys.executable, "-m", "briefing_tui"]
TYPED = "half a thought"


def study_note() -> str:
    briefing = load_briefing(default_briefing_path())
    key = f"section:{briefing.sections[0].id}"
    return StudyStore(briefing, read_only=True).note(key)


def open_note_editor() -> TerminalSession:
    term = TerminalSession(BRIEFING, size=(100, 30), env=dict(os.environ))
    term.wait_for("Overview")
    term.send("2")
    term.wait_for("Section 1/")
    term.send("n")
    term.wait_for("Note on")
    term.send(TYPED)
    term.wait_for(TYPED)
    return term


@pytest.mark.parametrize(
    "way_out",
    ["ctrl+q", signal.SIGTERM, signal.SIGHUP, signal.SIGINT],
    ids=["ctrl+q", "SIGTERM", "SIGHUP", "SIGINT"],
)
def test_an_open_note_is_kept_whatever_way_the_app_is_left(way_out: str | int) -> None:
    with open_note_editor() as term:
        if isinstance(way_out, str):
            term.send(way_out)
        else:
            os.kill(term.process.pid, way_out)
        status = term.process.wait(15)
    assert status == 0, term.text()
    assert study_note() == TYPED


def test_a_save_that_fails_at_quit_is_reported_with_status_1() -> None:
    with open_note_editor() as term:
        # The study folder's place is taken by a file: nothing can be saved there.
        study = Path(os.environ["XDG_DATA_HOME"]) / "briefing-tui" / "study"
        shutil.rmtree(study)
        study.write_text("not a folder", encoding="utf-8")
        term.send("ctrl+q")
        status = term.process.wait(15)
        term.wait_idle(0.2)
    assert status == 1
    assert "cannot save study data" in bytes(term.output).decode(errors="replace")
