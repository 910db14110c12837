"""Reviewing in a real terminal: what a pty delivers at once, as a person types it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.harness import TerminalSession


def test_an_answer_typed_and_sent_with_enter_in_one_burst_is_all_there(tmp_path: Path) -> None:
    # A terminal hands over a quick typist's keys (or a paste and enter) in one read:
    # the enter that shows the answer must not overtake the letters before it.
    env = {**os.environ, "COLORTERM": "truecolor"}
    argv = [sys.executable, "-m", "briefing_tui"]
    with TerminalSession(argv, env=env, cwd=str(tmp_path)) as term:
        term.wait_for("Overview")
        term.send("T")
        term.wait_for("Type your answer")
        term.send("Russia gets shells\r")
        term.wait_for("Model answer")
        term.wait_idle()
        assert "Russia gets shells" in term.text()
        term.send("escape")
        term.wait_gone("Model answer")
        term.send("q")
        assert term.process.wait(10) == 0
