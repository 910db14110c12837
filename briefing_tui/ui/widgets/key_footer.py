"""The footer of keys, updated in place as the focus moves."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

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
    """Textual's footer, relabelled in place in the frame that moves the focus.

    Textual tells a footer about new bindings only after the frame that moved
    the focus, and its footer then removes every key and mounts new ones: a
    view switch that moves the focus (onto an actor card, say) paints two or
    three more frames 30–70 ms after the view's. This footer follows the focus
    as it moves and relabels the keys it has; Textual rebuilds it only when it
    needs more keys than it has, or keys it shows another way (grouped or
    disabled ones).
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: FooterKeys | None = None

    def on_mount(self) -> None:
        self.watch(self.screen, "focused", self._focus_moved, init=False)

    def _focus_moved(self) -> None:
        self.bindings_changed(self.screen)

    def bindings_changed(self, screen: Screen) -> None:
        keys = footer_keys(screen)
        if keys == self._keys:
            return
        if not self._relabel(screen, keys):
            super().bindings_changed(screen)
        # The footer changes only while the app has focus; otherwise it must next time.
        self._keys = keys if screen.app.app_focus else None

    def _relabel(self, screen: Screen, keys: FooterKeys) -> bool:
        """Show *keys* on the key widgets already mounted; False if they cannot."""
        if not screen.app.app_focus:
            return False
        palette = screen.app.COMMAND_PALETTE_BINDING
        wanted: dict[str, tuple[Binding, str]] = {}
        for key, binding, enabled, tooltip in keys:
            if key == palette and not binding.show:
                continue
            if not enabled or binding.group is not None:
                return False
            wanted.setdefault(binding.action, (binding, tooltip))
        widgets = list(self.children)
        labels = [
            widget
            for widget in widgets
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette")
        ]
        has_palette = any(widget.has_class("-command-palette") for widget in widgets)
        if (
            len(labels) != len(widgets) - has_palette
            or len(wanted) > len(labels)
            or has_palette != any(key == palette for key, *_ in keys)
            or any(label.has_class("-disabled") for label in labels)
        ):
            return False
        for label, (binding, tooltip) in zip(labels, wanted.values()):
            shown = (binding.key, self.app.get_key_display(binding), binding.description, binding.action)
            if (label.key, label.key_display, label.description, label.action) != shown:
                label.key, label.key_display, label.description, label.action = shown
                label.refresh(layout=True)
            label.tooltip = tooltip or None
            label.display = True
        for label in labels[len(wanted) :]:
            label.display = False
        return True
