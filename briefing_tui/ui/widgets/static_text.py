"""Widgets that are painted once per layout, not once more after it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.css.styles import RenderStyles


class SizedByLayout:
    """Mixin: a change of the widget's size asks for no second layout or frame.

    Textual sets each widget's ``virtual_size`` while it lays the screen out,
    and by default a change asks for another layout and a repaint of the
    widget, after the layout that has already painted it. Both are redundant
    here: the size was worked out by that layout, the widget was repainted in
    that frame if its size changed, and it paints nothing of its own that
    depends on its virtual size (a scrolling widget's scrollbars are updated in
    that layout, and one appearing or going asks for a layout of its own).
    Left alone, every key that changes the size of some text (another
    section's title, another list of links) sends a second frame of identical
    cells, after a second layout of the screen.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)


class FitsTheWidth:
    """Mixin for a widget of ``width: auto``: never wider than the room its container has.

    Textual sizes such a widget to its text, and its ``max-width`` says how
    wide it may grow; but no stylesheet can say "the container's width less
    this widget's margin". A link indented by its margin (so that its
    highlight starts at its text), with a long label, would run out of the
    pane and be cut. Here its text wraps instead.
    """

    styles: RenderStyles

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """The text's width, but no more than the container has (less the margin) for it."""
        # The container is given less this widget's margin; the gutter is the padding and border.
        wanted: int = super().get_content_width(container, viewport)  # type: ignore[misc]
        return max(1, min(wanted, container.width - self.styles.gutter.width))


class StaticText(SizedByLayout, Static):
    """A :class:`~textual.widgets.Static` painted once per layout (see :class:`SizedByLayout`)."""
