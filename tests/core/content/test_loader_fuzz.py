"""Whatever text it is given, the loader returns a Briefing or raises BriefingError.

Never another exception, never a hang, and every problem it reports is safe
to print and points at a line that exists.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.loader import BriefingError, load_briefing, parse_briefing
from briefing_tui.core.content.model import Briefing

RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

BUNDLED_TEXT = default_briefing_path().read_text(encoding="utf-8")
BUNDLED = tomli.loads(BUNDLED_TEXT)

FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def check(text: str) -> Briefing | None:
    """Validate *text*; it must load or fail with well-formed problems."""
    try:
        return parse_briefing(text, "FILE")
    except BriefingError as error:
        problems = error.problems
    assert problems, "a BriefingError must say what is wrong"
    line_count = text.count("\n") + 1
    for problem in problems:
        printed = str(problem)
        assert printed.startswith("FILE")
        assert RAW_CONTROL.search(printed) is None, printed
        if problem.line is not None:
            assert 1 <= problem.line <= line_count, printed
        if problem.column is not None:
            assert problem.column >= 1, printed
    return None


# -- writing documents as TOML ------------------------------------------------------


def toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"[\x00-\x08\x0a-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped)
    return f'"{escaped}"'


def toml_value(value: Any) -> str:
    """*value* as an inline TOML value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return "{" + ", ".join(f"{toml_string(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


def toml_document(document: dict[str, Any]) -> str:
    """*document* as TOML: one line per top-level key, arrays of tables as headers."""
    lines = []
    tables = []
    for key, value in document.items():
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            tables.append((key, value))
        else:
            lines.append(f"{toml_string(key)} = {toml_value(value)}")
    for key, items in tables:
        for item in items:
            lines.append(f"\n[[{toml_string(key)}]]")
            lines.extend(f"{toml_string(k)} = {toml_value(v)}" for k, v in item.items())
    return "\n".join(lines) + "\n"


def test_the_writer_round_trips_the_bundled_briefing() -> None:
    assert tomli.loads(toml_document(BUNDLED)) == BUNDLED
    assert check(toml_document(BUNDLED)) is not None


# -- arbitrary text and arbitrary documents ------------------------------------------

FIELD_NAMES = st.sampled_from(
    [
        "format",
        "briefing",
        "sections",
        "actors",
        "id",
        "title",
        "body",
        "kind",
        "from",
        "to",
        "weight",
        "side",
        "date",
        "term",
        "arguments",
        "scoreboards",
        "timeline",
        "x",
        "",
    ]
)
scalars = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.booleans(),
    st.text(max_size=30),
    st.floats(allow_nan=False),
    st.dates(min_value=dt.date(1000, 1, 1)),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(FIELD_NAMES, children, max_size=5),
    ),
    max_leaves=25,
)


@FUZZ
@given(st.text(max_size=500))
def test_arbitrary_text(text: str) -> None:
    check(text)


@FUZZ
@given(st.text(alphabet=st.sampled_from("[]{}\"'=#.,\n\r\t \\abc1-:"), max_size=200))
def test_toml_punctuation(text: str) -> None:
    check(text)


@FUZZ
@given(st.dictionaries(FIELD_NAMES, values, max_size=8))
def test_arbitrary_toml_documents(document: dict[str, Any]) -> None:
    check(toml_document(document))


@FUZZ
@given(st.dictionaries(FIELD_NAMES, values, max_size=6))
def test_arbitrary_documents_with_a_valid_start(extra: dict[str, Any]) -> None:
    document = {"format": 1, "briefing": {"id": "b", "title": "B"}, **extra}
    check(toml_document(document))


# -- mutations of the bundled briefing --------------------------------------------------


def paths_of(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into *value*, containers first."""
    found = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            found.extend(paths_of(inner, (*path, key)))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found.extend(paths_of(inner, (*path, index)))
    return found


ALL_PATHS = [path for path in paths_of(BUNDLED) if path]


def parent_of(document: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        document = document[part]
    return document


@settings(FUZZ, max_examples=50)
@given(st.data())
def test_mutated_bundled_briefing(data: st.DataObject) -> None:
    document = tomli.loads(BUNDLED_TEXT)
    for _ in range(data.draw(st.integers(min_value=1, max_value=4), label="mutations")):
        paths = [path for path in paths_of(document) if path]
        path = data.draw(st.sampled_from(paths), label="path")
        parent, last = parent_of(document, path), path[-1]
        action = data.draw(
            st.sampled_from(["delete", "duplicate", "retype", "unicode"]), label="action"
        )
        if action == "delete":
            del parent[last]
        elif action == "duplicate":
            if isinstance(parent, list):
                parent.insert(last, parent[last])
            else:
                parent[f"{last}2"] = parent[last]
        elif action == "retype":
            parent[last] = data.draw(scalars | values, label="new value")
        elif isinstance(parent[last], str):
            text = parent[last]
            at = data.draw(st.integers(min_value=0, max_value=len(text)), label="offset")
            parent[last] = (
                text[:at] + data.draw(st.text(min_size=1, max_size=5), label="insert") + text[at:]
            )
    check(toml_document(document))


@settings(FUZZ, max_examples=50)
@given(st.data())
def test_edited_bundled_text(data: st.DataObject) -> None:
    lines = BUNDLED_TEXT.split("\n")
    for _ in range(data.draw(st.integers(min_value=1, max_value=3), label="edits")):
        if not lines:
            break
        index = data.draw(st.integers(min_value=0, max_value=len(lines) - 1), label="line")
        action = data.draw(
            st.sampled_from(["delete", "duplicate", "insert", "truncate"]), label="action"
        )
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "insert":
            line = lines[index]
            at = data.draw(st.integers(min_value=0, max_value=len(line)), label="column")
            lines[index] = (
                line[:at] + data.draw(st.text(min_size=1, max_size=8), label="text") + line[at:]
            )
        else:
            lines = lines[: index + 1]
    check("\n".join(lines))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_from_a_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_bytes(data)
    try:
        load_briefing(path)
    except BriefingError as error:
        problems = error.problems
    else:
        return
    assert all(RAW_CONTROL.search(str(problem)) is None for problem in problems)
