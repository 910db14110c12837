"""``briefing lint``: each weakness found, at the right line, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing_tui.cli import main
from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.lint import (
    CHECKS,
    SLIDE_COLUMNS,
    SLIDE_ROWS,
    cell_width,
    lint_file,
    slide_rows,
    wrap_cells,
)

LINT_DATA = Path(__file__).parents[2] / "data" / "lint"
FIXTURES = sorted(LINT_DATA.glob("*.toml"))
EXPECT = re.compile(r"#\s*expect:\s*([a-z-]+)")


def expected_warnings(path: Path) -> list[tuple[int, str]]:
    """The ``# expect: CHECK`` comments of a fixture: (line, check) of each warning it must get."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return [
        (number, match.group(1))
        for number, line in enumerate(lines, 1)
        for match in EXPECT.finditer(line)
    ]


@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_each_fixture_gets_exactly_the_warnings_it_expects(fixture: Path) -> None:
    warnings = lint_file(fixture)
    assert [(warning.line, warning.check) for warning in warnings] == expected_warnings(fixture)


def test_every_check_has_a_fixture_that_triggers_it() -> None:
    triggered = {check for fixture in FIXTURES for _, check in expected_warnings(fixture)}
    assert triggered == set(CHECKS)


def test_a_warning_reads_like_a_loader_problem_with_its_check() -> None:
    fixture = LINT_DATA / "unreferenced-actor.toml"
    (warning,) = lint_file(fixture)
    assert str(warning) == (
        f"{fixture}:19:1: actors[1]: actor 'alone' is not referenced: no section, relation, "
        "scoreboard, argument, event or link names it [unreferenced-actor]"
    )


def test_the_bundled_briefing_lints_clean() -> None:
    assert lint_file(default_briefing_path()) == []


def test_slide_geometry() -> None:
    assert (SLIDE_COLUMNS, SLIDE_ROWS) == (72, 18)
    assert slide_rows("Title", ["one", "two"]) == 4
    assert slide_rows("x " * 40, []) == 3  # an 80-character title wraps to two rows
    assert slide_rows("Title", ["y" * 70, "y" * 71]) == 2 + 1 + 2


def test_wrapping_counts_terminal_cells() -> None:
    assert cell_width("abc") == 3
    assert cell_width("中文") == 4
    assert cell_width("e\u0301") == 1  # e + combining acute accent
    assert wrap_cells("aa bb cc", 5) == ["aa bb", "cc"]
    assert wrap_cells("abcdefgh", 3) == ["abc", "def", "gh"]
    assert wrap_cells("中文字", 3) == ["中", "文", "字"]
    assert wrap_cells("中", 1) == ["中"], "a character wider than the line still makes progress"
    assert wrap_cells("", 10) == [""]


# The command ------------------------------------------------------------------


def test_lint_exits_0_with_warnings_and_1_with_strict(capsys: pytest.CaptureFixture[str]) -> None:
    fixture = str(LINT_DATA / "no-key-points.toml")
    assert main(["lint", fixture]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert all(line.endswith("[no-key-points]") for line in out)
    assert main(["lint", "--strict", fixture]) == 1


def test_lint_of_a_clean_file_says_ok(capsys: pytest.CaptureFixture[str]) -> None:
    fixture = str(LINT_DATA / "clean.toml")
    assert main(["lint", "--strict", fixture]) == 0
    assert capsys.readouterr().out == f"ok {fixture}: no warnings\n"


def test_lint_reports_errors_as_validate_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('format = 1\n[briefing]\nid = "Bad Id"\ntitle = "T"\n', encoding="utf-8")
    assert main(["validate", str(broken)]) == 2
    validate_errors = capsys.readouterr().err
    assert main(["lint", "--strict", str(broken), str(LINT_DATA / "clean.toml")]) == 2
    captured = capsys.readouterr()
    assert captured.err == validate_errors
    assert "ok " in captured.out, "the other files are still linted"


def test_lint_of_a_missing_file_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.toml"
    assert main(["lint", str(missing)]) == 2
    assert capsys.readouterr().err == f"{missing}: no such file\n"


def test_no_key_points_says_what_the_slide_shows_instead() -> None:
    fixture = LINT_DATA / "no-key-points.toml"
    first, _ = lint_file(fixture)
    assert first.message == (
        "section 'bare' has no key_points, so its slide shows the section's text "
        "instead of takeaways: add two to five key points"
    )
    assert "only its title" not in CHECKS["no-key-points"]
