"""The polling file watcher, and what survives a reload."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing_tui.core.content.loader import parse_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.content.watch import FileWatcher, history_after_reload
from briefing_tui.core.study.navigation import OVERVIEW, History, Place, resolve_place


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def watched(tmp_path: Path) -> Path:
    path = tmp_path / "talk.toml"
    path.write_text("version one\n", encoding="utf-8")
    return path


def watcher_for(path: Path, clock: FakeClock) -> FileWatcher:
    return FileWatcher(path, interval=0.1, settle=0.05, missing_grace=1.0, clock=clock)


def test_nothing_to_report_while_the_file_is_untouched(watched: Path, clock: FakeClock) -> None:
    watcher = watcher_for(watched, clock)
    for _ in range(5):
        clock.advance(0.1)
        assert watcher.poll() is None
    assert watcher.unchanged()


def test_a_save_in_place_is_reported_once(watched: Path, clock: FakeClock) -> None:
    watcher = watcher_for(watched, clock)
    watched.write_text("version two, longer\n", encoding="utf-8")
    assert watcher.poll() == "changed"
    assert watcher.unchanged()
    clock.advance(0.1)
    assert watcher.poll() is None


def test_a_file_still_being_written_is_not_unchanged_and_is_reported_again(
    watched: Path, clock: FakeClock
) -> None:
    watcher = watcher_for(watched, clock)
    watched.write_text("", encoding="utf-8")  # truncated: the first half of a save
    assert watcher.poll() == "changed"
    watched.write_text("version two\n", encoding="utf-8")  # the second half, while loading
    assert not watcher.unchanged(), "what was read may be half a file"
    clock.advance(0.1)
    assert watcher.poll() == "changed"
    assert watcher.unchanged()


def test_a_save_by_rename_is_reported(watched: Path, clock: FakeClock) -> None:
    watcher = watcher_for(watched, clock)
    temporary = watched.with_name(".talk.toml.swp")
    temporary.write_text("version one\n", encoding="utf-8")  # same size: only the inode differs
    os.replace(temporary, watched)
    assert watcher.poll() == "changed"


def test_a_briefly_missing_file_is_sat_out(watched: Path, clock: FakeClock) -> None:
    watcher = watcher_for(watched, clock)
    watched.unlink()
    for _ in range(9):
        clock.advance(0.1)
        assert watcher.poll() is None
    watched.write_text("version two\n", encoding="utf-8")
    clock.advance(0.1)
    assert watcher.poll() == "changed"


def test_a_file_missing_for_longer_is_reported_once_then_its_return(
    watched: Path, clock: FakeClock
) -> None:
    watcher = watcher_for(watched, clock)
    watched.unlink()
    assert watcher.poll() is None
    assert not watcher.unchanged()
    clock.advance(1.0)
    assert watcher.poll() == "missing"
    assert watcher.unchanged(), "still missing, as reported"
    clock.advance(0.1)
    assert watcher.poll() is None
    watched.write_text("version one\n", encoding="utf-8")
    # Even identical content counts: the app is showing "no such file".
    assert watcher.poll() == "changed"


def test_a_file_moved_away_and_back_is_reported_after_it_was_missing(
    watched: Path, clock: FakeClock
) -> None:
    watcher = watcher_for(watched, clock)
    aside = watched.with_name("aside.toml")
    os.replace(watched, aside)
    watcher.poll()
    clock.advance(1.0)
    assert watcher.poll() == "missing"
    os.replace(aside, watched)  # the very same stamp as before
    assert watcher.poll() == "changed"


def test_a_file_missing_from_the_start_is_reported_when_it_appears(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "later.toml"
    watcher = watcher_for(path, clock)
    clock.advance(2.0)
    assert watcher.poll() is None
    path.write_text("here now\n", encoding="utf-8")
    assert watcher.poll() == "changed"


# What survives a reload -------------------------------------------------------

OLD = """
format = 1
[briefing]
id = "b"
title = "B"
[[sections]]
id = "one"
title = "One"
body = "1"
[[sections]]
id = "two"
title = "Two"
body = "2"
[[sections]]
id = "three"
title = "Three"
body = "3"
[[actors]]
id = "a"
name = "A"
kind = "state"
[[scoreboards]]
id = "board"
title = "Board"
[[scoreboards.arguments]]
id = "p"
side = "pro"
claim = "P"
[[scoreboards.arguments]]
id = "c"
side = "con"
claim = "C"
[[timeline]]
date = "2020"
title = "E1"
[[timeline]]
date = "2021"
title = "E2"
[[glossary]]
term = "Soft power"
definition = "D"
"""


@pytest.fixture
def old() -> Briefing:
    return parse_briefing(OLD, "old.toml")


ACTOR = '[[actors]]\nid = "a"\nname = "A"\nkind = "state"\n'


def edited(text: str = OLD, **renames: str) -> Briefing:
    """*text* with some ids renamed (``one="uno"``)."""
    for before, after in renames.items():
        text = text.replace(f'id = "{before}"\n', f'id = "{after}"\n')
    return parse_briefing(text, "new.toml")


def test_places_that_still_exist_are_kept(old: Briefing) -> None:
    for place in (
        OVERVIEW,
        Place("section", "two"),
        Place("actors"),
        Place("actor", "a"),
        Place("scoreboard", "board", "c"),
        Place("timeline", "1"),
        Place("glossary", "soft power"),
    ):
        assert resolve_place(old, place) == place


def test_places_whose_item_has_gone_are_trimmed_or_dropped(old: Briefing) -> None:
    assert resolve_place(old, Place("section", "gone")) is None
    assert resolve_place(old, Place("actor", "gone")) is None
    assert resolve_place(old, Place("scoreboard", "gone")) is None
    assert resolve_place(old, Place("scoreboard", "board", "gone")) == Place("scoreboard", "board")
    assert resolve_place(old, Place("timeline", "7")) == Place("timeline")
    assert resolve_place(old, Place("glossary", "hard power")) == Place("glossary")


def test_history_is_carried_over_with_its_position(old: Briefing) -> None:
    history = History()
    for place in (Place("section", "one"), Place("section", "two"), Place("actor", "a")):
        history.visit(place)
    history.back()
    carried = history_after_reload(history, old, old)
    assert carried.current == Place("section", "two")
    assert carried.back() == Place("section", "one")
    assert carried.back() == OVERVIEW
    assert carried.back() is None
    assert history.current == Place("section", "two"), "the old history must be left alone"
    assert history.forward() == Place("actor", "a")


def test_history_drops_visits_to_what_has_gone(old: Briefing) -> None:
    history = History()
    for place in (Place("section", "one"), Place("actor", "a"), Place("section", "three")):
        history.visit(place)
    carried = history_after_reload(history, old, edited(OLD.replace(ACTOR, ""), one="uno"))
    assert carried.current == Place("section", "three")
    assert carried.back() == OVERVIEW
    assert carried.back() is None


def test_a_renamed_current_item_is_replaced_by_the_one_at_its_position(old: Briefing) -> None:
    history = History()
    history.visit(Place("section", "two"))
    carried = history_after_reload(history, old, edited(two="deux"))
    assert carried.current == Place("section", "deux")


def test_a_current_item_of_a_kind_that_is_all_gone_falls_back_to_the_overview(
    old: Briefing,
) -> None:
    history = History()
    history.visit(Place("actor", "a"))
    assert history_after_reload(history, old, edited(OLD.replace(ACTOR, ""))).current == OVERVIEW
