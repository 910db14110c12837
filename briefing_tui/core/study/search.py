"""Incremental full-text search over a briefing.

:class:`SearchIndex` flattens a briefing into one entry per searchable field
(a section's title, each of its key points, its body; an actor's name, role,
summary, interests, concerns and quotes; and so on), each held as plain text
with Markdown link syntax stripped, lower-cased once up front. A query
matches an entry when every one of its words occurs in it, ignoring case.

The reader's notes can be searched too: give the index each note with the
title of the item it is on (:class:`NoteText`); a note is an item of its
own, a hit on ``Target("note", KEY)``.

The index is built for search-as-you-type: each query remembers its full set
of matching entries, and a query that extends the previous one (the reader
typed another key) only re-checks those, so the work per key shrinks as the
query grows. Snippets are cut only for the hits returned.

Hits are ranked by the kind of field (titles and names, then short plain
fields such as key points and claims, then Markdown bodies), then by how
well the words match (the whole field, its start, the start of a word,
inside a word), then by the briefing's own order. An item whose fields
match more than once is one hit, from its best field.

:func:`name_match` ranks names for the command palette the same way: the
whole name, then its start, whole words, word starts, anywhere, and last
the loose matches where the letters are only there in order.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, NamedTuple

from briefing_tui.core.content.model import Briefing

TargetKind = Literal["section", "actor", "argument", "term", "event", "question", "note"]

SNIPPET_WIDTH = 72
"""Most characters of a snippet, not counting the ellipses at either end."""
_CONTEXT_BEFORE = 24
"""How much of a snippet comes before the first match, when there is room."""
_CACHE_SIZE = 32

# Ranks of fields: names first, then one-line plain text, then Markdown.
_NAME, _SHORT, _LONG = 0, 1, 2


class Target(NamedTuple):
    """What a hit points at: a kind of item and its id.

    Ids are the content's own ids for sections and actors,
    ``"BOARD/ARGUMENT"`` for arguments, the term's slug (:attr:`Term.slug`)
    for glossary terms, and an index for the items that have no id: into
    :attr:`Briefing.events_in_order` for events and into
    :attr:`Briefing.questions` for questions. A note's id is the study key
    of the item it is on (``"section:history"``).
    """

    kind: TargetKind
    id: str | int


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One field that matches a query."""

    target: Target
    """The item the field belongs to."""
    field: str
    """The field's name in the content format, e.g. ``"title"``, ``"key_points"``, ``"body"``."""
    label: str
    """A short name of the item for a list of results (a title, a name, a claim)."""
    snippet: str
    """Plain text around the first match, on one line, with "…" where it was cut."""
    spans: tuple[tuple[int, int], ...]
    """``(start, end)`` of each match inside :attr:`snippet`, for highlighting."""

    @property
    def span(self) -> tuple[int, int]:
        """The first match inside :attr:`snippet`."""
        return self.spans[0]


# Markdown that would otherwise show up in snippets and match queries. The
# order matters: images before links, links before emphasis. Each pattern
# runs only when its marker character occurs: building the index of a large
# briefing is mostly this function.
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_REFERENCE_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[^\n]*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^\s<>]*)>")
_STARS = re.compile(r"\*+")
# Underscores mark emphasis only at the edge of a word; snake_case stays.
_UNDERSCORES = re.compile(r"(?<!\w)_+|_+(?!\w)")
_LINE_MARKS = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)", re.MULTILINE)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# An escaped "\*" must survive the removal of emphasis: it is parked in the
# private use area meanwhile.
_PARKED = 0xE000
_UNPARK = {_PARKED + code: code for code in range(128)}

# Characters that end a word, for telling "ru" at the start of "Russia" from
# "ru" inside "truce". str.translate with a table is ten times faster than a
# regular expression over a large briefing.
_WORD_BREAKS = str.maketrans(
    dict.fromkeys(
        [chr(code) for code in range(128) if not chr(code).isalnum()] + list("–—‘’“”«»…·"),
        " ",
    )
)


def plain_text(markdown: str) -> str:
    """*markdown* as one line of plain text: link targets, emphasis and block marks dropped.

    "[Russia](#actor:russia) **says**" becomes "Russia says". This is a fast
    approximation for search snippets, not a full CommonMark renderer.
    """
    text = markdown
    escaped = "\\" in text
    if escaped:
        text = _ESCAPE.sub(lambda match: chr(_PARKED + ord(match.group(1))), text)
    if "](" in text:
        text = _LINK.sub(r"\1", _IMAGE.sub(r"\1", text))
    if "][" in text:
        text = _REFERENCE_LINK.sub(r"\1", text)
    if "]:" in text:
        text = _REFERENCE_DEFINITION.sub("", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
    if "#" in text or ">" in text or "- " in text or "* " in text or "+ " in text:
        text = _LINE_MARKS.sub("", text)
    if "*" in text:
        text = _STARS.sub("", text)
    if "_" in text:
        text = _UNDERSCORES.sub("", text)
    if "`" in text:
        text = text.replace("`", "")
    if escaped:
        text = text.translate(_UNPARK)
    return " ".join(text.split())


def fold_case(text: str) -> str:
    """Lower-case *text* without changing its length, so offsets stay valid.

    ``str.lower`` turns a few characters into two ("İ" into "i̇"); those are
    kept as they are.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char if len(char.lower()) != 1 else char.lower() for char in text)


class NoteText(NamedTuple):
    """A reader's note, as search sees it."""

    key: str
    """The study key of the item the note is on."""
    label: str
    """The title of that item, "" when it is no longer in the briefing."""
    text: str


class _Field(NamedTuple):
    target: Target
    field: str
    label: str
    rank: int
    text: str


def _fields(briefing: Briefing, notes: Iterable[NoteText]) -> Iterator[_Field]:
    for section in briefing.sections:
        target = Target("section", section.id)
        yield _Field(target, "title", section.title, _NAME, section.title)
        for point in section.key_points:
            yield _Field(target, "key_points", section.title, _SHORT, point)
        yield _Field(target, "body", section.title, _LONG, section.body)
    for actor in briefing.actors:
        target = Target("actor", actor.id)
        yield _Field(target, "name", actor.name, _NAME, actor.name)
        if actor.role:
            yield _Field(target, "role", actor.name, _SHORT, actor.role)
        for interest in actor.interests:
            yield _Field(target, "interests", actor.name, _SHORT, interest)
        for concern in actor.concerns:
            yield _Field(target, "concerns", actor.name, _SHORT, concern)
        for quote in actor.quotes:
            yield _Field(target, "quotes", actor.name, _SHORT, quote.text)
        if actor.summary:
            yield _Field(target, "summary", actor.name, _LONG, actor.summary)
    for board in briefing.scoreboards:
        for argument in board.arguments:
            target = Target("argument", f"{board.id}/{argument.id}")
            yield _Field(target, "claim", argument.claim, _SHORT, argument.claim)
            if argument.detail:
                yield _Field(target, "detail", argument.claim, _LONG, argument.detail)
    for index, event in enumerate(briefing.events_in_order):
        target = Target("event", index)
        label = f"{event.date} {event.title}"
        yield _Field(target, "title", label, _NAME, event.title)
        if event.detail:
            yield _Field(target, "detail", label, _LONG, event.detail)
    for term in briefing.glossary:
        target = Target("term", term.slug)
        yield _Field(target, "term", term.term, _NAME, term.term)
        for alias in term.aliases:
            yield _Field(target, "aliases", term.term, _NAME, alias)
        yield _Field(target, "definition", term.term, _LONG, term.definition)
    for index, question in enumerate(briefing.questions):
        target = Target("question", index)
        yield _Field(target, "prompt", question.prompt, _SHORT, question.prompt)
        yield _Field(target, "answer", question.prompt, _LONG, question.answer)
    for note in notes:
        # The reader's own words: looked for like key points, before the briefing's bodies.
        yield _Field(Target("note", note.key), "note", note.label, _SHORT, note.text)


def _query_words(query: str) -> tuple[str, list[str]]:
    """The normalised query (case folded, spaces collapsed) and its distinct words."""
    normal = " ".join(fold_case(query).split())
    return normal, list(dict.fromkeys(normal.split()))


class SearchIndex:
    """A briefing's searchable text, ready for search-as-you-type.

    Build one per briefing (it costs about half a parse of the file, so a
    large briefing wants a worker) and call :meth:`search` on each key
    press, in a worker too if need be: searches running at once stay
    correct, as the state they share is a cache of whole results.
    """

    def __init__(self, briefing: Briefing, notes: Iterable[NoteText] = ()) -> None:
        targets: list[Target] = []
        fields: list[str] = []
        labels: list[str] = []
        ranks: list[int] = []
        texts: list[str] = []
        # Entries are stored by rank so that scanning in index order meets
        # names first and can stop as soon as enough hits are found.
        for entry in sorted(_fields(briefing, notes), key=lambda entry: entry.rank):
            targets.append(entry.target)
            fields.append(entry.field)
            labels.append(entry.label)
            ranks.append(entry.rank)
            texts.append(
                plain_text(entry.text) if entry.rank == _LONG else " ".join(entry.text.split())
            )
        self._targets = targets
        self._fields = fields
        self._labels = labels
        self._ranks = ranks
        self._texts = texts
        self._folded = [fold_case(text) for text in texts]
        # The same text with every non-word character a space and one space
        # in front: " ru" in it means a word starts with "ru".
        self._word_starts = [" " + folded.translate(_WORD_BREAKS) for folded in self._folded]
        self._everything = list(range(len(texts)))
        self._rank_starts = [bisect.bisect_left(ranks, rank) for rank in (_NAME, _SHORT, _LONG)]
        self._rank_starts.append(len(ranks))
        self._cache: dict[str, list[int]] = {}
        self._last: tuple[str, list[int]] = ("", self._everything)

    def __len__(self) -> int:
        """The number of searchable fields."""
        return len(self._texts)

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """The best *limit* items with a field that contains every word of *query*, best first.

        Each item is one hit, from its best field.
        """
        normal, words = _query_words(query)
        if not words or limit <= 0:
            return []
        matches = self._matches(normal, words)
        wanted = limit
        while True:
            best = self._best(matches, words, wanted)
            chosen = self._one_per_item(best)
            if len(chosen) >= limit or len(best) < wanted:
                break
            # Other fields of the same items took places: look further down.
            wanted *= 4
        return [self._hit(index, words) for index in chosen[:limit]]

    def _one_per_item(self, entries: list[int]) -> list[int]:
        """*entries* less those of an item that an earlier entry is already of."""
        seen: set[Target] = set()
        chosen = []
        for index in entries:
            target = self._targets[index]
            if target not in seen:
                seen.add(target)
                chosen.append(index)
        return chosen

    def _matches(self, normal: str, words: list[str]) -> list[int]:
        """Indexes of every entry holding all *words*, narrowing a previous result when possible."""
        cached = self._cache.get(normal)
        if cached is not None:
            self._last = (normal, cached)
            return cached
        previous_query, previous = self._last
        # Every entry matching "china r" matches "china " and "chin": a query
        # that extends the last one can only lose entries.
        candidates = (
            previous if previous_query and normal.startswith(previous_query) else self._everything
        )
        folded = self._folded
        # The longest word is usually the rarest: check it first.
        for word in sorted(words, key=len, reverse=True):
            candidates = [index for index in candidates if word in folded[index]]
        if len(self._cache) >= _CACHE_SIZE:
            self._cache = {}
        self._cache[normal] = candidates
        self._last = (normal, candidates)
        return candidates

    def _best(self, matches: list[int], words: list[str], limit: int) -> list[int]:
        """The *limit* best of *matches*, best first.

        *matches* are in index order, which is rank order. Within a rank the
        matches are sorted into classes of quality (the whole field, its
        start, the starts of words, anywhere), one pass over them per class,
        stopping as soon as *limit* are found.
        """
        folded = self._folded
        spaced = self._word_starts
        first = words[0]
        word_starts = [" " + word.translate(_WORD_BREAKS) for word in words]
        best: list[int] = []
        for low, high in itertools.pairwise(self._rank_starts):
            rest = matches[bisect.bisect_left(matches, low) : bisect.bisect_left(matches, high)]
            if len(words) == 1:
                best += [index for index in rest if folded[index] == first]
                rest = [index for index in rest if folded[index] != first]
            if len(best) >= limit:
                break
            best += [index for index in rest if folded[index].startswith(first)]
            rest = [index for index in rest if not folded[index].startswith(first)]
            if len(best) >= limit:
                break
            at_word_start = rest
            for start in word_starts:
                at_word_start = [index for index in at_word_start if start in spaced[index]]
            best += at_word_start
            if len(best) >= limit:
                break
            chosen = set(at_word_start)
            best += [index for index in rest if index not in chosen]
            if len(best) >= limit:
                break
        return best[:limit]

    def _hit(self, index: int, words: list[str]) -> SearchHit:
        text = self._texts[index]
        folded = self._folded[index]
        start, end = _window(text, min(folded.find(word) for word in words))
        snippet = text[start:end]
        window = folded[start:end]
        if start > 0:
            snippet = "…" + snippet
            # A character no word contains, so spans line up with the snippet.
            window = "\0" + window
        if end < len(text):
            snippet += "…"
        return SearchHit(
            target=self._targets[index],
            field=self._fields[index],
            label=self._labels[index],
            snippet=snippet,
            spans=_spans(window, words),
        )


def _window(text: str, position: int) -> tuple[int, int]:
    """Start and end of a snippet of *text* showing *position*, cut at spaces where possible."""
    if len(text) <= SNIPPET_WIDTH:
        return 0, len(text)
    start = max(0, min(position - _CONTEXT_BEFORE, len(text) - SNIPPET_WIDTH))
    if start > 0:
        # Begin at a word, unless that would skip past the match.
        space = text.find(" ", start, position)
        if space != -1:
            start = space + 1
    end = min(len(text), start + SNIPPET_WIDTH)
    if end < len(text):
        space = text.rfind(" ", position + 1, end)
        if space != -1:
            end = space
    return start, end


def _spans(window: str, words: list[str]) -> tuple[tuple[int, int], ...]:
    """Where each word occurs in *window*, overlapping matches merged, in order."""
    found: list[tuple[int, int]] = []
    for word in words:
        position = window.find(word)
        while position != -1:
            found.append((position, position + len(word)))
            position = window.find(word, position + len(word))
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def name_match(query: str, name: str) -> float:
    """How well *query* finds *name* in a list of names: 0 when it does not; higher is better.

    In order: the whole name; its start; every query word a whole word of
    the name; every query word the start of one; the query inside the name;
    and last, below all of those, the letters of the query in order anywhere
    (``"putin"`` in "A stronger North Korea pushes…"). Names of one class
    rank alike, to stay in the order they are listed. Case is ignored.
    """
    wanted = " ".join(fold_case(query).split())
    text = " ".join(fold_case(name).split())
    if not wanted:
        return 0.0
    words = wanted.split()
    name_words = text.translate(_WORD_BREAKS).split()
    if text == wanted:
        rank = 6
    elif text.startswith(wanted):
        rank = 5
    elif all(word in name_words for word in words):
        rank = 4
    elif all(any(part.startswith(word) for part in name_words) for word in words):
        rank = 3
    elif wanted in text:
        rank = 2
    elif _in_order(wanted.replace(" ", ""), text):
        rank = 1
    else:
        return 0.0
    return float(rank)


def _in_order(letters: str, text: str) -> bool:
    """True when every one of *letters* occurs in *text*, in that order."""
    position = 0
    for letter in letters:
        position = text.find(letter, position) + 1
        if not position:
            return False
    return True
