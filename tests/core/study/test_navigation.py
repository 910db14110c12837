"""Places remembered across an edit of the file: one rule decides what survives."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.core.content.loader import parse_briefing
from briefing_tui.core.content.model import Briefing, term_key
from briefing_tui.core.study.navigation import VIEWS, Place, exists, resolve_place

TEXT = """
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
[[actors]]
id = "a"
name = "A"
kind = "state"
[[actors]]
id = "b"
name = "B"
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
[[glossary]]
term = "Hard power"
definition = "H"
"""

BLOCK = re.compile(r"\n(?=\[\[)")


def test_a_term_renamed_with_its_old_name_as_alias_is_found_under_its_new_name() -> None:
    renamed = parse_briefing(
        TEXT.replace('term = "Soft power"', 'term = "Attraction"\naliases = ["Soft power"]'), "x"
    )
    assert resolve_place(renamed, Place("glossary", "soft power")) == Place(
        "glossary", "attraction"
    )


def test_an_event_or_term_that_has_gone_leaves_its_list() -> None:
    briefing = parse_briefing(TEXT, "x")
    assert resolve_place(briefing, Place("timeline", "9")) == Place("timeline")
    assert resolve_place(briefing, Place("glossary", "sharp power")) == Place("glossary")
    assert not exists(briefing, Place("glossary", "sharp power"))


def mutated(blocks: list[str], keep: list[bool], rename_term: bool) -> Briefing:
    """The briefing with some tables removed (never the first section) and maybe a term renamed."""
    kept = [block for block, wanted in zip(blocks, keep, strict=True) if wanted]
    text = "\n".join(kept)
    if rename_term:
        text = text.replace('term = "Soft power"', 'term = "Attraction"\naliases = ["Soft power"]')
    return parse_briefing(text, "edited.toml")


@st.composite
def edits(draw: st.DrawFn) -> tuple[Briefing, Place]:
    blocks = BLOCK.split(TEXT)
    arguments = [i for i, block in enumerate(blocks) if block.startswith("[[scoreboards.arg")]
    board = next(i for i, block in enumerate(blocks) if block.startswith("[[scoreboards]]"))
    # The header and the first section stay: a briefing needs a section.
    keep = [True, True] + [draw(st.booleans()) for _ in blocks[2:]]
    # A board needs an argument, and an argument its board.
    if not any(keep[i] for i in arguments):
        keep[board] = False
    if not keep[board]:
        for i in arguments:
            keep[i] = False
    view = draw(st.sampled_from(VIEWS))
    item = draw(
        st.sampled_from(ITEMS) | st.text(max_size=8),
    )
    detail = draw(st.sampled_from(["", "p", "c", "gone"]))
    return mutated(blocks, keep, draw(st.booleans())), Place(view, item, detail)


ITEMS = ["", "one", "two", "a", "b", "board", "0", "1", "9", "soft power", "hard power", "gone"]


@settings(max_examples=300, deadline=None)
@given(edits())
def test_every_kind_of_place_against_edited_briefings(edit: tuple[Briefing, Place]) -> None:
    briefing, place = edit
    resolved = resolve_place(briefing, place)
    if resolved is None:
        return
    # What it gives can be shown as it is, in the same view (or its list).
    assert exists(briefing, resolved)
    assert resolved.view == place.view
    if resolved.view == "section":
        assert resolved.item in briefing.sections_by_id
    if resolved.view == "timeline" and resolved.item:
        assert int(resolved.item) < len(briefing.timeline)
    if resolved.view == "glossary" and resolved.item:
        assert resolved.item in {term_key(term.term) for term in briefing.glossary}
    if resolved.view == "scoreboard" and resolved.detail:
        board = briefing.scoreboards_by_id[resolved.item]
        assert resolved.detail in {argument.id for argument in board.arguments}
