"""The command line and spaced repetition: the daily limit, Anki and CSV exports."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from briefing_tui import cli
from briefing_tui.ui.app import BriefingApp


def test_the_setting_of_new_cards_per_day_reaches_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("new_cards_per_day = 7\n", encoding="utf-8")
    started: list[int] = []
    monkeypatch.setattr(cli, "_is_terminal", lambda: True)
    monkeypatch.setattr(BriefingApp, "run", lambda self: started.append(self.new_cards_per_day))
    assert cli.main(["--config", str(config), "--no-save"]) == 0
    assert started == [7]


GOOD = Path(__file__).parent / "data" / "good"


def test_export_anki_writes_a_package(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3
    import zipfile

    deck = tmp_path / "deck.apkg"
    source = str(GOOD / "all-optional-keys.toml")
    assert cli.main(["export", source, "--format", "anki", "-o", str(deck)]) == 0
    assert capsys.readouterr() == ("", "")
    with zipfile.ZipFile(deck) as archive:
        (tmp_path / "collection").write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(tmp_path / "collection") as connection:
        assert connection.execute("select count(*) from notes").fetchone()[0] == 3


def test_export_anki_to_standard_output_unless_it_is_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    source = str(GOOD / "all-optional-keys.toml")
    assert cli.main(["export", source, "--format", "anki"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"PK")  # a zip archive
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert cli.main(["export", source, "--format", "anki"]) == 2
    output = capsysbinary.readouterr()
    assert output.out == b""
    assert output.err.decode() == (
        "briefing export: an Anki package is not text for a terminal; "
        "write it to a file with -o FILE.apkg\n"
    )


def test_export_csv_prints_the_cards(capsys: pytest.CaptureFixture[str]) -> None:
    source = str(GOOD / "all-optional-keys.toml")
    assert cli.main(["export", source, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out, newline="")))
    assert rows[0] == ["front", "back", "tags"]
    assert len(rows) == 4


def test_cards_are_exported_without_the_reader_s_notes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = str(GOOD / "all-optional-keys.toml")
    for kind in ("anki", "csv"):
        assert cli.main(["export", source, "--format", kind, "--with-notes"]) == 2
        assert capsys.readouterr().err == (
            "briefing export: --with-notes is for md, html and txt; "
            f"{kind} exports hold the briefing's cards only\n"
        )


def test_a_briefing_without_cards_has_none_to_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(GOOD / "minimal.toml")
    assert cli.main(["export", source, "--format", "csv", "-o", str(tmp_path / "c.csv")]) == 2
    assert capsys.readouterr().err == (
        f"briefing export: {source} has no questions, glossary terms or cards to export\n"
    )
    assert not (tmp_path / "c.csv").exists()
