"""The content model: a frozen dataclass for every table of the format.

The annotations carry the rules that can be checked one value at a time
(types, id syntax, lengths, control characters, date forms, enumerations);
:mod:`briefing_tui.core.content.validation` has pydantic check them when a file is
loaded. Rules that need the whole file (unique ids, references, internal
links) are checked by :mod:`briefing_tui.core.content.references`, which the loader
runs on the same data. See ``docs/content-format.md`` for the format in prose.

The classes themselves never import pydantic: a briefing the app has checked
before is rebuilt from the cache without it (see :mod:`briefing_tui.core.config.cache`).
"""

# No ``from __future__ import annotations`` here: rebuilding a briefing from
# the cache of checked files needs the tables' annotations as types, and as
# strings each start compiled them again (typing.get_type_hints, about 3 ms);
# evaluated as the module runs, they cost a fraction of that.

import datetime as dt
import re
from dataclasses import field
from functools import cached_property
from typing import Annotated, Any, Literal

from briefing_tui.core.content.validation import After, Before, Limits, Strict, Table

FORMAT_VERSION = 1

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
PLAIN_MAX = 500
SHORT_MAX = 40
MARKDOWN_MAX = 50_000
# [0-9], not \d: \d also matches other scripts' digits, which int() accepts.
_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")

ActorKind = Literal["state", "organisation", "alliance", "person", "group", "other"]
Stance = Literal["supports", "opposes", "ambivalent", "neutral", "unknown"]
Side = Literal["pro", "con"]

STANCES: tuple[Stance, ...] = ("supports", "opposes", "ambivalent", "neutral", "unknown")


def toml_type(value: Any) -> str:
    """The TOML name of a parsed value's type."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "table"
    if isinstance(value, dt.datetime):
        return "date-time"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, dt.time):
        return "time"
    return type(value).__name__


def describe(value: Any) -> str:
    """A short description of *value* for an error message: type and value."""
    kind = toml_type(value)
    if isinstance(value, (list, dict)):
        return f"an {kind}" if kind == "array" else f"a {kind}"
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = repr(value)
    else:
        text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    article = "an" if kind[0] in "aeiou" else "a"
    return f"{article} {kind} {text}"


def _parse_partial_date(value: Any) -> str:
    """Accept a TOML date or a "YYYY", "YYYY-MM", "YYYY-MM-DD" string; return the string."""
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date without a time, got a date-time")
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(
            'expected a TOML date or a string "YYYY", "YYYY-MM" or "YYYY-MM-DD", '
            f"got {describe(value)}"
        )
    match = _PARTIAL_DATE.fullmatch(value)
    if match is None:
        raise ValueError(f'{value!r} is not a date: write "YYYY", "YYYY-MM" or "YYYY-MM-DD"')
    # A missing month or day stands for the first, but a written 00 is no date.
    year, month, day = (1 if part is None else int(part) for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{value!r} is not a real calendar date") from None
    return value


# Control characters, lengths and id syntax are checked by pydantic-core's
# own string constraints rather than by Python validators, which halves the
# time validating a large file takes. NO_CONTROLS_PATTERN refuses
# what text.CONTROL_CHARACTERS matches but allows CR as part of a CRLF line
# end, like text.has_control_characters; the loader turns the constraint
# errors back into the format's messages.
NO_CONTROLS_PATTERN = r"^(?:[^\x00-\x08\x0b-\x1f\x7f-\x9f]|\r\n)*$"
ID_REGEX = f"^{ID_PATTERN.pattern}$"

PlainText = Annotated[str, Strict(), Limits(max_length=PLAIN_MAX, pattern=NO_CONTROLS_PATTERN)]
ShortText = Annotated[str, Strict(), Limits(max_length=SHORT_MAX, pattern=NO_CONTROLS_PATTERN)]
MarkdownText = Annotated[
    str, Strict(), Limits(max_length=MARKDOWN_MAX, pattern=NO_CONTROLS_PATTERN)
]
Id = Annotated[str, Strict(), Limits(pattern=ID_REGEX)]
PartialDate = Annotated[
    str,
    Before(
        _parse_partial_date,
        json_schema={
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
            ]
        },
    ),
]
Weight = Annotated[int, Strict(), Limits(ge=1, le=5)]
Minutes = Annotated[float, Strict(), Limits(gt=0, le=600)]


def date_sort_key(date: str) -> tuple[int, int, int]:
    """Sort key for a partial date: "2023" sorts before "2023-01" and "2023-01-01"."""
    parts = [int(part) for part in date.split("-")]
    parts += [0] * (3 - len(parts))
    return (parts[0], parts[1], parts[2])


class ContentModel(Table):
    """Base of every content table: frozen, strict about unknown keys."""


class Source(ContentModel):
    """Where the briefing's source material comes from."""

    publication: PlainText | None = None
    """The publication the source appeared in."""
    url: PlainText | None = None
    """An http or https address of the source."""
    authors: tuple[PlainText, ...] = ()
    """The source's authors."""
    retrieved: PartialDate | None = None
    """When the source was retrieved."""


class Meta(ContentModel):
    """The ``[briefing]`` table: the briefing's metadata."""

    id: Id
    """The briefing's id; study data is stored under it."""
    title: PlainText
    """The briefing's title."""
    subtitle: PlainText | None = None
    """A line under the title."""
    subject: PlainText | None = None
    """What actors take a stance on, e.g. "the North Korea–Russia alignment"."""
    summary: MarkdownText | None = None
    """The abstract, shown on the title screen (Markdown)."""
    published: PartialDate | None = None
    """When the briefing or its source was published."""
    tags: tuple[PlainText, ...] = ()
    """Free-form tags."""
    source: Source | None = None
    """The source material."""


class Section(ContentModel):
    """One ``[[sections]]`` table: a section of the article, in reading order."""

    id: Id
    """The section's id, unique among sections."""
    title: PlainText
    """The section's title."""
    body: MarkdownText
    """The section, in the briefing's own words (Markdown)."""
    key_points: tuple[PlainText, ...] = ()
    """Takeaways; presenter slides are built from them."""
    actors: tuple[Id, ...] = ()
    """Ids of the actors this section is about."""
    notes: MarkdownText | None = None
    """Speaker notes, shown only to the presenter (Markdown)."""
    minutes: Minutes | None = None
    """Planned speaking time for this section when presenting (optional extension)."""


class Quote(ContentModel):
    """A short quote attributed to an actor."""

    text: PlainText
    """The quoted words."""
    by: PlainText
    """Who said or wrote them."""
    section: Id | None = None
    """The id of the section the quote comes from."""


class Actor(ContentModel):
    """One ``[[actors]]`` table: a party involved in the briefing."""

    id: Id
    """The actor's id, unique among actors."""
    name: PlainText
    """The actor's name."""
    kind: ActorKind
    """What sort of actor this is."""
    stance: Stance = "unknown"
    """The actor's stance toward ``briefing.subject``."""
    role: PlainText | None = None
    """One line: the part it plays here."""
    summary: MarkdownText | None = None
    """A longer description (Markdown)."""
    interests: tuple[PlainText, ...] = ()
    """What it wants."""
    concerns: tuple[PlainText, ...] = ()
    """What it fears."""
    quotes: tuple[Quote, ...] = ()
    """Short quotes by or about it."""


class Relation(ContentModel):
    """One ``[[relations]]`` table: a directed link between two actors."""

    from_: Id = field(metadata={"alias": "from"})
    """The id of the actor the relation starts from."""
    to: Id
    """The id of the actor the relation points to."""
    kind: ShortText
    """A short label, e.g. "supplies arms to"."""
    detail: MarkdownText | None = None
    """More about the relation (Markdown)."""
    section: Id | None = None
    """The id of the section that discusses it."""


class Argument(ContentModel):
    """One ``[[scoreboards.arguments]]`` table: a pro or a con."""

    id: Id
    """The argument's id, unique within its scoreboard."""
    side: Side
    """Whether it counts for (``pro``) or against (``con``)."""
    claim: PlainText
    """The argument in one sentence."""
    detail: MarkdownText | None = None
    """The reasoning behind it (Markdown)."""
    weight: Weight = 3
    """The author's weight, 1 to 5; a reader may re-weight."""
    sections: tuple[Id, ...] = ()
    """Ids of the sections where it is argued."""
    actors: tuple[Id, ...] = ()
    """Ids of the actors it involves."""


class Scoreboard(ContentModel):
    """One ``[[scoreboards]]`` table: a pros/cons board."""

    id: Id
    """The scoreboard's id, unique among scoreboards."""
    title: PlainText
    """The question the board weighs, e.g. "Does the alignment serve Beijing?"."""
    perspective: Id | None = None
    """The id of the actor whose gains and costs these are."""
    pro_label: ShortText = "Pros"
    """The heading of the pro column."""
    con_label: ShortText = "Cons"
    """The heading of the con column."""
    arguments: Annotated[tuple[Argument, ...], Limits(min_length=1)]
    """The arguments, at least one."""


class Event(ContentModel):
    """One ``[[timeline]]`` table: a dated event."""

    date: PartialDate
    """A TOML date or "YYYY", "YYYY-MM", "YYYY-MM-DD"."""
    title: PlainText
    """What happened."""
    detail: MarkdownText | None = None
    """More about it (Markdown)."""
    actors: tuple[Id, ...] = ()
    """Ids of the actors involved."""
    section: Id | None = None
    """The id of the section that discusses it."""

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Key that orders events by date, partial dates first within their period."""
        return date_sort_key(self.date)


class Term(ContentModel):
    """One ``[[glossary]]`` table: a term and its definition."""

    term: PlainText
    """The term, unique among terms (case-insensitive)."""
    definition: MarkdownText
    """What it means (Markdown)."""
    aliases: tuple[PlainText, ...] = ()
    """Other names for the term; ``#term:`` links may use them."""

    @property
    def slug(self) -> str:
        """The form used in ``#term:`` links: lower case, spaces as ``-``."""
        return term_key(self.term)


class Question(ContentModel):
    """One ``[[questions]]`` table: a self-test question."""

    prompt: PlainText
    """The question."""
    answer: MarkdownText
    """The answer (Markdown)."""
    section: Id | None = None
    """The id of the section that answers it."""


class Flashcard(ContentModel):
    """One ``[[cards]]`` table: a flashcard the author wrote, beside the questions and terms."""

    front: PlainText
    """What the card asks."""
    back: MarkdownText
    """The answer (Markdown)."""
    section: Id | None = None
    """The id of the section the card tests."""


def _check_format(value: int) -> int:
    if value != FORMAT_VERSION:
        raise ValueError(f"unsupported format {value} (this app reads {FORMAT_VERSION})")
    return value


def term_key(text: str) -> str:
    """Normalise a glossary term, alias or ``#term:`` target for comparison."""
    return text.casefold().replace("-", " ").strip()


class Briefing(ContentModel):
    """A whole briefing file."""

    format: Annotated[int, Strict(), After(_check_format)]
    """The format version; must be 1."""
    briefing: Meta
    """Metadata about the briefing."""
    sections: Annotated[tuple[Section, ...], Limits(min_length=1)]
    """The article's sections, in reading order (at least one)."""
    actors: tuple[Actor, ...] = ()
    """The parties involved."""
    relations: tuple[Relation, ...] = ()
    """Directed links between actors."""
    scoreboards: tuple[Scoreboard, ...] = ()
    """Pros/cons boards."""
    timeline: tuple[Event, ...] = ()
    """Dated events, in any order."""
    glossary: tuple[Term, ...] = ()
    """Terms and their definitions."""
    questions: tuple[Question, ...] = ()
    """Self-test questions."""
    cards: tuple[Flashcard, ...] = ()
    """Flashcards for spaced repetition (optional extension)."""

    # Not a field: set by the loader, not read from the file.
    _content_hash = ""

    @property
    def content_hash(self) -> str:
        """SHA-256 of the file the briefing was loaded from ("" when built in code)."""
        return self._content_hash

    @cached_property
    def sections_by_id(self) -> dict[str, Section]:
        """Sections keyed by id."""
        return {section.id: section for section in self.sections}

    @cached_property
    def section_positions(self) -> dict[str, int]:
        """Section id -> its position in reading order, from 0."""
        return {section.id: index for index, section in enumerate(self.sections)}

    @cached_property
    def actors_by_id(self) -> dict[str, Actor]:
        """Actors keyed by id."""
        return {actor.id: actor for actor in self.actors}

    @cached_property
    def scoreboards_by_id(self) -> dict[str, Scoreboard]:
        """Scoreboards keyed by id."""
        return {board.id: board for board in self.scoreboards}

    @cached_property
    def terms_by_key(self) -> dict[str, Term]:
        """Glossary terms keyed by :func:`term_key` of the term and of each alias."""
        terms: dict[str, Term] = {}
        for term in self.glossary:
            for name in (term.term, *term.aliases):
                terms.setdefault(term_key(name), term)
        return terms

    @cached_property
    def events_in_order(self) -> tuple[Event, ...]:
        """Timeline events sorted by date (stable for equal dates)."""
        return tuple(sorted(self.timeline, key=lambda event: event.sort_key))

    @property
    def argument_count(self) -> int:
        """The number of arguments over all scoreboards."""
        return sum(len(board.arguments) for board in self.scoreboards)

    def part_counts(self) -> list[tuple[int, str]]:
        """How many of each kind of part the briefing has, each with its name: ``(9, "section")``.

        Cards, an extension of the format, are left out where there are none.
        """
        counts = [
            (len(self.sections), "section"),
            (len(self.actors), "actor"),
            (len(self.relations), "relation"),
            (len(self.scoreboards), "scoreboard"),
            (self.argument_count, "argument"),
            (len(self.timeline), "event"),
            (len(self.glossary), "term"),
            (len(self.questions), "question"),
        ]
        return [*counts, (len(self.cards), "card")] if self.cards else counts
