"""The last search's words in the view on screen, for ``n`` / ``N`` to step through.

A search marks its words in the view that shows its result (in the text, and
in a section's key points). A *match* is one marked word: found in what each
widget of the view paints, in reading order, so that the count is what the
reader sees marked. Stepping scrolls the match to the middle of the pane and
marks it as the current one.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

from briefing_tui.ui.widgets.markdown_text import HIGHLIGHT_STYLE, MarkdownText


@dataclass(frozen=True)
class Match:
    """One marked word of the last search."""

    widget: Widget
    """The widget it is painted in."""
    line: int
    """The line of the widget's content it is on, as laid out now."""
    number: int
    """Which of the widget's matches it is, in reading order, from 0."""


def find_matches(view: Widget) -> list[Match]:
    """Every marked word in *view*'s displayed widgets, in reading order."""
    found: list[Match] = []

    def visit(widget: Widget) -> None:
        if not widget.display:
            return
        number = 0
        for line, text in enumerate(_painted_lines(widget)):
            for span in text.spans:
                if str(span.style) == HIGHLIGHT_STYLE:
                    found.append(Match(widget, line, number))
                    number += 1
        for child in widget.children:
            visit(child)

    visit(view)
    return found


def _painted_lines(widget: Widget) -> list[Content]:
    """The lines of text *widget* paints at its width; none for widgets that paint no text."""
    width = widget.content_region.width
    if isinstance(widget, MarkdownText):
        return widget.laid_out(width).split("\n", allow_blank=True)
    if isinstance(widget, Static) and isinstance(widget.visual, Content) and width:
        return widget.visual.wrap(width)
    return []


def show_match(match: Match, matches: list[Match]) -> None:
    """Scroll *match* to the middle of its pane and mark it as the current one of *matches*."""
    for widget in {other.widget for other in matches}:
        if isinstance(widget, MarkdownText):
            widget.mark_current_match(match.number if widget is match.widget else None)
    widget = match.widget
    # From the widget up to the container that scrolls it, adding up the offsets.
    y = match.line + widget.content_region.y - widget.region.y
    node = widget
    while node.parent is not None and isinstance(node.parent, Widget):
        y += node.virtual_region.y
        parent = node.parent
        if parent.styles.overflow_y in ("auto", "scroll"):
            parent.scroll_to_region(Region(0, y, 1, 1), animate=False, center=True, immediate=True)
            return
        node = parent
