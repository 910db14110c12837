"""`briefing [FILE]` outside a terminal, and with a bad file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


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


def test_a_mistyped_command_is_not_taken_for_a_file() -> None:
    result = run_briefing("exprot", "x.toml")
    assert result.returncode == 2
    assert "unknown command 'exprot' (did you mean 'export'?)" in result.stderr


def test_export_refuses_to_overwrite_the_briefing_itself(tmp_path: Path) -> None:
    source = tmp_path / "brief.toml"
    text = (
        'format = 1\n[briefing]\nid = "b"\ntitle = "B"\n'
        '[[sections]]\nid = "s"\ntitle = "S"\nbody = "x"\n'
    )
    source.write_text(text, encoding="utf-8")
    result = run_briefing("export", str(source), "--format", "md", "-o", str(source))
    assert result.returncode == 2
    assert "is the briefing being exported" in result.stderr
    assert source.read_text(encoding="utf-8") == text


def test_each_command_builds_only_its_own_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    # Building every subcommand's parser is a cost of every start of the app.
    from briefing_tui import cli

    built: list[str | None] = []
    build_parser = cli.build_parser

    def counted(command: str | None = None) -> cli.ArgumentParser:
        built.append(command)
        return build_parser(command)

    monkeypatch.setattr(cli, "build_parser", counted)
    monkeypatch.setattr(cli, "cmd_schema", lambda args: 0)
    assert cli.main(["schema"]) == 0
    assert built == ["schema"]
    full = build_parser()
    subcommands = next(action for action in full._actions if action.dest == "command")
    assert tuple(subcommands.choices) == cli.COMMANDS
