"""A reader's study data for one briefing: notes, bookmarks, progress, weights, reviews.

Study data lives in one JSON file per briefing, ``study/<briefing-id>.json``
in the user data folder (``platformdirs.user_data_dir("briefing-tui")``, so
``$XDG_DATA_HOME/briefing-tui`` on Linux). ``docs/study-file.md`` documents
the format.

Three promises shape this module:

- **Nothing is lost.** A save is atomic (temporary file in the same folder,
  flush, fsync, ``os.replace``, fsync of the folder), so a crash at any
  moment leaves the old file or the new one. A file that cannot be read is
  moved aside to a timestamped ``.corrupt`` file, never overwritten. Notes on
  items that disappeared from the content are kept and listed as orphaned.
- **Two instances do not overwrite each other.** Every change is recorded per
  item; a save takes an exclusive lock on a sidecar ``.lock`` file, re-reads
  the file, applies only this instance's changed items and writes the
  result. When both edited the same item, the later save wins.
- **A read-only store writes nothing**, not even a folder: that is what
  ``--no-save`` and follow mode use.

Text in study data comes from outside the content file: it is stored as
typed and must go through :func:`~briefing_tui.core.content.text.neutralise` before
it is displayed. The messages this module produces are neutralised already.
"""

# No ``from __future__ import annotations``, as in model.py: reading the study
# file from the cache of checked files needs its tables' annotations as types.

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal

import platformdirs

from briefing_tui.core.config.atomic import write_atomically
from briefing_tui.core.config.reading import FileTooLarge, NotARegularFile, read_regular_file
from briefing_tui.core.content.model import (
    ID_PATTERN,
    Briefing,
    Event,
    Flashcard,
    Question,
    Section,
)
from briefing_tui.core.content.text import UNSAFE, neutralise
from briefing_tui.core.content.validation import After, Limits, Table, dump, key_of, validate
from briefing_tui.core.study.scoring import MAX_WEIGHT, MIN_WEIGHT, Weighting

if TYPE_CHECKING:
    from briefing_tui.core.config.cache import ValidationCache

try:
    import fcntl
except ImportError:  # Windows: saves stay atomic, but two instances are not merged.
    fcntl = None  # type: ignore[assignment]  # checked before each use

APP_NAME = "briefing-tui"
STUDY_FORMAT: Final = 2
"""The version of the study file format this module writes; it reads this one and older ones."""
MAX_STUDY_BYTES = 64 * 1024 * 1024
"""A study file larger than this is treated as damaged rather than read into memory.

The app never writes one: an edit that would make the file larger is refused.
"""
MAX_NOTE_CHARACTERS = 100_000
"""The longest note, in characters (about 30 pages of text)."""
MAX_TITLE_CHARACTERS = 2_000
"""The longest item title kept with a note; a longer one is cut."""
LOCK_TIMEOUT = 5.0
"""Seconds a save waits for another instance to finish its own."""
CACHE_KIND = "study"

SectionStatus = Literal["unread", "read", "updated"]
Collection = Literal["notes", "bookmarks", "read", "weightings", "quiz", "cards"]
Rating = Literal[1, 2, 3, 4]
"""How well the reader recalled a card: Again, Hard, Good, Easy (as FSRS and Anki have them)."""
RATINGS: Final[dict[Rating, str]] = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}

_HASH = re.compile(r"[0-9a-f]{16}")
_ITEM_KINDS = ("section", "actor", "scoreboard", "argument", "event", "question", "term")


def _is_item_key(key: str) -> bool:
    kind, colon, rest = key.partition(":")
    if not colon:
        return False
    if kind in ("section", "actor", "scoreboard"):
        return ID_PATTERN.fullmatch(rest) is not None
    if kind == "argument":
        board, slash, argument = rest.partition("/")
        return bool(slash and ID_PATTERN.fullmatch(board) and ID_PATTERN.fullmatch(argument))
    if kind in ("event", "question"):
        return _HASH.fullmatch(rest) is not None
    # A term's key is the term folded (term_key): plain text of the content.
    return kind == "term" and rest == rest.strip() != "" and UNSAFE.search(rest) is None


def _check_item_key(key: str) -> str:
    if not _is_item_key(key):
        raise ValueError(f"not an item key ({', '.join(_ITEM_KINDS)}, a colon and an id)")
    return key


def _check_id(key: str) -> str:
    if ID_PATTERN.fullmatch(key) is None:
        raise ValueError("not an id")
    return key


def _check_card_key(key: str) -> str:
    kind, _, rest = key.partition(":")
    if kind == "card":
        if _HASH.fullmatch(rest) is None:
            raise ValueError("not a card key")
    elif kind not in ("question", "term") or not _is_item_key(key):
        raise ValueError("not a question, term or card key")
    return key


def _check_aware(moment: dt.datetime) -> dt.datetime:
    if moment.utcoffset() is None:
        raise ValueError("a time without a timezone")
    return moment


# Long enough for "term:" and a 500-character term, however casefold grows it.
ItemKey = Annotated[str, Limits(min_length=1, max_length=1000), After(_check_item_key)]
"""The key of an item a note or bookmark is on: ``section:ID``, ``term:KEY``..."""
IdKey = Annotated[str, After(_check_id)]
"""A section, scoreboard or argument id."""
CardKey = Annotated[str, Limits(min_length=1, max_length=1000), After(_check_card_key)]
"""A card: a question (:func:`question_key`), a term (``term:KEY``) or one of the author's
(:func:`card_key`)."""
Timestamp = Annotated[dt.datetime, After(_check_aware)]
"""A time with its timezone, as the app writes them (UTC)."""


class StudyError(Exception):
    """Study data could not be saved; the message (neutralised) says why."""


class StudyModel(Table, frozen=False):
    """Base of the study file's tables: unknown keys are errors, as in content files.

    Each table says ``frozen=False`` again: type checkers do not inherit it.
    """


class Note(StudyModel, frozen=False):
    """A reader's note on one item."""

    text: str
    """The note as typed (not neutralised)."""
    updated: Timestamp
    """When the note was last changed."""
    title: Annotated[str, Limits(max_length=MAX_TITLE_CHARACTERS)] = ""
    """The item's title when the note was last saved: names the note once the item is gone."""


class ReadMark(StudyModel, frozen=False):
    """That a section was read, and what it said at the time."""

    hash: str
    """:func:`section_hash` of the section when it was read."""
    at: Timestamp
    """When it was marked read."""


class Position(StudyModel, frozen=False):
    """Where the reader was: a view and an item in it."""

    view: Annotated[str, Limits(max_length=100)]
    item: Annotated[str, Limits(max_length=300)] = ""


class SavedWeighting(StudyModel, frozen=False):
    """A :class:`~briefing_tui.core.study.scoring.Weighting` as stored."""

    weights: dict[IdKey, Annotated[int, Limits(ge=MIN_WEIGHT, le=MAX_WEIGHT)]] = field(
        default_factory=dict
    )
    off: list[IdKey] = field(default_factory=list)

    @classmethod
    def of(cls, weighting: Weighting) -> "SavedWeighting":
        """The stored form of *weighting*."""
        return cls(weights=dict(weighting.weights), off=sorted(weighting.switched_off))

    def weighting(self) -> Weighting:
        """The weighting this stores."""
        return Weighting(self.weights, frozenset(self.off))


class QuizResult(StudyModel, frozen=False):
    """How the reader has done on one card: a question of the quiz, or a term's flashcard."""

    right: Annotated[int, Limits(ge=0)] = 0
    wrong: Annotated[int, Limits(ge=0)] = 0
    last_correct: bool
    last_answered: Timestamp


class Schedule(StudyModel, frozen=False):
    """Where the FSRS scheduler has a card: its memory of it, and when it is due again."""

    state: Literal["learning", "review", "relearning"]
    """Learning (new, in its first steps), review, or relearning (forgotten, back in steps)."""
    step: Annotated[int, Limits(ge=0, le=100)] = 0
    """Which learning or relearning step the card is at (0 in review)."""
    stability: Annotated[float, Limits(gt=0, le=1_000_000)]
    """FSRS stability: days until the chance of recalling the card falls to 90 %."""
    difficulty: Annotated[float, Limits(ge=1, le=10)]
    """FSRS difficulty, from 1 (easy) to 10."""
    due: Timestamp
    """When the card is due again."""
    last_review: Timestamp
    """When it was last reviewed."""


class Review(StudyModel, frozen=False):
    """One review of a card: when, and the reader's rating."""

    at: Timestamp
    rating: Annotated[int, Limits(ge=1, le=4)]
    """1 Again, 2 Hard, 3 Good, 4 Easy."""


class CardRecord(StudyModel, frozen=False):
    """A card's spaced-repetition record: its schedule and every review of it."""

    schedule: Schedule | None = None
    """None for a card never reviewed, or one whose schedule was reset."""
    reviews: list[Review] = field(default_factory=list)
    """Every review of the card, oldest first."""


class StudyFile(StudyModel, frozen=False):
    """The whole study file (format version 2; version 1 files are read as well)."""

    version: Literal[1, 2]
    briefing: str
    """The id of the briefing this data belongs to."""
    content_hash: str = ""
    """SHA-256 of the briefing file as last seen ("" when unknown)."""
    saved: Timestamp | None = None
    notes: dict[ItemKey, Note] = field(default_factory=dict)
    bookmarks: dict[ItemKey, Timestamp] = field(default_factory=dict)
    """Bookmarked item -> when it was bookmarked."""
    read: dict[IdKey, ReadMark] = field(default_factory=dict)
    """Section id -> when it was read and what it said then."""
    position: Position | None = None
    weightings: dict[IdKey, SavedWeighting] = field(default_factory=dict)
    """Scoreboard id -> the reader's weighting."""
    quiz: dict[CardKey, QuizResult] = field(default_factory=dict)
    """Card key (:func:`question_key`, or ``term:KEY`` for a flashcard) -> results."""
    cards: dict[CardKey, CardRecord] = field(default_factory=dict)
    """Card key -> its FSRS schedule and review log (version 2)."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _short_hash(*parts: object) -> str:
    data = json.dumps(parts, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


def section_hash(section: Section) -> str:
    """A hash of what a reader reads in *section*: its title, body and key points."""
    return _short_hash(section.title, section.body, list(section.key_points))


def event_key(event: Event) -> str:
    """The study key of a timeline event, which has no id: made from its date and title."""
    return f"event:{_short_hash(event.date, event.title)}"


def question_key(question: Question) -> str:
    """The study key of a question, which has no id: made from its prompt."""
    return f"question:{_short_hash(question.prompt)}"


def card_key(card: Flashcard) -> str:
    """The study key of one of the author's cards, which have no id: made from its front."""
    return f"card:{_short_hash(card.front)}"


def content_items(briefing: Briefing) -> dict[str, str]:
    """Every item of *briefing* that study data can refer to: key -> a label for lists.

    Keys are ``section:ID``, ``actor:ID``, ``scoreboard:ID``,
    ``argument:BOARD/ID``, ``term:KEY`` (:attr:`Term.slug`), and
    :func:`event_key` / :func:`question_key` for the items without an id.
    """
    items: dict[str, str] = {}
    for section in briefing.sections:
        items[f"section:{section.id}"] = section.title
    for actor in briefing.actors:
        items[f"actor:{actor.id}"] = actor.name
    for board in briefing.scoreboards:
        items[f"scoreboard:{board.id}"] = board.title
        for argument in board.arguments:
            items[f"argument:{board.id}/{argument.id}"] = argument.claim
    for event in briefing.timeline:
        items[event_key(event)] = f"{event.date} {event.title}"
    for term in briefing.glossary:
        items[f"term:{term.slug}"] = term.term
    for question in briefing.questions:
        items[question_key(question)] = question.prompt
    for card in briefing.cards:
        items[card_key(card)] = card.front
    return items


_ROOM_BESIDES_NOTES = 1024 * 1024


def _note_size(key: str, text: str, title: str = "") -> int:
    """About how many bytes a note takes in the study file: at least as many."""
    # The key, text and title as JSON, plus the rest of the entry: its time and indentation.
    encoded = "".join(json.dumps(part, ensure_ascii=False) for part in (key, text, title))
    return len(encoded.encode("utf-8")) + 80


_ITEM_COLLECTIONS = ("notes", "bookmarks", "read", "weightings", "quiz", "cards")
_REVIEW_SIZE = 64
"""About the bytes one review adds to the study file, its card's new schedule included."""
_OPTIONAL_FIELDS = ("position", "saved", "content_hash")


def _drop(raw: dict[str, Any], loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], str] | None:
    """Remove from *raw* the part that *loc* points into: an item, a card's part, a field.

    Returns where the part removed was, and what that means for the reader
    (said after the error); None, and nothing removed, when *loc* points
    elsewhere (the version, the briefing, a collection that is no table):
    the file itself is bad then. A card's bad schedule costs the schedule
    only, and a bad review that review only: the card keeps its history.
    """
    if not loc:
        return None
    head = loc[0]
    if head == "cards" and len(loc) >= 3:
        card = _entry(raw, "cards", loc[1])
        part = loc[2]
        if isinstance(card, dict) and part == "schedule" and part in card:
            del card[part]
            return loc[:3], "; the card starts again as new"
        reviews = card.get("reviews") if isinstance(card, dict) else None
        if part == "reviews" and isinstance(reviews, list) and len(loc) >= 4:
            index = loc[3]
            if isinstance(index, int) and 0 <= index < len(reviews):
                del reviews[index]
                # The other reviews' indexes have moved: they are checked again next round.
                return loc[:3], "; that review is left out"
    if head in _ITEM_COLLECTIONS and len(loc) >= 2:
        collection = raw.get(head)
        if isinstance(collection, dict) and loc[1] in collection:
            del collection[loc[1]]
            return loc[:2], ""
        return None
    if head in _OPTIONAL_FIELDS and head in raw:
        del raw[head]
        return loc[:1], ""
    return None


def _entry(raw: dict[str, Any], collection: str, key: object) -> object:
    """``raw[collection][key]`` if there is such a thing, else None."""
    table = raw.get(collection)
    return table.get(key) if isinstance(table, dict) else None


def _merged_record(mine: CardRecord, theirs: CardRecord) -> CardRecord:
    """One card's record from two instances: every review of both, the latest one's schedule."""
    if mine is theirs:
        return mine
    reviews = {(review.at, review.rating): review for review in (*theirs.reviews, *mine.reviews)}
    schedule = mine.schedule
    if theirs.schedule is not None and (
        schedule is None or theirs.schedule.last_review > schedule.last_review
    ):
        schedule = theirs.schedule
    return CardRecord(schedule=schedule, reviews=[reviews[at] for at in sorted(reviews)])


def study_dir() -> Path:
    """The folder of study files; platformdirs honours ``XDG_DATA_HOME``."""
    return Path(platformdirs.user_data_dir(APP_NAME)) / "study"


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
"""JSON as the study file writes it; made once, as ``json.dumps`` would for each call."""
_FILE_FIELDS = tuple((field.name, key_of(field)) for field in dataclasses.fields(StudyFile))
"""(name, key) of each field of the study file, in order."""


class _Unreadable(Exception):
    """The study file exists but cannot be used; the message says why."""


class _NewerVersion(Exception):
    """The study file was written by a newer app, in a format this one does not read."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


class StudyStore:
    """The study data of one briefing, loaded from and saved to its study file.

    Reading is free; every change marks its item so that :meth:`save` merges
    it into whatever another instance saved meanwhile. Call :meth:`save`
    after changes (it does nothing when nothing changed). Show each of
    :attr:`messages` to the reader once: they report damaged or newer files
    and folders that cannot be written.
    """

    def __init__(
        self,
        briefing: Briefing,
        *,
        read_only: bool = False,
        directory: Path | None = None,
        clock: Callable[[], dt.datetime] = _now,
        cache: "ValidationCache | None" = None,
    ) -> None:
        """Load the study data of *briefing* from *directory* (default :func:`study_dir`).

        With *read_only*, existing data is read but nothing is ever written:
        no folder, no lock file, and a damaged file is left where it is.
        With a *cache*, a file this app wrote is read without checking it again.
        """
        self.briefing = briefing
        self.read_only = read_only
        self.directory = directory if directory is not None else study_dir()
        name = briefing.briefing.id
        self.path = self.directory / f"{name}.json"
        self.lock_path = self.directory / f"{name}.lock"
        self.messages: list[str] = []
        """Things the reader should be told, neutralised."""
        self._clock = clock
        self._cache = cache
        self._can_save = not read_only
        self._changed: set[tuple[Collection, str]] = set()
        self._position_changed = False
        self._on_disk: bytes | None = None
        """The file's bytes as this instance last read or wrote them."""
        self._items: dict[str, str] | None = None
        self._skipped: list[str] = []
        """Items of the file being read that could not be used: where, and why."""
        self._told_newer = False
        self._item_lines: dict[tuple[str, str], tuple[object, str]] = {}
        """(table, key) -> the item last written and its JSON line (see :meth:`_serialise`)."""
        self._data = self._fresh()
        if read_only:
            self._data = self._load(move_aside=False) or self._fresh()
        else:
            try:
                self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
                with self._locked():
                    self._remove_stray_temp_files()
                    self._data = self._load(move_aside=True) or self._fresh()
            except (OSError, StudyError) as error:
                # Show what was saved before, even if nothing can be saved now.
                self._can_save = False
                self._data = self._load(move_aside=False) or self._fresh()
                self._cannot_save(error)
        self._keep_note_titles()
        self._size = self._file_size()
        """About the size of the study file with this instance's changes, in bytes."""
        self.content_changed = bool(
            self._data.content_hash
            and briefing.content_hash
            and self._data.content_hash != briefing.content_hash
        )
        """True when the briefing file changed since the study data was last saved."""

    def _keep_note_titles(self) -> None:
        """Give each note the title its item has now, to name it should the item go.

        Notes saved before titles were kept get theirs here; a renamed item's
        notes follow the new title.
        """
        items = self.items
        for key, note in self._data.notes.items():
            title = items.get(key, note.title)[:MAX_TITLE_CHARACTERS]
            if title != note.title:
                note.title = title
                self._changed.add(("notes", key))

    def _file_size(self) -> int:
        return len(self._on_disk) if self._on_disk is not None else len(self._serialise(self._data))

    def now(self) -> dt.datetime:
        """The time by this store's clock: reviews are scheduled and shown by it."""
        return self._clock()

    def take_messages(self) -> list[str]:
        """The messages not yet shown, emptying :attr:`messages`; call after opening and saving."""
        messages, self.messages = self.messages, []
        return messages

    # -- notes ---------------------------------------------------------------

    @property
    def notes(self) -> Mapping[str, Note]:
        """Item key -> note, including notes on items no longer in the content."""
        return self._data.notes

    def note(self, key: str) -> str:
        """The text of the note on *key*, or ""."""
        note = self._data.notes.get(key)
        return note.text if note is not None else ""

    def set_note(self, key: str, text: str) -> None:
        """Set the note on *key*; text that is empty or only spaces deletes the note.

        Raises :class:`StudyError`, and changes nothing, for a note longer than
        :data:`MAX_NOTE_CHARACTERS` or one that would make the study file
        larger than :data:`MAX_STUDY_BYTES`: the app never writes a file it
        would refuse to read.
        """
        # Pasted text may hold lone surrogates, which JSON files cannot: keep a "?" instead.
        text = text.encode("utf-8", errors="replace").decode("utf-8")
        if len(text) > MAX_NOTE_CHARACTERS:
            raise StudyError(
                f"This note is too long: {len(text):,} characters, "
                f"and a note holds at most {MAX_NOTE_CHARACTERS:,}."
            )
        old = self._data.notes.get(key)
        old_size = 0 if old is None else _note_size(key, old.text, old.title)
        if text.strip():
            if old is not None and old.text == text:
                return
            title = self.items.get(key, old.title if old is not None else "")
            title = title[:MAX_TITLE_CHARACTERS]
            size = self._size - old_size + _note_size(key, text, title)
            # Room is kept for what a reader adds besides notes (bookmarks,
            # progress): those are bounded by the content, notes are not.
            if size > MAX_STUDY_BYTES - _ROOM_BESIDES_NOTES:
                raise StudyError(
                    "Study data is full: with this note the study file would pass "
                    f"{MAX_STUDY_BYTES // 1024 // 1024} MiB. Shorten it, or delete other notes."
                )
            self._data.notes[key] = Note(text=text, updated=self._clock(), title=title)
        elif self._data.notes.pop(key, None) is None:
            return
        else:
            size = self._size - old_size
        self._size = size
        self._changed.add(("notes", key))

    def note_title(self, key: str) -> str:
        """The title of the item a note is on: as the briefing has it, or as it had it.

        "" for a note on an item gone before titles were kept with notes.
        """
        title = self.items.get(key)
        if title is not None:
            return title
        note = self._data.notes.get(key)
        return note.title if note is not None else ""

    def orphaned_notes(self) -> dict[str, Note]:
        """Notes on items no longer in the content: kept, never dropped, listed for the reader."""
        items = self.items
        return {key: note for key, note in self._data.notes.items() if key not in items}

    @property
    def items(self) -> dict[str, str]:
        """:func:`content_items` of the briefing (computed once)."""
        if self._items is None:
            self._items = content_items(self.briefing)
        return self._items

    # -- bookmarks -----------------------------------------------------------

    @property
    def bookmarks(self) -> list[str]:
        """Bookmarked item keys, oldest first."""
        marks = self._data.bookmarks
        return sorted(marks, key=lambda key: marks[key])

    def is_bookmarked(self, key: str) -> bool:
        """True when *key* is bookmarked."""
        return key in self._data.bookmarks

    def set_bookmark(self, key: str, on: bool) -> None:
        """Bookmark *key*, or remove its bookmark."""
        if on == self.is_bookmarked(key):
            return
        if on:
            self._data.bookmarks[key] = self._clock()
        else:
            del self._data.bookmarks[key]
        self._changed.add(("bookmarks", key))

    def toggle_bookmark(self, key: str) -> bool:
        """Flip the bookmark on *key*; True when it is now bookmarked."""
        self.set_bookmark(key, not self.is_bookmarked(key))
        return self.is_bookmarked(key)

    # -- reading progress ----------------------------------------------------

    def mark_read(self, section: Section) -> None:
        """Record that *section* was read as it reads now."""
        mark = self._data.read.get(section.id)
        digest = section_hash(section)
        if mark is not None and mark.hash == digest:
            return
        self._data.read[section.id] = ReadMark(hash=digest, at=self._clock())
        self._changed.add(("read", section.id))

    def mark_unread(self, section_id: str) -> None:
        """Forget that a section was read."""
        if self._data.read.pop(section_id, None) is not None:
            self._changed.add(("read", section_id))

    def section_status(self, section: Section) -> SectionStatus:
        """ "unread", "read", or "updated" when it changed since it was read."""
        mark = self._data.read.get(section.id)
        if mark is None:
            return "unread"
        return "read" if mark.hash == section_hash(section) else "updated"

    def updated_sections(self) -> list[Section]:
        """Sections read before and changed since, in reading order."""
        return [s for s in self.briefing.sections if self.section_status(s) == "updated"]

    @property
    def read_count(self) -> int:
        """How many of the briefing's sections are read (updated ones included)."""
        return sum(1 for section in self.briefing.sections if section.id in self._data.read)

    # -- position ------------------------------------------------------------

    @property
    def position(self) -> Position | None:
        """Where the reader was last, or None."""
        return self._data.position

    def set_position(self, view: str, item: str = "") -> None:
        """Remember the view and item the reader is at."""
        position = Position(view=view, item=item)
        if position == self._data.position:
            return
        self._data.position = position
        self._position_changed = True

    # -- scoreboard weightings -------------------------------------------------

    def weighting(self, board_id: str) -> Weighting:
        """The reader's weighting of a scoreboard (the author's when none was saved)."""
        saved = self._data.weightings.get(board_id)
        return saved.weighting() if saved is not None else Weighting()

    def set_weighting(self, board_id: str, weighting: Weighting) -> None:
        """Keep the reader's *weighting* of a scoreboard; the author's own is not stored."""
        if weighting == self.weighting(board_id):
            return
        if weighting.is_default:
            del self._data.weightings[board_id]
        else:
            self._data.weightings[board_id] = SavedWeighting.of(weighting)
        self._changed.add(("weightings", board_id))

    # -- quiz and flashcards ---------------------------------------------------

    @property
    def quiz_results(self) -> Mapping[str, QuizResult]:
        """Card key -> the reader's tally on it, for every card answered at least once."""
        return self._data.quiz

    def quiz_result(self, key: str) -> QuizResult | None:
        """Results for a card (see :class:`StudyFile`'s ``quiz``), or None if never answered."""
        return self._data.quiz.get(key)

    def record_answer(self, key: str, correct: bool) -> QuizResult:
        """Count one answer to a card (a question or a term); returns the updated results."""
        old = self._data.quiz.get(key)
        result = QuizResult(
            right=(old.right if old else 0) + correct,
            wrong=(old.wrong if old else 0) + (not correct),
            last_correct=correct,
            last_answered=self._clock(),
        )
        self._data.quiz[key] = result
        self._changed.add(("quiz", key))
        return result

    def reset_quiz(self) -> None:
        """Forget every quiz result."""
        for key in list(self._data.quiz):
            del self._data.quiz[key]
            self._changed.add(("quiz", key))

    # -- spaced repetition -----------------------------------------------------

    @property
    def card_records(self) -> Mapping[str, CardRecord]:
        """Card key -> its schedule and reviews, for the cards reviewed at least once."""
        return self._data.cards

    def card_record(self, key: str) -> CardRecord | None:
        """The schedule and reviews of the card *key*; None for a card never reviewed."""
        return self._data.cards.get(key)

    def rate(self, key: str, rating: Rating, schedule: Schedule | None = None) -> CardRecord:
        """Record a review of the card *key*: schedule it with FSRS, log it, count it.

        *schedule* is the card's next schedule as the reader was shown it
        (:func:`~briefing_tui.core.study.scheduler.choices`); without it, it
        is worked out now. The quiz's tally counts the review as well: Again
        as not known, the others as known. Raises :class:`StudyError`,
        recording nothing, when the study file is full.
        """
        # Only reviewing needs the scheduler (and the fsrs package): not start-up.
        from briefing_tui.core.study import scheduler

        if self._size + _REVIEW_SIZE > MAX_STUDY_BYTES:
            raise StudyError(
                "Study data is full: the study file would pass "
                f"{MAX_STUDY_BYTES // 1024 // 1024} MiB. Delete some notes to review again."
            )
        now = self._clock()
        old = self._data.cards.get(key)
        try:
            new_schedule = schedule or scheduler.next_schedule(
                old.schedule if old is not None else None, rating, now
            )
        except (ValueError, ArithmeticError, AssertionError) as error:
            # A schedule the file allows but the scheduler cannot use: start the card afresh.
            self.messages.append(
                neutralise(
                    f"The review schedule of {self.items.get(key, key)!r} could not be used "
                    f"({error}); the card starts again as new."
                )
            )
            new_schedule = scheduler.next_schedule(None, rating, now)
        reviews = [*(old.reviews if old is not None else ()), Review(at=now, rating=rating)]
        record = CardRecord(schedule=new_schedule, reviews=reviews)
        self._data.cards[key] = record
        self._changed.add(("cards", key))
        self._size += _REVIEW_SIZE
        self.record_answer(key, rating > 1)
        return record

    # -- saving ----------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """True when there are changes a :meth:`save` would write."""
        return bool(self._changed or self._position_changed) and self._can_save

    def save(self) -> None:
        """Merge this instance's changes into the study file, atomically.

        Under the lock: re-read the file, apply each item this instance changed
        since the last save, write. Items changed by both instances end as
        this instance has them (the later save wins). Does nothing when
        read-only or unchanged. Raises :class:`StudyError` when the file
        cannot be written; the changes stay pending for the next save.
        """
        if not self.dirty:
            return
        try:
            with self._locked():
                # A missing or damaged file is replaced by this instance's data.
                disk = self._load(move_aside=True) or self._data
                if not self._can_save:
                    return  # A newer app wrote the file meanwhile: leave it alone.
                merged = self._merged(disk)
                data = self._serialise(merged)
                self._write(data)
        except OSError as error:
            raise StudyError(
                neutralise(f"cannot save study data to {self.path}: {error.strerror or error}")
            ) from None
        self._adopt(merged)
        self._on_disk = data
        self._size = len(data)
        self._changed.clear()
        self._position_changed = False

    def _adopt(self, merged: StudyFile) -> None:
        """Make *merged* this instance's data, in the tables it has handed out.

        Readers hold :attr:`notes`, :attr:`card_records` and the like while
        they run (a review screen): they keep seeing the data as it is.
        """
        data = self._data
        if merged is data:
            return
        for name in _ITEM_COLLECTIONS:
            table: dict[str, Any] = getattr(data, name)
            table.clear()
            table.update(getattr(merged, name))
        for name in ("version", "content_hash", "saved", "position"):
            setattr(data, name, getattr(merged, name))

    def _merged(self, disk: StudyFile) -> StudyFile:
        """*disk* with this instance's changed items applied.

        A card reviewed here and in another instance keeps both instances'
        reviews, and the schedule of the latest review.
        """
        for collection, key in self._changed:
            mine: dict[str, Any] = getattr(self._data, collection)
            theirs: dict[str, Any] = getattr(disk, collection)
            if key not in mine:
                theirs.pop(key, None)
            elif collection == "cards" and key in theirs:
                theirs[key] = _merged_record(mine[key], theirs[key])
            else:
                theirs[key] = mine[key]
        disk.version = STUDY_FORMAT
        if self._position_changed:
            disk.position = self._data.position
        if self.briefing.content_hash:
            disk.content_hash = self.briefing.content_hash
        disk.saved = self._clock()
        return disk

    def _serialise(self, data: StudyFile) -> bytes:
        """*data* as the study file's bytes: JSON, each item of a table on a line of its own.

        A save changes an item or two of tables that may hold thousands (a
        deck of 10,000 cards): the line of each item is kept, and written
        again as it is until the item changes.
        """
        parts = []
        for name, key in _FILE_FIELDS:
            value = getattr(data, name)
            if value is None:
                continue
            if name in _ITEM_COLLECTIONS:
                lines = ",\n".join(
                    self._item_line(name, item, entry) for item, entry in value.items()
                )
                text = f"{{\n{lines}\n }}" if lines else "{}"
            else:
                text = _ENCODE(dump(value, exclude_none=True))
            parts.append(f" {_ENCODE(key)}: {text}")
        return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")

    def _item_line(self, collection: str, key: str, value: object) -> str:
        """The line of an item of *collection*: its key and its JSON; made again once it changed."""
        known = self._item_lines.get((collection, key))
        if known is not None and known[0] is value:
            return known[1]
        # One call of the encoder for the key and the item: a first save writes thousands.
        line = f"  {_ENCODE({key: dump(value, exclude_none=True)})[1:-1]}"
        self._item_lines[(collection, key)] = (value, line)
        return line

    # -- the file --------------------------------------------------------------

    def _fresh(self) -> StudyFile:
        return StudyFile(
            version=STUDY_FORMAT,
            briefing=self.briefing.briefing.id,
            content_hash=self.briefing.content_hash,
        )

    def _load(self, *, move_aside: bool) -> StudyFile | None:
        """The file's data; None if there is no file or it cannot be used.

        A damaged file is reported in :attr:`messages` and, with *move_aside*,
        moved to a timestamped ``.corrupt`` file.
        """
        try:
            study = self._read()
        except (FileNotFoundError, NotADirectoryError):
            self._on_disk = None
            return None
        except _NewerVersion as newer:
            self._newer_version(newer.version)
            return None
        except _Unreadable as problem:
            reason = str(problem)
        except OSError as error:
            reason = f"cannot read it: {error.strerror or error}"
        else:
            if self._skipped:
                self._report_skipped(keep_copy=move_aside)
            return study
        if move_aside:
            aside = self._move_aside()
            self.messages.append(
                neutralise(
                    f"Study data in {self.path} could not be used ({reason}); "
                    f"it was moved aside to {aside.name}."
                )
            )
        else:
            self.messages.append(
                neutralise(
                    f"Study data in {self.path} could not be used ({reason}); "
                    "it is left as it is and this session starts without it."
                )
            )
        self._on_disk = None
        return None

    def _report_skipped(self, *, keep_copy: bool) -> None:
        """Tell the reader which items of the file could not be read; keep the file as it was."""
        skipped, self._skipped = self._skipped, []
        count = len(skipped)
        reasons = "; ".join(skipped[:3]) + ("; ..." if count > 3 else "")
        message = (
            f"Study data in {self.path}: {count} item{'' if count == 1 else 's'} "
            f"could not be read and {'is' if count == 1 else 'are'} left out ({reasons})"
        )
        if keep_copy and self._on_disk is not None:
            kept = self._aside_path("skipped")
            with contextlib.suppress(OSError):
                write_atomically(kept, self._on_disk)
                message += f"; the file as it was is kept as {kept.name}"
        self.messages.append(neutralise(message + "."))

    def _read(self) -> StudyFile:
        try:
            data = read_regular_file(self.path, MAX_STUDY_BYTES)
        except FileTooLarge:
            raise _Unreadable(f"larger than {MAX_STUDY_BYTES // 1024 // 1024} MiB") from None
        except (IsADirectoryError, NotARegularFile) as error:
            raise _Unreadable(error.strerror) from None
        if data == self._on_disk:
            # Nobody saved since this instance last read or wrote the file,
            # so it holds this instance's data minus its pending changes.
            return self._data
        study = self._study_file(data)
        if study.briefing != self.briefing.briefing.id:
            raise _Unreadable(f"it belongs to briefing {study.briefing!r}")
        self._on_disk = data
        return study

    def _study_file(self, data: bytes) -> StudyFile:
        """*data* read as a study file; from the cache when this app wrote these bytes."""
        digest = hashlib.sha256(data).hexdigest()
        known = self._cache.load(CACHE_KIND, digest, StudyFile) if self._cache is not None else None
        if known is not None:
            return known
        try:
            raw = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as error:
            raise _Unreadable(f"not valid JSON: {error}") from None
        if not isinstance(raw, dict):
            raise _Unreadable("not a JSON object")
        version = raw.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > STUDY_FORMAT:
            raise _NewerVersion(version)
        study, errors = validate(StudyFile, raw)
        # A bad item (a key that is no item key, a time without a timezone)
        # costs that item, not the file: drop it and check the rest again.
        while errors:
            dropped: list[tuple[Any, ...]] = []
            for problem in errors:
                loc = tuple(problem["loc"])
                if any(loc[: len(place)] == place for place in dropped):
                    continue
                removed = _drop(raw, loc)
                if removed is None:
                    where = ".".join(str(part) for part in loc) or "top level"
                    raise _Unreadable(f"{where}: {problem['msg']}")
                place, consequence = removed
                dropped.append(place)
                item = " ".join(repr(part)[:40] for part in place)
                reason = str(problem["msg"]).removeprefix("Value error, ")
                self._skipped.append(f"{item}: {reason}{consequence}")
            study, errors = validate(StudyFile, raw)
        assert study is not None
        return study

    def _newer_version(self, version: int) -> None:
        """A newer app wrote the file: use none of it and never overwrite it."""
        if self._told_newer:
            return
        self._told_newer = True
        consequence = "nothing is saved this session" if self._can_save else "it is not used"
        self._can_save = False
        self.messages.append(
            neutralise(
                f"Study data in {self.path} was written by a newer briefing "
                f"(study file version {version}; this one reads {STUDY_FORMAT}); "
                f"it is left alone and {consequence}."
            )
        )

    def _aside_path(self, suffix: str) -> Path:
        """A free name beside the study file: ``NAME.json.STAMP.SUFFIX``."""
        stamp = self._clock().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.{stamp}.{suffix}")
        number = 1
        while aside.exists():
            aside = self.path.with_name(f"{self.path.name}.{stamp}-{number}.{suffix}")
            number += 1
        return aside

    def _move_aside(self) -> Path:
        aside = self._aside_path("corrupt")
        os.replace(self.path, aside)
        return aside

    def _cannot_save(self, error: Exception) -> None:
        self._can_save = False
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.messages.append(
            neutralise(
                f"Study data cannot be saved in {self.directory} ({reason}): "
                f"{self._summary()}; changes last this session only."
            )
        )

    def _summary(self) -> str:
        """What the reader will find of their study data, for a message."""
        data = self._data
        counts = [
            (len(data.notes), "note", "notes"),
            (len(data.bookmarks), "bookmark", "bookmarks"),
            (len(data.read), "section read", "sections read"),
            (len(data.weightings), "weighting", "weightings"),
            (len(data.quiz), "quiz result", "quiz results"),
            (len(data.cards), "card reviewed", "cards reviewed"),
        ]
        found = [
            f"{number} {one if number == 1 else many}" for number, one, many in counts if number
        ]
        if not found:
            return "nothing was saved here before"
        return f"what was saved before is shown ({', '.join(found)})"

    def _write(self, data: bytes) -> None:
        """Replace the file with *data* so that it is always the old or the new content.

        The cache keeps a copy, so that the next start reads the file without
        checking it again.
        """
        write_atomically(self.path, data)
        if self._cache is not None:
            self._cache.store_json(CACHE_KIND, hashlib.sha256(data).hexdigest(), data)

    def _remove_stray_temp_files(self) -> None:
        # Only called under the lock: no save is in progress, so every temp file is a dead writer's.
        for stray in self.directory.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                stray.unlink()

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the exclusive lock on the sidecar lock file (released when the file is closed)."""
        descriptor = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl is not None:
                deadline = time.monotonic() + LOCK_TIMEOUT
                while True:
                    try:
                        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        # Poll rather than block: a stopped instance must not hang this one.
                        if time.monotonic() > deadline:
                            raise StudyError(
                                neutralise(
                                    "study data is locked by another briefing instance "
                                    f"({self.lock_path})"
                                )
                            ) from None
                        time.sleep(0.005)
            yield
        finally:
            os.close(descriptor)
