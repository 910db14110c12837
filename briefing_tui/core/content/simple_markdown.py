"""Plain prose in Markdown, tokenised without markdown-it.

Importing markdown-it costs about a tenth of a Textual app's start-up, and
the first screen needs Markdown only for the briefing's summary, which is
usually plain prose: paragraphs, links, some bold or italic words.
:func:`simple_tokens` reads exactly that much of Markdown and gives the tokens
markdown-it would give (same types, same nesting), or ``None`` for any text
that uses more, or where a reading could be in doubt: the caller then asks
markdown-it. A property test holds the two to the same output.
"""

from __future__ import annotations

import re

# Anything that can start a construct this module does not read: escapes,
# code, HTML and entities, images, tables, strikethrough, underscores.
_REFUSED = re.compile(r"[\\`<>&!|~_\t\r]")
# A line that could be a heading, a list item, a quote, a rule, an
# underline or indented code, or that ends in a hard break.
_BLOCK_LINE = re.compile(r"^(?:[ #=]|[-+*](?:\s|$)|[0-9]{1,9}[.)](?:\s|$)|[-+*][-+*\s]*$)|\s$")
# An inline link with a plain label (which may wrap onto the next line) and a
# target markdown-it keeps as written.
_LINK = re.compile(r"\[([^\[\]*]+)\]\(((?:#|https?://)[A-Za-z0-9:/#._~?=+-]*)\)")
# Emphasis that opens after a space or "(" and closes before a space or punctuation.
_EMPHASIS = re.compile(
    r"(?<![^\s(])(\*\*?)([^\s*\[\]][^*\[\]\n]*?(?<=[^\s*\[\]]))\1(?=[\s.,;:?)]|$)"
)

_CLOSES = {"link_open": "link_close", "strong_open": "strong_close", "em_open": "em_close"}


class Token:
    """The parts of a markdown-it ``Token`` that a renderer reads.

    A plain class: a dataclass takes about a millisecond of start-up to create.
    """

    __slots__ = ("attrs", "children", "content", "hidden", "tag", "type")

    def __init__(
        self,
        type: str,
        tag: str = "",
        *,
        content: str = "",
        attrs: dict[str, str] | None = None,
        children: list[Token] | None = None,
    ) -> None:
        self.type = type
        self.tag = tag
        self.content = content
        self.attrs = attrs if attrs is not None else {}
        self.children = children
        self.hidden = False


def simple_tokens(markdown: str) -> list[Token] | None:
    """markdown-it's tokens for *markdown* if it is plain prose, else ``None``."""
    if _REFUSED.search(markdown):
        return None
    tokens: list[Token] = []
    for paragraph in re.split(r"\n\s*\n", markdown.strip("\n")):
        lines = paragraph.split("\n")
        if not paragraph or any(_BLOCK_LINE.search(line) for line in lines):
            return None
        children = _inline(paragraph)
        if children is None:
            return None
        tokens += [
            Token("paragraph_open", "p"),
            Token("inline", content=paragraph, children=children),
            Token("paragraph_close", "p"),
        ]
    return tokens


def _inline(text: str) -> list[Token] | None:
    """The inline tokens of one paragraph: text, soft breaks, links, strong and em."""
    children: list[Token] = []
    position = 0
    for match in _LINK.finditer(text):
        plain = _emphasised(text[position : match.start()])
        label = _emphasised(match.group(1))
        if plain is None or label is None or not label:
            return None
        children += plain
        children.append(Token("link_open", "a", attrs={"href": match.group(2)}))
        children += label
        children.append(Token("link_close", "a"))
        position = match.end()
    rest = _emphasised(text[position:])
    if rest is None:
        return None
    return children + rest


def _emphasised(text: str) -> list[Token] | None:
    """Tokens of text with ``**strong**`` and ``*em*`` words and line breaks; None if in doubt."""
    children: list[Token] = []
    position = 0
    for match in _EMPHASIS.finditer(text):
        plain = _plain(text[position : match.start()])
        if plain is None:
            return None
        kind = "strong_open" if match.group(1) == "**" else "em_open"
        tag = "strong" if kind == "strong_open" else "em"
        inner = _plain(match.group(2))
        if inner is None:
            return None
        children += [*plain, Token(kind, tag), *inner, Token(_CLOSES[kind], tag)]
        position = match.end()
    plain = _plain(text[position:])
    return None if plain is None else children + plain


def _plain(text: str) -> list[Token] | None:
    """Text and soft breaks; None if a bracket or an asterisk is left over."""
    if any(mark in text for mark in "[]*"):
        return None
    children: list[Token] = []
    for number, line in enumerate(text.split("\n")):
        if number:
            children.append(Token("softbreak", "br"))
        if line:
            children.append(Token("text", content=line))
    return children
