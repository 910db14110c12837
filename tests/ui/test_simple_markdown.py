"""Plain prose read without markdown-it renders exactly as markdown-it's tokens do."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from textual.content import Content

from benchmarks.synthetic import write_synthetic
from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.loader import load_briefing
from briefing_tui.core.content.markdown import markdown_parser
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.content.simple_markdown import simple_tokens
from briefing_tui.ui.widgets.markdown_text import _Renderer
from tests.fresh_python import run_code

Rendered = tuple[list[tuple[Any, ...]], list[str]]


def runs(content: Content) -> list[tuple[str, tuple[str, ...]]]:
    """The text as runs of characters with the same styles, however the spans were cut."""
    styles: list[list[str]] = [[] for _ in content.plain]
    for span in content.spans:
        for index in range(span.start, span.end):
            styles[index].append(repr(span.style))
    merged: list[tuple[str, tuple[str, ...]]] = []
    for char, char_styles in zip(content.plain, styles, strict=True):
        if merged and merged[-1][1] == tuple(char_styles):
            merged[-1] = (merged[-1][0] + char, merged[-1][1])
        else:
            merged.append((char, tuple(char_styles)))
    return merged


def rendered(tokens: Sequence[Any]) -> Rendered:
    renderer = _Renderer()
    blocks = renderer.render(tokens)
    shapes = [
        (block.indent, block.prefix, block.gap_before, block.quote, runs(block.content))
        for block in blocks
    ]
    return shapes, renderer.links


def assert_same_as_markdown_it(markdown: str) -> bool:
    """Whether *markdown* was read without markdown-it; if so, it must render the same."""
    tokens = simple_tokens(markdown)
    if tokens is None:
        return False
    assert rendered(tokens) == rendered(markdown_parser().parse(markdown)), markdown
    return True


def markdown_fields(briefing: Briefing) -> list[str]:
    texts = [briefing.briefing.summary or ""]
    texts += [section.body for section in briefing.sections]
    texts += [actor.summary for actor in briefing.actors if actor.summary]
    texts += [term.definition for term in briefing.glossary]
    texts += [question.answer for question in briefing.questions]
    for board in briefing.scoreboards:
        texts += [argument.detail for argument in board.arguments if argument.detail]
    return texts


def test_the_bundled_briefing_needs_no_markdown_it() -> None:
    texts = markdown_fields(load_briefing(default_briefing_path()))
    assert all(assert_same_as_markdown_it(text) for text in texts)


def test_synthetic_text_is_read_the_same(tmp_path: Any) -> None:
    for text in markdown_fields(load_briefing(write_synthetic(tmp_path / "s.toml", 30))):
        assert_same_as_markdown_it(text)


@pytest.mark.parametrize(
    "markdown",
    [
        "# Heading",
        "- item",
        "1. first",
        "> quoted",
        "    code",
        "a `code` span",
        "a_b_c",
        "a\\*b",
        "![image](x.png)",
        "[ref][x]",
        "[bad](javascript:alert(1))",
        "intra*word*emphasis",
        "**unclosed",
        "*nested **strong** in em*",
        "line  \nhard break",
        "| a | b |\n|---|---|",
        "~~struck~~",
        "Title\n=====",
        "a & b",
        "<b>html</b>",
        "tab\there",
    ],
)
def test_anything_more_than_prose_goes_to_markdown_it(markdown: str) -> None:
    assert simple_tokens(markdown) is None


PIECES = [
    "word",
    "Beijing",
    " ",
    " ",
    "\n",
    "\n\n",
    "**",
    "*",
    "[",
    "]",
    "(",
    ")",
    "](#section:case-for)",
    "](https://example.com/a-b)",
    "](#actor:x)",
    ".",
    ",",
    "?",
    ":",
    "-",
    "1. ",
    "- ",
    "# ",
    "  ",
    "_",
    "`",
    "—",
    "é",
    "2023",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
@example("From **2023**, [Russia](#actor:russia) and *North Korea*.\n\nMore ([a](#section:x)).")
@example("(**bold**) and *em*? [two words](https://e.com/x).")
def test_prose_reads_as_markdown_it_reads_it(markdown: str) -> None:
    assert_same_as_markdown_it(markdown)


def test_the_first_screen_imports_no_markdown_it() -> None:
    code = """
        import sys
        from briefing_tui.core.content.loader import load_briefing
        from briefing_tui.core.config.resources import default_briefing_path
        from briefing_tui.ui.widgets.markdown_text import parse_markdown
        parse_markdown(load_briefing(default_briefing_path()).briefing.summary)
        assert 'markdown_it' not in sys.modules
        """
    result = run_code(code)
    assert result.returncode == 0, result.stderr
