"""A light Markdown widget: one widget, one paint, links handled by the app.

Textual's ``Markdown`` widget mounts a widget per block (per list item, per
table cell) and needs ~0.4 s for a 20 KiB body; over SSH each section change
then repaints several times. A briefing's Markdown is prose with emphasis,
links, lists, quotes and the odd table, so :class:`MarkdownText` renders it
into a single :class:`~textual.content.Content`: parsed once per update,
wrapped once per width, painted once. Links are styled spans whose click
posts :class:`MarkdownText.LinkClicked`; nothing in the text is ever parsed
as Textual markup, and a link's target never becomes part of an action
string (the action carries an index into :attr:`MarkdownText.links`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, NamedTuple, cast

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.style import Style
from textual.widget import Widget

from briefing_tui.core.content.markdown import Table, markdown_parser, read_table
from briefing_tui.core.content.simple_markdown import Token as SimpleToken
from briefing_tui.core.content.simple_markdown import simple_tokens
from briefing_tui.ui.widgets.hanging_text import hang_lines
from briefing_tui.ui.widgets.markdown_table import table_lines
from briefing_tui.ui.widgets.static_text import SizedByLayout

if TYPE_CHECKING:
    from markdown_it.token import Token


class Block(NamedTuple):
    """A paragraph-like run of text with its indent and first-line prefix."""

    content: Content
    indent: int = 0
    prefix: str = ""
    prefix_style: str = ""
    gap_before: bool = True
    quote: bool = False
    table: Table[Content] | None = None
    """A table, laid out at the width there is, in place of *content*."""


_INLINE_STYLES = {
    "em_open": "italic",
    "strong_open": "bold",
    "s_open": "strike",
}


class _Renderer:
    """Turns markdown-it tokens into :class:`Block`s, collecting link targets."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.links: list[str] = []
        self._lists: list[int | None] = []  # next number, or None for a bullet list
        self._quote = 0
        self._item_prefix: str | None = None
        self._heading: int | None = None
        self._hidden_paragraph = False
        self._fresh_group = True

    def render(self, tokens: Sequence[Token | SimpleToken]) -> list[Block]:
        """Render every token; returns the blocks."""
        after_table = 0
        for index, token in enumerate(tokens):
            if index < after_table:
                continue  # Read with its table.
            kind = token.type
            if kind == "table_open":
                # Only markdown-it's tokens hold tables (simple_tokens refuses a "|").
                table, after_table = read_table(
                    cast("Sequence[Token]", tokens), index, self.table_cell
                )
                self._fresh_group = True
                self.add(Content(""), tight=False, table=table)
            elif kind == "heading_open":
                self._heading = int(token.tag[1:])
            elif kind == "heading_close":
                self._heading = None
            elif kind == "paragraph_open":
                self._hidden_paragraph = token.hidden
            elif kind in ("bullet_list_open", "ordered_list_open"):
                start = token.attrs.get("start", 1) if kind == "ordered_list_open" else None
                # A list nested in an item continues it; a new list stands apart.
                self._fresh_group = self._fresh_group or not self._lists
                self._lists.append(None if start is None else int(start))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self._lists.pop()
            elif kind == "list_item_open":
                number = self._lists[-1]
                if number is None:
                    self._item_prefix = "• "
                else:
                    self._item_prefix = f"{number}. "
                    self._lists[-1] = number + 1
            elif kind == "blockquote_open":
                self._quote += 1
            elif kind == "blockquote_close":
                self._quote -= 1
            elif kind == "inline":
                self.add(self.inline(token.children or []), tight=self._hidden_paragraph)
            elif kind in ("fence", "code_block"):
                code = Content.styled(token.content.rstrip("\n"), "$text-muted")
                self.add(code, tight=False, extra_indent=2)
            elif kind == "hr":
                self.add(Content.styled("─" * 20, "$text-muted"), tight=False)
        return self.blocks

    def table_cell(self, token: Token) -> Content:
        """A cell of a table, from its inline token."""
        return self.inline(token.children or [])

    def add(
        self,
        content: Content,
        *,
        tight: bool,
        extra_indent: int = 0,
        table: Table[Content] | None = None,
    ) -> None:
        """Append a block at the current list and quote depth."""
        if self._heading is not None:
            content = content.stylize("bold $accent" if self._heading <= 2 else "bold")
        indent = 2 * max(0, len(self._lists) - 1) + 2 * self._quote + extra_indent
        prefix = ""
        if self._item_prefix is not None:
            prefix, self._item_prefix = self._item_prefix, None
        elif self._lists:
            indent += 2
        gap = bool(self.blocks) and (self._fresh_group or not tight)
        self._fresh_group = False
        self.blocks.append(
            Block(content, indent, prefix, "$text-muted", gap, self._quote > 0, table)
        )

    def inline(self, children: Sequence[Token | SimpleToken]) -> Content:
        """Render inline tokens: text, emphasis, code, links, breaks, images."""
        parts: list[Content] = []
        styles: list[str] = []
        link: int | None = None
        for child in children:
            kind = child.type
            if kind in _INLINE_STYLES:
                styles.append(_INLINE_STYLES[kind])
            elif kind in ("em_close", "strong_close", "s_close"):
                if styles:
                    styles.pop()
            elif kind == "link_open":
                self.links.append(str(child.attrs.get("href", "")))
                link = len(self.links) - 1
            elif kind == "link_close":
                link = None
            elif kind in ("text", "html_inline"):
                parts.append(_piece(child.content, styles, link))
            elif kind == "code_inline":
                parts.append(_piece(child.content, [*styles, "$text-accent"], link))
            elif kind == "softbreak":
                parts.append(Content(" "))
            elif kind == "hardbreak":
                parts.append(Content("\n"))
            elif kind == "image":
                alt = "".join(grandchild.content for grandchild in child.children or [])
                parts.append(_piece(f"[image: {alt}]" if alt else "[image]", ["italic"], None))
        return Content.assemble(*parts) if parts else Content("")


def _piece(text: str, styles: list[str], link: int | None) -> Content:
    content = Content.styled(text, " ".join(styles)) if styles else Content(text)
    if link is not None:
        # Clickable spans take the widget's link-color and link-style (see the .tcss).
        # The index is kept apart from the action too, to find the link's spans again.
        meta = {"@click": f"follow_link({link})", _LINK: link}
        content = content.stylize(Style.from_meta(meta))
    return content


_LINK = "briefing-link"
"""The key, in a link span's meta, of the link's index in :attr:`MarkdownText.links`."""


def link_spans(content: Content) -> dict[int, list[tuple[int, int]]]:
    """Where each link of *content* (laid out by :func:`layout_blocks`) is: index -> ranges."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for span in content.spans:
        style = span.style
        if isinstance(style, Style) and _LINK in style.meta:
            spans.setdefault(int(style.meta[_LINK]), []).append((span.start, span.end))
    return spans


def words_pattern(words: list[str]) -> re.Pattern[str] | None:
    """A pattern matching any of *words*, ignoring case; None when there are none."""
    pattern = "|".join(re.escape(word) for word in words if word)
    return re.compile(pattern, re.IGNORECASE) if pattern else None


def highlight_words_in(container: Widget, words: list[str]) -> None:
    """Mark *words* in every :class:`MarkdownText` inside *container*."""
    for text in container.query(MarkdownText):
        text.highlight_words(words)


HIGHLIGHT_STYLE = "reverse bold"
"""How words found by a search are marked."""
CURRENT_MATCH_STYLE = "$accent"
"""How the one of them ``n`` / ``N`` went to is marked, on top of :data:`HIGHLIGHT_STYLE`."""

FOCUSED_LINK_STYLE = "reverse"
"""How the link that tab reached, and enter follows, is drawn."""


def parse_markdown(markdown: str) -> tuple[list[Block], list[str]]:
    """Parse *markdown* into blocks and the list of link targets they refer to.

    Plain prose is tokenised without markdown-it (see
    :mod:`briefing_tui.core.content.simple_markdown`): the first screen's summary
    then costs no import of it.
    """
    renderer = _Renderer()
    tokens = simple_tokens(markdown)
    blocks = renderer.render(tokens if tokens is not None else markdown_parser().parse(markdown))
    return blocks, renderer.links


def layout_blocks(blocks: list[Block], width: int) -> Content:
    """Wrap *blocks* to *width* cells, with hanging indents for list items and quotes."""
    lines: list[Content] = []
    for block in blocks:
        if block.gap_before and lines:
            lines.append(Content(""))
        bar = "┃ " if block.quote else ""
        margin = Content.assemble(
            " " * max(0, block.indent - len(bar)), Content.styled(bar, "$text-muted")
        )
        prefix = Content.styled(block.prefix, block.prefix_style)
        if block.table is not None:
            available = max(8, width - block.indent - len(block.prefix))
            body = table_lines(block.table, available)
            blank = Content(" " * len(block.prefix))
            heads = [prefix, *([blank] * max(0, len(body) - 1))][: len(body)]
            rows = [Content.assemble(head, line) for head, line in zip(heads, body, strict=True)]
        else:
            rows = hang_lines(prefix, block.content, width - block.indent)
        lines.extend(Content.assemble(margin, row) for row in rows)
    return Content("\n").join(lines)


class MarkdownText(SizedByLayout, Widget, can_focus=False):
    """Markdown shown as wrapped text in one widget; a click on a link posts a message."""

    DEFAULT_CLASSES = "markdown-text"

    class LinkClicked(Message):
        """A link in the text was clicked, or followed with enter."""

        def __init__(self, widget: MarkdownText, href: str) -> None:
            super().__init__()
            self.widget = widget
            self.href = href

        @property
        def control(self) -> MarkdownText:
            """The widget holding the link."""
            return self.widget

    def __init__(
        self, markdown: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._blocks: list[Block] = []
        self.links: list[str] = []
        self._layout: tuple[int, Content] | None = None
        self._highlight: re.Pattern[str] | None = None
        self._current_match: int | None = None
        if markdown:
            self.update(markdown)

    def update(self, markdown: str) -> None:
        """Show *markdown*."""
        self.show_blocks(*(parse_markdown(markdown) if markdown else ([], [])))

    def show_blocks(self, blocks: list[Block], links: list[str]) -> None:
        """Show *blocks*, whose link spans index *links* (as :func:`parse_markdown` gives)."""
        self._blocks, self.links = blocks, links
        self._highlight = None
        self._current_match = None
        self._layout = None
        self.refresh(layout=True)

    def highlight_words(self, words: list[str]) -> None:
        """Mark every occurrence of *words* (ignoring case), e.g. after a search."""
        self._highlight = words_pattern(words)
        self._current_match = None
        self._layout = None
        self.refresh()

    def mark_current_match(self, number: int | None) -> None:
        """Mark the *number*-th marked word (from 0, in reading order) as the current one."""
        if number != self._current_match:
            self._current_match = number
            self._layout = None
            self.refresh()

    def first_highlight_line(self) -> int | None:
        """The line, as laid out now, of the first word marked by :meth:`highlight_words`."""
        if self._highlight is None or self._layout is None:
            return None
        for number, line in enumerate(self._layout[1].plain.split("\n")):
            if self._highlight.search(line):
                return number
        return None

    def laid_out(self, width: int) -> Content:
        """The text as painted at *width*: wrapped, with its lines joined by newlines."""
        if self._layout is None or self._layout[0] != width:
            content = layout_blocks(self._blocks, width)
            if self._highlight is not None:
                content = content.highlight_regex(self._highlight, style=HIGHLIGHT_STYLE)
                current = self._current_match
                for number, match in enumerate(self._highlight.finditer(content.plain)):
                    if number == current:
                        content = content.stylize(CURRENT_MATCH_STYLE, *match.span())
            self._layout = (width, content)
        return self._layout[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not self._blocks:
            return 0
        return len(self.laid_out(width).split("\n", allow_blank=True))

    def render(self) -> Content:
        """The text, wrapped to the widget's width."""
        return self.laid_out(self.content_region.width or self.size.width)

    def action_follow_link(self, index: int) -> None:
        """Post :class:`LinkClicked` for the link at *index*."""
        if 0 <= index < len(self.links):
            self.post_message(self.LinkClicked(self, self.links[index]))


class LinkedText(MarkdownText, can_focus=True):
    """The text of a reading view: Markdown whose links the keyboard reaches.

    A text with links takes the focus; tab and shift+tab then move through its
    links in reading order (the explorer's focus chain steps into and out of
    them, see ``ExplorerScreen.focus_next``), the focused one drawn in reverse
    and scrolled into view, and enter follows it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "follow_focused_link", "Follow link", id="text.follow-link"),
    ]
    HELP_GROUP = "Links"

    def __init__(
        self, markdown: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        self.link_cursor: int | None = None
        """The link tab and enter act on; drawn in reverse while the text has the focus."""
        self._link_spans: tuple[Content | None, dict[int, list[tuple[int, int]]]] = (None, {})
        super().__init__(markdown, id=id, classes=classes)

    def show_blocks(self, blocks: list[Block], links: list[str]) -> None:
        """Show *blocks* (see :meth:`MarkdownText.show_blocks`), no link focused yet."""
        self.link_cursor = None
        super().show_blocks(blocks, links)

    def allow_focus(self) -> bool:
        """Only a text with links takes the focus: the focus is for following them."""
        return bool(self.links)

    def _spans_of(self, content: Content) -> dict[int, list[tuple[int, int]]]:
        """:func:`link_spans` of *content*, worked out once per layout."""
        laid_out, spans = self._link_spans
        if laid_out is not content:
            spans = link_spans(content)
            self._link_spans = (content, spans)
        return spans

    def render(self) -> Content:
        """The text, wrapped to the widget's width, with the focused link in reverse."""
        content = super().render()
        if self.has_focus and self.link_cursor is not None:
            for start, end in self._spans_of(content).get(self.link_cursor, ()):
                content = content.stylize(FOCUSED_LINK_STYLE, start, end)
        return content

    def step_link(self, step: int) -> bool:
        """Move the link cursor *step* links on; False, and no move, past either end."""
        if self.link_cursor is None:
            return False
        index = self.link_cursor + step
        if not 0 <= index < len(self.links):
            return False
        self.focus_link(index)
        return True

    def focus_link(self, index: int) -> None:
        """Put the link cursor on link *index*, and scroll it into view once laid out."""
        self.link_cursor = index
        self.refresh()
        self.call_after_refresh(self._scroll_to_link)

    def _scroll_to_link(self) -> None:
        container = self.parent
        if self.link_cursor is None or self._layout is None or not isinstance(container, Widget):
            return
        content = self._layout[1]
        spans = self._spans_of(content).get(self.link_cursor)
        if not spans:
            return
        start, _end = spans[0]
        line = content.plain.count("\n", 0, start)
        top = self.virtual_region.y + self.gutter.top + line
        container.scroll_to_region(
            Region(0, top, 1, 1), animate=False, immediate=True, spacing=Spacing(2, 0, 2, 0)
        )

    def on_focus(self) -> None:
        # Tab has put the cursor on the link it reached; a click, say, starts at the first.
        if self.link_cursor is None and self.links:
            self.link_cursor = 0
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_follow_focused_link(self) -> None:
        """Follow the link under the link cursor."""
        if self.link_cursor is not None:
            self.action_follow_link(self.link_cursor)

    def action_follow_link(self, index: int) -> None:
        """Post :class:`LinkClicked` for the link at *index*, which the cursor moves to."""
        if 0 <= index < len(self.links):
            self.link_cursor = index
        super().action_follow_link(index)
