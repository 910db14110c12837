"""The actors: a grid of cards, and one actor's panel."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from briefing_tui.core.content.model import Actor, Briefing, Quote
from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.labels import stance_badge
from briefing_tui.ui.widgets.cross_link import CrossLink
from briefing_tui.ui.widgets.document_view import DocumentView
from briefing_tui.ui.widgets.hanging_text import BULLET, HangingLines
from briefing_tui.ui.widgets.link_list import (
    LinkItem,
    LinkList,
    argument_links,
    links_to,
)
from briefing_tui.ui.widgets.markdown_text import LinkedText, MarkdownText
from briefing_tui.ui.widgets.note_block import NoteBlock
from briefing_tui.ui.widgets.static_text import StaticText


class ActorCard(CrossLink):
    """A card for one actor: name, kind, stance badge and role; enter opens its panel."""

    def __init__(self, actor: Actor) -> None:
        lines = [
            Content.assemble((actor.name, "bold"), (f"  {actor.kind}", "$text-muted")),
            stance_badge(actor.stance),
        ]
        if actor.role:
            lines.append(Content(actor.role))
        super().__init__(Content("\n").join(lines), Place("actor", actor.id), classes="actor-card")


class ActorsView(DocumentView, can_focus=False):
    """Every actor as a card in a grid."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,l", "app.focus_next", "Next card", show=False, id="actors.next"),
        Binding("left,h", "app.focus_previous", "Previous card", show=False, id="actors.previous"),
        Binding("down,j", "move_row(1)", "Card below", show=False, id="actors.down"),
        Binding("up,k", "move_row(-1)", "Card above", show=False, id="actors.up"),
    ]
    HELP_GROUP = "Actors"

    def __init__(self, briefing: Briefing, *, id: str | None = None) -> None:
        super().__init__(briefing, id=id)
        self._last_card: ActorCard | None = None
        self._columns = 1
        """The grid's columns at its current width."""

    def compose(self) -> ComposeResult:
        yield StaticText("Actors", classes="view-title")
        yield Grid(id="actor-grid")

    CARD_WIDTH = 24
    """Narrowest a card may be before the grid drops a column."""

    def on_resize(self, event: events.Resize) -> None:
        self._columns = max(1, min(4, event.size.width // self.CARD_WIDTH))
        self.query_one("#actor-grid", Grid).styles.grid_size_columns = self._columns

    def action_move_row(self, step: int) -> None:
        """Focus the card in the row below (or above), or the last one of a shorter last row."""
        cards = self.cards
        focused = self.screen.focused
        if not isinstance(focused, ActorCard) or focused not in cards:
            return
        index = cards.index(focused)
        columns = self._columns
        row = index // columns + step
        if not 0 <= row <= (len(cards) - 1) // columns:
            return
        # Focusing scrolls the grid to the card.
        self.screen.set_focus(cards[min(index + step * columns, len(cards) - 1)])

    def show(self, place: Place) -> None:
        """Show the cards; they are built on the first visit, not at start-up."""
        super().show(place)
        grid = self.query_one("#actor-grid", Grid)
        if not grid.children:
            grid.mount_all(ActorCard(actor) for actor in self.briefing.actors)

    @property
    def cards(self) -> list[ActorCard]:
        """The cards, in the order of the briefing's actors."""
        return list(self.query_one("#actor-grid", Grid).query_children(ActorCard))

    def focus_target(self) -> Widget | None:
        """The card the reader was last on, or the first."""
        cards = self.cards
        if self._last_card in cards:
            return self._last_card
        return cards[0] if cards else None

    def study_place(self) -> Place | None:
        """The focused card's actor; nothing while no card has the focus."""
        focused = self.screen.focused
        return focused.place if isinstance(focused, ActorCard) and focused in self.cards else None

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, ActorCard):
            self._last_card = event.widget


class ActorPanel(DocumentView):
    """Everything about one actor, with links to the places that involve it."""

    def compose(self) -> ComposeResult:
        yield StaticText("", id="actor-name", classes="view-title", markup=False)
        yield StaticText("", id="actor-facts", markup=False)
        yield NoteBlock()
        yield LinkedText("", id="actor-summary")
        yield StaticText("", id="actor-lists", markup=False)
        yield Vertical(id="actor-links")

    def show(self, place: Place) -> None:
        """Show the actor *place* names."""
        super().show(place)
        actor = self.briefing.actors_by_id[place.item]
        self.query_one("#actor-name", Static).update(Content(actor.name))
        facts = [Content.assemble((actor.kind, "$text-muted"), "  ", stance_badge(actor.stance))]
        if actor.role:
            facts.append(Content(actor.role))
        self.query_one("#actor-facts", Static).update(Content("\n").join(facts))
        summary = self.query_one("#actor-summary", MarkdownText)
        summary.update(actor.summary or "")
        summary.display = bool(actor.summary)
        lists: list[tuple[Content, Content]] = []
        for heading, items in (("Interests", actor.interests), ("Concerns", actor.concerns)):
            if items:
                lists.append((Content(""), Content.styled(heading, "bold")))
                lists.extend((BULLET, Content(item)) for item in items)
        unsourced = [quote for quote in actor.quotes if not quote.section]
        if unsourced:
            lists.append((Content(""), Content.styled("Quotes", "bold")))
            lists.extend((Content(""), _quote(quote)) for quote in unsourced)
        block = self.query_one("#actor-lists", Static)
        block.update(HangingLines(lists))
        block.display = bool(lists)
        links = self.query_one("#actor-links", Vertical)
        links.remove_children()
        links.mount_all(self._link_lists(actor))
        self.scroll_home(animate=False)

    def _link_lists(self, actor: Actor) -> list[LinkList]:
        briefing = self.briefing
        lists: list[LinkList] = []
        sourced: list[LinkItem] = []
        for quote in actor.quotes:
            if quote.section:
                section = briefing.sections_by_id[quote.section]
                label = Content.assemble(_quote(quote), ("  § ", "$text-muted"), section.title)
                sourced.append((label, Place("section", section.id)))
        if sourced:
            lists.append(LinkList("Quotes", sourced))
        outgoing: list[LinkItem] = []
        incoming: list[LinkItem] = []
        for relation in briefing.relations:
            if relation.from_ == actor.id:
                other = briefing.actors_by_id[relation.to]
                label = Content.assemble(
                    ("→ ", "$text-muted"), relation.kind, " ", (other.name, "bold")
                )
                outgoing.append((label, Place("actor", other.id)))
            elif relation.to == actor.id:
                other = briefing.actors_by_id[relation.from_]
                label = Content.assemble(
                    ("← ", "$text-muted"), (other.name, "bold"), " ", relation.kind
                )
                incoming.append((label, Place("actor", other.id)))
        if outgoing:
            lists.append(LinkList("Relations out", outgoing))
        if incoming:
            lists.append(LinkList("Relations in", incoming))
        sections = links_to(
            briefing,
            (
                Place("section", section.id)
                for section in briefing.sections
                if actor.id in section.actors
            ),
        )
        if sections:
            lists.append(LinkList("Sections", sections))
        arguments = argument_links(briefing, lambda argument: actor.id in argument.actors)
        if arguments:
            lists.append(LinkList("Arguments", arguments))
        return lists


def _quote(quote: Quote) -> Content:
    return Content.assemble("“", quote.text, "” — ", (quote.by, "italic"))
