"""16 and 256 colours: every view still says everything, through symbols and text.

Over SSH without ``SendEnv COLORTERM`` a terminal reports no true colour;
on a plain ``xterm`` only 16 colours. The app must then write no colour the
terminal cannot show, and every distinction (stance, pro and con, links)
must survive as a symbol or a word.
"""

from __future__ import annotations

import os
import re
import sys

import pytest

from tests.harness import TerminalSession

TRUECOLOR = re.compile(rb"\x1b\[[0-9;]*[34]8;2;")
COLOR_256 = re.compile(rb"\x1b\[[0-9;]*[34]8;5;")

VIEWS = [
    ("2", ["1. The deals", "Russia and North Korea"]),
    ("3", ["◆ ambivalent", "▼ opposes", "▲ supports"]),
    ("4", ["+ Serves Beijing", "− Costs Beijing", "outweigh"]),
    ("5", ["1991"]),
    ("6", ["Asian NATO"]),
]


@pytest.mark.parametrize(
    ("term", "forbidden"),
    [("xterm-256color", [TRUECOLOR]), ("xterm", [TRUECOLOR, COLOR_256])],
)
def test_every_view_at_reduced_colour_depth(term: str, forbidden: list[re.Pattern[bytes]]) -> None:
    env = {key: value for key, value in os.environ.items() if key != "COLORTERM"}
    env["TERM"] = term
    argv = [sys.executable, "-m", "briefing_tui", "--no-save"]
    with TerminalSession(argv, size=(100, 30), env=env, cwd=env["XDG_CACHE_HOME"]) as session:
        session.wait_for("Overview")
        for key, expected in VIEWS:
            session.send(key)
            for text in expected:
                session.wait_for(text)
        session.send("q")
        session.process.wait(10)
    output = bytes(session.output)
    for pattern in forbidden:
        assert pattern.search(output) is None, pattern.pattern
