"""Incremental full-text search over a briefing.

:class:`SearchIndex` flattens a briefing into one entry per searchable field
(a section's title, each of its key points, its body; an actor's name, role,
summary, interests, concerns and quotes; and so on), each held as plain text
with Markdown link syntax stripped, lower-cased once up front. A query
matches an entry when every one of its words occurs in it, ignoring case.

The index is built for search-as-you-type: each query remembers its full set
of matching entries, and a query that extends the previous one (the reader
typed another key) only re-checks those, so the work per key shrinks as the
query grows. Snippets are cut only for the hits returned.

Hits are ranked by the kind of field (titles and names, then short plain
fields such as key points and claims, then Markdown bodies), then by how
well the words match (the whole field, its start, the start of a word,
inside a word), then by the briefing's own order.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, NamedTuple

from briefing_tui.core.content.model import Briefing

TargetKind = Literal["section", "actor", "argument", "term", "event", "question"]

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
    :attr:`Briefing.questions` for questions.
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


class _Field(NamedTuple):
    target: Target
    field: str
    label: str
    rank: int
    text: str


def _fields(briefing: Briefing) -> Iterator[_Field]:
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

    def __init__(self, briefing: Briefing) -> None:
        targets: list[Target] = []
        fields: list[str] = []
        labels: list[str] = []
        ranks: list[int] = []
        texts: list[str] = []
        # Entries are stored by rank so that scanning in index order meets
        # names first and can stop as soon as enough hits are found.
        for entry in sorted(_fields(briefing), key=lambda entry: entry.rank):
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
        """The best *limit* fields that contain every word of *query*, best first."""
        normal, words = _query_words(query)
        if not words or limit <= 0:
            return []
        matches = self._matches(normal, words)
        return [self._hit(index, words) for index in self._best(matches, words, limit)]

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
