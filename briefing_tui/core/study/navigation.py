"""Places in a briefing and the reader's history of visiting them.

A :class:`Place` names what the main pane shows: a view and, for most
views, an item in it. Links, the outline, the palette and search results
all resolve to places; :class:`History` gives browser-like back and forward.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from briefing_tui.core.content.links import parse_internal_link
from briefing_tui.core.content.model import Briefing, term_key

View = Literal[
    "overview", "section", "actors", "actor", "scoreboard", "timeline", "glossary", "notes"
]


class Place(NamedTuple):
    """A view of the briefing, optionally focused on one item.

    ``item`` is a section id, actor id, scoreboard id, ``"BOARD/ARGUMENT"``
    argument path, a timeline event index or a glossary term key, depending
    on the view.
    """

    view: View
    item: str = ""
    detail: str = ""
    """A sub-item: the argument id within a scoreboard, for instance."""

    @property
    def key(self) -> str:
        """A stable string form, used for study data and restoring position."""
        return ":".join(part for part in (self.view, self.item, self.detail) if part)

    @classmethod
    def from_key(cls, key: str) -> Place | None:
        """Parse :attr:`key`; None when it is not a place key."""
        view, _, rest = key.partition(":")
        item, _, detail = rest.partition(":")
        if view not in VIEWS:
            return None
        return cls(view, item, detail)


VIEWS: tuple[View, ...] = (
    "overview",
    "section",
    "actors",
    "actor",
    "scoreboard",
    "timeline",
    "glossary",
    "notes",
)

OVERVIEW = Place("overview")


def place_for_href(briefing: Briefing, href: str) -> Place | None:
    """The place an internal link points to; None if it is external or unknown."""
    link = parse_internal_link(href)
    if link is None:
        return None
    if link.kind == "section" and link.target in briefing.sections_by_id:
        return Place("section", link.target)
    if link.kind == "actor" and link.target in briefing.actors_by_id:
        return Place("actor", link.target)
    if link.kind == "argument":
        board, _, argument = link.target.partition("/")
        if board in briefing.scoreboards_by_id:
            return Place("scoreboard", board, argument)
    if link.kind == "term":
        term = briefing.terms_by_key.get(term_key(link.target))
        if term is not None:
            return Place("glossary", term_key(term.term))
    return None


def resolve_place(briefing: Briefing, place: Place) -> Place | None:
    """*place* as *briefing* can show it: itself, trimmed to its list, or None if it is gone.

    The one rule for a place remembered across an edit of the file, used at
    start (the saved position) and on a reload (the history): a scoreboard
    whose argument was removed keeps the board; a timeline event or glossary
    term that is gone leaves its list with nothing chosen; a term renamed
    with its old name kept as an alias is found under its new name; a
    section, actor or scoreboard that is gone, or a list left empty, makes
    the place vanish (the caller falls back to the overview).
    """
    view, item, detail = place.view, place.item, place.detail
    if view == "section":
        return place if item in briefing.sections_by_id else None
    if view == "actor":
        return place if item in briefing.actors_by_id else None
    if view == "scoreboard":
        board = briefing.scoreboards_by_id.get(item)
        if board is None:
            return None
        if detail and all(argument.id != detail for argument in board.arguments):
            return Place("scoreboard", item)
        return place
    if view == "timeline":
        if not briefing.timeline:
            return None
        known = item.isdigit() and int(item) < len(briefing.timeline)
        return place if not item or known else Place("timeline")
    if view == "glossary":
        if not briefing.glossary:
            return None
        if not item:
            return place
        term = briefing.terms_by_key.get(term_key(item))
        return Place("glossary") if term is None else Place("glossary", term_key(term.term))
    if view == "actors" and not briefing.actors:
        return None
    return place if view in VIEWS else None


def exists(briefing: Briefing, place: Place) -> bool:
    """True when *briefing* can show *place* exactly as it is."""
    return resolve_place(briefing, place) == place


class History:
    """Back and forward through visited places, like a browser.

    Visiting a new place drops the forward list; visiting the current place
    again is not recorded twice. The list is bounded so a long session does
    not grow without limit. Each visit can keep a *memo* of how the reader
    left it (the UI keeps its scroll offsets and focus there), handed back
    when back or forward returns to it, as a browser returns to the same line.
    """

    def __init__(self, start: Place = OVERVIEW, limit: int = 200) -> None:
        self._back: list[tuple[Place, object]] = []
        self._forward: list[tuple[Place, object]] = []
        self.current = start
        self.memo: object = None
        """What the UI kept of the current visit with :meth:`remember`; None until then."""
        self._limit = limit

    def visit(self, place: Place) -> None:
        """Record *place* as the current place."""
        if place == self.current:
            return
        self._back.append((self.current, self.memo))
        del self._back[: -self._limit]
        self._forward.clear()
        self.current = place
        self.memo = None

    def replace(self, place: Place) -> None:
        """Change the current place without adding a history entry."""
        self.current = place

    def remember(self, memo: object) -> None:
        """Keep *memo* with the current visit, to hand it back when the reader returns to it."""
        self.memo = memo

    @property
    def can_go_back(self) -> bool:
        """True when there is a place to go back to."""
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        """True when there is a place to go forward to."""
        return bool(self._forward)

    def back(self) -> Place | None:
        """Step back; returns the new current place (its memo in :attr:`memo`), or None."""
        if not self._back:
            return None
        self._forward.append((self.current, self.memo))
        self.current, self.memo = self._back.pop()
        return self.current

    def forward(self) -> Place | None:
        """Step forward; returns the new current place (its memo in :attr:`memo`), or None."""
        if not self._forward:
            return None
        self._back.append((self.current, self.memo))
        self.current, self.memo = self._forward.pop()
        return self.current


def study_key(briefing: Briefing, place: Place) -> str | None:
    """The study-data key of the item at *place* (for notes and bookmarks), if it has one."""
    from briefing_tui.core.study.store import event_key

    if place.view in ("section", "actor") and place.item:
        return f"{place.view}:{place.item}"
    if place.view == "scoreboard" and place.item:
        return (
            f"argument:{place.item}/{place.detail}" if place.detail else f"scoreboard:{place.item}"
        )
    if place.view == "timeline" and place.item.isdigit():
        events = briefing.events_in_order
        index = int(place.item)
        return event_key(events[index]) if index < len(events) else None
    if place.view == "glossary" and place.item:
        return f"term:{place.item}"
    return None


_VIEWS_OF_ONE_ITEM: tuple[View, ...] = ("section", "actor")
"""Views whose place is named by the same kind of study key (``section:ID``)."""


def place_for_study_key(briefing: Briefing, key: str) -> Place | None:
    """The place of the item a study-data key names; None when it is not in *briefing*."""
    from briefing_tui.core.study.store import event_key

    kind, _, item = key.partition(":")
    if kind in _VIEWS_OF_ONE_ITEM:
        place = Place(kind, item)
        return place if exists(briefing, place) else None
    if kind == "scoreboard":
        return Place("scoreboard", item) if item in briefing.scoreboards_by_id else None
    if kind == "argument":
        board, _, argument = item.partition("/")
        scoreboard = briefing.scoreboards_by_id.get(board)
        if scoreboard is not None and any(arg.id == argument for arg in scoreboard.arguments):
            return Place("scoreboard", board, argument)
        return None
    if kind == "term":
        return Place("glossary", item) if item in briefing.terms_by_key else None
    if kind == "event":
        for index, event in enumerate(briefing.events_in_order):
            if event_key(event) == key:
                return Place("timeline", str(index))
    return None
