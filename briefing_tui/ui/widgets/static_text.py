"""Widgets that are painted once per layout, not once more after it."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Static


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


class StaticText(SizedByLayout, Static):
    """A :class:`~textual.widgets.Static` painted once per layout (see :class:`SizedByLayout`)."""
