"""SVG snapshots of every view, and of the scoreboard and an actor panel in each theme.

Review a changed snapshot (``pytest --snapshot-update``, then look at the SVG)
before committing it.
"""

from __future__ import annotations

import pytest

from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.loader import load_briefing
from briefing_tui.ui.app import BriefingApp

VIEWS = {
    "overview": [],
    "section": ["2", "right_square_bracket"],
    "actors": ["3"],
    "actor-panel": ["3", "enter"],
    "scoreboard": ["4", "j", "plus"],
    "timeline": ["5", "j"],
    "glossary": ["6", "j", "j"],
    "help": ["question_mark"],
    "quiz": ["T"],
    "quiz-answer": ["T", *"shells", "enter"],
    "flashcard-answer": ["F", "space"],
    "progress": ["P"],
}
THEMES = ["briefing-dark", "briefing-light", "high-contrast", "mono"]


@pytest.fixture(autouse=True)
def steady_fuzz(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scheduler spreads due dates at random: the middle of its range, every time."""
    monkeypatch.setattr("fsrs.scheduler.random", lambda: 0.5)


def make_app(theme: str = "briefing-dark") -> BriefingApp:
    return BriefingApp(load_briefing(default_briefing_path()), theme=theme)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_view(snap_compare, view: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), press=VIEWS[view], terminal_size=size)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("view", ["scoreboard", "actor-panel"])
def test_theme(snap_compare, view: str, theme: str) -> None:
    assert snap_compare(make_app(theme), press=VIEWS[view], terminal_size=(80, 24))
