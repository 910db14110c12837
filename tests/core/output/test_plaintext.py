"""``briefing print``: linear plain text, wrapped, in words, never an escape code."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.loader import load_briefing, parse_briefing
from briefing_tui.core.content.text import CONTROL_CHARACTERS
from briefing_tui.core.output.plaintext import markdown_lines, render_plain
from briefing_tui.core.study.scoring import Weighting
from briefing_tui.core.study.store import StudyStore, event_key

SOURCE = '''
format = 1

[briefing]
id = "plain"
title = "A [bold]plain[/bold] briefing"
subtitle = "Subtitle here"
subject = "the deal"
tags = ["one", "two"]

[[sections]]
id = "first"
title = "First section"
actors = ["russia"]
key_points = ["A key point"]
body = """
Intro with [Russia](#actor:russia) and [a site](https://example.org/page).

- item one
  - nested item
- item two

> a quote

    code line
"""

[[actors]]
id = "russia"
name = "Russia"
kind = "state"
stance = "supports"
role = "Buys shells"
interests = ["Ammunition"]
concerns = ["Running short"]
quotes = [{ text = "We need shells", by = "A general" }]

[[actors]]
id = "north-korea"
name = "North Korea"
kind = "state"

[[relations]]
from = "north-korea"
to = "russia"
kind = "supplies arms to"

[[scoreboards]]
id = "board"
title = "Does it pay?"
perspective = "russia"
pro_label = "Gains"
con_label = "Costs"

[[scoreboards.arguments]]
id = "gain"
side = "pro"
claim = "Shells arrive now."
weight = 3
detail = "Straight to the front."

[[scoreboards.arguments]]
id = "cost"
side = "con"
claim = "Sanctions bite."
weight = 4

[[timeline]]
date = "2023-09-13"
title = "Later event"

[[timeline]]
date = "2022"
title = "Earlier event"
detail = "Details of it."

[[glossary]]
term = "Pariah state"
definition = "A state shunned by others."
aliases = ["outcast"]

[[questions]]
prompt = "Why does Russia need shells?"
answer = "It ran short."
'''


@pytest.fixture
def briefing():
    return parse_briefing(SOURCE)


def test_everything_is_there_in_order(briefing) -> None:
    text = render_plain(briefing)
    expected = [
        "A [bold]plain[/bold] briefing\n=============================",
        "Subtitle here",
        "Subject: the deal",
        "Tags: one, two",
        "Contents",
        " 1. First section",
        "1. First section\n----------------",
        "Actors: Russia",
        "Key points:\n  - A key point",
        "Intro with Russia and a site <https://example.org/page>.",
        "Russia (state; stance: supports)",
        "  Role: Buys shells",
        "  Interests:\n    - Ammunition",
        "  Concerns:\n    - Running short",
        "  Quotes:\n    - “We need shells” (A general)",
        "North Korea (state; stance: unknown)",
        "  Relations (North Korea …):\n    - supplies arms to Russia",
        "Does it pay?\n------------",
        "Perspective: Russia",
        "  PRO +3: Shells arrive now.",
        "    Straight to the front.",
        "  CON -4: Sanctions bite.",
        "Score: Gains 3, Costs 4, balance -1. Costs outweigh Gains by 1 (4 to 3).",
        "Timeline\n========",
        "  2022: Earlier event",
        "    Details of it.",
        "  2023-09-13: Later event",
        "Glossary\n========",
        "Pariah state (also: outcast)\n    A state shunned by others.",
        "Questions\n=========",
        " 1. Why does Russia need shells?",
        "    Answer:\n    It ran short.",
    ]
    position = 0
    for piece in expected:
        found = text.find(piece, position)
        assert found != -1, f"missing or out of order: {piece!r}"
        position = found + len(piece)


def test_internal_link_targets_are_not_printed(briefing) -> None:
    text = render_plain(briefing)
    assert "#actor:" not in text
    assert "](" not in text


def test_markdown_blocks_become_plain_lists_quotes_and_code() -> None:
    lines = markdown_lines(
        "- one\n  - two\n- three\n\n> quoted\n\n1. first\n2. second\n\n```\nx = 1\n```\n",
        80,
    )
    assert lines == [
        "- one",
        "  - two",
        "- three",
        "",
        "> quoted",
        "",
        "1. first",
        "2. second",
        "",
        "    x = 1",
    ]


def test_loose_list_items_keep_their_blank_lines() -> None:
    assert markdown_lines("- one\n\n- two\n", 80) == ["- one", "", "- two"]


def test_hard_breaks_and_autolinks() -> None:
    assert markdown_lines("line one  \nline two <https://example.org>", 80) == [
        "line one",
        "line two https://example.org",
    ]


@pytest.mark.parametrize("width", [20, 33, 50, 80, 120])
def test_wraps_to_width_and_splits_no_word(width: int) -> None:
    text = render_plain(load_briefing(default_briefing_path()), width)
    for line in text.splitlines():
        if len(line) > width:
            # Only a word longer than the room left (a web address, say) may stick out.
            assert " " not in line.strip(), line
    unwrapped = render_plain(load_briefing(default_briefing_path()), 0)

    def words(text: str) -> list[str]:
        # Heading underlines follow the width; everything else is the same words.
        return [word for word in text.split() if word.strip("=-")]

    assert words(text) == words(unwrapped)


def test_width_zero_does_not_wrap_and_small_widths_are_refused(briefing) -> None:
    text = render_plain(briefing, 0)
    assert "Intro with Russia and a site <https://example.org/page>." in text
    with pytest.raises(ValueError, match="at least 20"):
        render_plain(briefing, 10)


def test_study_data_notes_bookmarks_and_weights(briefing, tmp_path: Path) -> None:
    store = StudyStore(briefing, directory=tmp_path)
    board = briefing.scoreboards[0]
    store.set_weighting("board", Weighting().reweight(board.arguments[0], 2).toggle("cost"))
    store.set_note("section:first", "Remember\nthis \x1b]52;c;aGk=\x07 part")
    store.set_note(event_key(briefing.timeline[0]), "event note")
    store.set_note("section:gone", "orphan")
    store.set_bookmark("actor:russia", True)
    store.mark_read(briefing.sections[0])
    text = render_plain(briefing, study=store)
    assert "Bookmarks\n=========\n\n  - Russia" in text
    assert "Reading:" not in text, "only what the reader wrote: notes, bookmarks, weights"
    assert "Note: Remember\n      this ␛]52;c;aGk=␇ part" in text
    assert "  PRO +5 (author's weight 3): Shells arrive now." in text
    assert "  CON -4 (switched off): Sanctions bite." in text
    assert "Score: Gains 5, Costs 0, balance +5. Gains outweigh Costs by 5 (5 to 0)." in text
    assert "event note" in text
    assert "Notes on items no longer in the briefing" in text
    assert "orphan" in text


def test_never_an_escape_code(briefing, tmp_path: Path) -> None:
    store = StudyStore(briefing, directory=tmp_path)
    store.set_note("section:first", "\x1b[31mred\x1b[0m \x9b \r\x07")
    for text in (
        render_plain(briefing, study=store),
        render_plain(load_briefing(default_briefing_path())),
    ):
        assert CONTROL_CHARACTERS.search(text) is None
        assert "\r" not in text
