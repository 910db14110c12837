"""The presenter's stopwatch, on a clock that tests can replace."""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]
"""Seconds on a monotonic clock, like :func:`time.monotonic`."""


class Stopwatch:
    """A stopwatch that starts, pauses and resets; it reads *clock* only when asked."""

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self._clock = clock
        self._banked = 0.0
        self._started_at: float | None = None

    @property
    def running(self) -> bool:
        """True while the stopwatch counts."""
        return self._started_at is not None

    @property
    def elapsed(self) -> float:
        """Seconds counted so far."""
        if self._started_at is None:
            return self._banked
        return self._banked + max(0.0, self._clock() - self._started_at)

    def start(self) -> None:
        """Start counting (no-op while running)."""
        if self._started_at is None:
            self._started_at = self._clock()

    def pause(self) -> None:
        """Stop counting, keeping the time so far (no-op while paused)."""
        if self._started_at is not None:
            self._banked = self.elapsed
            self._started_at = None

    def toggle(self) -> None:
        """Start when paused, pause when running."""
        if self.running:
            self.pause()
        else:
            self.start()

    def reset(self) -> None:
        """Back to zero; a running stopwatch keeps running from zero."""
        self._banked = 0.0
        if self._started_at is not None:
            self._started_at = self._clock()


def format_duration(seconds: float) -> str:
    """*seconds* as ``MM:SS``, or ``H:MM:SS`` from an hour on; whole seconds, rounded down."""
    whole = int(max(0.0, seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"
