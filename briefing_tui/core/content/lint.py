"""Warnings for a briefing that is valid but weak.

``briefing validate`` refuses what breaks the content format. ``briefing
lint`` runs on files that pass and points at what would let a reader or an
audience down: a section with no takeaways for its slide, an actor or a glossary
term nothing leads to, an argument cut off from the text, a one-sided
scoreboard, key points too long for a slide on an 80x24 terminal, Markdown
the app does not show as written (raw HTML, images, footnotes), two cards
that ask the same. Each
warning names its check, so an author can look it up in the docs.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import tomli

from briefing_tui.core.content.links import find_link_targets, parse_internal_link
from briefing_tui.core.content.loader import KeyPath, Problem, load_briefing
from briefing_tui.core.content.markdown import unsupported_constructs
from briefing_tui.core.content.model import Briefing, term_key
from briefing_tui.core.content.positions import key_positions, position_of
from briefing_tui.core.content.text import DECEPTIVE_CHARACTERS, may_hold_deceptive_characters

SLIDE_COLUMNS = 72
"""Text width of a slide on an 80-column terminal: 80 less 4 columns of margin each side."""
SLIDE_ROWS = 18
"""Text rows of a slide on a 24-row terminal: less header, footer and 2 rows of margin each side."""

CHECKS: dict[str, str] = {
    "no-key-points": "a section has no key points, so its slide shows its text instead",
    "unreferenced-actor": (
        "no section, relation, scoreboard, argument, event or link names an actor"
    ),
    "unlinked-argument": "an argument names no section and no section links to it",
    "one-sided-scoreboard": "a scoreboard's arguments are all pros or all cons",
    "unused-term": "no #term: link in any Markdown field leads to a glossary term",
    "slide-overflow": "a section's title and key points do not fit a slide at 80x24",
    "deceptive-characters": (
        "a value holds bidi controls or invisible characters, which can make text "
        "show other than it reads; the app shows each as \ufffd"
    ),
    "unsupported-markdown": (
        "a Markdown field holds raw HTML, an image or a footnote, which the app "
        "does not show as written"
    ),
    "duplicate-card": (
        "two questions ask the same, or two cards have the same front: a reader's "
        "progress is kept under what a card asks, so they share one schedule"
    ),
}
"""Every check, by name, with what it looks for."""


@dataclass(frozen=True)
class LintWarning:
    """One weakness of a valid briefing, located like a loader problem."""

    file: str
    check: str
    """The name of the check (a key of :data:`CHECKS`)."""
    message: str
    path: KeyPath = ()
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        """``FILE:LINE:COL: path: message [check]``, safe to print to a terminal."""
        location = Problem(self.file, self.message, self.path, self.line, self.column)
        return f"{location} [{self.check}]"


def lint_file(path: str | os.PathLike[str]) -> list[LintWarning]:
    """Lint the briefing file at *path*; raises ``BriefingError`` when it is not valid."""
    briefing = load_briefing(path)
    # The loader has checked size and encoding; only the key positions are needed here.
    text = Path(path).read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
    return lint_briefing(briefing, text, os.fspath(path))


def lint_briefing(briefing: Briefing, text: str, name: str) -> list[LintWarning]:
    """Every warning for *briefing*, parsed from *text*, sorted by line.

    *name* is the file name used in the warnings' locations.
    """
    positions = key_positions(text)
    found = [
        *_sections_without_key_points(briefing),
        *_unreferenced_actors(briefing),
        *_unlinked_arguments(briefing),
        *_one_sided_scoreboards(briefing),
        *_unused_terms(briefing),
        *_slide_overflows(briefing),
        *_duplicate_cards(briefing),
        *_deceptive_characters(text),
    ]
    warnings = []
    for check, path, message in found:
        where = position_of(positions, path)
        line, column = where if where else (None, None)
        warnings.append(LintWarning(name, check, message, path, line, column))
    warnings += _unsupported_markdown(briefing, text.split("\n"), positions, name)
    warnings.sort(key=lambda warning: (warning.line or 0, warning.column or 0))
    return warnings


Finding = tuple[str, KeyPath, str]


def _deceptive_characters(text: str) -> Iterator[Finding]:
    # The model holds placeholders for these already (see the loader): look
    # at the file as written.
    if not may_hold_deceptive_characters(text):
        return
    for path, value in _strings(tomli.loads(text), ()):
        found = sorted(set(DECEPTIVE_CHARACTERS.findall(value)))
        if found:
            names = ", ".join(f"U+{ord(char):04X} {unicodedata.name(char, '')}" for char in found)
            yield (
                "deceptive-characters",
                path,
                (
                    f"holds {names}: text with these can show other than it reads; "
                    "the app shows each as \ufffd"
                ),
            )


def _strings(value: object, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _markdown_fields(briefing: Briefing) -> Iterator[tuple[KeyPath, str]]:
    """Every Markdown field of *briefing* with its path."""
    if briefing.briefing.summary:
        yield ("briefing", "summary"), briefing.briefing.summary
    for index, section in enumerate(briefing.sections):
        yield ("sections", index, "body"), section.body
        if section.notes:
            yield ("sections", index, "notes"), section.notes
    for index, actor in enumerate(briefing.actors):
        if actor.summary:
            yield ("actors", index, "summary"), actor.summary
    for index, relation in enumerate(briefing.relations):
        if relation.detail:
            yield ("relations", index, "detail"), relation.detail
    for index, board in enumerate(briefing.scoreboards):
        for arg_index, argument in enumerate(board.arguments):
            if argument.detail:
                yield ("scoreboards", index, "arguments", arg_index, "detail"), argument.detail
    for index, event in enumerate(briefing.timeline):
        if event.detail:
            yield ("timeline", index, "detail"), event.detail
    for index, term in enumerate(briefing.glossary):
        yield ("glossary", index, "definition"), term.definition
    for index, question in enumerate(briefing.questions):
        yield ("questions", index, "answer"), question.answer
    for index, card in enumerate(briefing.cards):
        yield ("cards", index, "back"), card.back


def _internal_links(briefing: Briefing, kind: str) -> Iterator[tuple[KeyPath, str]]:
    """The target of every ``#kind:…`` link, with the path of the field it is in."""
    for path, markdown in _markdown_fields(briefing):
        for href in find_link_targets(markdown):
            link = parse_internal_link(href)
            if link is not None and link.kind == kind:
                yield path, link.target


def _sections_without_key_points(briefing: Briefing) -> Iterator[Finding]:
    for index, section in enumerate(briefing.sections):
        if not section.key_points:
            yield (
                "no-key-points",
                ("sections", index),
                (
                    f"section {section.id!r} has no key_points, so its slide shows the "
                    "section's text instead of takeaways: add two to five key points"
                ),
            )


def _unreferenced_actors(briefing: Briefing) -> Iterator[Finding]:
    referenced: set[str] = set()
    for section in briefing.sections:
        referenced.update(section.actors)
    for relation in briefing.relations:
        referenced.update((relation.from_, relation.to))
    for board in briefing.scoreboards:
        if board.perspective:
            referenced.add(board.perspective)
        for argument in board.arguments:
            referenced.update(argument.actors)
    for event in briefing.timeline:
        referenced.update(event.actors)
    for path, target in _internal_links(briefing, "actor"):
        # An actor's own summary linking to itself does not lead anyone to it.
        if path[:2] != ("actors", _index_of_actor(briefing, target)):
            referenced.add(target)
    for index, actor in enumerate(briefing.actors):
        if actor.id not in referenced:
            yield (
                "unreferenced-actor",
                ("actors", index),
                (
                    f"actor {actor.id!r} is not referenced: no section, relation, scoreboard, "
                    "argument, event or link names it"
                ),
            )


def _index_of_actor(briefing: Briefing, actor_id: str) -> int:
    return next((i for i, actor in enumerate(briefing.actors) if actor.id == actor_id), -1)


def _unlinked_arguments(briefing: Briefing) -> Iterator[Finding]:
    linked_from_text = {
        target for path, target in _internal_links(briefing, "argument") if path[0] == "sections"
    }
    for index, board in enumerate(briefing.scoreboards):
        for arg_index, argument in enumerate(board.arguments):
            if argument.sections or f"{board.id}/{argument.id}" in linked_from_text:
                continue
            yield (
                "unlinked-argument",
                ("scoreboards", index, "arguments", arg_index),
                (
                    f"argument {argument.id!r} of scoreboard {board.id!r} is not linked to any "
                    "section: add sections = [...] so readers can find where it is argued"
                ),
            )


def _one_sided_scoreboards(briefing: Briefing) -> Iterator[Finding]:
    for index, board in enumerate(briefing.scoreboards):
        sides = {argument.side for argument in board.arguments}
        if len(sides) == 1:
            (side,) = sides
            label, missing = (
                (board.pro_label, board.con_label)
                if side == "pro"
                else (board.con_label, board.pro_label)
            )
            count = len(board.arguments)
            yield (
                "one-sided-scoreboard",
                ("scoreboards", index),
                (
                    f"scoreboard {board.id!r} has only {side} arguments ({count} under "
                    f"{label!r}); add at least one for {missing!r} so the balance means something"
                ),
            )


def _unused_terms(briefing: Briefing) -> Iterator[Finding]:
    used: set[tuple[str, str | int]] = set()
    for path, target in _internal_links(briefing, "term"):
        term = briefing.terms_by_key.get(term_key(target))
        if term is not None:
            used.add((term_key(term.term), path[1] if path[0] == "glossary" else -1))
    for index, term in enumerate(briefing.glossary):
        key = term_key(term.term)
        # A link from the term's own definition does not count as a use.
        if any(used_key == key and where != index for used_key, where in used):
            continue
        yield (
            "unused-term",
            ("glossary", index),
            f"glossary term {term.term!r} is never used: no #term: link in the text leads to it",
        )


def _slide_overflows(briefing: Briefing) -> Iterator[Finding]:
    for index, section in enumerate(briefing.sections):
        if not section.key_points:
            continue
        rows = slide_rows(section.title, section.key_points)
        if rows > SLIDE_ROWS:
            yield (
                "slide-overflow",
                ("sections", index, "key_points"),
                (
                    f"the title and key points of section {section.id!r} take {rows} rows on a "
                    f"slide; at most {SLIDE_ROWS} fit at 80x24 (wrapped to {SLIDE_COLUMNS} "
                    "columns): shorten or split them"
                ),
            )


def _duplicate_cards(briefing: Briefing) -> Iterator[Finding]:
    asked = (
        ("questions", "question", "prompt", [question.prompt for question in briefing.questions]),
        ("cards", "card", "front", [card.front for card in briefing.cards]),
    )
    for table, kind, key, texts in asked:
        first: dict[str, int] = {}
        for index, text in enumerate(texts):
            earlier = first.setdefault(text, index)
            if earlier != index:
                yield (
                    "duplicate-card",
                    (table, index),
                    (
                        f"this {kind} has the same {key} as {table}[{earlier}]: a reader's "
                        "progress is kept under it, so the two share one schedule; reword one"
                    ),
                )


def _unsupported_markdown(
    briefing: Briefing, lines: list[str], positions: dict[KeyPath, tuple[int, int]], name: str
) -> Iterator[LintWarning]:
    """A warning at the line of each construct :func:`unsupported_constructs` finds."""
    for path, markdown in _markdown_fields(briefing):
        where = position_of(positions, path)
        said: set[tuple[int | None, str]] = set()
        for construct in unsupported_constructs(markdown):
            line = _line_of(lines, where, construct.line)
            if (line, construct.message) not in said:
                said.add((line, construct.message))
                yield LintWarning(name, "unsupported-markdown", construct.message, path, line)


def _line_of(lines: list[str], key: tuple[int, int] | None, line_in_value: int) -> int | None:
    """The line of the file holding line *line_in_value* of the string whose key is at *key*.

    A multi-line string (\"\"\" or \'\'\') that starts with a line end starts on the
    next line, its lines the file's; any other string is on its key's line.
    """
    if key is None:
        return None
    number, column = key
    after_key = lines[number - 1][column - 1 :] if number <= len(lines) else ""
    value = after_key.partition("=")[2].lstrip()
    if value[:3] in ('"""', "'''"):
        starts_next = not value[3:].strip()
        return min(number + starts_next + line_in_value, len(lines))
    return number


def slide_rows(title: str, key_points: tuple[str, ...] | list[str]) -> int:
    """Rows a section slide needs: the title, a blank row, then each point as a bullet.

    Text is wrapped to :data:`SLIDE_COLUMNS` terminal cells; a point's
    continuation lines are indented under its first word.
    """
    rows = len(wrap_cells(title, SLIDE_COLUMNS)) + 1
    for point in key_points:
        rows += len(wrap_cells(point, SLIDE_COLUMNS - 2))
    return rows


def cell_width(text: str) -> int:
    """Terminal cells *text* takes: wide East Asian characters 2, combining marks 0."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def wrap_cells(text: str, width: int) -> list[str]:
    """Wrap *text* at spaces to lines of at most *width* cells; split words longer than a line."""
    lines: list[str] = []
    line, used = "", 0
    for word in text.split():
        size = cell_width(word)
        while size > width:
            # A word longer than a line fills lines on its own.
            if line:
                lines.append(line)
                line, used = "", 0
            cut, taken = 0, 0
            while cut < len(word) and (cut == 0 or taken + cell_width(word[cut]) <= width):
                taken += cell_width(word[cut])
                cut += 1
            lines.append(word[:cut])
            word, size = word[cut:], size - taken
        if not word:
            continue
        if line and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
        elif line:
            lines.append(line)
            line, used = word, size
        else:
            line, used = word, size
    if line or not lines:
        lines.append(line)
    return lines
