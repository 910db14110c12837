"""``briefing export``: the bundled briefing by default, only what the reader wrote, sound HTML."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from briefing_tui.cli import main
from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.loader import load_briefing
from briefing_tui.core.study.store import StudyStore


def test_export_without_a_file_exports_the_bundled_briefing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["export", "--format", "md"]) == 0
    title = load_briefing(default_briefing_path()).briefing.title
    assert capsys.readouterr().out.startswith(f"# {title}")


def test_export_without_a_file_refuses_to_overwrite_the_bundled_briefing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bundled = default_briefing_path()
    before = bundled.read_bytes()
    assert main(["export", "--format", "md", "-o", str(bundled)]) == 2
    assert "is the briefing being exported" in capsys.readouterr().err
    assert bundled.read_bytes() == before


@pytest.mark.parametrize("form", ["html", "txt", "md"])
def test_with_notes_exports_only_what_the_reader_wrote(
    form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    briefing = load_briefing(default_briefing_path())
    study = StudyStore(briefing)
    study.set_note(f"section:{briefing.sections[1].id}", "My own remark")
    study.save()
    assert main(["export", "--format", form, "--with-notes"]) == 0
    out = capsys.readouterr().out
    assert "My own remark" in out
    assert "Reading:" not in out
    assert "unread" not in out


def test_help_says_the_notes_are_the_readers_not_the_speakers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["export", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "[FILE]" in help_text
    assert "your own notes, bookmarks, scoreboard weights and study progress" in help_text
    assert "not the speaker notes" in help_text


def test_html_headings_do_not_skip_a_level(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "html"]) == 0
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", capsys.readouterr().out)]
    assert levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"h{before} followed by h{after}"


def test_headings_written_in_the_text_fit_under_the_export_s_own(tmp_path: Path) -> None:
    from briefing_tui.core.content.loader import briefing_from_data
    from briefing_tui.core.output.export import export_html

    briefing = briefing_from_data(
        {
            "format": 1,
            "briefing": {"id": "headings", "title": "Headings", "summary": "# Why\n\nText."},
            "sections": [
                {"id": "one", "title": "One", "body": "### Deep\n\nText.\n\n##### Deeper\n\nMore."}
            ],
            "actors": [{"id": "a", "name": "A", "kind": "state", "summary": "# About A"}],
        }
    )
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", export_html(briefing))]
    assert levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"h{before} followed by h{after}: {levels}"
