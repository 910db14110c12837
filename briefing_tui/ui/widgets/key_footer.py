"""The footer of keys, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

FooterKeys = tuple[tuple[str, Binding, bool, str], ...]


def footer_keys(screen: Screen) -> FooterKeys:
    """What a footer on *screen* shows: the bindings in force that are shown, in order."""
    palette = screen.app.COMMAND_PALETTE_BINDING
    return tuple(
        (key, binding, enabled, tooltip)
        for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
        if binding.show or key == palette
    )


class KeyFooter(Footer):
    """Textual's footer, rebuilt only when the keys it shows change.

    Textual's footer rebuilds itself (removes and mounts every key) whenever
    the bindings may have changed, which is at every change of focus; moving
    between the outline and a view then repaints the footer line two or three
    times with the same keys.
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: FooterKeys | None = None

    def bindings_changed(self, screen: Screen) -> None:
        keys = footer_keys(screen)
        if keys == self._keys:
            return
        super().bindings_changed(screen)
        # The footer rebuilds only while the app has focus; otherwise it must next time.
        self._keys = keys if screen.app.app_focus else None
