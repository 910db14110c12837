"""The slides an SSH audience sees, drawn once per size class by the follower's own screen.

The built-in SSH server (:mod:`~briefing_tui.core.present.ssh_server`) needs
frames, not an app per follower. :class:`AudienceApp` is the real follower
app (``briefing follow``) run headless: its :class:`FollowScreen` reads the
share and lays out the presenter's slide with the same :class:`SlideView`,
stylesheets and theme, so a slide looks the same over SSH as in a
terminal of the presenter's machine. After each change of the presenter's
state the app is resized to every size class a follower is on, and the
screen is captured and encoded once per colour depth: every follower of a
class gets the same bytes.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Sequence
from typing import Any

from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.events import Resize
from textual.geometry import Size
from textual.strip import Strip

from briefing_tui.core.content.text import UNSAFE
from briefing_tui.core.present.share import FollowerEvent
from briefing_tui.core.present.ssh_access import ColourDepth
from briefing_tui.core.present.ssh_server import AudienceServer, Frame, FrameKey
from briefing_tui.ui.follow_app import FollowApp
from briefing_tui.ui.screens.follow import FollowScreen, place_for_slide
from briefing_tui.ui.widgets.slide_view import SlideView

log = logging.getLogger(__name__)

COLOUR_SYSTEMS = {
    ColourDepth.TRUECOLOR: ColorSystem.TRUECOLOR,
    ColourDepth.EIGHT_BIT: ColorSystem.EIGHT_BIT,
    ColourDepth.STANDARD: ColorSystem.STANDARD,
}
_ATTRIBUTES = (("bold", "1"), ("dim", "2"), ("italic", "3"), ("underline", "4"), ("reverse", "7"))
_RESET = "\x1b[0m"
SETTLE_ROUNDS = 50
"""At most this many rounds of waiting for the slide to be laid out (a few are enough)."""


class LineEncoder:
    """Screen rows as terminal output at one colour depth, each style's codes worked out once.

    Rich caches a style's codes on the style itself, for the first colour
    system it met: the encoder keeps its own, per depth.
    """

    def __init__(self, depth: ColourDepth) -> None:
        self.system = COLOUR_SYSTEMS[depth]
        self._codes: dict[Style, str] = {}

    def codes(self, style: Style | None) -> str:
        """The SGR sequence that sets *style* from scratch."""
        if style is None:
            return _RESET
        codes = self._codes.get(style)
        if codes is None:
            parts = ["0"]
            parts += [code for name, code in _ATTRIBUTES if getattr(style, name)]
            if style.color is not None:
                parts += style.color.downgrade(self.system).get_ansi_codes()
            if style.bgcolor is not None:
                parts += style.bgcolor.downgrade(self.system).get_ansi_codes(False)
            codes = f"\x1b[{';'.join(parts)}m"
            if len(self._codes) > 10_000:
                self._codes.clear()
            self._codes[style] = codes
        return codes

    def encode(self, line: Sequence[Strip]) -> bytes:
        """One row: style codes and text; no control segments, no unsafe character."""
        parts: list[str] = []
        current = ""
        for strip in line:
            segment: Segment
            for segment in strip:
                if segment.control:
                    continue
                codes = self.codes(segment.style)
                if codes != current:
                    parts.append(codes)
                    current = codes
                parts.append(UNSAFE.sub("", segment.text))
        parts.append(_RESET)
        return "".join(parts).encode()


class AudienceScreen(FollowScreen):
    """The follower's screen, telling the renderer each time the presenter's state changes."""

    KEYS_HINT = "d browse on your own · ↓↑ scroll · q leave"

    def presenter_changed(self, event: FollowerEvent | None) -> None:
        """Show the presenter's slide, then have it drawn for every follower."""
        super().presenter_changed(event)
        app = self.app
        if isinstance(app, AudienceApp):
            app.state_changed()


class AudienceApp(FollowApp):
    """The follower app, headless, drawing frames for the SSH server's followers."""

    FOLLOW_SCREEN = AudienceScreen

    def __init__(self, *args: Any, name: str, folder: str, **options: Any) -> None:
        """Create the app; the arguments are :class:`FollowApp`'s, and *folder* is the share's."""
        super().__init__(*args, name=name, **options)
        self.share_name = name
        self.share_folder = folder
        self.server: AudienceServer | None = None
        self.encoders = {depth: LineEncoder(depth) for depth in ColourDepth}
        self._pending: set[FrameKey] = set()
        self._wake = asyncio.Event()
        self.ended = asyncio.Event()
        """Set once the presentation ended and every follower was shown so."""

    # The server's renderer ------------------------------------------------

    def request(self, key: FrameKey) -> None:
        """Draw the current state at *key* soon."""
        self._pending.add(key)
        self._wake.set()

    def browse_command(self) -> Sequence[str] | None:
        """``briefing`` to browse on one's own from the presenter's slide, exiting on ``f``."""
        screen = self.follow_screen
        if not screen.is_mounted:
            return None
        place = place_for_slide(screen.query_one(SlideView).slide)
        return [
            sys.executable,
            "-m",
            "briefing_tui.ui.ssh_browse",
            self.share_name,
            "--dir",
            self.share_folder,
            "--view",
            place.view,
            "--item",
            place.item,
            "--theme",
            self.theme,
        ]

    def state_changed(self) -> None:
        """The presenter moved: every key in use is drawn again; older frames are dropped."""
        server = self.server
        if server is None:
            return
        server.forget_frames()
        self._pending.update(server.keys_in_use())
        self._wake.set()

    def on_mount(self) -> None:
        self.run_worker(self._draw_frames(), name="audience-frames", exclusive=True)

    async def _draw_frames(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._pending and self.server is not None:
                order = self.server.keys_in_use()
                key = next((key for key in order if key in self._pending), None)
                if key is None:
                    key = self._pending.pop()
                else:
                    self._pending.discard(key)
                try:
                    frame = await self.draw(key)
                except Exception:
                    # One size that cannot be drawn must not end the talk for everyone.
                    log.exception("cannot draw the slide at %dx%d", key.columns, key.rows)
                    continue
                self.server.show(key, frame)
            if self.follow_screen.state.ended is not None:
                # Everyone has seen "presentation ended": the server may stop.
                self.ended.set()

    async def draw(self, key: FrameKey) -> Frame:
        """The current slide at *key*, captured from the screen and encoded per depth."""
        size = Size(key.columns, key.rows)
        if size != self.size:
            # As a terminal's resize does: the driver's size, then the event.
            # The headless driver's own size, as Pilot.resize_terminal sets it.
            driver = self._driver
            if driver is not None:
                driver._size = size
            self.post_message(Resize(size, size))
            await self._settle()
            await asyncio.sleep(1 / 100)  # Textual applies a resize on a 1/120 s timer
        await self._settle()
        view = self.follow_screen.query_one(SlideView)
        scroll = min(key.scroll, int(view.max_scroll_y))
        if view.scroll_y != scroll:
            view.scroll_to(y=scroll, animate=False)
            await self._settle()
        update = self.screen._compositor.render_update(full=True)
        rows: list[list[Strip]] = getattr(update, "strips", [])
        return Frame(
            lines={
                depth: [encoder.encode(row) for row in rows]
                for depth, encoder in self.encoders.items()
            },
            max_scroll=int(view.max_scroll_y),
        )

    async def _settle(self) -> None:
        """Wait until the slide shows the presenter's state, laid out and painted.

        Every widget on the screen handles what is queued for it, then the
        screen applies its pending layout and repaint at once, as Pilot
        does after each step of a test, until the slide is composed and mounted.
        """
        for _ in range(SETTLE_ROUNDS):
            waiting: list[asyncio.Event] = []
            for node in (self, *self.screen.walk_children(with_self=True)):
                done = asyncio.Event()
                if node.call_later(done.set):
                    waiting.append(done)
            await asyncio.gather(*(done.wait() for done in waiting))
            self.screen._on_timer_update()
            view = self.follow_screen.query_one(SlideView)
            if view.up_to_date and not self.screen._layout_required:
                return
