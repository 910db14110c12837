"""Notice when a briefing file is saved, and work out what survives a reload.

:class:`FileWatcher` polls the file's stamp (modification time, size and
inode) rather than asking the operating system for events: one ``stat`` a
tenth of a second costs nothing, needs no dependency, and sees every way
editors save. A save by rename gives the path a new inode; a save by
truncate-and-write changes size and time; and between the two halves of
either the path may briefly not exist, which the watcher sits out instead of
reporting.

A new stamp is reported at once, so a reload starts without delay. A file
caught half-written is dealt with by the reader of the file: it loads, then
asks :meth:`FileWatcher.unchanged` whether the stamp held while it read.
If not, the save was still going on, the result is dropped, and the next
poll reports the finished file.

After a reload the reader should stay where they were. The model is new, so
places are checked against it: :func:`~briefing_tui.core.study.navigation.resolve_place`
keeps a place whose item still exists, and :func:`history_after_reload` carries
back/forward history over, dropping what no longer exists and moving a
reader whose item was renamed to the item now at its position.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal, NamedTuple

from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.navigation import OVERVIEW, History, Place, resolve_place

WatchEvent = Literal["changed", "missing"]
"""What :meth:`FileWatcher.poll` reports: a new version, or the file gone for good."""

POLL_INTERVAL = 0.1
"""Seconds between two looks at the file: a save shows within this plus the reload."""
SETTLE_TIME = 0.05
"""How long to wait before trusting that a file which fails to load is not still being written."""
MISSING_GRACE = 1.0
"""How long the file may be missing (mid-save) before that is reported."""


class FileStamp(NamedTuple):
    """What a save changes about a file."""

    mtime_ns: int
    size: int
    inode: int
    device: int


def stamp_of(path: str | os.PathLike[str]) -> FileStamp | None:
    """The stamp of the file at *path*, or None when it cannot be seen (missing, say)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return FileStamp(info.st_mtime_ns, info.st_size, info.st_ino, info.st_dev)


class FileWatcher:
    """Poll one file and report each new version of it.

    Call :meth:`poll` every :attr:`interval` seconds; it is a single
    ``stat`` and never reads the file. After loading the file on a
    ``"changed"`` report, call :meth:`unchanged` to learn whether what was
    read is a finished save.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        interval: float = POLL_INTERVAL,
        settle: float = SETTLE_TIME,
        missing_grace: float = MISSING_GRACE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Start watching *path*; its current state counts as already loaded.

        Args:
            path: The file to watch.
            interval: Seconds between polls (for the caller's timer).
            settle: Seconds to wait, after a failed load, before believing the failure.
            missing_grace: Seconds the file may be missing before that is reported.
            clock: Monotonic time source (tests pass a fake one).
        """
        self.path = Path(path)
        self.interval = interval
        self.settle = settle
        self.missing_grace = missing_grace
        self._clock = clock
        self._reported = stamp_of(self.path)
        """The stamp last reported; None once the file has been reported missing."""
        self._missing_since: float | None = None

    def poll(self) -> WatchEvent | None:
        """Look at the file once: report a new version, a lasting absence, or nothing."""
        current = stamp_of(self.path)
        if current is None:
            now = self._clock()
            if self._missing_since is None:
                self._missing_since = now
            if self._reported is not None and now - self._missing_since >= self.missing_grace:
                self._reported = None
                return "missing"
            return None
        self._missing_since = None
        if current == self._reported:
            return None
        self._reported = current
        return "changed"

    def unchanged(self) -> bool:
        """True when the file is still as last reported (or still missing, if that was reported).

        Ask after loading the file: False means it changed while being read
        (a save still going on), so what was read may be half a file; the
        next :meth:`poll` reports the newer version.
        """
        return stamp_of(self.path) == self._reported


def _fallback(old: Briefing, new: Briefing, place: Place) -> Place:
    """Where to go when *place*'s item has gone (its id renamed, say).

    The item now at the same position (clamped to the end), or the overview
    when the new briefing has none of that kind left.
    """
    lists: dict[str, tuple[list[str], list[str]]] = {
        "section": (list(old.sections_by_id), list(new.sections_by_id)),
        "actor": (list(old.actors_by_id), list(new.actors_by_id)),
        "scoreboard": (list(old.scoreboards_by_id), list(new.scoreboards_by_id)),
    }
    if place.view in lists:
        old_ids, new_ids = lists[place.view]
        if place.item in old_ids and new_ids:
            index = min(old_ids.index(place.item), len(new_ids) - 1)
            return Place(place.view, new_ids[index])
    return OVERVIEW


def history_after_reload(history: History, old: Briefing, new: Briefing) -> History:
    """A history for the *new* briefing: the same visits as *history*, less what has gone.

    The current place is kept when it still exists; otherwise the reader
    lands on the item now at the same position, or the nearest view that
    exists. *history* itself is left as it was.
    """
    # Walk to the oldest entry collecting every place, then walk back again.
    forward_count = 0
    while history.forward() is not None:
        forward_count += 1
    visits = [history.current]
    while (place := history.back()) is not None:
        visits.append(place)
    for _ in range(len(visits) - 1 - forward_count):
        history.forward()
    visits.reverse()
    current_index = len(visits) - 1 - forward_count

    kept: list[Place] = []
    new_current_index = 0
    for index, place in enumerate(visits):
        survivor = resolve_place(new, place)
        if survivor is None and index == current_index:
            survivor = _fallback(old, new, place)
        if survivor is None:
            continue
        if not kept or kept[-1] != survivor:
            kept.append(survivor)
        if index == current_index:
            new_current_index = len(kept) - 1

    rebuilt = History(kept[0])
    for place in kept[1:]:
        rebuilt.visit(place)
    for _ in range(len(kept) - 1 - new_current_index):
        rebuilt.back()
    return rebuilt
