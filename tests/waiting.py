"""Waiting in Pilot tests for something the app does in its own time (a timer, a reload).

A fixed ``pilot.pause(seconds)`` passes on an idle machine and fails on a
loaded one; :func:`until` waits for the outcome itself, up to a generous limit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.css.query import NoMatches
from textual.pilot import Pilot

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
