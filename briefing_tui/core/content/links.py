"""Links inside Markdown fields: finding them and telling internal from external.

The format allows two kinds of link target: ``http:``/``https:``/``mailto:``
URLs, and internal links ``#section:ID``, ``#actor:ID``,
``#argument:SCOREBOARD/ID`` and ``#term:TERM``. Links are found with the
tokenizer that renders them (markdown-it, as the app and the exports use it),
so that what is checked is what is rendered: a link the checker cannot see
is a link no reader sees either. Plain prose, the common case, is read by
:func:`~briefing_tui.core.content.simple_markdown.simple_tokens`, which a
property test holds to markdown-it's reading. Only the targets are taken as written, not
as markdown-it would clean them: markdown-it quietly drops a
``javascript:`` link, and a checker must see it to refuse it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Literal, NamedTuple

from briefing_tui.core.content.simple_markdown import Token as SimpleToken
from briefing_tui.core.content.simple_markdown import simple_tokens

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

InternalKind = Literal["section", "actor", "argument", "term"]
INTERNAL_KINDS: tuple[InternalKind, ...] = ("section", "actor", "argument", "term")
EXTERNAL_SCHEMES = ("http:", "https:", "mailto:")


class InternalLink(NamedTuple):
    """A parsed ``#kind:target`` link."""

    kind: InternalKind
    target: str

    @property
    def href(self) -> str:
        """The link as written in Markdown."""
        return f"#{self.kind}:{self.target}"


# A quick look for link targets that finds every target markdown-it finds (and
# more: it does not know code, so it also reports what code spans and blocks
# hold). Only when it reports a target that needs a closer look does the
# checker ask markdown-it (see link_candidates).
_INLINE = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)")
_REFERENCE = re.compile(r"\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")


def link_candidates(markdown: str) -> list[str]:
    """Every string of *markdown* that may be a link target, found quickly.

    A superset, held to :func:`find_link_targets` by a property test: when
    every candidate is a target the format allows, so is every link. A
    checker that finds a candidate it would refuse asks
    :func:`find_link_targets` whether it is a link at all (it may sit in
    code). Checking a large file link by link with markdown-it took five
    times as long as reading the file.
    """
    found: list[str] = []
    for marker, pattern in (("](", _INLINE), ("]:", _REFERENCE), ("<", _AUTOLINK)):
        if marker in markdown:
            for match in pattern.finditer(markdown):
                target = match.group(1)
                found.append(target[1:-1] if target.startswith("<") else target)
    return found


@cache
def _link_finder() -> MarkdownIt:
    """The renderer's tokenizer, keeping every link target exactly as written."""
    from briefing_tui.core.content.markdown import new_markdown_parser

    parser = new_markdown_parser()
    # markdown-it's documented hooks, replaced on this instance only.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]  # see above
    parser.normalizeLink = lambda url: url  # type: ignore[method-assign]  # see above
    return parser


def find_link_targets(markdown: str) -> list[str]:
    """Return the targets of every link and image in *markdown*, in order.

    Reference definitions count, used or not: each is a target written in
    the field.
    """
    # Every link needs one of these; most fields have none, and are not parsed.
    if "](" not in markdown and "]:" not in markdown and "<" not in markdown:
        return []
    environment: dict[str, object] = {}
    # Plain prose is read without markdown-it, as markdown-it would read it.
    tokens: Sequence[SimpleToken | Token] | None = simple_tokens(markdown)
    if tokens is None:
        tokens = _blocks_with_links(markdown, environment)
    targets = [target for token in tokens for target in _targets(token)]
    references = environment.get("references")
    if isinstance(references, dict):
        found = set(targets)
        targets += [str(ref["href"]) for ref in references.values() if ref["href"] not in found]
    return targets


def _blocks_with_links(markdown: str, environment: dict[str, object]) -> list[Token]:
    """markdown-it's tokens, the inline ones parsed only where a link can be.

    What markdown-it's own ``parse`` does, less the inline parsing of text
    that holds no ``[`` and no ``<``: no link can start there, and parsing
    every paragraph of a large file took most of the time of checking it.
    """
    from markdown_it.rules_core import StateCore, block, normalize

    parser = _link_finder()
    state = StateCore(markdown, parser, environment)
    normalize(state)
    block(state)
    for token in state.tokens:
        if token.type == "inline" and ("[" in token.content or "<" in token.content):
            token.children = []
            parser.inline.parse(token.content, parser, environment, token.children)
    return state.tokens


def _targets(token: SimpleToken | Token) -> list[str]:
    if token.type == "inline" and token.children:
        return [target for child in token.children for target in _targets(child)]
    if token.type == "link_open":
        return [str(token.attrs.get("href", ""))]
    if token.type == "image":
        return [str(token.attrs.get("src", ""))]
    return []


def parse_internal_link(href: str) -> InternalLink | None:
    """Parse ``#kind:target``; None when *href* is not an internal link of a known kind."""
    if not href.startswith("#"):
        return None
    kind, colon, target = href[1:].partition(":")
    if not colon or kind not in INTERNAL_KINDS:
        return None
    return InternalLink(kind, target)


def is_external(href: str) -> bool:
    """True for an ``http:``, ``https:`` or ``mailto:`` URL."""
    return href.lower().startswith(EXTERNAL_SCHEMES)
