"""Links inside Markdown fields: finding them and telling internal from external.

The format allows two kinds of link target: ``http:``/``https:``/``mailto:``
URLs, and internal links ``#section:ID``, ``#actor:ID``,
``#argument:SCOREBOARD/ID`` and ``#term:TERM``. The scanner below finds
inline links and images, reference definitions and autolinks, skipping code
spans and fenced code blocks where CommonMark does not make links. It is a
regular-expression scanner rather than a full CommonMark parser because it
runs over every Markdown field of a file on each load.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

InternalKind = Literal["section", "actor", "argument", "term"]
INTERNAL_KINDS: tuple[InternalKind, ...] = ("section", "actor", "argument", "term")
EXTERNAL_SCHEMES = ("http:", "https:", "mailto:")

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_INLINE = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)", re.M)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")


class InternalLink(NamedTuple):
    """A parsed ``#kind:target`` link."""

    kind: InternalKind
    target: str

    @property
    def href(self) -> str:
        """The link as written in Markdown."""
        return f"#{self.kind}:{self.target}"


def find_link_targets(markdown: str) -> list[str]:
    """Return the targets of every link and image in *markdown*, in order."""
    if "](" not in markdown and "]:" not in markdown and "<" not in markdown:
        return []
    if "`" in markdown or "~~~" in markdown:
        markdown = _CODE_SPAN.sub("", _FENCE.sub("", markdown))
    targets: list[tuple[int, str]] = []
    # Each pattern runs only where its marker occurs: scanning megabytes of
    # Markdown three times dominated loading a large file.
    for marker, pattern in (("](", _INLINE), ("]:", _REFERENCE), ("<", _AUTOLINK)):
        if marker not in markdown:
            continue
        for match in pattern.finditer(markdown):
            target = match.group(1)
            if target.startswith("<") and target.endswith(">"):
                target = target[1:-1]
            targets.append((match.start(), target))
    return [target for _, target in sorted(targets)]


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
