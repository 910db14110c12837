"""Base of the presenting apps: the briefing app, opening on its own screen."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from typing import ClassVar

from textual.actions import ActionParseResult
from textual.dom import DOMNode
from textual.screen import Screen

from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.failures import report_failure


class SlideApp(BriefingApp):
    """A :class:`BriefingApp` (themes, keymap, help, palette) that opens on its own screen."""

    # The views' stylesheet too: slides draw a BalanceMeter, styled there.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        *BriefingApp.CSS_PATH,
        "widgets/views.tcss",
        "slides.tcss",
    ]
    # Pushed over Textual's default screen: as the default screen, a
    # follower's slide, recomposed when the presenter's state arrives, was
    # sometimes left unpainted (one run in three of the SSH follower test).
    FIRST_SCREEN_IS_DEFAULT = False

    def first_screen(self) -> Screen[None]:
        """The screen the app opens on."""
        raise NotImplementedError

    def navigate(self, place: Place) -> None:
        """A place chosen in the command palette; these apps have no explorer to show it in."""
        self.notify("This view follows the presenter", timeout=3, markup=False)

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Run *action*; one that fails is reported on screen and the app carries on.

        Every key binding runs through here. Ending the app on a failed key
        would end the talk for the presenter and every follower.
        """
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except Exception as error:
            report_failure(self, self._action_description(action), error)
            return True

    def _action_description(self, action: str | ActionParseResult) -> str:
        """What the binding that runs *action* says it does, or the action's name."""
        name = action if isinstance(action, str) else action[1]
        for active in self.screen.active_bindings.values():
            if active.binding.action == name and active.binding.description:
                return active.binding.description
        return repr(name)
