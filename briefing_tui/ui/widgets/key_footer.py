"""The footer: the keys in force, drawn as one line."""

from __future__ import annotations

from typing import Any, ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class FooterKey(NamedTuple):
    """One key as the footer shows it."""

    key: str
    """The key pressed when the reader clicks it."""
    display: str
    """How the key is written, e.g. ``⏎`` or ``^p``."""
    description: str
    enabled: bool
    tooltip: str


class FooterKeys(NamedTuple):
    """What the footer shows: the keys in order, then the help's and the palette's keys."""

    keys: tuple[FooterKey, ...] = ()
    help: FooterKey | None = None
    palette: FooterKey | None = None


HELP_ACTIONS = ("help", "app.help")
"""The actions of the key that opens the help, which the footer always keeps."""


def footer_keys(screen: Screen[Any]) -> FooterKeys:
    """The shown bindings that work now on *screen*, one per action, in order; help; palette."""
    app = screen.app
    keys: dict[str, FooterKey] = {}
    help_key: FooterKey | None = None
    palette: FooterKey | None = None
    for key, (_, binding, enabled, tooltip) in screen.active_bindings.items():
        is_palette = key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE
        # A disabled key (its check_action says None) does nothing now: not shown.
        if not is_palette and (not binding.show or not enabled or binding.action in keys):
            continue
        footer_key = FooterKey(
            key, app.get_key_display(binding), binding.description, enabled, tooltip
        )
        if is_palette:
            palette = footer_key
        elif binding.action in HELP_ACTIONS:
            if help_key is None:
                help_key = footer_key
        else:
            keys[binding.action] = footer_key
    return FooterKeys(tuple(keys.values()), help_key, palette)


def _labels(footer_key: FooterKey) -> tuple[str, str]:
    """The key's text and its description's, each with its padding."""
    description = f"{footer_key.description} " if footer_key.description else ""
    return f" {footer_key.display} ", description


class KeyFooter(Widget, can_focus=False):
    """The bindings in force, as one line of keys and descriptions.

    One widget drawing one line, where Textual's footer has a widget per key:
    when the keys change (the focus moved onto an actor card, say) the line is
    repainted in the frame that moved the focus. Textual's footer hears of the
    change after that frame, then removes its keys and mounts new ones, which
    lays out the whole screen again and paints two or three more frames.
    Keys that do not fit are left out from the end; the help's key stays,
    whatever the width, and the command palette's key stays at the right.
    Clicking a key presses it.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--hover",
        "key-footer--separator",
    }

    def __init__(self) -> None:
        super().__init__()
        self._keys: FooterKeys | None = None
        """The keys shown; None until the first paint works them out."""
        self._spans: list[tuple[int, int, FooterKey]] = []
        """Cells from, cells to and key of each key drawn, for the mouse."""
        self._hover: FooterKey | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        # Focus moves before Textual says the bindings changed: follow it, to
        # repaint in the same frame as the view.
        self.watch(self.screen, "focused", self._focus_moved, init=False)

    def _focus_moved(self) -> None:
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if self._keys is None:
            return  # Not painted yet: the first paint works the keys out once.
        keys = footer_keys(screen)
        if keys != self._keys:
            self._keys = keys
            self.refresh()

    def render(self) -> Text:
        styles = {
            name: self.get_component_rich_style(f"key-footer--{name}")
            for name in ("key", "description", "hover", "separator")
        }
        if self._keys is None:
            self._keys = footer_keys(self.screen)
        keys, help_key, palette = self._keys
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        right = self.size.width
        if palette is not None:
            right -= cell_len("".join(_labels(palette))) + 1
        room = right - (cell_len("".join(_labels(help_key))) if help_key is not None else 0)
        for footer_key in keys:
            if line.cell_len + cell_len("".join(_labels(footer_key))) > room:
                break
            self._append(line, footer_key, styles)
        if help_key is not None and line.cell_len + cell_len("".join(_labels(help_key))) <= right:
            self._append(line, help_key, styles)
        if palette is not None and right >= line.cell_len:
            line.append(" " * (right - line.cell_len))
            line.append("▏", styles["separator"])
            self._append(line, palette, styles)
        return line

    def _append(self, line: Text, footer_key: FooterKey, styles: dict[str, Style]) -> None:
        """Add *footer_key* to *line*, and where it is to the spans the mouse looks up."""
        key_style, description_style = styles["key"], styles["description"]
        if footer_key == self._hover:
            key_style, description_style = (
                key_style + styles["hover"],
                description_style + styles["hover"],
            )
        if not footer_key.enabled:
            key_style, description_style = (
                key_style + Style(dim=True),
                description_style + Style(dim=True),
            )
        start = line.cell_len
        label, description = _labels(footer_key)
        line.append(label, key_style)
        line.append(description, description_style)
        self._spans.append((start, line.cell_len, footer_key))

    def _key_at(self, x: int) -> FooterKey | None:
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        footer_key = self._key_at(event.x)
        if footer_key is None:
            return
        if footer_key.enabled:
            self.app.simulate_key(footer_key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        footer_key = self._key_at(event.x)
        if footer_key != self._hover:
            self._hover = footer_key
            self.tooltip = footer_key.tooltip or None if footer_key else None
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()
