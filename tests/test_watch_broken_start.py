"""``briefing --watch FILE`` on a file that is broken from the start: the app waits for the fix."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.loader import load_briefing
from tests.harness import TerminalSession

BRIEFING = [sys.executable, "-m", "briefing_tui"]


def broken_copy(folder: Path) -> tuple[Path, str]:
    """A copy of the bundled briefing with an unclosed string; returns it and the good text."""
    good = default_briefing_path().read_text(encoding="utf-8")
    path = folder / "talk.toml"
    path.write_text(good.replace('title = "', 'title = "unclosed\ntitle = "', 1), encoding="utf-8")
    return path, good


def test_a_broken_file_opens_with_its_problems_and_the_briefing_appears_once_fixed(
    tmp_path: Path,
) -> None:
    path, good = broken_copy(tmp_path)
    title = load_briefing(default_briefing_path()).briefing.title
    env = dict(os.environ)
    with TerminalSession([*BRIEFING, "--watch", str(path)], size=(80, 24), env=env) as term:
        term.wait_for("The file has 1 problem")
        screen = term.text()
        assert "TOML syntax error" in screen
        assert f"{path}:" in " ".join(screen.split())
        assert "as soon as it is fixed" in screen
        assert term.process.poll() is None, "the app is still running"
        path.write_text(good, encoding="utf-8")
        term.wait_for(title[:30])
        term.wait_gone("The file has")
        assert "Overview" in term.text()


def test_a_missing_file_is_still_an_error_with_watch(tmp_path: Path) -> None:
    argv = [*BRIEFING, "--watch", "nope.toml"]
    with TerminalSession(argv, env=dict(os.environ), cwd=str(tmp_path)) as term:
        assert term.process.wait(20) == 2
        term.wait_for("nope.toml: no such file")
