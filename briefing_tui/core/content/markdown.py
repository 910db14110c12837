"""The Markdown of a briefing: CommonMark with GFM tables and strikethrough.

Every place that shows a Markdown field (the explorer, the slides, the HTML
and Markdown exports, ``briefing print``) reads it with
:func:`markdown_parser`, so that all of them see the same constructs: a
table the app lays out as columns is a ``<table>`` in HTML and aligned
columns in text, never a run of pipes in one place and a table in another.

Tables are read from the parser's tokens into a :class:`Table` of whatever
cells a renderer makes (styled text for the app, plain strings for text);
:func:`column_widths` shares their columns out in the width there is, and
:func:`align_tables` lines up the pipes of a table written by hand for the
Markdown export.

What the renderers do not show as written (raw HTML, images, footnotes)
:func:`unsupported_constructs` finds, for ``briefing lint``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Generic, Literal, NamedTuple, TypeVar

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

Align = Literal["default", "left", "center", "right"]
"""How a column's cells are aligned: "default" (left) unless the table says otherwise."""
Cell = TypeVar("Cell")

COLUMN_GAP = 3
"""Cells between two columns of a laid-out table: a space, a rule, a space."""
NARROWEST_COLUMN = 4
"""A column is not squeezed below this (or its widest cell, if narrower)."""
WORD_TO_KEEP = 16
"""Words up to this long are kept whole when columns are squeezed; longer ones are split."""


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """The parser of a briefing's Markdown fields: raw HTML stays text."""
    return new_markdown_parser()


def new_markdown_parser() -> MarkdownIt:
    """A parser of its own, configured as :func:`markdown_parser`, for a caller to adjust."""
    # markdown-it is imported on first use: the first screen may not need it.
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


@dataclass(frozen=True)
class Table(Generic[Cell]):
    """A table read from Markdown: the header row, the body rows, each column's alignment."""

    header: list[Cell]
    rows: list[list[Cell]]
    aligns: list[Align]


def _align(token: Token) -> Align:
    style = str(token.attrs.get("style", ""))
    for align in ("left", "center", "right"):
        if style.endswith(align):
            return align
    return "default"


def read_table(
    tokens: Sequence[Token], start: int, cell: Callable[[Token], Cell]
) -> tuple[Table[Cell], int]:
    """The table whose ``table_open`` is ``tokens[start]``, and the index after its close.

    *cell* makes each cell from the cell's inline token.
    """
    header: list[Cell] = []
    rows: list[list[Cell]] = []
    aligns: list[Align] = []
    in_header = False
    index = start + 1
    while index < len(tokens) and tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "thead_open":
            in_header = True
        elif token.type == "thead_close":
            in_header = False
        elif token.type == "tr_open" and not in_header:
            rows.append([])
        elif token.type == "th_open":
            aligns.append(_align(token))
        elif token.type == "inline":
            (header if in_header else rows[-1]).append(cell(token))
        index += 1
    return Table(header, rows, aligns), index + 1


def column_widths(natural: Sequence[int], words: Sequence[int], available: int) -> list[int] | None:
    """How wide each column can be in *available* cells, gaps included; None if they cannot fit.

    *natural* is each column's widest cell, *words* its longest word. Columns
    that fit keep their natural widths; otherwise the widest are narrowed
    first, each down to its longest word (at most :data:`WORD_TO_KEEP`) or
    :data:`NARROWEST_COLUMN`. When even that is too wide the caller lays the
    table out another way (one row after another, say).
    """
    room = available - COLUMN_GAP * (len(natural) - 1)
    widths = list(natural)
    floors = [
        min(width, max(NARROWEST_COLUMN, min(word, WORD_TO_KEEP)))
        for width, word in zip(natural, words, strict=True)
    ]
    excess = sum(widths) - room
    while excess > 0:
        squeezable = [i for i, width in enumerate(widths) if width > floors[i]]
        if not squeezable:
            return None
        widest = max(squeezable, key=lambda i: widths[i])
        others = [widths[i] for i in squeezable if i != widest]
        # Down to the next widest column in one step, or as far as needed.
        step = min(excess, widths[widest] - floors[widest], widths[widest] - max(others, default=0))
        widths[widest] -= max(1, step)
        excess -= max(1, step)
    return widths


def pad(text_width: int, width: int, align: Align) -> tuple[int, int]:
    """Spaces before and after a cell *text_width* wide in a column *width* wide."""
    space = max(0, width - text_width)
    if align == "right":
        return space, 0
    if align == "center":
        return space // 2, space - space // 2
    return 0, space


# -- The Markdown export: tables lined up as written ------------------------------


def align_tables(markdown: str) -> str:
    """*markdown* with the pipes of each table lined up, so that its source reads as a table.

    Tables inside lists or quotes are left as written.
    """
    if "|" not in markdown:
        return markdown
    from briefing_tui.core.content.lint import cell_width

    lines = markdown.split("\n")
    tokens = markdown_parser().parse(markdown)
    replaced: list[tuple[int, int, list[str]]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "table_open" and token.level == 0 and token.map is not None:
            table, index = read_table(tokens, index, lambda cell: cell.content.replace("|", r"\|"))
            replaced.append((token.map[0], token.map[1], _table_source(table, cell_width)))
            continue
        index += 1
    for start, end, source in reversed(replaced):
        lines[start:end] = source
    return "\n".join(lines)


def _table_source(table: Table[str], width: Callable[[str], int]) -> list[str]:
    columns = len(table.aligns)
    rows = [table.header, *table.rows]
    widths = [
        max(3, *(width(row[column]) for row in rows if column < len(row)))
        for column in range(columns)
    ]

    def line(row: list[str]) -> str:
        cells = []
        for column in range(columns):
            text = row[column] if column < len(row) else ""
            before, after = pad(width(text), widths[column], table.aligns[column])
            cells.append(" " * before + text + " " * after)
        return "| " + " | ".join(cells) + " |"

    delimiter = [
        _delimiter(align, column_width)
        for align, column_width in zip(table.aligns, widths, strict=True)
    ]
    return [line(table.header), "| " + " | ".join(delimiter) + " |", *map(line, table.rows)]


def _delimiter(align: Align, width: int) -> str:
    """The cell of the delimiter row (``:---:``) for a column *width* wide."""
    if align == "left":
        return ":" + "-" * (width - 1)
    if align == "center":
        return ":" + "-" * (width - 2) + ":"
    if align == "right":
        return "-" * (width - 1) + ":"
    return "-" * width


# -- What the renderers do not show as written -------------------------------------


class Unsupported(NamedTuple):
    """A construct of a Markdown field that readers will not see as its author meant."""

    line: int
    """Its line in the field, from 0."""
    message: str


_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")


@lru_cache(maxsize=1)
def _html_reader() -> MarkdownIt:
    # The same syntax with raw HTML recognised, to find it: the briefing's parser reads it as text.
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def unsupported_constructs(markdown: str) -> list[Unsupported]:
    """Raw HTML, images and footnotes in *markdown*: shown as text, or not at all, by the app."""
    found: list[Unsupported] = []
    for token in _html_reader().parse(markdown):
        first = token.map[0] if token.map is not None else 0
        if token.type == "html_block":
            found.append(Unsupported(first, "raw HTML is shown as text, not rendered"))
        if token.type != "inline":
            continue
        position = 0
        for child in token.children or ():
            if child.type in ("text", "html_inline", "code_inline"):
                found_at = token.content.find(child.content, position)
                position = position if found_at == -1 else found_at
            line = first + token.content.count("\n", 0, position)
            if child.type == "html_inline":
                found.append(Unsupported(line, "raw HTML is shown as text, not rendered"))
            elif child.type == "image":
                found.append(
                    Unsupported(
                        line,
                        "an image is not shown in the app, only its description: "
                        "link to it instead",
                    )
                )
            elif child.type == "text" and _FOOTNOTE.search(child.content):
                found.append(
                    Unsupported(line, "footnotes are not supported: [^…] is shown as written")
                )
    return found
