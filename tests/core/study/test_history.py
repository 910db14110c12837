"""The reader's history: back and forward, each visit with what the UI kept of it."""

from __future__ import annotations

from briefing_tui.core.study.navigation import OVERVIEW, History, Place

FIRST = Place("section", "first")
SECOND = Place("section", "second")


def test_back_and_forward_hand_back_each_visit_s_memo() -> None:
    history = History()
    history.remember("overview scrolled")
    history.visit(FIRST)
    assert history.memo is None
    history.remember("first, line 40")
    history.visit(SECOND)
    history.remember("second, a link focused")
    assert history.back() == FIRST
    assert history.memo == "first, line 40"
    assert history.back() == OVERVIEW
    assert history.memo == "overview scrolled"
    assert history.forward() == FIRST
    assert history.memo == "first, line 40"
    assert history.forward() == SECOND
    assert history.memo == "second, a link focused"
    assert history.forward() is None
    assert history.memo == "second, a link focused"


def test_a_new_visit_drops_the_forward_list_and_starts_without_a_memo() -> None:
    history = History(FIRST)
    history.remember("kept")
    history.visit(SECOND)
    history.back()
    history.visit(Place("actors"))
    assert not history.can_go_forward
    assert history.memo is None
    assert history.back() == FIRST
    assert history.memo == "kept"


def test_visiting_the_current_place_again_keeps_its_memo() -> None:
    history = History(FIRST)
    history.remember("kept")
    history.visit(FIRST)
    assert history.memo == "kept"
    assert not history.can_go_back
