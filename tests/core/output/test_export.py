"""Exports: a standalone, escaped HTML page; Markdown; text; with and without study data."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.loader import load_briefing, parse_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.content.text import CONTROL_CHARACTERS
from briefing_tui.core.output.export import (
    anchors,
    export_html,
    export_markdown,
    export_text,
    markdown_escape,
)
from briefing_tui.core.output.plaintext import render_plain
from briefing_tui.core.study.scoring import Weighting
from briefing_tui.core.study.store import StudyStore, question_key


class Page(HTMLParser):
    """Everything a test needs to know about an HTML page."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.open: list[str] = []
        self.feed(document)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            self.attributes.append((name, value or ""))
            if name == "id":
                self.ids.append(value or "")
            if name == "href":
                self.hrefs.append(value or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


@pytest.fixture(scope="module")
def bundled() -> Briefing:
    return load_briefing(default_briefing_path())


def test_html_holds_every_section_actor_and_argument(bundled: Briefing) -> None:
    page = Page(export_html(bundled))
    text = page.all_text
    for section in bundled.sections:
        assert f"section:{section.id}" in page.ids
        assert " ".join(section.title.split()) in text
        for point in section.key_points:
            assert point in text
    for actor in bundled.actors:
        assert f"actor:{actor.id}" in page.ids
        assert actor.name in text
    for board in bundled.scoreboards:
        assert f"scoreboard:{board.id}" in page.ids
        for argument in board.arguments:
            assert f"argument:{board.id}/{argument.id}" in page.ids
            assert argument.claim in text
    assert len(page.ids) == len(set(page.ids)), "ids must be unique"


def test_every_internal_link_points_at_an_anchor_of_the_page(bundled: Briefing) -> None:
    page = Page(export_html(bundled))
    internal = [href for href in page.hrefs if href.startswith("#")]
    assert any(href.startswith("#term:") for href in internal)
    assert any(href.startswith("#argument:") for href in internal)
    for href in internal:
        assert href[1:] in page.ids, href
    for href in page.hrefs:
        assert href.startswith(("#", "http:", "https:", "mailto:")), href


def test_html_is_standalone(bundled: Briefing) -> None:
    document = export_html(bundled)
    page = Page(document)
    assert page.tags[0] == "html"
    assert document.startswith("<!DOCTYPE html>")
    assert "script" not in page.tags
    assert not {"img", "link", "iframe", "object", "embed"} & set(page.tags)
    assert not [name for name, _ in page.attributes if name == "src"]
    assert "default-src 'none'" in document
    assert "style" in page.tags


def test_scoreboard_is_a_table_with_the_balance(bundled: Briefing) -> None:
    page = Page(export_html(bundled))
    assert {"table", "thead", "tbody", "tfoot"} <= set(page.tags)
    text = page.all_text
    assert "Balance -5 Costs Beijing outweigh Serves Beijing by 5 (18 to 13)" in text
    assert "PRO: Serves Beijing +3" in text
    assert "CON: Costs Beijing -4" in text


HOSTILE = r'''
format = 1

[briefing]
id = "hostile"
title = "<script>alert('title')</script>"
summary = "<script>alert('summary')</script> & <b>bold</b>"

[[sections]]
id = "one"
title = "<img src=x onerror=alert(1)>"
key_points = ["<script>alert('point')</script>"]
body = """
<script>alert('body')</script>

<div onclick="x">raw block</div>

![tracker](https://example.org/pixel.png) [home](https://example.org/?a=1&b="2")
[self](#section:one)
[term](#term:THE-Thing) [odd](#term:say-"hi"-(loud))
"""

[[actors]]
id = "bad"
name = "</title><script>alert('name')</script>"
kind = "person"
quotes = [{ text = "<script>q</script>", by = "\"><script>" }]

[[scoreboards]]
id = "board"
title = "<script>board</script>"
pro_label = "<b>"
con_label = "</table>"

[[scoreboards.arguments]]
id = "arg"
side = "pro"
claim = "<script>alert('claim')</script>"
detail = "<script>alert('detail')</script>"

[[glossary]]
term = "The thing"
aliases = ["<script>"]
definition = "<script>alert('term')</script>"

[[glossary]]
term = 'Say "hi" (loud)'
definition = "Odd."

[[glossary]]
term = "Say hi loud"
definition = "Alike."

[[questions]]
prompt = "<script>?</script>"
answer = "<script>!</script>"
'''


@pytest.fixture
def hostile() -> Briefing:
    return parse_briefing(HOSTILE)


def test_every_piece_of_content_is_escaped(hostile: Briefing, tmp_path: Path) -> None:
    study = StudyStore(hostile, directory=tmp_path)
    study.set_note("section:one", "<script>alert('note')</script>\x1b]52;c;aGk=\x07")
    study.set_bookmark("section:one", True)
    document = export_html(hostile, study)
    page = Page(document)
    assert "<script" not in document.lower()
    assert not {"script", "img", "b"} & set(page.tags)
    assert not [name for name, _ in page.attributes if name.startswith("on") or name == "src"]
    text = page.all_text
    for shown in (
        "<script>alert('title')</script>",
        "<img src=x onerror=alert(1)>",
        "<script>alert('body')</script>",
        "<script>alert('claim')</script>",
        "</title><script>alert('name')</script>",
        "<script>alert('note')</script>␛]52;c;aGk=␇",
        '<div onclick="x">raw block</div>',
    ):
        assert shown in text
    assert CONTROL_CHARACTERS.search(document) is None


def test_images_become_links_and_links_keep_in_page(hostile: Briefing) -> None:
    page = Page(export_html(hostile))
    assert "https://example.org/pixel.png" in page.hrefs
    assert (
        'https://example.org/?a=1&b="2"' in page.hrefs
        or "https://example.org/?a=1&b=%222%22" in page.hrefs
    )
    assert "#section:one" in page.hrefs
    assert "#term:the-thing" in page.hrefs
    assert "term:the-thing" in page.ids
    # Quotes and brackets stay out of anchors; terms that end up alike get a number.
    assert "#term:say-hi-loud" in page.hrefs
    assert {"term:say-hi-loud", "term:say-hi-loud-2"} <= set(page.ids)
    markdown = MarkdownIt("commonmark").parse(export_markdown(hostile))
    links = [
        child.attrs["href"]
        for token in markdown
        for child in token.children or ()
        if child.type == "link_open"
    ]
    assert "#term:say-hi-loud" in links


def test_study_data_in_html(bundled: Briefing, tmp_path: Path) -> None:
    study = StudyStore(bundled, directory=tmp_path)
    board = bundled.scoreboards[0]
    first = board.arguments[0]
    con = next(argument for argument in board.arguments if argument.side == "con")
    study.set_weighting(board.id, Weighting().reweight(first, 2).toggle(con.id))
    study.set_note("section:history", "My note on history")
    study.set_note(f"argument:{board.id}/{first.id}", "Note on an argument")
    study.set_note(question_key(bundled.questions[0]), "Note on a question")
    study.set_note("section:removed", "An orphaned note")
    study.set_bookmark("actor:china", True)
    study.set_bookmark("section:removed", True)
    page = Page(export_html(bundled, study))
    text = page.all_text
    for note in (
        "My note on history",
        "Note on an argument",
        "Note on a question",
        "An orphaned note",
    ):
        assert note in text
    assert "bookmarks" in page.ids
    assert "#actor:china" in page.hrefs
    assert "(no longer in the briefing)" in text
    assert "+5 (author's weight 3)" in text
    assert "(switched off)" in text
    assert "Serves Beijing outweigh Costs Beijing by 1 (15 to 14)" in text


def test_markdown_reads_back_with_every_part_and_literal_plain_text(
    hostile: Briefing, bundled: Briefing, tmp_path: Path
) -> None:
    document = export_markdown(bundled)
    for section in bundled.sections:
        assert f'<a id="section:{section.id}"></a>' in document
    for board in bundled.scoreboards:
        for argument in board.arguments:
            assert f'<a id="argument:{board.id}/{argument.id}"></a>' in document
    rendered = Page(MarkdownIt("commonmark").render(export_markdown(hostile)))
    headings = [text for text in rendered.text if text.strip()]
    assert "<script>alert('title')</script>" in headings
    assert "<img src=x onerror=alert(1)>" in headings
    assert "#term:the-thing" in rendered.hrefs


def test_markdown_with_study_data(bundled: Briefing, tmp_path: Path) -> None:
    study = StudyStore(bundled, directory=tmp_path)
    study.set_note("actor:china", "Line one *not emphasis*\nLine two")
    study.set_bookmark("section:history", True)
    study.set_weighting("serves-beijing", Weighting().toggle("keeps-russia-fighting"))
    document = export_markdown(bundled, study)
    assert "> **Note:**\n>\n> Line one \\*not emphasis\\*\n> Line two" in document
    assert (
        "## Bookmarks\n\n- [From a dormant relationship to a wartime bargain](#section:history)"
        in document
    )
    assert "PRO +3 (switched off): North Korean shells" in document
    assert "Costs Beijing outweigh Serves Beijing by 8 (18 to 10)" in document


def test_markdown_escape() -> None:
    assert markdown_escape("[bold] *x* <b> a|b 1\\2") == "\\[bold\\] \\*x\\* \\<b\\> a\\|b 1\\\\2"
    assert markdown_escape("1. not a list") == "1\\. not a list"
    assert markdown_escape("two\nlines") == "two lines"


def test_text_export_is_the_printed_text(bundled: Briefing, tmp_path: Path) -> None:
    study = StudyStore(bundled, directory=tmp_path)
    study.set_note("section:history", "A note")
    assert export_text(bundled, study) == render_plain(bundled, 80, study)
    assert "Note: A note" in export_text(bundled, study)


def test_anchors_cover_study_keys(bundled: Briefing, tmp_path: Path) -> None:
    study = StudyStore(bundled, directory=tmp_path, read_only=True)
    assert set(anchors(bundled)) == set(study.items)


def test_the_author_s_cards_are_in_every_export() -> None:
    fixture = Path(__file__).parents[2] / "data" / "good" / "all-optional-keys.toml"
    briefing = load_briefing(fixture)
    (card,) = briefing.cards
    markdown = export_markdown(briefing)
    assert "## Cards" in markdown
    assert f'<a id="card:0"></a>{markdown_escape(card.front)}' in markdown
    assert "A real part; see [the term](#term:test-double)." in markdown
    page = Page(export_html(briefing))
    assert "cards" in page.ids
    assert f"Cards {card.front} Answer A real part; see the term ." in page.all_text
    text = export_text(briefing)
    assert "Cards\n=====" in text
    assert card.front in text
    assert "A real part; see the term." in text


def test_with_notes_the_exports_end_with_a_short_table_of_study_progress(
    bundled: Briefing, tmp_path: Path
) -> None:
    study = StudyStore(bundled, directory=tmp_path)
    study.rate(question_key(bundled.questions[0]), 3)
    study.rate(question_key(bundled.questions[1]), 1)
    cards = len(bundled.questions) + len(bundled.glossary)
    markdown = export_markdown(bundled, study)
    assert "## Study progress" in markdown
    assert f"| Cards | {cards - 2} new · 2 learning · 0 review |" in markdown
    assert "| Retention, last 30 days | 50% (1 of 2 reviews rated Good or Easy) |" in markdown
    page = Page(export_html(bundled, study))
    assert "progress" in page.ids
    assert f"Cards {cards - 2} new · 2 learning · 0 review" in page.all_text
    text = export_text(bundled, study)
    assert "Study progress\n==============" in text
    assert "Retention, last 30 days  50% (1 of 2 reviews rated Good or Easy)" in text
    # Without the reader's data, nothing of it.
    assert "Study progress" not in export_markdown(bundled)
    assert "Study progress" not in export_text(bundled)
