"""``key_positions`` against the TOML parser.

Hypothesis generates documents, a writer below serialises each one in a
randomly chosen TOML style (headers or inline tables, dotted or quoted keys,
multi-line strings full of quotes and escapes, comments, blank lines) while
noting where it writes every key, table header and array element. The
scanner must report exactly those places, and the parser must read the text
back as the document, which proves the writer's TOML valid. Lines are
counted on ``\\n`` only, as the parser counts them.
"""

from __future__ import annotations

import datetime as dt
import random
import signal
import string
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import tomli
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from briefing_tui.core.content.positions import key_positions

Path = tuple[str | int, ...]

BARE = frozenset(string.ascii_letters + string.digits + "_-")
# Characters TOML strings may hold only as escapes (TAB aside).
ESCAPE_ONLY = frozenset(chr(code) for code in [*range(0x20), 0x7F]) - {"\t"}
# Awkward characters: quotes, escapes, TOML punctuation, line separators that
# are not "\n", control characters, wide and astral text.
AWKWARD = "aZ09_-. \t\"'\\#=[]{},\n\r\x1b\x00\x7f\x85\u2028é中😀"

keys = st.text(alphabet=st.sampled_from(AWKWARD + "abc"), max_size=6)
texts = st.text(alphabet=st.sampled_from(AWKWARD + 'xy \'""'), max_size=20)
leaves = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    texts,
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1000, 1, 1)),
    st.datetimes(min_value=dt.datetime(1000, 1, 1)),
    st.times(),
)
values = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.lists(st.dictionaries(keys, children, max_size=3), min_size=1, max_size=3),
        st.dictionaries(keys, children, max_size=4),
    ),
    max_leaves=16,
)
documents = st.dictionaries(keys, values, max_size=6)


def is_array_of_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


class Writer:
    """Serialise a document as TOML, noting the position of every key and element."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.parts: list[str] = []
        self.line = 1
        self.column = 1
        self.expected: dict[Path, tuple[int, int]] = {}

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def write(self, text: str) -> None:
        self.parts.append(text)
        newlines = text.count("\n")
        if newlines:
            self.line += newlines
            self.column = len(text) - text.rfind("\n")
        else:
            self.column += len(text)

    def mark(self, path: Path) -> None:
        self.expected.setdefault(path, (self.line, self.column))

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def space(self) -> str:
        return self.rng.choice(["", " ", "  ", "\t"])

    def comment(self) -> str:
        return self.rng.choice(
            ["", "", " # note", "  # \"quoted\" [[x]] a = 1 '''", "\t#\u2028\x85"]
        )

    # -- keys and strings -------------------------------------------------------

    def key(self, name: str) -> str:
        if name and set(name) <= BARE and self.chance(0.7):
            return name
        if not set(name) & (ESCAPE_ONLY | {"'"}) and self.chance(0.4):
            return f"'{name}'"
        return '"' + "".join(self.basic_char(char) for char in name) + '"'

    def dotted(self, names: list[str]) -> str:
        return (self.space() + "." + self.space()).join(self.key(name) for name in names)

    def basic_char(self, char: str) -> str:
        if char == '"':
            return '\\"'
        if char == "\\":
            return "\\\\"
        if char in ESCAPE_ONLY:
            named = {"\n": "\\n", "\r": "\\r", "\b": "\\b", "\f": "\\f", "\x1b": "\\e"}
            if char in named and self.chance(0.5):
                return named[char]
            return self.rng.choice(
                [f"\\u{ord(char):04x}", f"\\U{ord(char):08X}", f"\\x{ord(char):02x}"]
            )
        if char == "\t" and self.chance(0.5):
            return "\\t"
        if ord(char) > 0x7F and self.chance(0.3):
            return f"\\u{ord(char):04X}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"
        return char

    def string(self, text: str) -> str:
        styles = ["basic", "multi-line basic"]
        if not set(text) & (ESCAPE_ONLY | {"'"}):
            styles.append("literal")
        if not set(text) & (ESCAPE_ONLY - {"\n"}) and "'''" not in text:
            styles.append("multi-line literal")
        style = self.rng.choice(styles)
        if style == "basic":
            return '"' + "".join(self.basic_char(char) for char in text) + '"'
        if style == "literal":
            return f"'{text}'"
        # The newline right after an opening delimiter is dropped by the parser.
        opening = "\n" if text.startswith("\n") or self.chance(0.5) else ""
        if style == "multi-line literal":
            return f"'''{opening}{text}'''"
        return f'"""{opening}{self.multi_line_basic(text)}"""'

    def multi_line_basic(self, text: str) -> str:
        units: list[str] = []
        quotes = 0
        for char in text:
            if char == '"':
                # At most two unescaped quotes in a row.
                units.append('\\"' if quotes == 2 else '"')
                quotes = 0 if quotes == 2 else quotes + 1
                continue
            quotes = 0
            if char == "\n" and self.chance(0.5):
                units.append("\n")
            elif char in ESCAPE_ONLY | {'"', "\\"}:
                units.append(self.basic_char(char))
            else:
                units.append(char)
        # A line-ending backslash swallows the whitespace after it: put one
        # only where no whitespace follows.
        spots = [i for i in range(len(units) + 1) if i == len(units) or units[i] not in " \t\n"]
        if self.chance(0.4):
            spot = self.rng.choice(spots)
            units.insert(spot, "\\\n   \n\t ")
        return "".join(units)

    # -- values -------------------------------------------------------------------

    def value(self, path: Path, value: Any) -> None:
        if isinstance(value, bool):
            self.write("true" if value else "false")
        elif isinstance(value, int):
            if value >= 0 and self.chance(0.3):
                self.write(
                    self.rng.choice([hex(value), oct(value).replace("0o", "0o"), bin(value)])
                )
            else:
                self.write(str(value))
        elif isinstance(value, float):
            self.write(repr(value))
        elif isinstance(value, str):
            self.write(self.string(value))
        elif isinstance(value, dt.datetime):
            self.write(value.isoformat(sep=self.rng.choice("T ")))
        elif isinstance(value, (dt.date, dt.time)):
            self.write(value.isoformat())
        elif isinstance(value, list):
            self.array(path, value)
        else:
            self.inline_table(path, value)

    def array(self, path: Path, items: list[Any]) -> None:
        multi_line = self.chance(0.5)
        self.write("[")
        for index, item in enumerate(items):
            self.write("\n  " if multi_line else self.space())
            self.mark((*path, index))
            self.value((*path, index), item)
            if index < len(items) - 1 or self.chance(0.3):
                self.write(self.space() + ",")
                if multi_line:
                    self.write(self.comment())
        self.write("\n]" if multi_line else self.space() + "]")

    def inline_table(self, path: Path, table: dict[str, Any]) -> None:
        multi_line = self.chance(0.15)  # TOML 1.1
        self.write("{")
        for index, (name, value) in enumerate(table.items()):
            self.write("\n  " if multi_line else " ")
            self.key_value(path, [name], value, inline=True)
            if index < len(table) - 1:
                self.write(",")
        self.write("\n}" if multi_line else " }")

    def key_value(self, path: Path, names: list[str], value: Any, inline: bool) -> None:
        """Write ``names = value``, or spread a table over dotted keys."""
        if isinstance(value, dict) and value and self.chance(0.3):
            # Dotted keys, one statement per entry: `a.b = 1`, `a.c = 2`.
            for index, (name, inner) in enumerate(value.items()):
                if index:
                    self.write(", " if inline else "\n" + self.indent())
                self.key_value(path, [*names, name], inner, inline)
            return
        start = (self.line, self.column)
        for depth in range(1, len(names) + 1):
            self.expected.setdefault((*path, *names[:depth]), start)
        self.write(self.dotted(names) + self.space() + "=" + self.space())
        self.value((*path, *names), value)

    def indent(self) -> str:
        return self.rng.choice(["", "", "  ", "\t"])

    def header(self, path: Path, text: str) -> None:
        """Write a table header; it mentions every table on *path*."""
        self.write("\n" * self.rng.choice([1, 2]) + self.indent())
        start = (self.line, self.column)
        for depth in range(1, len(path) + 1):
            self.expected.setdefault(path[:depth], start)
        self.write(text + self.comment())

    # -- tables -------------------------------------------------------------------

    def document(self, document: dict[str, Any]) -> str:
        self.table_body((), [], document)
        return self.text

    def table_body(self, path: Path, names: list[str], table: dict[str, Any]) -> None:
        inline: list[tuple[str, Any]] = []
        below: list[tuple[str, Any]] = []
        for name, value in table.items():
            if (isinstance(value, dict) or is_array_of_tables(value)) and self.chance(0.6):
                below.append((name, value))
            else:
                inline.append((name, value))
        for name, value in inline:
            self.write("\n" * self.rng.choice([1, 1, 2]) + self.indent())
            self.key_value(path, [name], value, inline=False)
            self.write(self.space() + self.comment())
        self.sub_tables(path, names, below)

    def sub_tables(self, path: Path, names: list[str], items: list[tuple[str, Any]]) -> None:
        """Write tables and arrays of tables under *path*, each under its own header."""
        for name, value in items:
            inner = [*names, name]
            brackets = self.space() + self.dotted(inner) + self.space()
            if isinstance(value, list):
                for index, element in enumerate(value):
                    self.header((*path, name, index), f"[[{brackets}]]")
                    self.table_body((*path, name, index), inner, element)
            elif (
                value
                and all(isinstance(v, dict) or is_array_of_tables(v) for v in value.values())
                and self.chance(0.5)
            ):
                # No header of its own: the headers of its sub-tables create it.
                self.sub_tables((*path, name), inner, list(value.items()))
            else:
                self.header((*path, name), f"[{brackets}]")
                self.table_body((*path, name), inner, value)


def serialise(
    document: dict[str, Any], rng: random.Random
) -> tuple[str, dict[Path, tuple[int, int]]]:
    """TOML text for *document* and the position of every key and element in it."""
    writer = Writer(rng)
    return writer.document(document), writer.expected


def all_paths(value: Any, path: Path = ()) -> set[Path]:
    """Every key and array element path of a parsed document."""
    paths: set[Path] = {path} if path else set()
    if isinstance(value, dict):
        for name, inner in value.items():
            paths |= all_paths(inner, (*path, name))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            paths |= all_paths(inner, (*path, index))
    return paths


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.randoms(use_true_random=False))
@example({"a": {"b": [{}]}}, random.Random(0))
def test_positions_match_the_serialiser(document: dict[str, Any], rng: random.Random) -> None:
    text, expected = serialise(document, rng)
    assert tomli.loads(text) == document, "the writer produced TOML that means something else"
    assert set(expected) == all_paths(document)
    positions = key_positions(text)
    assert positions == expected
    # Said the way an error message uses it: the reported line holds the key.
    lines = text.split("\n")
    for path, (line, column) in positions.items():
        name = path[-1]
        if isinstance(name, str) and name and set(name) <= BARE:
            assert name in lines[line - 1][column - 1 :], path


@contextmanager
def finishes_within(seconds: float) -> Iterator[None]:
    """Fail the test instead of hanging the suite when the block loops forever.

    A guard against endless loops with a generous limit, not a benchmark.
    """

    def stop(signum: int, frame: object) -> None:
        raise AssertionError(f"still running after {seconds} s: endless loop")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    ("text", "path", "where"),
    [
        # Arrays of tables under tables no earlier line names.
        ("[[a.b]]\nx = 1\n", ("a",), (1, 1)),
        ("[x]\n[[x.y.z]]\n", ("x", "y"), (2, 1)),
        ("[[a]]\n[[a.b.c]]\n", ("a", 0, "b"), (2, 1)),
        # Quotes next to the closing delimiter, escaped and not.
        ('s = """\n"quoted" ""\\"""" \nt = 1\n', ("t",), (3, 1)),
        ("s = '''\n'' x ''\n'''''\nt = 1\n", ("t",), (4, 1)),
        # Escapes in a quoted key, TOML 1.1's \e and \x included.
        ('"k\\e\\u001b\\x1b" = 1\nt = 2', ("k\x1b\x1b\x1b",), (1, 1)),
        ('"k\\e\\u001b\\x1b" = 1\nt = 2', ("t",), (2, 1)),
        ("a = [\n  1, # [[b]]\n  { c = 2 },\n]", ("a", 1, "c"), (3, 5)),
        ("d = 1979-05-27 07:32:00 # c\ne = 1", ("e",), (2, 1)),
        ("a = 1\r\nb = 2\r\n", ("b",), (2, 1)),
        # Line separators other than LF do not start a line.
        ("a = '\u2028\x85'\nb = 2\n", ("b",), (2, 1)),
        ("# \u2028 [[x]]\nb = 2\n", ("b",), (2, 1)),
    ],
)
def test_tricky_positions(text: str, path: Path, where: tuple[int, int]) -> None:
    tomli.loads(text)
    assert key_positions(text)[path] == where


@pytest.mark.parametrize(
    "text", ["a = {", "a = { b = 1,", "a = { b", "a = [", "[a", "[[a", 'a = "', "a = '''"]
)
def test_truncated_text_gives_positions_without_hanging(text: str) -> None:
    with finishes_within(2):
        key_positions(text)


@settings(max_examples=200, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(
    st.one_of(
        st.text(max_size=200),
        st.text(alphabet=st.sampled_from("[]{}\"'=#.,\n ab1"), max_size=80),
    )
)
def test_any_text_gives_positions_without_failing(text: str) -> None:
    # Generation only: shrinking a hang would cost the time limit on every try.
    with finishes_within(2):
        key_positions(text)
