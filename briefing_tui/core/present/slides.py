"""The slide deck of a briefing, and the speaking-time plan that goes with it.

:func:`build_deck` turns a :class:`~briefing_tui.core.content.model.Briefing` into
slides: a title slide, one slide per section, the actors, one slide per
scoreboard, the timeline and a closing slide. A slide holds references to
the content it shows, never rendered text: the UI renders, so the same deck
serves the presenter, the notes view and every follower at its own size.

Each slide has a stable :attr:`Slide.key` (``"section:history"``), which is
what travels between presenter and followers alongside the slide's index:
when the two sides hold slightly different editions of a briefing, the key
still finds the right slide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from typing import ClassVar, Literal

from briefing_tui.core.content.model import (
    Actor,
    Argument,
    Briefing,
    Event,
    Meta,
    Scoreboard,
    Section,
)
from briefing_tui.core.study.scoring import Score, score

SlideKind = Literal["title", "section", "actors", "scoreboard", "timeline", "end"]

ACTORS_TITLE = "Actors"
TIMELINE_TITLE = "Timeline"
END_TITLE = "End of the briefing"


@dataclass(frozen=True)
class Slide:
    """One slide: what it is called and where it sits, plus the data of its kind."""

    kind: ClassVar[SlideKind]
    """What sort of slide this is; each kind is a subclass."""

    key: str
    """Stable identity, e.g. ``"title"``, ``"section:history"``, ``"scoreboard:serves-beijing"``."""
    title: str
    """The slide's heading (plain text from the briefing, or a fixed heading)."""

    @property
    def notes(self) -> str | None:
        """Speaker notes (Markdown), shown only to the presenter."""
        return None

    @property
    def minutes(self) -> float | None:
        """Planned speaking time in minutes, when the content plans one."""
        return None


@dataclass(frozen=True)
class TitleSlide(Slide):
    """The opening slide: title, subtitle, summary and source."""

    kind: ClassVar[SlideKind] = "title"
    meta: Meta
    """The briefing's metadata (``subtitle``, ``summary``, ``source``)."""


@dataclass(frozen=True)
class SectionSlide(Slide):
    """A section: its key points, large, with the actors it is about."""

    kind: ClassVar[SlideKind] = "section"
    section: Section
    """The section shown (``key_points``, ``notes``, ``minutes``)."""
    actors: tuple[Actor, ...]
    """The section's actors, in the order the section lists them."""

    @property
    def notes(self) -> str | None:
        """The section's speaker notes (Markdown)."""
        return self.section.notes

    @property
    def minutes(self) -> float | None:
        """The section's planned minutes."""
        return self.section.minutes


@dataclass(frozen=True)
class ActorsSlide(Slide):
    """Every actor of the briefing, as cards."""

    kind: ClassVar[SlideKind] = "actors"
    actors: tuple[Actor, ...]
    """The actors, in file order."""


@dataclass(frozen=True)
class ScoreboardSlide(Slide):
    """A scoreboard: pros, cons and the balance at the author's weights."""

    kind: ClassVar[SlideKind] = "scoreboard"
    scoreboard: Scoreboard
    """The board (its labels and title)."""
    perspective: Actor | None
    """The actor whose gains and costs the board weighs, if it names one."""
    pros: tuple[Argument, ...]
    """The pro arguments, in file order."""
    cons: tuple[Argument, ...]
    """The con arguments, in file order."""
    score: Score
    """The scores at the author's weights; ``score.balance`` is pro minus con."""


@dataclass(frozen=True)
class TimelineSlide(Slide):
    """The timeline's events in date order."""

    kind: ClassVar[SlideKind] = "timeline"
    events: tuple[Event, ...]
    """The events, sorted by date."""


@dataclass(frozen=True)
class EndSlide(Slide):
    """The closing slide: the briefing's title and source again."""

    kind: ClassVar[SlideKind] = "end"
    meta: Meta
    """The briefing's metadata."""


def _actors(briefing: Briefing, ids: Sequence[str]) -> tuple[Actor, ...]:
    # A briefing built in code has not been through the reference check: skip
    # ids that name no actor rather than fail the whole deck.
    actors = briefing.actors_by_id
    return tuple(actors[actor_id] for actor_id in ids if actor_id in actors)


def _scoreboard_slide(briefing: Briefing, board: Scoreboard) -> ScoreboardSlide:
    perspective = briefing.actors_by_id.get(board.perspective) if board.perspective else None
    return ScoreboardSlide(
        key=f"scoreboard:{board.id}",
        title=board.title,
        scoreboard=board,
        perspective=perspective,
        pros=tuple(argument for argument in board.arguments if argument.side == "pro"),
        cons=tuple(argument for argument in board.arguments if argument.side == "con"),
        score=score(board),
    )


def build_deck(briefing: Briefing) -> tuple[Slide, ...]:
    """The slides of *briefing*, in presenting order.

    The actors and timeline slides are left out when the briefing has no
    actors or no events; every other slide is always there.
    """
    meta = briefing.briefing
    slides: list[Slide] = [TitleSlide(key="title", title=meta.title, meta=meta)]
    slides.extend(
        SectionSlide(
            key=f"section:{section.id}",
            title=section.title,
            section=section,
            actors=_actors(briefing, section.actors),
        )
        for section in briefing.sections
    )
    if briefing.actors:
        slides.append(ActorsSlide(key="actors", title=ACTORS_TITLE, actors=briefing.actors))
    slides.extend(_scoreboard_slide(briefing, board) for board in briefing.scoreboards)
    if briefing.timeline:
        slides.append(
            TimelineSlide(key="timeline", title=TIMELINE_TITLE, events=briefing.events_in_order)
        )
    slides.append(EndSlide(key="end", title=END_TITLE, meta=meta))
    return tuple(slides)


def find_slide(deck: Sequence[Slide], key: str, index: int) -> int | None:
    """The index in *deck* of the slide with *key*, or None when *deck* has none.

    This is how a follower finds the presenter's slide (*index*, *key*): by
    its key alone, which finds it even when the two sides' decks differ a
    little. *index* is only where to look first. A slide the deck does not
    have is None, never the slide that happens to sit at *index*: that one
    is another slide, and showing it would be a guess.
    """
    if 0 <= index < len(deck) and deck[index].key == key:
        return index
    for position, slide in enumerate(deck):
        if slide.key == key:
            return position
    return None


def preview_lines(slide: Slide, count: int = 2) -> list[str]:
    """The first *count* lines a slide shows under its title, as plain text, for a preview.

    A section's key points (or the first lines of its text), a board's
    first claims, the first events, the actors' names, the title slide's
    subtitle; none for the closing slide.
    """
    lines: list[str]
    if isinstance(slide, SectionSlide):
        section = slide.section
        if section.key_points:
            lines = [f"• {point}" for point in section.key_points]
        else:
            lines = [line.strip() for line in section.body.splitlines() if line.strip()]
    elif isinstance(slide, ScoreboardSlide):
        lines = [f"+ {argument.claim}" for argument in slide.pros]
        lines += [f"− {argument.claim}" for argument in slide.cons]
    elif isinstance(slide, TimelineSlide):
        lines = [f"{event.date}  {event.title}" for event in slide.events]
    elif isinstance(slide, ActorsSlide):
        lines = [", ".join(actor.name for actor in slide.actors)]
    elif isinstance(slide, TitleSlide):
        lines = [slide.meta.subtitle] if slide.meta.subtitle else []
    else:
        lines = []
    return lines[:count]


def slide_number(text: str) -> int | None:
    """The slide number *text* spells in the digits 0-9, or None if it spells none.

    Only ASCII digits: ``str.isdigit`` and ``int`` also take ``²``, ``③`` or
    other scripts' digits, and ``int("²")`` raises.
    """
    text = text.strip()
    if not text or not text.isascii() or not text.isdigit():
        return None
    return int(text)


def locate(deck: Sequence[Slide], key: str, index: int) -> int | None:
    """Where to be in *deck* after standing on slide (*index*, *key*) of an older deck.

    The key wins (:func:`find_slide`). Without a slide of that key, *index*
    is used if it is in range, so that a presenter whose reloaded deck lost
    the current slide stays at the same place; otherwise None. Followers do
    not use this: they name a slide they do not have rather than guess.
    """
    found = find_slide(deck, key, index)
    if found is not None:
        return found
    if 0 <= index < len(deck):
        return index
    return None


@dataclass(frozen=True)
class Plan:
    """Planned speaking time over a deck: totals and running sums, in minutes.

    Only section slides carry a plan (the ``minutes`` key); the others count
    as zero, so "planned through slide n" is the time the talk should have
    taken by the end of slide n.
    """

    minutes: tuple[float | None, ...]
    """Each slide's planned minutes, None where the slide plans none."""

    @classmethod
    def of(cls, deck: Sequence[Slide]) -> Plan:
        """The plan of *deck*."""
        return cls(tuple(slide.minutes for slide in deck))

    @property
    def is_planned(self) -> bool:
        """True when at least one slide plans its time."""
        return any(minutes is not None for minutes in self.minutes)

    @property
    def total(self) -> float:
        """Planned minutes of the whole deck (0 without a plan)."""
        return self._running[-1]

    def before(self, index: int) -> float:
        """Planned minutes of the slides before slide *index* (0-based)."""
        return self._running[max(0, min(index, len(self.minutes)))]

    def through(self, index: int) -> float:
        """Planned minutes of the slides up to and including slide *index* (0-based)."""
        return self.before(index + 1)

    @cached_property
    def _running(self) -> tuple[float, ...]:
        # _running[i] is the sum of the first i slides' minutes.
        return tuple(accumulate((minutes or 0.0 for minutes in self.minutes), initial=0.0))
