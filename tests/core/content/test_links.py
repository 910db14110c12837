"""Finding links as the renderer does, and the quick look that spares it most of the work."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing_tui.core.content.links import find_link_targets, is_external, link_candidates

GOOD_INTERNAL = {"#section:one"}


def allowed(href: str) -> bool:
    return is_external(href) or href in GOOD_INTERNAL


def test_links_are_found_as_the_renderer_finds_them() -> None:
    markdown = (
        "See [one](#section:one) and <https://example.com/x>.\n\n"
        "`[code](javascript:a)` is code.\n\n"
        "```\n[fenced](javascript:b)\n```\n\n"
        "> [quoted][r]\n>\n> [r]: mailto:a@example.com\n\n"
        "![image](https://example.com/i.png)"
    )
    assert find_link_targets(markdown) == [
        "#section:one",
        "https://example.com/x",
        "mailto:a@example.com",
        "https://example.com/i.png",
    ]


def test_a_target_is_taken_as_written_not_as_markdown_it_would_clean_it() -> None:
    # markdown-it would quietly show this as text: a checker must see it to refuse it.
    assert find_link_targets("[j](javascript:alert(1))") == ["javascript:alert(1)"]


PIECES = [
    "word",
    " ",
    "\n",
    "\n\n",
    "`",
    "```\n",
    "~~~\n",
    "    ",
    "> ",
    "- ",
    "1. ",
    "[",
    "]",
    "(",
    ")",
    "](",
    "]: ",
    "<",
    ">",
    "!",
    "\\",
    "&#106;",
    "&amp;",
    '"t"',
    "#section:one",
    "#section:two",
    "https://example.com/a",
    "javascript:x",
    "mailto:a@b.c",
    "data:x",
    "|",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
@example("`a\n\n[j](javascript:x)\n\nb`")
@example("> [r]: javascript:x\n\n[a][r]")
@example("- [r]: javascript:x\n\n[a][r]")
@example("[a](<javascript:x>)")
@example("[a](https://e.com/a(b(c)))")
def test_when_every_candidate_is_allowed_so_is_every_link(markdown: str) -> None:
    if all(allowed(href) for href in link_candidates(markdown)):
        assert all(allowed(href) for href in find_link_targets(markdown)), (
            link_candidates(markdown),
            find_link_targets(markdown),
        )
