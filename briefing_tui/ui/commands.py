"""Command palette provider: jump to any place in the briefing by name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.theme import ThemeProvider

from briefing_tui.core.content.model import Briefing, term_key
from briefing_tui.core.study.navigation import Place, View
from briefing_tui.core.study.search import fold_case, name_match

if TYPE_CHECKING:
    from briefing_tui.ui.app import BriefingApp


_SCORE_SCALE = 4
"""Puts :func:`name_match` on the scale of Textual's scores of its own commands.

Those score a whole name about 24 and a word in one about 15, so a place
named by the query ranks with the commands it names, above loose matches.
"""


def palette_entries(briefing: Briefing) -> Iterator[tuple[str, str, Place]]:
    """(name, kind, place) for every view, section, actor, scoreboard, argument, event and term."""
    views: tuple[tuple[str, View], ...] = (
        ("Overview", "overview"),
        ("Actors", "actors"),
        ("Timeline", "timeline"),
        ("Glossary", "glossary"),
    )
    for name, view in views:
        yield name, "view", Place(view)
    for section in briefing.sections:
        yield section.title, "section", Place("section", section.id)
    for actor in briefing.actors:
        yield actor.name, "actor", Place("actor", actor.id)
    for board in briefing.scoreboards:
        yield board.title, "scoreboard", Place("scoreboard", board.id)
        for argument in board.arguments:
            yield (
                argument.claim,
                f"{argument.side} argument",
                Place("scoreboard", board.id, argument.id),
            )
    for index, event in enumerate(briefing.events_in_order):
        yield f"{event.date} {event.title}", "event", Place("timeline", str(index))
    for term in briefing.glossary:
        yield term.term, "term", Place("glossary", term_key(term.term))


def highlight(matcher: Matcher, text: str) -> Content:
    """*text* with the matched characters styled: the query's words where they occur whole.

    Where the words are not in *text* as written, the letters the loose
    match found are styled, as Textual's palette does. ``Matcher.highlight``
    parses its argument as markup, which content must never be; this builds
    the highlight on literal text.
    """
    content = Content(text)
    folded = fold_case(text)
    spans: list[tuple[int, int]] = []
    for word in fold_case(matcher.query).split():
        # A word start before a match inside a word: "put" in "Putin", not in "input".
        start = next(
            (
                position
                for position in _occurrences(folded, word)
                if position == 0 or not folded[position - 1].isalnum()
            ),
            folded.find(word),
        )
        if start == -1:
            spans = []
            break
        spans.append((start, start + len(word)))
    if not spans:
        _, offsets = matcher.fuzzy_search.match(matcher.query, text)
        spans = [(offset, offset + 1) for offset in offsets]
    for start, end in spans:
        content = content.stylize(matcher.match_style, start, end)
    return content


def _occurrences(text: str, word: str) -> Iterator[int]:
    position = text.find(word)
    while position != -1:
        yield position
        position = text.find(word, position + 1)


class BriefingCommands(Provider):
    """Go to a section, actor, scoreboard, argument, event or glossary term."""

    @property
    def _briefing_app(self) -> BriefingApp:
        # The palette of the briefing apps only: it is registered on BriefingApp.
        return cast("BriefingApp", self.app)

    @property
    def _briefing(self) -> Briefing:
        return self._briefing_app.briefing

    def _go(self, place: Place) -> None:
        self._briefing_app.navigate(place)

    async def discover(self) -> Hits:
        """Offer the sections before anything is typed."""
        if not self._briefing_app.has_briefing:
            return
        for section in self._briefing.sections:
            yield DiscoveryHit(
                Content(section.title),
                partial(self._go, Place("section", section.id)),
                text=section.title,
                help="section",
            )

    async def search(self, query: str) -> Hits:
        """Every named place *query* finds: whole names and words first, loose matches last."""
        if not self._briefing_app.has_briefing:
            return
        matcher = self.matcher(query)
        for name, kind, place in palette_entries(self._briefing):
            score = name_match(query, name) * _SCORE_SCALE
            if score <= 0:
                continue
            yield Hit(
                score,
                highlight(matcher, name),
                partial(self._go, place),
                text=name,
                help=kind,
            )


class AppThemes(ThemeProvider):
    """The palette's theme picker: the themes ``briefing themes`` lists and ctrl+t cycles."""

    @property
    def commands(self) -> list[tuple[str, Callable[[], None]]]:
        """A command per theme the app offers, and one for the theme in use if it is another."""
        app = cast("BriefingApp", self.app)
        names = app.theme_names
        if app.theme not in names:
            names = [*names, app.theme]

        def use(name: str) -> None:
            app.theme = name

        return [(name, partial(use, name)) for name in names]
