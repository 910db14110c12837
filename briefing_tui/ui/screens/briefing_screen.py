"""The base of the app's main screens: each change painted once, each widget styled once."""

from __future__ import annotations

from textual import events
from textual.screen import Screen, ScreenResultType


class BriefingScreen(Screen[ScreenResultType]):
    """A screen that does not paint or style the same thing twice.

    **One frame per change.** A widget asks for a repaint with ``refresh()``
    and tells the screen in a message, which the screen reads only after
    drawing the current frame; its next frame comes an update period (1/60 s)
    later. A layout sets the size of every scrollbar during the frame it
    draws, and a focus change restyles the widgets it concerns as it happens,
    so each of those drew a second frame of its own: 15-25 ms later, and over
    SSH the same cells sent again. Here the frame takes in every widget whose
    repaint is pending. Textual paints only the regions each widget marked,
    so this costs a walk over the visible widgets and nothing when none is
    pending.

    **Styled once when first shown.** Textual styles a pushed screen's
    widgets as they mount, then all of them again when the screen is first
    shown; the second time changes nothing.

    **The first frame reaches the terminal.** The app's first screen is
    Textual's default screen (see ``BriefingApp.get_default_screen``), drawn
    while the app is still in its start-up batch, whose frames Textual drops.
    The screen holds such a frame back; the app paints it when the batch ends.
    """

    _shown_before = False
    _frame_held = False

    def _compositor_refresh(self) -> None:
        # Textual 8.2's hook between a layout and its paint (pinned in pyproject.toml).
        if self.app._batch_count:
            # The app is in a batch (its start-up, a recompose) and would drop
            # this frame (its _display returns early); nothing would paint it
            # again. Held back until the batch ends: see paint_held_frame.
            self._frame_held = True
            return
        compositor = self._compositor
        compositor.update_widgets(set(compositor.visible_widgets))
        super()._compositor_refresh()

    def paint_held_frame(self) -> None:
        """Paint the frame held back during the app's batch, if there is one.

        The app calls this when its batch ends.
        """
        if self._frame_held:
            self._frame_held = False
            self._compositor_refresh()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler, which restyles when asked to. Later
        # resumes (back from the help, say) restyle: styles may have changed.
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False
