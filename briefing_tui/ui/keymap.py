"""Every binding id of the app, for checking a user's ``[keymap]`` settings.

Textual ignores a keymap entry whose id no binding has; a typo would then
silently do nothing. The CLI checks the settings against these ids and
tells the reader which entry is wrong, on which line.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from textual.binding import Binding
from textual.dom import DOMNode


def subclasses(cls: type[Any]) -> Iterator[type[Any]]:
    """Every subclass of *cls*, recursively."""
    for subclass in cls.__subclasses__():
        yield subclass
        yield from subclasses(subclass)


def binding_ids(wanted: Collection[str] | None = None) -> set[str]:
    """The ids of the bindings of every app, screen and widget class the app defines.

    With *wanted*, the ids are those of the classes imported so far when
    they include all of *wanted*: a keymap of the explorer's own bindings
    then costs no import of the presenter, the follower and the protocol.
    """
    if wanted is not None:
        ids = _imported_binding_ids()
        if ids.issuperset(wanted):
            return ids
    # Importing the apps imports every screen and widget they use, but for
    # those imported on first use: the screens below, and the explorer's
    # views, which its help imports (as the help screen does).
    import briefing_tui.ui.follow_app
    import briefing_tui.ui.notes_app
    import briefing_tui.ui.present_app
    import briefing_tui.ui.screens.note_editor
    import briefing_tui.ui.screens.progress
    import briefing_tui.ui.screens.quiz
    import briefing_tui.ui.screens.search  # noqa: F401
    from briefing_tui.ui.screens.explorer import ExplorerScreen

    ExplorerScreen.help_widgets()
    return _imported_binding_ids()


def _imported_binding_ids() -> set[str]:
    ids: set[str] = set()
    for cls in subclasses(DOMNode):
        if not cls.__module__.startswith("briefing_tui."):
            continue
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.id:
                ids.add(binding.id)
    return ids
