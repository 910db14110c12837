"""The last line of defence: no drawn line carries a control or bidi character.

Text from outside goes through :func:`~briefing_tui.core.content.text.neutralise`
where it enters the app, which shows each unsafe character as a visible
placeholder. This filter sees every line every widget draws, Textual's own
included (toasts, the command palette, inputs), and drops any unsafe
character still there, so that a path that forgot to neutralise cannot write
an escape sequence to the terminal. The characters it drops take no cell, so
the layout is unchanged.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from briefing_tui.core.content.text import UNSAFE


class TerminalGuard(LineFilter):
    """A line filter that drops every :data:`~briefing_tui.core.content.text.UNSAFE` character."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        """The segments, each text without unsafe characters (control segments untouched)."""
        search = UNSAFE.search
        if search("".join([segment.text for segment in segments if not segment.control])) is None:
            return segments
        return [
            segment
            if segment.control or search(segment.text) is None
            else Segment(UNSAFE.sub("", segment.text), segment.style)
            for segment in segments
        ]
