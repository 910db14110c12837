"""Loading whole files: the fixtures in tests/data and every file-level failure.

``tests/data/bad/NAME.toml`` is refused with exactly the lines of
``NAME.expected`` on stderr (the file's path written as ``FILE``);
``tests/data/good/*.toml`` all load.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from pathlib import Path
from typing import Any

import pytest

from briefing_tui import cli
from briefing_tui.core.content.loader import (
    MAX_FILE_BYTES,
    BriefingError,
    load_briefing,
    parse_briefing,
)
from briefing_tui.core.content.model import Briefing

DATA = Path(__file__).parents[2] / "data"
BAD = sorted((DATA / "bad").glob("*.toml"))
GOOD = sorted((DATA / "good").glob("*.toml"))

#: What must never reach a terminal: C0 controls but TAB and LF, DEL, C1 controls.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

MINIMAL = (
    b'format = 1\n\n[briefing]\nid = "m"\ntitle = "M"\n\n'
    b'[[sections]]\nid = "s"\ntitle = "S"\nbody = "B"\n'
)


def problems_of(path: Path | str) -> list[str]:
    """The problems reported for the file at *path*."""
    with pytest.raises(BriefingError) as caught:
        load_briefing(path)
    return [str(problem) for problem in caught.value.problems]


def test_the_fixture_folders_are_not_empty() -> None:
    assert len(BAD) >= 15
    assert len(GOOD) >= 5


@pytest.mark.parametrize("path", BAD, ids=[path.stem for path in BAD])
def test_bad_file_is_refused_with_the_expected_problems(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    status = cli.main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert RAW_CONTROL.search(err) is None
    assert err.replace(str(path), "FILE").splitlines() == expected


@pytest.mark.parametrize("path", GOOD, ids=[path.stem for path in GOOD])
def test_good_file_loads(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith(f"ok {path}: ")


def load_good(name: str) -> Briefing:
    return load_briefing(DATA / "good" / name)


def test_minimal_file_gets_the_defaults() -> None:
    briefing = load_good("minimal.toml")
    assert briefing.briefing.id == "minimal"
    assert [section.id for section in briefing.sections] == ["only"]
    assert briefing.sections[0].key_points == ()
    assert (briefing.actors, briefing.scoreboards, briefing.timeline) == ((), (), ())


def _tables(briefing: Briefing) -> list[tuple[str, object]]:
    meta = briefing.briefing
    tables: list[tuple[str, object]] = [("briefing", meta), ("source", meta.source)]
    # Every array of tables of the format, found from the model: a new one is not missed.
    for field in dataclasses.fields(briefing):
        value = getattr(briefing, field.name)
        if isinstance(value, tuple) and field.name != "format":
            assert value, f"the fixture has no [[{field.name}]]"
            tables.extend((field.name, table) for table in value)
    for actor in briefing.actors:
        tables.extend(("quotes", quote) for quote in actor.quotes)
    for board in briefing.scoreboards:
        tables.extend(("arguments", argument) for argument in board.arguments)
    return tables


def test_all_optional_keys_fixture_sets_every_key() -> None:
    briefing = load_good("all-optional-keys.toml")
    # A key the fixture leaves out keeps its default.
    unset = {
        (name, field.name)
        for name, table in _tables(briefing)
        for field in dataclasses.fields(table)
        if getattr(table, field.name) == field.default
    }
    # Only one of the two quotes names a section; everything else is set somewhere.
    assert unset == {("quotes", "section")}
    assert briefing.briefing.published == "2024-02-29"
    assert briefing.scoreboards[0].pro_label == "Gains"


def test_crlf_fixture_really_has_crlf_line_ends() -> None:
    data = (DATA / "good" / "crlf.toml").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") > 10
    briefing = load_good("crlf.toml")
    assert "\r" not in briefing.sections[0].body
    assert briefing.sections[0].key_points == ("one", "two")


def test_byte_order_mark_is_skipped() -> None:
    assert (DATA / "good" / "bom.toml").read_bytes().startswith(b"\xef\xbb\xbf")
    assert load_good("bom.toml").briefing.id == "bom"


def test_unicode_text_is_kept_as_written() -> None:
    briefing = load_good("unicode.toml")
    assert briefing.briefing.title == "북한과 러시아 — 中国的矛盾心态"
    assert briefing.briefing.subtitle == "العلاقات بين روسيا وكوريا الشمالية"
    assert "e\u0301" in (briefing.briefing.summary or "")
    assert briefing.glossary[0].aliases == ("Juche", "主體思想")


def test_markup_looking_text_stays_literal() -> None:
    briefing = load_good("markup-looking.toml")
    assert briefing.briefing.title == "[bold]x[/bold]"
    assert briefing.briefing.subtitle == "[@click=app.quit]x[/]"
    assert briefing.briefing.tags == ("[TODO] plan", "[/b] plan", "[b]", "\\[escaped]")
    assert briefing.sections[0].title == "[@click=app.screenshot('/tmp/x')]Save[/]"
    assert briefing.actors[0].quotes[0].text == "[@click=app.bell]ring[/]"


def test_content_hash_is_the_sha256_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "hash.toml"
    path.write_bytes(MINIMAL)
    assert load_briefing(path).content_hash == hashlib.sha256(MINIMAL).hexdigest()
    assert load_briefing(str(path)).content_hash == hashlib.sha256(MINIMAL).hexdigest()


# -- file-level failures ---------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    assert problems_of(path) == [f"{path}: no such file"]


def test_directory(tmp_path: Path) -> None:
    assert problems_of(tmp_path) == [f"{tmp_path}: is a directory, not a briefing file"]


def test_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    # Opening a FIFO for reading would block; the loader must refuse it first.
    assert problems_of(fifo) == [f"{fifo}: is not a regular file"]


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.toml"
    path.write_bytes(MINIMAL)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read any file (root): chmod has no effect")
        assert problems_of(path) == [f"{path}: permission denied"]
    finally:
        path.chmod(0o600)


def test_permission_denied_while_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.toml"
    path.write_bytes(MINIMAL)

    real_open = os.open

    def refuse(name: str | Path, *args: Any, **kwargs: Any) -> int:
        if Path(name) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    assert problems_of(path) == [f"{path}: permission denied"]


def test_file_over_the_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as file:
        # Sparse: the size is there, the bytes are not written.
        file.truncate(MAX_FILE_BYTES + 1)
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}: file is ")
    assert problem.endswith("briefing files are limited to 16 MiB")
    assert "syntax" not in problem


def test_file_at_the_size_limit_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "limit.toml"
    # A comment fills the file to exactly the limit; the file is then judged on content.
    padding = MAX_FILE_BYTES - len(MINIMAL) - 2
    path.write_bytes(MINIMAL + b"#" + b"x" * padding + b"\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert load_briefing(path).briefing.id == "m"


def test_not_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(MINIMAL.replace(b'body = "B"', b'body = "\xe0 la carte"'))
    assert problems_of(path) == [
        f"{path}:10:9: the file is not UTF-8: byte 0xe0 cannot be decoded (save the file as UTF-8)"
    ]


def test_utf16_file_is_refused_as_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "utf16.toml"
    path.write_bytes(MINIMAL.decode().encode("utf-16"))
    assert problems_of(path) == [
        f"{path}:1:1: the file is not UTF-8: byte 0xff cannot be decoded (save the file as UTF-8)"
    ]


def test_syntax_error_is_located(tmp_path: Path) -> None:
    path = tmp_path / "syntax.toml"
    path.write_bytes(MINIMAL.replace(b'title = "S"', b"title = S"))
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:9:9: TOML syntax error: ")


def test_deeply_nested_arrays_are_an_ordinary_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("format = 1\nx = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert problems_of(path) == [f"{path}: TOML nested too deeply"]


def test_deeply_nested_inline_tables_are_an_ordinary_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "{a = " * 1000 + "1" + "}" * 1000 + "\n", encoding="utf-8")
    assert problems_of(path) == [f"{path}: TOML nested too deeply"]


def test_long_dotted_key_is_an_ordinary_error(tmp_path: Path) -> None:
    path = tmp_path / "dotted.toml"
    path.write_text("a" + ".a" * 20_000 + " = 1\n", encoding="utf-8")
    assert problems_of(path) == [f"{path}: TOML nested too deeply"]


def test_integer_with_5000_digits_is_an_ordinary_error(tmp_path: Path) -> None:
    path = tmp_path / "digits.toml"
    path.write_bytes(MINIMAL + b"number = " + b"7" * 5000 + b"\n")
    assert problems_of(path) == [
        f"{path}:11:10: TOML value out of range: an integer has more than 4,300 digits"
    ]


def test_escape_in_a_key_is_neutralised_in_the_message(tmp_path: Path) -> None:
    path = tmp_path / "key.toml"
    path.write_bytes(MINIMAL + b'"osc\\u001b]52;c;aGk=\\u0007" = 1\n')
    (problem,) = problems_of(path)
    assert RAW_CONTROL.search(problem) is None
    assert problem.startswith(f"{path}:11:1: sections[0].osc\u241b]52;c;aGk=\u2407: unknown key ")


def test_escape_in_the_file_name_is_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "evil\x1b]52;c;aGk=\x07.toml"
    (problem,) = problems_of(path)
    assert RAW_CONTROL.search(problem) is None
    assert problem.endswith("evil\u241b]52;c;aGk=\u2407.toml: no such file")


def test_raw_control_character_in_a_string_is_a_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "raw.toml"
    path.write_bytes(MINIMAL.replace(b'body = "B"', b'body = "\x1b[2J"'))
    (problem,) = problems_of(path)
    assert RAW_CONTROL.search(problem) is None
    assert problem.startswith(f"{path}:10:9: TOML syntax error: ")


def test_bidi_controls_and_invisible_characters_load_as_a_visible_placeholder() -> None:
    text = MINIMAL.decode().replace('title = "M"', 'title = "Report \\u202Efdp.exe\u200b"', 1)
    assert "\\u202E" in text
    briefing = parse_briefing(text, "FILE")
    assert briefing.briefing.title == "Report \ufffdfdp.exe\ufffd"
    # Joiners are kept: scripts and emoji need them.
    joined = MINIMAL.decode().replace('title = "M"', 'title = "\U0001f469\u200d\U0001f4bb"', 1)
    assert parse_briefing(joined, "FILE").briefing.title == "\U0001f469\u200d\U0001f4bb"
