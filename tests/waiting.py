"""Waiting in Pilot tests for something the app does in its own time (a timer, a reload).

A fixed ``pilot.pause(seconds)`` passes on an idle machine and fails on a
loaded one; :func:`until` waits for the outcome itself, up to a generous limit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.pilot import Pilot

from tests.screen import shows

TIMEOUT = 5.0
"""Seconds to wait before a test fails: far above what any awaited step takes."""


async def until(
    pilot: Pilot[Any], condition: Callable[[], bool], what: str, timeout: float = TIMEOUT
) -> None:
    """Let the app run until *condition* holds; fail naming *what* after *timeout* seconds.

    A condition that looks for a widget of a screen still being built raises
    NoMatches; that counts as not yet.
    """
    for _ in range(int(timeout / 0.01)):
        try:
            if condition():
                return
        except NoMatches:
            pass
        await pilot.pause(0.01)
    pytest.fail(f"timed out waiting for {what}")


def palette_lists(app: App[Any], text: str) -> bool:
    """The command palette has listed every hit for what was typed, *text* among them.

    The palette gathers its hits in a worker and may show a first batch before
    the rest (ranked above or below it); its list is final once that worker ends.
    """
    palette = app.screen
    if not isinstance(palette, CommandPalette):
        return False
    gathering = any(worker.node is palette and not worker.is_finished for worker in app.workers)
    return not gathering and shows(app, text, within=palette.query_one(CommandList))
