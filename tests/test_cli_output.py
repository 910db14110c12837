"""Output that cannot be written is one line and exit 2, never a traceback (issue 15, items 17, 18).

Every command that writes is run against ``/dev/full`` (every write fails
with "No space left on device") and with standard output closed. A file
given with ``-o``, or made by ``briefing new``, is written whole or not at
all.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_tui import cli
from briefing_tui.core.config.resources import default_briefing_path
from tests.harness import TerminalSession

BUNDLED = str(default_briefing_path())
WRITERS = [
    ["print"],
    ["schema"],
    ["export", BUNDLED, "--format", "md"],
    ["export", BUNDLED, "--format", "html"],
    ["validate", BUNDLED],
    ["lint", BUNDLED],
    ["config"],
    ["themes"],
    ["--help"],
]


def run(args: list[str], **streams: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "briefing_tui", *args],
        capture_output="stdout" not in streams,
        stdin=subprocess.DEVNULL,
        timeout=60,
        **streams,  # type: ignore[arg-type]
    )


def one_line_error(stderr: bytes) -> str:
    lines = stderr.decode(errors="replace").strip().splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in lines[0]
    return lines[0]


@pytest.mark.parametrize("args", WRITERS, ids=[" ".join(args[:1]) for args in WRITERS])
def test_a_full_output_is_one_line_and_exit_2(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = run(args, stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 2
    assert "No space left on device" in one_line_error(result.stderr)


@pytest.mark.parametrize("args", WRITERS[:3], ids=["print", "schema", "export"])
def test_a_closed_output_is_one_line_and_exit_2(args: list[str]) -> None:
    # The shell starts the command with its standard output closed, as `>&-` does.
    result = subprocess.run(
        ["sh", "-c", 'exec "$0" -m briefing_tui "$@" >&-', sys.executable, *args],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=60,
    )
    assert result.returncode == 2
    assert "output" in one_line_error(result.stderr)


def test_a_file_name_that_is_not_utf8_makes_a_whole_starter(tmp_path: Path) -> None:
    name = os.fsdecode(b"new\xfe.toml")
    result = run(["new", name], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / name
    assert b"[[sections]]" in written.read_bytes()
    assert run(["validate", name], cwd=tmp_path).returncode == 0


def test_an_output_file_that_cannot_be_written_whole_is_not_left_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The disk fills up during the write: no half export may be left under the
    # name the reader would take for the export, nor a stray temporary file.
    def full_disk(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    folder = tmp_path / "out"
    folder.mkdir()
    for args in (["export", BUNDLED, "--format", "md"], ["schema"]):
        assert cli.main([*args, "-o", str(folder / "out.txt")]) == 2
        assert "No space left on device" in one_line_error(capsys.readouterr().err.encode())
        assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["follow", "talk", "--from", "root", BUNDLED],
        ["export", "--format", "md", BUNDLED],
        ["present", "--share", "talk", BUNDLED],
    ],
    ids=["follow", "export", "present"],
)
def test_options_may_come_before_positionals(args: list[str]) -> None:
    result = run(args)
    assert b"unrecognized arguments" not in result.stderr, result.stderr


@pytest.mark.parametrize("command", [[], ["present"], ["notes"], ["follow", "talk"]])
def test_a_dumb_terminal_gets_a_hint_not_the_full_screen_app(command: list[str]) -> None:
    env = {**os.environ, "TERM": "dumb"}
    with TerminalSession([sys.executable, "-m", "briefing_tui", *command], env=env) as term:
        status = term.process.wait(30)
        term.wait_idle(0.2)
    assert status == 2
    shown = bytes(term.output).decode(errors="replace")
    assert "TERM=dumb" in shown
    assert "briefing print" in shown
    assert "\x1b[" not in shown  # not one colour, cursor move or screen switch


@pytest.mark.parametrize(
    "args",
    [
        ["export", BUNDLED, "--format", "html"],
        ["export", BUNDLED, "--format", "csv"],
        ["export", BUNDLED, "--format", "anki"],
        ["schema"],
    ],
    ids=["html", "csv", "anki", "schema"],
)
def test_a_written_file_gets_the_mode_any_new_file_would(tmp_path: Path, args: list[str]) -> None:
    # The reader's document, not private study data: what the umask allows,
    # as a shell's > would make it; an existing file keeps its own mode.
    new, kept = tmp_path / "new.out", tmp_path / "kept.out"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    for umask, target in ((0o022, new), (0o027, kept)):
        result = run(
            [*args, "-o", str(target)],
            preexec_fn=lambda umask=umask: os.umask(umask),
        )
        assert result.returncode == 0, result.stderr
    assert (new.stat().st_mode & 0o777, kept.stat().st_mode & 0o777) == (0o644, 0o640)
