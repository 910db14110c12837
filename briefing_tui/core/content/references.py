"""Whole-file rules: unique ids, references between tables, internal links.

These run on the raw parsed TOML, not the validated model, so that a file
with a type error in one place still gets its broken references reported in
the same run: the author sees every problem at once. Values of the wrong
type are skipped here; the model reports them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any, NamedTuple

from briefing_tui.core.content.links import (
    INTERNAL_KINDS,
    find_link_targets,
    is_external,
    link_candidates,
    parse_internal_link,
)
from briefing_tui.core.content.model import ID_PATTERN, term_key

Path = tuple[str | int, ...]

# Markdown fields of each table, by the path of the table's array.
_MARKDOWN_FIELDS: dict[str, tuple[str, ...]] = {
    "sections": ("body", "notes"),
    "actors": ("summary",),
    "relations": ("detail",),
    "timeline": ("detail",),
    "glossary": ("definition",),
    "questions": ("answer",),
    "cards": ("back",),
}


class ReferenceProblem(NamedTuple):
    """A broken whole-file rule at *path*."""

    path: Path
    message: str
    needle: str | None = None
    """Text of the offending value (e.g. a link target) to locate within it."""
    also: Path | None = None
    """Another place the problem involves: its line and column replace ``{also}`` in the message."""


def _tables(data: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def _strings(value: Any) -> Iterator[tuple[int, str]]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield index, item


def suggestion(bad: str, valid: list[str] | set[str]) -> str:
    """A " (did you mean 'x'?)" hint for *bad* among *valid*, or ""."""
    close = difflib.get_close_matches(bad, sorted(valid), n=1, cutoff=0.6)
    if close:
        return f" (did you mean {close[0]!r}?)"
    return ""


def _unknown(kind: str, bad: str, valid: set[str]) -> str:
    hint = suggestion(bad, valid)
    if not hint and valid:
        known = sorted(valid)
        listed = ", ".join(repr(item) for item in known[:5])
        more = f" and {len(known) - 5} more" if len(known) > 5 else ""
        hint = f" (known {kind} ids: {listed}{more})"
    elif not valid:
        hint = f" (the file defines no {kind}s)"
    return f"no {kind} with id {bad!r}{hint}"


class _Checker:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.problems: list[ReferenceProblem] = []
        self.ids: dict[str, set[str]] = {
            "section": self._unique_ids("sections", "section"),
            "actor": self._unique_ids("actors", "actor"),
        }
        self.boards = self._unique_ids("scoreboards", "scoreboard")
        self.arguments: dict[str, set[str]] = {}
        for index, board in _tables(data, "scoreboards"):
            ids: set[str] = set()
            for arg_index, argument in _tables(board, "arguments"):
                self._add_unique(
                    ids,
                    argument.get("id"),
                    ("scoreboards", index, "arguments", arg_index, "id"),
                    "argument",
                    f" in scoreboard {board.get('id')!r}",
                )
            if isinstance(board.get("id"), str):
                self.arguments.setdefault(board["id"], ids)
        self.terms = self._terms()
        # Links known to resolve, in the form authors usually write them:
        # most links of a file then cost one set lookup instead of a parse.
        self.valid_links: set[str] = {
            f"#{kind}:{target}" for kind, ids in self.ids.items() for target in ids
        }
        self.valid_links.update(
            f"#argument:{board}/{argument}"
            for board, arguments in self.arguments.items()
            if "/" not in board
            for argument in arguments
        )
        self.valid_links.update(f"#term:{key.replace(' ', '-')}" for key in self.terms)

    def problem(
        self, path: Path, message: str, needle: str | None = None, also: Path | None = None
    ) -> None:
        self.problems.append(ReferenceProblem(path, message, needle, also))

    def _add_unique(
        self, seen: set[str], value: Any, path: Path, what: str, within: str = ""
    ) -> None:
        if not isinstance(value, str):
            return
        if value in seen:
            self.problem(path, f"duplicate {what} id {value!r}{within}; ids must be unique")
        seen.add(value)

    def _unique_ids(self, key: str, what: str) -> set[str]:
        seen: set[str] = set()
        for index, table in _tables(self.data, key):
            self._add_unique(seen, table.get("id"), (key, index, "id"), what)
        return seen

    def _terms(self) -> set[str]:
        names: dict[str, Path] = {}
        for index, entry in _tables(self.data, "glossary"):
            term = entry.get("term")
            if isinstance(term, str):
                key = term_key(term)
                if key in names:
                    self.problem(
                        ("glossary", index, "term"),
                        f"duplicate glossary term {term!r}; terms must be unique (ignoring case)",
                    )
                names.setdefault(key, ("glossary", index, "term"))
        # An alias that names another entry would take that entry's links:
        # #term:X must mean one term.
        aliases: dict[str, Path] = {}
        for index, entry in _tables(self.data, "glossary"):
            own = term_key(entry["term"]) if isinstance(entry.get("term"), str) else None
            for a_index, alias in _strings(entry.get("aliases")):
                key, path = term_key(alias), ("glossary", index, "aliases", a_index)
                other = names.get(key) if key != own else None
                if other is None and key in aliases and aliases[key][1] != index:
                    other = aliases[key]
                if other is not None:
                    self.problem(
                        path,
                        f"alias {alias!r} also names the glossary entry at {{also}}; "
                        "a #term: link to it could mean either",
                        also=other,
                    )
                aliases.setdefault(key, path)
        return set(names) | set(aliases)

    def reference(self, kind: str, value: Any, path: Path) -> None:
        # A value that is no id at all is reported by the model, once.
        if (
            isinstance(value, str)
            and value not in self.ids[kind]
            and ID_PATTERN.fullmatch(value) is not None
        ):
            self.problem(path, _unknown(kind, value, self.ids[kind]))

    def references(self, kind: str, value: Any, path: Path) -> None:
        for index, item in _strings(value):
            self.reference(kind, item, (*path, index))

    def check(self) -> list[ReferenceProblem]:
        data = self.data
        path: Path
        for index, section in _tables(data, "sections"):
            self.references("actor", section.get("actors"), ("sections", index, "actors"))
        for index, actor in _tables(data, "actors"):
            for q_index, quote in _tables(actor, "quotes"):
                path = ("actors", index, "quotes", q_index, "section")
                self.reference("section", quote.get("section"), path)
        for index, relation in _tables(data, "relations"):
            path = ("relations", index)
            self.reference("actor", relation.get("from"), (*path, "from"))
            self.reference("actor", relation.get("to"), (*path, "to"))
            self.reference("section", relation.get("section"), (*path, "section"))
            source, target = relation.get("from"), relation.get("to")
            if isinstance(source, str) and source == target:
                self.problem(
                    (*path, "to"),
                    f"a relation needs two distinct actors; 'from' and 'to' are both {source!r}",
                )
        for index, board in _tables(data, "scoreboards"):
            self.reference("actor", board.get("perspective"), ("scoreboards", index, "perspective"))
            for arg_index, argument in _tables(board, "arguments"):
                path = ("scoreboards", index, "arguments", arg_index)
                self.references("section", argument.get("sections"), (*path, "sections"))
                self.references("actor", argument.get("actors"), (*path, "actors"))
                self.links(argument.get("detail"), (*path, "detail"))
        for index, event in _tables(data, "timeline"):
            self.references("actor", event.get("actors"), ("timeline", index, "actors"))
            self.reference("section", event.get("section"), ("timeline", index, "section"))
        for index, question in _tables(data, "questions"):
            self.reference("section", question.get("section"), ("questions", index, "section"))
        for index, card in _tables(data, "cards"):
            self.reference("section", card.get("section"), ("cards", index, "section"))
        meta = data.get("briefing")
        if isinstance(meta, dict):
            self.links(meta.get("summary"), ("briefing", "summary"))
            source = meta.get("source")
            if isinstance(source, dict) and isinstance(source.get("url"), str):
                url = source["url"]
                if not url.lower().startswith(("http:", "https:")):
                    self.problem(
                        ("briefing", "source", "url"),
                        f"{url!r} is not an http or https URL",
                    )
        for key, fields in _MARKDOWN_FIELDS.items():
            for index, table in _tables(data, key):
                for field in fields:
                    self.links(table.get(field), (key, index, field))
        return self.problems

    def links(self, markdown: Any, path: Path) -> None:
        if not isinstance(markdown, str):
            return
        if all(self.link_problem(href) is None for href in link_candidates(markdown)):
            return
        for href in find_link_targets(markdown):
            message = self.link_problem(href)
            if message:
                self.problem(path, message, needle=href or None)

    def link_problem(self, href: str) -> str | None:
        if href in self.valid_links or is_external(href):
            return None
        link = parse_internal_link(href)
        if link is None:
            if not href:
                return "a link has an empty target"
            kinds = ", ".join(f"#{kind}:…" for kind in INTERNAL_KINDS)
            return (
                f"link {href!r} is neither an http/https/mailto URL nor an internal link ({kinds})"
            )
        if link.kind in ("section", "actor"):
            if link.target not in self.ids[link.kind]:
                return f"broken link {href!r}: " + _unknown(
                    link.kind, link.target, self.ids[link.kind]
                )
            return None
        if link.kind == "argument":
            board, slash, argument = link.target.partition("/")
            if not slash:
                return f"broken link {href!r}: write #argument:SCOREBOARD/ID"
            if board not in self.arguments:
                return f"broken link {href!r}: " + _unknown("scoreboard", board, self.boards)
            if argument not in self.arguments[board]:
                hint = suggestion(argument, self.arguments[board])
                return (
                    f"broken link {href!r}: scoreboard {board!r} has no argument {argument!r}{hint}"
                )
            return None
        key = term_key(link.target)
        if key not in self.terms:
            hint = ""
            close = difflib.get_close_matches(key, sorted(self.terms), n=1, cutoff=0.6)
            if close:
                hint = f" (did you mean '#term:{close[0].replace(' ', '-')}'?)"
            return f"broken link {href!r}: no glossary term or alias matches {link.target!r}{hint}"
        return None


def check_references(data: dict[str, Any]) -> list[ReferenceProblem]:
    """Check ids, references and internal links of a parsed briefing file.

    Returns every problem found, each with the dotted path of the offending
    value; an empty list means the whole-file rules hold.
    """
    return _Checker(data).check()
