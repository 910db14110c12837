"""The reading measure from the settings file, and the outline's width remembered, for real."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from tests.harness import TerminalSession

BRIEFING = [sys.executable, "-m", "briefing_tui"]


def test_the_settings_measure_the_text_and_the_outline_s_width_is_remembered() -> None:
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "briefing-tui" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[reading]\nwidth = 50\n", encoding="utf-8")
    state = Path(os.environ["XDG_DATA_HOME"]) / "briefing-tui" / "state.json"
    env = dict(os.environ)
    with TerminalSession(BRIEFING, size=(160, 40), env=env, cwd=str(config.parent)) as term:
        term.wait_for("Overview")
        term.send("2")
        term.wait_for("1. The deals")
        term.wait_idle()
        body = [line for line in term.text().splitlines() if "Kim Jong Un" in line]
        assert body, term.text()
        text = body[0].split("▕", 1)[1].strip()
        assert len(text) <= 50, text
        term.send(">")
        # Wider: the second section's title now fits.
        term.wait_for("From a dormant relationship to a wartime bargain")
        term.send("q")
        term.process.wait(10)
    assert term.process.returncode == 0
    assert json.loads(state.read_text(encoding="utf-8"))["outline_share"] == 35
