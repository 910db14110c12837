"""A screen that paints each change in one frame, not one frame per widget that notices it."""

from __future__ import annotations

from textual.screen import Screen, ScreenResultType


class WholeFrameScreen(Screen[ScreenResultType]):
    """Paint every widget already waiting for a repaint in the frame being drawn.

    A widget asks for a repaint with ``refresh()`` and tells the screen in a
    message, which the screen reads only after drawing the current frame;
    its next frame comes an update period (1/60 s) later. A layout sets the
    size of every scrollbar during the frame it draws, and a focus change
    restyles the widgets it concerns as it happens, so each of those drew a
    second frame of its own: 15-25 ms later, and over SSH the same cells sent
    again. Here the frame takes in every widget whose repaint is pending.
    Textual paints only the regions each widget marked, so this costs a walk
    over the visible widgets and nothing when none is pending.
    """

    def _compositor_refresh(self) -> None:
        # Textual 8.2's hook between a layout and its paint (pinned in pyproject.toml).
        compositor = self._compositor
        compositor.update_widgets(set(compositor.visible_widgets))
        super()._compositor_refresh()
