"""No drawn line carries a control or bidi character, whatever path the text took."""

from __future__ import annotations

from rich.segment import ControlType, Segment
from rich.style import Style
from textual.color import Color
from textual.widgets import Static

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.content.text import UNSAFE
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.terminal_guard import TerminalGuard
from tests.screen import screen_text

EVIL = "x\x1b]52;c;aGk=\x07 \x1b[6n \x9b31m \u202etxt.exe\u202c y"


def test_the_guard_drops_unsafe_characters_and_keeps_the_width() -> None:
    bold = Style(bold=True)
    clear = Segment("\x1b[2J", None, [(ControlType.CLEAR,)])
    segments = [Segment("ok "), Segment(EVIL, bold), clear]
    guarded = TerminalGuard().apply(segments, Color(0, 0, 0))
    assert guarded[0] == segments[0]
    assert guarded[1] == Segment("x]52;c;aGk= [6n 31m txt.exe y", bold)
    assert guarded[2] is segments[2]  # a control segment is the app's own
    assert Segment.get_line_length(guarded) == Segment.get_line_length(segments)


async def test_text_that_skipped_neutralise_reaches_no_drawn_line(bundled: Briefing) -> None:
    app = BriefingApp(bundled)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await app.screen.mount(Static(EVIL, markup=False))
        app.notify(EVIL, title=EVIL, markup=False)
        await pilot.pause()
        text = screen_text(app)
        assert "txt.exe" in text
        assert UNSAFE.search(text) is None, repr(text)
