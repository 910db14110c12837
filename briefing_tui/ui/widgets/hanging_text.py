"""Text with a hanging indent: a prefix, then lines that wrap under the text, not the prefix.

A scoreboard's weight before its claim, a date before an event's title, a
bullet before a key point: the prefix marks where an item starts, and the text
reads as a block beside it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.visual import Visual

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.strip import Strip
    from textual.style import Style
    from textual.visual import RenderOptions

BULLET = Content("• ")
"""The prefix of an item of a bulleted list."""

_NARROWEST = 8
"""Cells the text keeps at least, however wide the prefix."""


_BREAK_BEFORE = "-.?#&=_"
"""Where a word too long for a line breaks, before the character (as in an address)."""


def wrap(text: Content, width: int) -> list[Content]:
    """*text* wrapped to *width* cells, as :meth:`Content.wrap`.

    A word longer than the line (an address) breaks after a "/" or before a
    "-", "." or the like where it can, and only where it cannot in the middle
    of a word.
    """
    plain = text.plain
    cuts: list[int] = []
    for word in re.finditer(rf"\S{{{width + 1},}}", plain):
        start, end = word.span()
        while end - start > width:
            piece = plain[start : start + width + 1]
            after_slash = piece.rfind("/", 0, width) + 1
            before = max(piece.rfind(char, 1, width + 1) for char in _BREAK_BEFORE)
            best = max(after_slash, before)
            start += best if best > 0 else width
            cuts.append(start)
    if cuts:
        bounds = [0, *cuts, len(plain)]
        text = Content("\n").join(text[low:high] for low, high in itertools.pairwise(bounds))
    return text.wrap(width)


def hang_lines(prefix: Content, text: Content, width: int) -> list[Content]:
    """*prefix*, then *text* wrapped to the *width* left, its later lines indented under it."""
    indent = prefix.cell_length
    blank = Content(" " * indent)
    lines = wrap(text, max(_NARROWEST, width - indent)) or [Content("")]
    heads = [prefix, *([blank] * (len(lines) - 1))]
    rows = zip(heads, lines, strict=True)
    return [Content.assemble(head, line) for head, line in rows]


def hang(prefix: Content, text: Content, width: int) -> Content:
    """The lines of :func:`hang_lines`, joined by newlines."""
    return Content("\n").join(hang_lines(prefix, text, width))


class HangingLines(Visual):
    """Rows one under another, each a prefix and a text laid out by :func:`hang`.

    A list: a bullet before each item, its later lines under the item's text;
    a row with an empty prefix (a heading) is wrapped as it is.
    """

    def __init__(self, rows: Sequence[tuple[Content, Content]]) -> None:
        self.rows = tuple(rows)
        self._laid_out: tuple[int, Content] | None = None

    def _content(self, width: int) -> Content:
        if self._laid_out is None or self._laid_out[0] != width:
            laid_out = [hang(prefix, text, width) for prefix, text in self.rows]
            self._laid_out = (width, Content("\n").join(laid_out))
        return self._laid_out[1]

    def highlight_regex(self, pattern: re.Pattern[str], style: str) -> HangingLines:
        """The same rows, every match of *pattern* in their texts styled with *style*."""
        return HangingLines(
            [(prefix, text.highlight_regex(pattern, style=style)) for prefix, text in self.rows]
        )

    @property
    def plain(self) -> str:
        """Each row's prefix and text, unwrapped, one row a line."""
        return "\n".join(prefix.plain + text.plain for prefix, text in self.rows)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """The lines as :func:`hang` lays them out for *width*."""
        return self._content(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """Wide enough for each row on one line."""
        return max((prefix.cell_length + text.cell_length for prefix, text in self.rows), default=0)

    def get_minimal_width(self, rules: RulesMap) -> int:
        """The widest prefix and a few cells of text."""
        return max((prefix.cell_length for prefix, _ in self.rows), default=0) + _NARROWEST

    def get_height(self, rules: RulesMap, width: int) -> int:
        """The lines :func:`hang` gives for *width*."""
        return self._content(width).get_height(rules, width) if self.rows else 0


class HangingText(HangingLines):
    """One row of :class:`HangingLines`: a prefix, and a text wrapped beside it."""

    def __init__(self, prefix: Content, text: Content) -> None:
        super().__init__([(prefix, text)])
        self.prefix = prefix
        self.text = text
