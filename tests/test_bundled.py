"""The bundled briefing loads and is complete enough for every mode of the app."""

from __future__ import annotations

import pytest

from briefing_tui.core.config.resources import bundled_dir, default_briefing_path
from briefing_tui.core.content.links import find_link_targets, parse_internal_link
from briefing_tui.core.content.loader import load_briefing
from briefing_tui.core.content.model import Briefing

MAIN_ACTORS = [
    "china",
    "russia",
    "north-korea",
    "united-states",
    "south-korea",
    "japan",
    "nato",
    "ukraine",
]


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return load_briefing(default_briefing_path())


def test_every_bundled_briefing_loads() -> None:
    paths = sorted(bundled_dir("content").glob("*.toml"))
    assert default_briefing_path() in paths
    for path in paths:
        load_briefing(path)


def test_sections_have_key_points_actors_and_notes(briefing: Briefing) -> None:
    assert len(briefing.sections) >= 7
    for section in briefing.sections:
        assert section.key_points, section.id
        assert section.actors, section.id
        assert section.notes, section.id


def test_main_actors_are_described(briefing: Briefing) -> None:
    actors = briefing.actors_by_id
    european = [actor for actor in briefing.actors if "europe" in actor.name.lower()]
    assert european, "an actor for the European countries"
    for actor in [*(actors[actor_id] for actor_id in MAIN_ACTORS), *european]:
        assert actor.stance != "unknown", actor.id
        assert actor.role, actor.id
        assert actor.interests, actor.id
        assert actor.concerns, actor.id


def test_the_beijing_scoreboard(briefing: Briefing) -> None:
    (board,) = [b for b in briefing.scoreboards if b.title == "Does the alignment serve Beijing?"]
    assert board.perspective == "china"
    pros = [argument for argument in board.arguments if argument.side == "pro"]
    cons = [argument for argument in board.arguments if argument.side == "con"]
    assert len(pros) >= 4
    assert len(cons) >= 4
    for argument in board.arguments:
        assert argument.sections, argument.id
        assert argument.actors, argument.id
    # The article concludes that the costs probably outweigh the gains.
    assert sum(a.weight for a in cons) > sum(a.weight for a in pros)


def test_timeline_glossary_and_questions(briefing: Briefing) -> None:
    assert len(briefing.timeline) >= 5
    assert len(briefing.glossary) >= 6
    assert len(briefing.questions) >= 6


def test_section_bodies_link_inside_the_briefing(briefing: Briefing) -> None:
    kinds = {
        link.kind
        for section in briefing.sections
        for target in find_link_targets(section.body)
        if (link := parse_internal_link(target)) is not None
    }
    assert {"section", "actor", "term"} <= kinds
    linked = [
        s.id for s in briefing.sections if any(t.startswith("#") for t in find_link_targets(s.body))
    ]
    assert len(linked) >= len(briefing.sections) // 2
