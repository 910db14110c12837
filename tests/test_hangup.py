"""A terminal that goes away ends the app, whatever signals come with it.

When a terminal hangs up (its window closed, tmux killed, an SSH client
gone), the kernel sends SIGHUP and SIGCONT. Textual's driver answers any
SIGCONT by starting its terminal mode again, as after a suspend (ctrl+z),
even when nothing was suspended: on a terminal that is gone, its new writer
dies at the first write and the app then hangs for ever as it quits,
holding its share, and with ``--ssh`` its SSH server, open. The apps resume
only after a suspend of their own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.harness import TerminalSession

BRIEFING = [sys.executable, "-m", "briefing_tui"]


@pytest.mark.parametrize(
    ("command", "ready"),
    [([], "Overview"), (["present"], "Slide 1/")],
    ids=["explorer", "presenter"],
)
def test_a_sigcont_without_a_suspend_does_not_restart_the_terminal(
    command: list[str], ready: str
) -> None:
    with TerminalSession([*BRIEFING, *command]) as term:
        term.wait_for(ready, timeout=30)
        term.wait_idle(0.3)
        mark = term.mark()
        os.kill(term.process.pid, signal.SIGCONT)
        term.wait_idle(0.5)
        # Starting the terminal mode again would switch to the alternate screen anew.
        assert b"\x1b[?1049h" not in term.since(mark)
        assert ready in term.text()


def test_a_presenter_whose_terminal_went_away_quits() -> None:
    for _ in range(3):
        term = TerminalSession([*BRIEFING, "present"])
        try:
            term.wait_for("Slide 1/", timeout=30)
            term.hang_up()
            os.kill(term.process.pid, signal.SIGCONT)
            time.sleep(0.5)  # the driver writes to the terminal that is gone
            os.kill(term.process.pid, signal.SIGHUP)
            try:
                term.process.wait(15)
            except subprocess.TimeoutExpired:
                pytest.fail("the presenter hung as it quit, its terminal gone")
        finally:
            term.close()


def test_a_suspend_and_continue_still_bring_the_app_back() -> None:
    with TerminalSession(BRIEFING) as term:
        term.wait_for("Overview", timeout=30)
        term.wait_idle(0.3)
        os.kill(term.process.pid, signal.SIGTSTP)
        time.sleep(0.5)
        mark = term.mark()
        os.kill(term.process.pid, signal.SIGCONT)
        term.wait_idle(0.5, after=mark)
        assert b"\x1b[?1049h" in term.since(mark)
        term.send("q")
        assert term.process.wait(10) == 0
