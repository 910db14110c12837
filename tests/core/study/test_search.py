"""Incremental search: what matches, how hits rank, snippets and spans, narrowing."""

from __future__ import annotations

import functools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.loader import briefing_from_data, load_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study.search import (
    SNIPPET_WIDTH,
    NoteText,
    SearchIndex,
    Target,
    fold_case,
    name_match,
    plain_text,
)

SMALL = briefing_from_data(
    {
        "format": 1,
        "briefing": {"id": "small", "title": "Small"},
        "sections": [
            {
                "id": "history",
                "title": "A long history",
                "key_points": ["Moscow balanced both Koreas"],
                "body": (
                    "Long before the war, [Russia](#actor:russia) kept **its distance** "
                    "from Pyongyang. " + "Filler words go here. " * 12 + "The truce held."
                ),
            },
            {
                "id": "russia-gains",
                "title": "Russia's gains",
                "body": "Shells for the front.",
            },
        ],
        "actors": [
            {
                "id": "russia",
                "name": "Russia",
                "kind": "state",
                "role": "Buys shells",
                "summary": "A *large* state.",
                "interests": ["Ammunition"],
                "concerns": ["Running short"],
                "quotes": [{"text": "We need shells", "by": "A general"}],
            }
        ],
        "scoreboards": [
            {
                "id": "board",
                "title": "Does it pay?",
                "arguments": [
                    {
                        "id": "gain",
                        "side": "pro",
                        "claim": "Russia keeps fighting.",
                        "detail": "It needs shells.",
                    }
                ],
            }
        ],
        "timeline": [
            {
                "date": "2023-09-13",
                "title": "Summit at Vostochny",
                "detail": "Kim meets Putin.",
            },
            {"date": "2022-02-24", "title": "Invasion of Ukraine"},
        ],
        "glossary": [
            {
                "term": "Pariah state",
                "definition": "A state shunned by others.",
                "aliases": ["outcast"],
            }
        ],
        "questions": [{"prompt": "Why does Russia need shells?", "answer": "It ran short."}],
    }
)


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(SMALL)


def targets(hits) -> list[tuple[str, str | int]]:
    return [tuple(hit.target) for hit in hits]


def test_every_listed_field_is_searchable(index: SearchIndex) -> None:
    expected = {
        "history": (Target("section", "history"), "title"),
        "balanced": (Target("section", "history"), "key_points"),
        "pyongyang": (Target("section", "history"), "body"),
        "buys": (Target("actor", "russia"), "role"),
        "large": (Target("actor", "russia"), "summary"),
        "ammunition": (Target("actor", "russia"), "interests"),
        "running": (Target("actor", "russia"), "concerns"),
        "we need": (Target("actor", "russia"), "quotes"),
        "fighting": (Target("argument", "board/gain"), "claim"),
        "it needs": (Target("argument", "board/gain"), "detail"),
        "vostochny": (Target("event", 1), "title"),
        "putin": (Target("event", 1), "detail"),
        "invasion": (Target("event", 0), "title"),
        "pariah": (Target("term", "pariah state"), "term"),
        "outcast": (Target("term", "pariah state"), "aliases"),
        "shunned": (Target("term", "pariah state"), "definition"),
        "why does": (Target("question", 0), "prompt"),
        "ran short": (Target("question", 0), "answer"),
    }
    for query, (target, field) in expected.items():
        hits = index.search(query)
        assert [(hit.target, hit.field) for hit in hits] == [(target, field)], query


def test_events_are_indexed_in_date_order(index: SearchIndex) -> None:
    (hit,) = index.search("invasion")
    assert SMALL.events_in_order[hit.target.id].title == "Invasion of Ukraine"


def test_case_insensitive_and_all_words_must_match(index: SearchIndex) -> None:
    assert targets(index.search("PYONGYANG")) == [("section", "history")]
    assert targets(index.search("russia shells")) == [("question", 0)]
    assert index.search("russia nothing-like-this") == []
    assert index.search("   ") == []
    assert index.search("russia", limit=0) == []


def test_names_rank_before_key_points_and_claims_before_bodies(
    index: SearchIndex,
) -> None:
    hits = index.search("russia")
    fields = [hit.field for hit in hits]
    assert hits[0].target == Target("actor", "russia")
    assert fields.index("claim") < fields.index("body")
    assert fields[:2] == ["name", "title"]


def test_whole_field_then_prefix_then_word_start_then_inside(
    index: SearchIndex,
) -> None:
    # "Russia" (whole name) before "Russia's gains" (start) ...
    hits = index.search("russia")
    assert [hit.label for hit in hits[:2]] == ["Russia", "Russia's gains"]
    # ... and a word starting with "tru" before "tru" inside a word.
    hits = [hit for hit in index.search("ru") if hit.field == "body"]
    assert [hit.target for hit in hits] == [Target("section", "history")]


def test_limit_keeps_the_best(index: SearchIndex) -> None:
    everything = index.search("s")
    assert len(everything) > 3
    assert index.search("s", limit=3) == everything[:3]


def test_snippet_strips_markdown_and_spans_point_at_the_words(
    index: SearchIndex,
) -> None:
    (hit,) = index.search("distance pyongyang")
    assert "[" not in hit.snippet
    assert "(#actor" not in hit.snippet
    assert "**" not in hit.snippet
    assert "Russia kept its distance from Pyongyang" in hit.snippet
    assert [hit.snippet[start:end] for start, end in hit.spans] == [
        "distance",
        "Pyongyang",
    ]
    assert hit.span == hit.spans[0]


def test_long_fields_are_cut_around_the_match_with_ellipses(index: SearchIndex) -> None:
    (hit,) = index.search("truce")
    assert hit.snippet.startswith("…")
    assert not hit.snippet.endswith("…")
    assert len(hit.snippet) <= SNIPPET_WIDTH + 2
    start, end = hit.span
    assert hit.snippet[start:end] == "truce"
    assert "\n" not in hit.snippet


def test_link_targets_are_not_searched(index: SearchIndex) -> None:
    assert index.search("actor:russia") == []


def test_plain_text() -> None:
    assert plain_text("[Russia](#actor:russia) **says** `x` and _this_") == "Russia says x and this"
    assert (
        plain_text("# Heading\n\n- item one\n- item two\n> quoted")
        == "Heading item one item two quoted"
    )
    assert plain_text("![map](https://example.org/m.png) <https://example.org>") == (
        "map https://example.org"
    )
    assert plain_text("snake_case stays") == "snake_case stays"
    assert plain_text(r"a \* b \[c\]") == "a * b [c]"


def test_fold_case_keeps_offsets() -> None:
    text = "İstanbul ÄB"
    folded = fold_case(text)
    assert len(folded) == len(text)
    assert folded.endswith("äb")


def test_bundled_briefing() -> None:
    index = SearchIndex(load_briefing(default_briefing_path()))
    hits = index.search("kim putin")
    assert hits
    for hit in hits:
        lowered = hit.snippet.lower()
        assert "kim" in lowered
        assert "putin" in lowered
    assert index.search("russia")[0].target == Target("actor", "russia")


def _synthetic(sections: int, seed: int = 1) -> Briefing:
    """A briefing of filler text, built in memory."""
    rng = random.Random(seed)
    words = [
        "arms",
        "trade",
        "treaty",
        "summit",
        "shell",
        "border",
        "grain",
        "envoy",
        "sanction",
        "talks",
        "route",
    ]

    def sentence(count: int) -> str:
        return " ".join(rng.choice(words) for _ in range(count))

    return briefing_from_data(
        {
            "format": 1,
            "briefing": {"id": "synthetic", "title": "Synthetic"},
            "sections": [
                {
                    "id": f"s-{index}",
                    "title": sentence(4),
                    "key_points": [sentence(6), sentence(6)],
                    "body": f"{sentence(30)} [{sentence(2)}](#section:s-0)\n\n{sentence(30)}",
                }
                for index in range(sections)
            ],
        }
    )


SYNTHETIC = _synthetic(60)


@functools.cache
def fresh_search(query: str) -> list:
    return SearchIndex(SYNTHETIC).search(query)


@settings(max_examples=30, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["arms", "trade", "tr", "a", "s", " ", "summit", "zz", "ro", "route "]),
        min_size=1,
        max_size=6,
    ).map("".join)
)
def test_typing_key_by_key_gives_the_same_hits_as_a_fresh_index(text: str) -> None:
    """Narrowing the previous result (and the cache) never changes the answer."""
    typing = SearchIndex(SYNTHETIC)
    for length in range(1, len(text) + 1):
        typing.search(text[:length])
    # Backspacing reuses cached results.
    for length in range(len(text), 0, -1):
        assert typing.search(text[:length]) == fresh_search(text[:length])


def test_hits_hold_every_query_word() -> None:
    index = SearchIndex(SYNTHETIC)
    hits = index.search("trade route", limit=60)
    assert len(hits) == 60
    ranks = {"title": 0, "key_points": 1, "body": 2}
    assert [ranks[hit.field] for hit in hits] == sorted(ranks[hit.field] for hit in hits)
    for hit in hits:
        section = SYNTHETIC.sections_by_id[hit.target.id]
        field = {"title": section.title, "body": section.body}.get(hit.field)
        texts = [field] if field else list(section.key_points)
        assert any("trade" in text and "route" in text for text in texts)
        assert hit.snippet[hit.span[0] : hit.span[1]] in ("trade", "route")


def test_one_hit_per_item_from_its_best_field(index: SearchIndex) -> None:
    # "state" is in the term, its definition and an actor's summary.
    hits = index.search("state")
    assert targets(hits) == [("term", "pariah state"), ("actor", "russia")]
    assert [hit.field for hit in hits] == ["term", "summary"]
    # A term found by its name and by an alias is one hit.
    (hit,) = index.search("outcast")
    assert hit.target == Target("term", "pariah state")


def test_every_hit_is_another_item(index: SearchIndex) -> None:
    for query in ("s", "russia", "a", "e"):
        found = targets(index.search(query))
        assert len(found) == len(set(found)), query


def test_the_readers_notes_are_searchable() -> None:
    notes = [
        NoteText("section:history", "A long history", "Check the figures for 1991"),
        NoteText("section:gone", "", "Old figures from a section since removed"),
    ]
    index = SearchIndex(SMALL, notes)
    hits = index.search("figures")
    assert targets(hits) == [("note", "section:history"), ("note", "section:gone")]
    assert [hit.label for hit in hits] == ["A long history", ""]
    assert hits[0].field == "note"
    assert hits[0].snippet == "Check the figures for 1991"
    assert SearchIndex(SMALL).search("figures") == []


def test_names_found_by_a_whole_word_or_a_word_start_rank_above_scattered_letters() -> None:
    scattered = "A stronger North Korea pushes Japan and South Korea into the US orbit"
    assert name_match("putin", "Vladimir Putin") > name_match("putin", scattered)
    assert name_match("putin", "Putin") > name_match("putin", "Putin Vladimir")
    assert name_match("putin", "Putin Vladimir") > name_match("putin", "Vladimir Putin")
    assert name_match("put", "Vladimir Putin") > name_match("put", "Input lag")
    assert name_match("vlad put", "Vladimir Putin") > name_match("vlad put", scattered)
    assert name_match("input", "Input lag") > name_match("input", "Vladimir Putin")
    assert name_match("PUTIN", "vladimir putin") == name_match("putin", "Vladimir Putin")
    assert name_match("zzz", "Vladimir Putin") == 0
