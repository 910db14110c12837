"""`briefing [FILE]` outside a terminal, and with a bad file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_briefing(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing_tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        **kwargs,  # type: ignore[arg-type]
    )


def test_refuses_to_start_without_a_terminal() -> None:
    result = run_briefing()
    assert result.returncode == 2
    assert result.stderr.strip() == "briefing needs a terminal; over SSH use ssh -t"
    assert result.stdout == ""


def test_bad_file_reports_problems_before_any_screen(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\n[briefing]\nid = "x"\n', encoding="utf-8")
    result = run_briefing(str(bad))
    assert result.returncode == 2
    assert f"{bad}:2:1: briefing.title: missing required key 'title' in [briefing]" in result.stderr
    assert "Traceback" not in result.stderr
    assert "\x1b" not in result.stdout


def test_missing_file_is_one_line(tmp_path: Path) -> None:
    result = run_briefing(str(tmp_path / "nope.toml"))
    assert result.returncode == 2
    assert result.stderr == f"{tmp_path / 'nope.toml'}: no such file\n"


def test_unknown_option_exits_2_with_inert_output() -> None:
    result = run_briefing("--colour\x1b]52;c;aGk=\x07")
    assert result.returncode == 2
    assert "\x1b" not in result.stderr
    assert "\x07" not in result.stderr
