"""Every binding id of the app, for checking a user's ``[keymap]`` settings.

Textual ignores a keymap entry whose id no binding has; a typo would then
silently do nothing. The CLI checks the settings against these ids and
tells the reader which entry is wrong, on which line.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual.binding import Binding
from textual.dom import DOMNode


def subclasses(cls: type) -> Iterator[type]:
    """Every subclass of *cls*, recursively."""
    for subclass in cls.__subclasses__():
        yield subclass
        yield from subclasses(subclass)


def binding_ids() -> set[str]:
    """The ids of the bindings of every app, screen and widget class the app defines."""
    # Importing the apps imports every screen and widget they use.
    import briefing_tui.ui.follow_app  # noqa: F401
    import briefing_tui.ui.notes_app  # noqa: F401
    import briefing_tui.ui.present_app  # noqa: F401
    import briefing_tui.ui.screens.note_editor  # noqa: F401
    import briefing_tui.ui.screens.quiz  # noqa: F401
    import briefing_tui.ui.screens.search  # noqa: F401

    ids: set[str] = set()
    for cls in subclasses(DOMNode):
        if not cls.__module__.startswith("briefing_tui."):
            continue
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.id:
                ids.add(binding.id)
    return ids
