"""Cards that travel: an Anki package (read back as Anki would) and CSV for other tools."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from briefing_tui.core.content.loader import load_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.output.cards import anki_package, cards_csv
from briefing_tui.core.study.practice import all_cards

GOOD = Path(__file__).parents[2] / "data" / "good"


@pytest.fixture
def briefing() -> Briefing:
    return load_briefing(GOOD / "all-optional-keys.toml")


def collection(package: bytes, tmp_path: Path) -> sqlite3.Connection:
    """The SQLite collection inside an ``.apkg``, as Anki opens it on import."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        assert "collection.anki2" in archive.namelist()
        assert json.loads(archive.read("media")) == {}
        tmp_path.mkdir(parents=True, exist_ok=True)
        database = tmp_path / "collection.anki2"
        database.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(database)


def notes(package: bytes, tmp_path: Path) -> list[tuple[str, list[str], list[str]]]:
    """(guid, fields, tags) of every note of the package."""
    with collection(package, tmp_path) as connection:
        rows = connection.execute("select guid, flds, tags from notes order by id").fetchall()
    return [(guid, fields.split("\x1f"), tags.split()) for guid, fields, tags in rows]


def test_one_note_per_card_with_front_back_and_tags(briefing: Briefing, tmp_path: Path) -> None:
    found = notes(anki_package(briefing), tmp_path)
    cards = all_cards(briefing)
    assert len(found) == len(cards) == 3  # a question, a term, the author's card
    by_front = {fields[0]: (fields, tags) for _, fields, tags in found}
    question = briefing.questions[0]
    fields, tags = by_front[question.prompt]
    assert fields[1] == "<p>Alpha.</p>"  # Markdown as HTML; an internal link as its text
    assert tags == ["all-keys", "all-keys::first"]
    term = briefing.glossary[0]
    fields, tags = by_front[term.term]
    assert "<p>A stand-in; see a fake.</p>" in fields[1]
    assert "Also: Fake, stub" in fields[1]
    assert tags == ["all-keys"]
    card = briefing.cards[0]
    fields, tags = by_front[card.front]
    assert fields[1] == "<p>A real part; see the term.</p>"
    assert tags == ["all-keys", "all-keys::second"]


def test_the_deck_is_named_after_the_briefing_and_its_notes_have_two_fields(
    briefing: Briefing, tmp_path: Path
) -> None:
    with collection(anki_package(briefing), tmp_path) as connection:
        decks = json.loads(connection.execute("select decks from col").fetchone()[0])
        models = json.loads(connection.execute("select models from col").fetchone()[0])
        cards = connection.execute("select count(*) from cards").fetchone()[0]
    assert briefing.briefing.title in [deck["name"] for deck in decks.values()]
    (model,) = [model for model in models.values() if model["name"] == "briefing-tui card"]
    assert [field["name"] for field in model["flds"]] == ["Front", "Back"]
    assert cards == 3


def test_guids_are_stable_so_that_importing_again_updates_the_notes(
    briefing: Briefing, tmp_path: Path
) -> None:
    first = {guid for guid, _, _ in notes(anki_package(briefing), tmp_path / "a")}
    again = {guid for guid, _, _ in notes(anki_package(briefing), tmp_path / "b")}
    assert first == again
    assert len(first) == 3
    # A card's GUID follows its briefing and its key, not its answer.
    text = (GOOD / "all-optional-keys.toml").read_text(encoding="utf-8")
    changed = tmp_path / "changed.toml"
    changed.write_text(text.replace("A real part;", "The real part;"), encoding="utf-8")
    edited = load_briefing(changed)
    assert {guid for guid, _, _ in notes(anki_package(edited), tmp_path / "c")} == first
    other = changed.read_text(encoding="utf-8").replace('id = "all-keys"', 'id = "another"')
    changed.write_text(other, encoding="utf-8")
    another = notes(anki_package(load_briefing(changed)), tmp_path / "d")
    assert not first & {guid for guid, _, _ in another}


def test_html_in_a_card_stays_text_and_images_become_links(tmp_path: Path) -> None:
    from briefing_tui.core.content.loader import parse_briefing

    hostile = parse_briefing(
        'format = 1\n[briefing]\nid = "h"\ntitle = "H"\n'
        '[[sections]]\nid = "s"\ntitle = "S"\nbody = "B"\n'
        "[[cards]]\nfront = \"<script>alert('front')</script>\"\n"
        'back = "<img src=x onerror=alert(1)> ![map](https://example.org/map.png) '
        '[there](#section:s) [out](https://example.org/)"\n',
        "h.toml",
    )
    [(_, [front, back], _)] = notes(anki_package(hostile), tmp_path)
    assert front == "&lt;script&gt;alert(&#x27;front&#x27;)&lt;/script&gt;"
    assert "<img" not in back
    assert "&lt;img src=x onerror=alert(1)&gt;" in back
    assert '<a href="https://example.org/map.png">map</a>' in back
    assert "there" in back
    assert "#section:s" not in back
    assert '<a href="https://example.org/">out</a>' in back


def test_csv_has_front_back_and_tags_quoted_as_rfc_4180_says(briefing: Briefing) -> None:
    text = cards_csv(briefing)
    assert text.startswith("front,back,tags\r\n")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["front", "back", "tags"]
    by_front = {row[0]: row for row in rows[1:]}
    assert by_front[briefing.questions[0].prompt] == [
        briefing.questions[0].prompt,
        "Alpha.",
        "all-keys all-keys::first",
    ]
    assert by_front[briefing.cards[0].front][1] == "A real part; see the term."


def test_csv_quotes_commas_quotes_and_line_ends() -> None:
    from briefing_tui.core.content.loader import parse_briefing

    briefing = parse_briefing(
        'format = 1\n[briefing]\nid = "q"\ntitle = "Q"\n'
        '[[sections]]\nid = "s"\ntitle = "S"\nbody = "B"\n'
        '[[cards]]\nfront = \'Say "yes", then no\'\nback = "First line.\\n\\nSecond line."\n',
        "q.toml",
    )
    text = cards_csv(briefing)
    assert '"Say ""yes"", then no","First line.\n\nSecond line.",q\r\n' in text
