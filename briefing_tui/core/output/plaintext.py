"""The briefing as linear plain text, for ``briefing print``: screen readers, grep, pipes.

Everything the explorer shows in panels and colours is spelled out in words:
headings are underlined, actor panels become labelled lists, and scoreboard
rows read "PRO +3: claim" / "CON -4: claim" so that colour is never the only
signal. Markdown is rendered to plain paragraphs and lists (links keep their
text; a web link adds its address in angle brackets), tables to columns
lined up with ``|``. Lines are wrapped to a width; the output never holds an
escape code.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import NamedTuple

from markdown_it.token import Token

from briefing_tui.core.content.links import is_external
from briefing_tui.core.content.lint import cell_width, wrap_cells
from briefing_tui.core.content.markdown import (
    Table,
    column_widths,
    markdown_parser,
    pad,
    read_table,
)
from briefing_tui.core.content.model import Argument, Briefing, Scoreboard
from briefing_tui.core.content.text import neutralise
from briefing_tui.core.study.progress import progress_rows, study_progress
from briefing_tui.core.study.scoring import Weighting, score, verdict
from briefing_tui.core.study.store import StudyStore, event_key, question_key

MIN_WIDTH = 20
"""The narrowest width text is wrapped to; 0 means do not wrap."""


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """*text* wrapped to *width* after the prefixes; long words (web addresses) are never split."""
    if width <= 0:
        return [first + text]
    lines = textwrap.wrap(
        text,
        width=width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return lines or [first.rstrip()]


def _inline_text(token: Token) -> str:
    """The plain text of an inline token: link text kept, web addresses added after it."""
    parts: list[str] = []
    links: list[str] = []
    for child in token.children or ():
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "link_open":
            links.append(str(child.attrs.get("href", "")))
        elif kind == "link_close":
            href = links.pop() if links else ""
            shown = parts[-1] if parts else ""
            # An autolink already shows its address as its text.
            if is_external(href) and shown != href.removeprefix("mailto:") and shown != href:
                parts.append(f" <{href}>")
        elif kind == "image":
            parts.append(child.content)
            src = str(child.attrs.get("src", ""))
            if is_external(src):
                parts.append(f" <{src}>")
    return "".join(parts)


class _MarkdownWriter:
    """Renders Markdown block tokens to wrapped lines with list and quote prefixes."""

    def __init__(self, width: int, indent: str) -> None:
        self.width = width
        self.lines: list[str] = []
        # One [first-line prefix, continuation prefix] per open list item or quote.
        self.prefixes: list[list[str]] = [[indent, indent]]
        self.tight: list[bool] = []
        self.need_blank = False

    def prefix(self) -> tuple[str, str]:
        first = "".join(level[0] for level in self.prefixes)
        rest = "".join(level[1] for level in self.prefixes)
        return first, rest

    def separate(self) -> None:
        """The blank line between two blocks, if one is due, inside the current containers."""
        if self.need_blank and self.lines:
            self.lines.append(self.prefix()[1].rstrip())
        self.need_blank = False

    def emit(self, lines: list[str]) -> None:
        self.separate()
        self.lines.extend(lines)
        for level in self.prefixes:
            level[0] = level[1]
        self.need_blank = True

    def text_block(self, text: str) -> None:
        first, rest = self.prefix()
        lines: list[str] = []
        for number, piece in enumerate(text.split("\n")):
            lines += _wrap(piece, self.width, first if number == 0 else rest, rest)
        self.emit(lines)

    def table(self, table: Table[str]) -> None:
        """*table* as columns separated by ``|``, a rule under the header, cells wrapped."""
        first, rest = self.prefix()
        lines = [
            (first if number == 0 else rest) + line
            for number, line in enumerate(table_lines(table, self.width - len(rest)))
        ]
        self.emit(lines)

    def render(self, tokens: list[Token]) -> list[str]:
        after_table = 0
        for index, token in enumerate(tokens):
            if index < after_table:
                continue  # Read with its table.
            kind = token.type
            if kind == "table_open":
                table, after_table = read_table(tokens, index, _inline_text)
                self.table(table)
            elif kind == "inline":
                self.text_block(_inline_text(token))
            elif kind in ("bullet_list_open", "ordered_list_open"):
                if self.tight and self.tight[-1]:
                    self.need_blank = False  # a list nested in a tight item follows it directly
                self.separate()
                following = next((t for t in tokens[index:] if t.type == "paragraph_open"), None)
                self.tight.append(following is not None and following.hidden)
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.tight.pop()
            elif kind == "list_item_open":
                marker = f"{token.info}{token.markup} " if token.info else "- "
                if self.tight and self.tight[-1]:
                    self.need_blank = False
                self.separate()
                self.prefixes.append([marker, " " * len(marker)])
            elif kind == "blockquote_open":
                self.separate()
                self.prefixes.append(["> ", "> "])
            elif kind in ("list_item_close", "blockquote_close"):
                self.prefixes.pop()
            elif kind in ("fence", "code_block"):
                first, rest = self.prefix()
                code = token.content.rstrip("\n").split("\n")
                self.emit(
                    [
                        (first if number == 0 else rest) + "    " + line
                        for number, line in enumerate(code)
                    ]
                )
            elif kind == "hr":
                self.emit([self.prefix()[0] + "* * *"])
        return self.lines


def markdown_lines(markdown: str, width: int, indent: str = "") -> list[str]:
    """*markdown* as plain, wrapped lines, each starting with *indent*."""
    return _MarkdownWriter(width, indent).render(markdown_parser().parse(markdown))


def table_lines(table: Table[str], width: int) -> list[str]:
    """*table* in *width* columns (0: as wide as it needs), as lines of text.

    Columns are lined up with ``|`` and the header ruled off with ``-+-``; a
    cell too long for its column wraps within it, and then every row is
    ruled off. Where the columns cannot
    fit even narrowed, each row becomes "header: cell" lines instead.
    """
    columns = len(table.aligns)
    rows = [
        [" ".join(row[column].split()) if column < len(row) else "" for column in range(columns)]
        for row in [table.header, *table.rows]
    ]
    natural = [max(cell_width(row[column]) for row in rows) for column in range(columns)]
    words = [
        max((cell_width(word) for row in rows for word in row[column].split()), default=0)
        for column in range(columns)
    ]
    widths = column_widths(natural, words, width) if width > 0 else natural
    if widths is None:
        header, *body = rows
        lines: list[str] = []
        for row in body:
            if lines:
                lines.append("")
            for name, cell in zip(header, row, strict=True):
                lines += _wrap(f"{name}: {cell}", width, "", "  ")
        return lines
    wrapped_rows = [
        [wrap_cells(cell, widths[column]) for column, cell in enumerate(row)] for row in rows
    ]
    # When a cell takes more than a line, each row is ruled off, not just the header.
    ruled = any(len(cell_lines) > 1 for row in wrapped_rows for cell_lines in row)
    rule = "-+-".join("-" * column_width for column_width in widths)
    lines = []
    for number, wrapped in enumerate(wrapped_rows):
        if number == 1 or (number > 1 and ruled):
            lines.append(rule)
        for line in range(max(len(cell_lines) for cell_lines in wrapped)):
            parts = []
            for column, cell_lines in enumerate(wrapped):
                text = cell_lines[line] if line < len(cell_lines) else ""
                before, after = pad(cell_width(text), widths[column], table.aligns[column])
                parts.append(" " * before + text + " " * after)
            lines.append(" | ".join(parts).rstrip())
    return lines


def signed_weight(argument: Argument, weight: int) -> str:
    """ "+3" for a pro argument of weight 3, "-3" for a con."""
    return f"+{weight}" if argument.side == "pro" else f"-{weight}"


def argument_row(argument: Argument, weighting: Weighting) -> str:
    """One scoreboard row in words: "PRO +3: claim", with the reader's changes spelled out."""
    weight = weighting.weight_of(argument)
    notes = weighting.changes_to(argument)
    extra = f" ({', '.join(notes)})" if notes else ""
    return f"{argument.side.upper()} {signed_weight(argument, weight)}{extra}: {argument.claim}"


def score_line(board: Scoreboard, weighting: Weighting) -> str:
    """Both sides' scores and the balance, in words."""
    result = score(board, weighting)
    balance = f"+{result.balance}" if result.balance > 0 else str(result.balance)
    return (
        f"Score: {board.pro_label} {result.pro}, {board.con_label} {result.con}, "
        f"balance {balance}. {verdict(board, result)}."
    )


class _Document:
    """Plain-text output under construction: blocks separated by blank lines."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[str] = []

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def heading(self, text: str, underline: str) -> None:
        self.blank()
        lines = _wrap(text, self.width)
        self.lines += lines
        self.lines.append(underline * max(len(line) for line in lines))
        self.lines.append("")

    def paragraph(self, text: str, indent: str = "", first: str | None = None) -> None:
        self.lines += _wrap(text, self.width, indent if first is None else first, indent)

    def markdown(self, markdown: str, indent: str = "") -> None:
        self.lines += markdown_lines(markdown, self.width, indent)

    def items(self, label: str, items: Iterable[str], indent: str = "") -> None:
        items = list(items)
        if not items:
            return
        self.paragraph(f"{label}:", indent)
        for item in items:
            self.paragraph(item, indent + "    ", first=indent + "  - ")

    def note(self, study: StudyStore | None, key: str, indent: str = "") -> None:
        if study is None:
            return
        text = study.note(key)
        if not text:
            return
        self.blank()
        for number, line in enumerate(text.splitlines() or [""]):
            lead = indent + ("Note: " if number == 0 else "      ")
            self.paragraph(line, indent + "      ", first=lead)

    def text(self) -> str:
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return neutralise("\n".join(self.lines) + "\n")


def briefing_facts(briefing: Briefing) -> list[tuple[str, str]]:
    """The facts about a briefing shown under its title, as (name, value) pairs."""
    meta = briefing.briefing
    facts = []
    if meta.source and meta.source.publication:
        facts.append(("Source", meta.source.publication))
    if meta.source and meta.source.authors:
        facts.append(("Authors", ", ".join(meta.source.authors)))
    if meta.source and meta.source.url:
        facts.append(("Address", meta.source.url))
    if meta.published:
        facts.append(("Published", meta.published))
    if meta.subject:
        facts.append(("Subject", meta.subject))
    if meta.tags:
        facts.append(("Tags", ", ".join(meta.tags)))
    return facts


def render_plain(briefing: Briefing, width: int = 80, study: StudyStore | None = None) -> str:
    """The whole briefing as plain text wrapped to *width* (0: no wrapping).

    With *study*, the reader's notes follow the items they are on,
    bookmarks are listed first and scoreboards use the reader's weights.
    The result is neutralised: it holds no control character but TAB and LF.
    """
    if 0 < width < MIN_WIDTH:
        raise ValueError(f"width must be at least {MIN_WIDTH} (or 0 for no wrapping), got {width}")
    doc = _Document(width)
    meta = briefing.briefing
    doc.heading(meta.title, "=")
    if meta.subtitle:
        doc.paragraph(meta.subtitle)
        doc.blank()
    for name, value in briefing_facts(briefing):
        doc.paragraph(f"{name}: {value}")
    if meta.summary:
        doc.blank()
        doc.markdown(meta.summary)

    if study is not None:
        _bookmarks(doc, study)

    doc.heading("Contents", "=")
    for number, section in enumerate(briefing.sections, 1):
        doc.paragraph(section.title, "    ", first=f"{number:>2}. ")

    for number, section in enumerate(briefing.sections, 1):
        doc.heading(f"{number}. {section.title}", "-")
        actors = [briefing.actors_by_id[actor].name for actor in section.actors]
        if actors:
            doc.paragraph(f"Actors: {', '.join(actors)}")
        doc.items("Key points", section.key_points)
        doc.blank()
        doc.markdown(section.body)
        doc.note(study, f"section:{section.id}")

    _actors(doc, briefing, study)
    _scoreboards(doc, briefing, study)
    _timeline(doc, briefing, study)
    _glossary(doc, briefing, study)
    _self_test(doc, briefing, study)
    if study is not None:
        _progress(doc, briefing, study)
        _orphaned_notes(doc, study)
    return doc.text()


def _bookmarks(doc: _Document, study: StudyStore) -> None:
    if not study.bookmarks:
        return
    doc.heading("Bookmarks", "=")
    items = study.items
    for key in study.bookmarks:
        doc.paragraph(items.get(key, f"{key} (no longer in the briefing)"), "    ", first="  - ")


def _actors(doc: _Document, briefing: Briefing, study: StudyStore | None) -> None:
    if not briefing.actors:
        return
    doc.heading("Actors", "=")
    for actor in briefing.actors:
        doc.blank()
        doc.paragraph(f"{actor.name} ({actor.kind}; stance: {actor.stance})")
        if actor.role:
            doc.paragraph(f"Role: {actor.role}", "  ", first="  ")
        if actor.summary:
            doc.markdown(actor.summary, "  ")
        doc.items("Interests", actor.interests, "  ")
        doc.items("Concerns", actor.concerns, "  ")
        doc.items("Quotes", (f"“{quote.text}” ({quote.by})" for quote in actor.quotes), "  ")
        relations = [
            f"{relation.kind} {briefing.actors_by_id[relation.to].name}"
            for relation in briefing.relations
            if relation.from_ == actor.id
        ]
        doc.items(f"Relations ({actor.name} …)", relations, "  ")
        doc.note(study, f"actor:{actor.id}", "  ")


def _scoreboards(doc: _Document, briefing: Briefing, study: StudyStore | None) -> None:
    if not briefing.scoreboards:
        return
    doc.heading("Scoreboards", "=")
    for board in briefing.scoreboards:
        weighting = study.weighting(board.id) if study is not None else Weighting()
        doc.heading(board.title, "-")
        if board.perspective:
            doc.paragraph(f"Perspective: {briefing.actors_by_id[board.perspective].name}")
        doc.paragraph(f"PRO arguments: {board.pro_label}. CON arguments: {board.con_label}.")
        for argument in board.arguments:
            doc.blank()
            doc.paragraph(argument_row(argument, weighting), "    ", first="  ")
            if argument.detail:
                doc.blank()
                doc.markdown(argument.detail, "    ")
            doc.note(study, f"argument:{board.id}/{argument.id}", "    ")
        doc.blank()
        doc.paragraph(score_line(board, weighting))
        doc.note(study, f"scoreboard:{board.id}")


def _timeline(doc: _Document, briefing: Briefing, study: StudyStore | None) -> None:
    if not briefing.timeline:
        return
    doc.heading("Timeline", "=")
    for event in briefing.events_in_order:
        doc.blank()
        doc.paragraph(f"{event.date}: {event.title}", "    ", first="  ")
        if event.detail:
            doc.blank()
            doc.markdown(event.detail, "    ")
        doc.note(study, event_key(event), "    ")


def _glossary(doc: _Document, briefing: Briefing, study: StudyStore | None) -> None:
    if not briefing.glossary:
        return
    doc.heading("Glossary", "=")
    for term in briefing.glossary:
        doc.blank()
        also = f" (also: {', '.join(term.aliases)})" if term.aliases else ""
        doc.paragraph(f"{term.term}{also}")
        doc.markdown(term.definition, "    ")
        doc.note(study, f"term:{term.slug}", "    ")


class Prompt(NamedTuple):
    """A self-test item as the exports write it: a question, or a card the author wrote."""

    anchor: str
    """Its id in an exported page: ``question:0``, ``card:0``."""
    prompt: str
    answer: str
    """Markdown."""
    note_key: str | None
    """The study key a reader's note on it is kept under, if it can have one."""


def self_test(briefing: Briefing) -> list[tuple[str, str, list[Prompt]]]:
    """The self-test parts of *briefing*, each (anchor, heading, items): questions, then cards."""
    questions = [
        Prompt(f"question:{index}", question.prompt, question.answer, question_key(question))
        for index, question in enumerate(briefing.questions)
    ]
    cards = [
        Prompt(f"card:{index}", card.front, card.back, None)
        for index, card in enumerate(briefing.cards)
    ]
    return [("questions", "Questions", questions), ("cards", "Cards", cards)]


def _self_test(doc: _Document, briefing: Briefing, study: StudyStore | None) -> None:
    for _, heading, prompts in self_test(briefing):
        if not prompts:
            continue
        doc.heading(heading, "=")
        for number, prompt in enumerate(prompts, 1):
            doc.blank()
            doc.paragraph(prompt.prompt, "    ", first=f"{number:>2}. ")
            doc.blank()
            doc.paragraph("Answer:", "    ")
            doc.markdown(prompt.answer, "    ")
            if prompt.note_key is not None:
                doc.note(study, prompt.note_key, "    ")


def _progress(doc: _Document, briefing: Briefing, study: StudyStore) -> None:
    found = study_progress(briefing, study)
    if found is None:
        return
    doc.heading("Study progress", "=")
    rows = progress_rows(found)
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        doc.paragraph(f"{name:<{width}}  {value}", " " * (width + 2), first="")


def _orphaned_notes(doc: _Document, study: StudyStore) -> None:
    orphaned = study.orphaned_notes()
    if not orphaned:
        return
    doc.heading("Notes on items no longer in the briefing", "=")
    for key, note in orphaned.items():
        doc.blank()
        doc.paragraph(f"{key}:")
        for line in note.text.splitlines():
            doc.paragraph(line, "    ")
