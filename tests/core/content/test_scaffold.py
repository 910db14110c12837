"""``briefing new`` and the shipped JSON Schema that editors read."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli
from hypothesis import given
from hypothesis import strategies as st

from briefing_tui.cli import main
from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.lint import lint_file
from briefing_tui.core.content.loader import load_briefing, parse_briefing
from briefing_tui.core.content.model import (
    Actor,
    Argument,
    Event,
    Flashcard,
    Meta,
    Question,
    Quote,
    Relation,
    Scoreboard,
    Section,
    Source,
    Term,
)
from briefing_tui.core.content.scaffold import (
    ScaffoldError,
    briefing_id,
    check_title,
    starter_text,
    toml_string,
    write_starter,
)
from briefing_tui.core.content.validation import table_fields

REPO = Path(__file__).resolve().parents[3]
SHIPPED_SCHEMA = REPO / "docs" / "briefing.schema.json"


def schema_target(toml_file: Path) -> Path:
    """Where the ``#:schema`` first line of *toml_file* points, resolved as Taplo does."""
    first = toml_file.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith("#:schema "), first
    return (toml_file.parent / first.removeprefix("#:schema ")).resolve()


# The starter ---------------------------------------------------------------------


def test_new_writes_a_starter_that_validates_and_lints_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "eu-china-trade.toml"
    assert main(["new", str(path), "--title", "EU–China trade"]) == 0
    assert f"wrote {path}" in capsys.readouterr().out
    briefing = load_briefing(path)
    assert briefing.briefing.id == "eu-china-trade"
    assert briefing.briefing.title == "EU–China trade"
    assert lint_file(path) == []


def test_the_starter_has_one_example_of_every_table(tmp_path: Path) -> None:
    path = tmp_path / "b.toml"
    write_starter(path)
    briefing = load_briefing(path)
    assert briefing.sections
    assert briefing.actors
    assert briefing.relations
    assert briefing.timeline
    assert briefing.glossary
    assert briefing.questions
    assert briefing.cards
    (board,) = briefing.scoreboards
    assert {argument.side for argument in board.arguments} == {"pro", "con"}


def test_the_starter_shows_every_key_of_the_format(tmp_path: Path) -> None:
    path = tmp_path / "b.toml"
    write_starter(path)
    data = tomli.loads(path.read_text(encoding="utf-8"))

    def keys(tables: list[dict[str, object]]) -> set[str]:
        return {key for table in tables for key in table}

    def fields(model: type) -> set[str]:
        return set(table_fields(model))

    assert set(data["briefing"]) == fields(Meta)
    assert set(data["briefing"]["source"]) == fields(Source)
    assert keys(data["sections"]) == fields(Section)
    assert keys(data["actors"]) == fields(Actor)
    assert keys([q for actor in data["actors"] for q in actor.get("quotes", [])]) == fields(Quote)
    assert keys(data["relations"]) == fields(Relation)
    assert keys(data["scoreboards"]) == fields(Scoreboard)
    arguments = [a for board in data["scoreboards"] for a in board["arguments"]]
    assert keys(arguments) == fields(Argument)
    assert keys(data["timeline"]) == fields(Event)
    assert keys(data["glossary"]) == fields(Term)
    assert keys(data["questions"]) == fields(Question)
    assert keys(data["cards"]) == fields(Flashcard)


def test_new_writes_the_schema_beside_the_starter_and_points_at_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deep" / "down" / "b.toml"
    path.parent.mkdir(parents=True)
    assert main(["new", str(path)]) == 0
    schema = path.parent / "briefing.schema.json"
    assert schema_target(path) == schema.resolve()
    assert schema.read_bytes() == SHIPPED_SCHEMA.read_bytes()
    out = capsys.readouterr().out
    assert f"wrote {path} and {schema} (for editors to complete keys)" in out
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#:schema ./briefing.schema.json\n")
    assert "site-packages" not in text
    assert ".venv" not in text


def test_the_starter_points_at_documentation_that_ships_with_the_app(tmp_path: Path) -> None:
    text = write_starter(tmp_path / "b.toml")
    assert "docs/content-format.md" not in text
    assert "briefing help format" in text


def test_a_schema_already_beside_the_new_file_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", str(tmp_path / "first.toml")]) == 0
    capsys.readouterr()
    assert main(["new", str(tmp_path / "second.toml")]) == 0
    assert "and " not in capsys.readouterr().out.split(";")[0], "the same schema is not rewritten"
    schema = tmp_path / "briefing.schema.json"
    schema.write_text("{}\n", encoding="utf-8")
    assert main(["new", str(tmp_path / "third.toml")]) == 0
    out = capsys.readouterr().out
    assert schema.read_text(encoding="utf-8") == "{}\n"
    assert f"kept the {schema} already there" in out
    assert f"briefing schema -o {schema}" in out


def test_help_format_prints_the_content_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["help", "format"]) == 0
    assert capsys.readouterr().out == (REPO / "docs" / "content-format.md").read_text(
        encoding="utf-8"
    )
    assert main(["help"]) == 0
    listed = capsys.readouterr().out
    assert "format" in listed
    assert "authoring" in listed
    assert main(["help", "nonsense"]) == 2
    assert "unknown topic 'nonsense'" in capsys.readouterr().err


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.toml"
    path.write_text("my work\n", encoding="utf-8")
    assert main(["new", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"{path}: already exists; not overwriting it (choose another name)\n"
    )
    assert path.read_text(encoding="utf-8") == "my work\n"


def test_new_into_a_missing_folder_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nowhere" / "b.toml"
    assert main(["new", str(path)]) == 2
    assert capsys.readouterr().err == f"{path}: no such directory\n"


@pytest.mark.parametrize(
    "title",
    ["bell\x07", "tab\there", "two\nlines", "esc\x1b[31m", "del\x7f", "c1\x9b", "   ", ""],
)
def test_titles_with_control_characters_or_nothing_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], title: str
) -> None:
    path = tmp_path / "b.toml"
    assert main(["new", str(path), "--title", title]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{path}: the title ")
    assert "\x1b" not in err
    assert "\x07" not in err
    assert not path.exists()


def test_an_overlong_title_is_refused() -> None:
    with pytest.raises(ScaffoldError, match="501 characters long; at most 500"):
        check_title("x" * 501)


@given(
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60).filter(
        str.strip
    )
)
def test_any_printable_title_round_trips_through_toml(title: str) -> None:
    text = starter_text(check_title(title), "b", "b.toml")
    assert parse_briefing(text, "b.toml").briefing.title == title
    assert tomli.loads(f"x = {toml_string(title)}")["x"] == title


def test_quotes_and_backslashes_in_a_title_are_escaped(tmp_path: Path) -> None:
    path = tmp_path / "b.toml"
    title = 'A "quoted" title \\ with a backslash and """ triple quotes'
    write_starter(path, title)
    assert load_briefing(path).briefing.title == title


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("eu-china-trade", "eu-china-trade"),
        ("My Briefing (draft 2)", "my-briefing-draft-2"),
        ("___", "briefing"),
        ("北京", "briefing"),
        ("a" * 80, "a" * 64),
    ],
)
def test_the_id_comes_from_the_file_name(stem: str, expected: str) -> None:
    assert briefing_id(stem) == expected


def test_a_file_name_with_a_newline_does_not_break_the_starter(tmp_path: Path) -> None:
    path = tmp_path / "odd\nname.toml"
    write_starter(path, "Title")
    briefing = load_briefing(path)
    assert briefing.briefing.title == "Title"


# The shipped schema ---------------------------------------------------------------


def test_the_shipped_schema_is_what_briefing_schema_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == SHIPPED_SCHEMA.read_text(encoding="utf-8"), (
        "docs/briefing.schema.json is out of date: "
        "run 'briefing schema -o docs/briefing.schema.json'"
    )


def test_schema_output_file_is_identical_to_the_printed_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "schema.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert out.read_bytes() == SHIPPED_SCHEMA.read_bytes()


def test_the_bundled_briefing_points_editors_at_the_shipped_schema() -> None:
    assert schema_target(default_briefing_path()) == SHIPPED_SCHEMA.resolve()


def test_every_key_of_the_schema_is_documented() -> None:
    """docs/content-format.md names every key the schema allows."""
    doc = (REPO / "docs" / "content-format.md").read_text(encoding="utf-8")
    for model in (
        Meta,
        Source,
        Section,
        Actor,
        Quote,
        Relation,
        Scoreboard,
        Argument,
        Event,
        Term,
        Question,
        Flashcard,
    ):
        for key in table_fields(model):
            assert f"`{key}`" in doc, f"{model.__name__}.{key} is not documented"
