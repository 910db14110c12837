"""Text with a hanging indent: a prefix, then lines that wrap under the text, not the prefix.

A scoreboard's weight before its claim, a date before an event's title: the
prefix marks where an item starts, and the text reads as a block beside it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.visual import Visual

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.strip import Strip
    from textual.style import Style
    from textual.visual import RenderOptions

_NARROWEST = 8
"""Cells the text keeps at least, however wide the prefix."""


def hang(prefix: Content, text: Content, width: int) -> Content:
    """*prefix*, then *text* wrapped to the *width* left, its later lines indented under it."""
    indent = prefix.cell_length
    blank = Content(" " * indent)
    lines = text.wrap(max(_NARROWEST, width - indent)) or [Content("")]
    heads = [prefix, *([blank] * (len(lines) - 1))]
    rows = zip(heads, lines, strict=True)
    return Content("\n").join(Content.assemble(head, line) for head, line in rows)


class HangingText(Visual):
    """A :class:`~textual.visual.Visual` of :func:`hang`: wrapped for the width it is given."""

    def __init__(self, prefix: Content, text: Content) -> None:
        self.prefix = prefix
        self.text = text
        self._laid_out: tuple[int, Content] | None = None

    def _content(self, width: int) -> Content:
        if self._laid_out is None or self._laid_out[0] != width:
            self._laid_out = (width, hang(self.prefix, self.text, width))
        return self._laid_out[1]

    @property
    def plain(self) -> str:
        """The prefix and the text, unwrapped."""
        return self.prefix.plain + self.text.plain

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """The lines as :func:`hang` lays them out for *width*."""
        return self._content(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """Wide enough for the whole text on one line."""
        return self.prefix.cell_length + self.text.cell_length

    def get_minimal_width(self, rules: RulesMap) -> int:
        """The prefix and a few cells of text."""
        return self.prefix.cell_length + _NARROWEST

    def get_height(self, rules: RulesMap, width: int) -> int:
        """The lines :func:`hang` gives for *width*."""
        return self._content(width).get_height(rules, width)
