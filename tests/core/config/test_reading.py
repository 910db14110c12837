"""Files read at start: never a hang on a FIFO, never more than the limit."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefing_tui.core.config.cache import ValidationCache
from briefing_tui.core.config.reading import (
    FileTooLarge,
    NotARegularFile,
    read_regular_file,
)
from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.config.settings import read_state
from briefing_tui.core.content.loader import load_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.store import StudyStore


def within_seconds(call: Callable[[], Any], seconds: float = 5.0) -> Any:
    """The result of *call*, which must return (or raise) within *seconds*: a FIFO hangs."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(("value", call()))
        except BaseException as error:
            outcome.append(("error", error))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"still blocked after {seconds} s"
    kind, value = outcome[0]
    if kind == "error":
        raise value
    return value


@pytest.fixture
def bundled() -> Briefing:
    return load_briefing(default_briefing_path())


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"x" * 10)
    assert read_regular_file(path, 10) == b"x" * 10


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"x" * 11)
    with pytest.raises(FileTooLarge) as caught:
        read_regular_file(path, 10)
    assert caught.value.size == 11


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_what_is_not_a_regular_file_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "special"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path = Path("/dev/zero")
    with pytest.raises((NotARegularFile, IsADirectoryError)):
        within_seconds(lambda: read_regular_file(path, 10))


def test_a_fifo_as_the_study_file_is_reported_not_waited_on(
    tmp_path: Path, bundled: Briefing
) -> None:
    os.mkfifo(tmp_path / f"{bundled.briefing.id}.json")
    study = within_seconds(lambda: StudyStore(bundled, directory=tmp_path))
    assert any("not a regular file" in message for message in study.messages), study.messages


def test_a_fifo_as_the_state_file_is_reported_not_waited_on(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    os.mkfifo(path)
    state, warning = within_seconds(lambda: read_state(path))
    assert state == {}
    assert warning is not None
    assert "not a regular file" in warning


def test_a_fifo_as_a_cache_entry_is_a_miss_not_a_hang(tmp_path: Path, bundled: Briefing) -> None:
    cache = ValidationCache(tmp_path)
    digest = "0" * 64
    os.mkfifo(tmp_path / f"briefing-{digest}.json")
    assert within_seconds(lambda: cache.load("briefing", digest, Briefing)) is None
