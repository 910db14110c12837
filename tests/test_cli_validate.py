"""``briefing validate`` and the command line's own errors."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import briefing_tui
from briefing_tui import cli
from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.loader import MAX_FILE_BYTES

PACKAGE_PARENT = Path(briefing_tui.__file__).resolve().parent.parent
GOOD = Path(__file__).parent / "data" / "good"
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SUMMARY = re.compile(
    r"\d+ sections?, \d+ actors?, \d+ relations?, \d+ scoreboards?, \d+ arguments?, "
    r"\d+ events?, \d+ terms?, \d+ questions?"
)

TWO_PROBLEMS = """\
format = 1

[briefing]
id = "two"
title = "Two problems"

[[sections]]
id = "only"
title = "Only"
body = "See [there](#section:nowhere)."
colour = "red"
"""


def run(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``briefing ARGUMENTS`` in this process: (status, stdout, stderr)."""
    try:
        status = cli.main(arguments)
    except SystemExit as exit:
        status = exit.code if isinstance(exit.code, int) else 1
    out, err = capsys.readouterr()
    return status, out, err


def test_good_file_prints_its_summary(capsys: pytest.CaptureFixture[str]) -> None:
    path = GOOD / "minimal.toml"
    assert run(["validate", str(path)], capsys) == (
        0,
        (
            f"ok {path}: 1 section, 0 actors, 0 relations, 0 scoreboards, 0 arguments, "
            "0 events, 0 terms, 0 questions\n"
        ),
        "",
    )


def test_bundled_briefing_validates(capsys: pytest.CaptureFixture[str]) -> None:
    path = default_briefing_path()
    status, out, err = run(["validate", str(path)], capsys)
    assert (status, err) == (0, "")
    assert re.fullmatch(f"ok {re.escape(str(path))}: {SUMMARY.pattern}\n", out)


def test_bad_file_prints_each_problem_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "two.toml"
    path.write_text(TWO_PROBLEMS, encoding="utf-8")
    assert run(["validate", str(path)], capsys) == (
        2,
        "",
        (
            f"{path}:10:21: sections[0].body: broken link '#section:nowhere': "
            "no section with id 'nowhere' (known section ids: 'only')\n"
            f"{path}:11:1: sections[0].colour: unknown key 'colour' in [[sections]] "
            "(allowed keys: id, title, body, key_points, actors, notes, minutes)\n"
        ),
    )


def test_several_files_are_each_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "two.toml"
    bad.write_text(TWO_PROBLEMS, encoding="utf-8")
    missing = tmp_path / "missing.toml"
    first, second = GOOD / "minimal.toml", GOOD / "unicode.toml"
    status, out, err = run(["validate", str(first), str(bad), str(missing), str(second)], capsys)
    assert status == 2
    assert [line.split(":")[0] for line in out.splitlines()] == [f"ok {first}", f"ok {second}"]
    assert [line.split(":")[0] for line in err.splitlines()] == [str(bad), str(bad), str(missing)]
    assert err.endswith(f"{missing}: no such file\n")


def test_several_good_files_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(path) for path in sorted(GOOD.glob("*.toml"))]
    status, out, err = run(["validate", *paths], capsys)
    assert (status, err) == (0, "")
    assert len(out.splitlines()) == len(paths)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"], capsys) == (0, f"briefing {briefing_tui.__version__}\n", "")


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["--help"], capsys)
    assert (status, err) == (0, "")
    assert out.startswith("usage: briefing")
    for command in ("open", "validate", "schema"):
        assert re.search(rf"^\s+{command}\s", out, re.MULTILINE), command


def test_validate_help(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["validate", "--help"], capsys)
    assert status == 0
    assert out.startswith("usage: briefing validate")


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [
        (["validate"], "the following arguments are required: FILE"),
        (["validate", "--bogus", "x.toml"], "unrecognized arguments: --bogus"),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["schema", "--output"], "argument -o/--output: expected one argument"),
    ],
)
def test_bad_arguments_exit_2(
    arguments: list[str], complaint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(arguments, capsys)
    assert (status, out) == (2, "")
    assert err.startswith("usage: briefing")
    assert err.rstrip("\n").endswith(complaint)


def test_escape_in_an_unknown_option_is_neutralised(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(["--x\x1b]52;c;aGk=\x07"], capsys)
    assert status == 2
    assert RAW_CONTROL.search(err) is None
    assert "unrecognized arguments: --x\u241b]52;c;aGk=\u2407" in err


def test_escape_in_a_file_argument_is_neutralised(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["validate", "evil\x1b[31m\x9b.toml"], capsys)
    assert (status, out) == (2, "")
    assert err == "evil\u241b[31m\ufffd.toml: no such file\n"


def nasty_inputs(folder: Path) -> list[Path]:
    """Files (and not-files) that must each get a clean error."""
    made = {
        "not-utf8.toml": b'format = 1\ntitle = "\xff\xfe"\n',
        "binary.toml": bytes(range(256)) * 4,
        "deep.toml": b"x = " + b"[" * 50_000 + b"]" * 50_000,
        "digits.toml": b"x = " + b"9" * 5000,
        "dotted.toml": b"a" + b".a" * 20_000 + b" = 1",
        "empty.toml": b"",
        "raw-escape.toml": b'format = 1\ntitle = "\x1b]52;c;aGk=\x07"\n',
        "wrong-shape.toml": b'format = [1]\nbriefing = [[]]\nsections = "all of them"\n',
    }
    paths = []
    for name, data in made.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    big = folder / "big.toml"
    with big.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)
    fifo = folder / "fifo.toml"
    os.mkfifo(fifo)
    return [*paths, big, fifo, folder, folder / "missing.toml", folder / "esc\x1b[2J.toml"]


def test_no_traceback_for_any_input(tmp_path: Path) -> None:
    paths = nasty_inputs(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "briefing_tui", "validate", *map(str, paths)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(PACKAGE_PARENT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert RAW_CONTROL.search(result.stderr) is None
    reported = {line.split(":")[0] for line in result.stderr.splitlines()}
    # Paths print neutralised, so compare them that way.
    assert reported == {str(path).replace("\x1b", "\u241b") for path in paths}


def test_validate_counts_the_author_s_cards_when_there_are_some(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["validate", str(GOOD / "all-optional-keys.toml")]) == 0
    assert capsys.readouterr().out.rstrip().endswith(", 1 question, 1 card")
    assert cli.main(["validate", str(GOOD / "minimal.toml")]) == 0
    assert "card" not in capsys.readouterr().out
