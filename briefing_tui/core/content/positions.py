"""Map dotted key paths of a TOML document back to line and column.

tomli reports positions for syntax errors only, and no TOML library keeps
positions for values. When a file parses but fails validation, the loader
asks :func:`key_positions` where each key stands so that every error can
point at its line. The scanner runs only on files tomli has already
accepted, so it can assume valid TOML and stay small: it records the start
of every table header, key and array element, and skips over values.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

Path = tuple[str | int, ...]
Position = tuple[int, int]

_BARE_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_ESCAPES = {
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "f": "\f",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "e": "\x1b",
}


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line_starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.positions: dict[Path, Position] = {}
        self.array_lengths: dict[Path, int] = {}

    def where(self, offset: int) -> Position:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def record(self, path: Path, offset: int) -> None:
        self.positions.setdefault(path, self.where(offset))

    def peek(self, count: int = 1) -> str:
        return self.text[self.pos : self.pos + count]

    def advanced_from(self, start: int) -> None:
        """Stop a loop that made no progress or ran past the end of the text.

        Either happens only on text tomli would refuse (a truncated inline
        table would otherwise step past the end forever); raising ends the
        scan with the positions found so far.
        """
        if self.pos <= start:
            raise ValueError(f"scanner stuck at offset {start}")
        if self.pos > len(self.text):
            raise ValueError("scanner ran past the end of the text")

    def skip_space(self, newlines: bool = False) -> None:
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char in " \t" or (newlines and char in "\r\n"):
                self.pos += 1
            elif char == "#":
                end = text.find("\n", self.pos)
                self.pos = len(text) if end == -1 else end
            else:
                break

    def scan(self) -> dict[Path, Position]:
        table: Path = ()
        while True:
            self.skip_space(newlines=True)
            if self.pos >= len(self.text):
                return self.positions
            start = self.pos
            if self.peek(2) == "[[":
                self.pos += 2
                keys = self.keys()
                self.pos += 2
                parent = self.concrete(keys[:-1])
                # `[[a.b]]` can be the first line to name `a`.
                for depth in range(1, len(parent) + 1):
                    self.record(parent[:depth], start)
                array = (*parent, keys[-1])
                index = self.array_lengths.get(array, 0)
                self.array_lengths[array] = index + 1
                table = (*array, index)
                self.record(array, start)
                self.record(table, start)
            elif self.peek() == "[":
                self.pos += 1
                keys = self.keys()
                self.pos += 1
                table = self.concrete(keys)
                for depth in range(1, len(table) + 1):
                    self.record(table[:depth], start)
            else:
                self.key_value(table)
            self.advanced_from(start)

    def concrete(self, keys: Iterable[str]) -> Path:
        """Resolve header keys to a path, indexing into arrays of tables."""
        path: Path = ()
        for key in keys:
            path = (*path, key)
            if path in self.array_lengths:
                path = (*path, self.array_lengths[path] - 1)
        return path

    def keys(self) -> list[str]:
        parts: list[str] = []
        while True:
            self.skip_space()
            char = self.peek()
            if char == '"':
                parts.append(self.basic_string())
            elif char == "'":
                end = self.text.index("'", self.pos + 1)
                parts.append(self.text[self.pos + 1 : end])
                self.pos = end + 1
            else:
                start = self.pos
                while self.pos < len(self.text) and self.text[self.pos] in _BARE_KEY_CHARS:
                    self.pos += 1
                parts.append(self.text[start : self.pos])
            self.skip_space()
            if self.peek() != ".":
                return parts
            self.pos += 1

    def key_value(self, table: Path) -> None:
        start = self.pos
        keys = self.keys()
        path = table
        for key in keys:
            path = (*path, key)
            self.record(path, start)
        self.skip_space()
        self.pos += 1  # "="
        self.skip_space()
        self.value(path)

    def value(self, path: Path) -> None:
        char = self.peek()
        if char == "[":
            self.array(path)
        elif char == "{":
            self.inline_table(path)
        elif self.peek(3) in ('"""', "'''"):
            self.multiline_string(char)
        elif char == '"':
            self.basic_string()
        elif char == "'":
            self.pos = self.text.index("'", self.pos + 1) + 1
        else:
            while self.pos < len(self.text) and self.text[self.pos] not in ",]}\n#\r":
                self.pos += 1

    def array(self, path: Path) -> None:
        self.pos += 1
        index = 0
        while True:
            self.skip_space(newlines=True)
            if self.peek() == "]":
                self.pos += 1
                return
            start = self.pos
            self.record((*path, index), start)
            self.value((*path, index))
            self.advanced_from(start)
            index += 1
            self.skip_space(newlines=True)
            if self.peek() == ",":
                self.pos += 1

    def inline_table(self, path: Path) -> None:
        self.pos += 1
        while True:
            self.skip_space(newlines=True)
            if self.peek() == "}":
                self.pos += 1
                return
            start = self.pos
            self.key_value(path)
            self.advanced_from(start)
            self.skip_space(newlines=True)
            if self.peek() == ",":
                self.pos += 1

    def multiline_string(self, quote: str) -> None:
        text = self.text
        end = self.pos + 3
        while True:
            end = text.index(quote * 3, end)
            backslashes = 0
            while quote == '"' and text[end - 1 - backslashes] == "\\":
                backslashes += 1
            if backslashes % 2 == 0:
                break
            end += 1
        # Up to two quotes right before the closing three belong to the string.
        extra = 0
        while extra < 2 and text[end + 3 : end + 4] == quote:
            end += 1
            extra += 1
        self.pos = end + 3

    def basic_string(self) -> str:
        text = self.text
        self.pos += 1
        chars: list[str] = []
        while text[self.pos] != '"':
            if text[self.pos] == "\\":
                escape = text[self.pos + 1]
                if escape in _ESCAPES:
                    chars.append(_ESCAPES[escape])
                    self.pos += 2
                else:
                    width = {"x": 2, "u": 4, "U": 8}[escape]
                    chars.append(chr(int(text[self.pos + 2 : self.pos + 2 + width], 16)))
                    self.pos += 2 + width
            else:
                chars.append(text[self.pos])
                self.pos += 1
        self.pos += 1
        return "".join(chars)


def key_positions(text: str) -> dict[Path, Position]:
    """Return the (line, column) of every key, table and array element in *text*.

    Paths use the parsed document's shape: ``("sections", 2, "actors", 0)``.
    Lines and columns count from 1; lines are split on ``\\n`` only, as the
    TOML parser counts them. *text* must be a document tomli accepts; for
    anything else the result may be incomplete but the call does not fail.
    """
    scanner = _Scanner(text)
    try:
        return scanner.scan()
    except (ValueError, IndexError, KeyError, OverflowError, RecursionError):
        return scanner.positions


def position_of(positions: dict[Path, Position], path: Path) -> Position | None:
    """The position of *path*, or of its nearest recorded ancestor."""
    while path:
        if path in positions:
            return positions[path]
        path = path[:-1]
    return None
