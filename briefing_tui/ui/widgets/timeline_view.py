"""The timeline: events in date order, each linked to its actors and section."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets.option_list import Option

from briefing_tui.core.content.model import Event
from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.labels import place_label
from briefing_tui.ui.widgets.hanging_text import HangingText
from briefing_tui.ui.widgets.link_list import LinkList, links_to
from briefing_tui.ui.widgets.list_detail_view import ListDetailView


class TimelineView(ListDetailView):
    """Every dated event, oldest first; partial dates sort before full ones.

    Enter on an event opens the section that discusses it, or else its first actor.
    """

    # Before the list's own enter (priority), which only moves into the detail.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_section", "Open its section", priority=True, id="timeline.section"),
        Binding(
            "enter",
            "open_actor",
            "Open its actor",
            priority=True,
            id="timeline.actor",
            group=Binding.Group("An event no section discusses"),
        ),
    ]
    HELP_GROUP = "Timeline"
    VIEW_TITLE = "Timeline"

    def _event(self) -> Event | None:
        place = self.place
        if place is None or not place.item.isdigit():
            return None
        return self.briefing.events_in_order[int(place.item)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter shows only for an event that has somewhere to go, and only on the list."""
        event = self._event()
        if action == "open_section":
            return self._on_the_list() and event is not None and event.section is not None
        if action == "open_actor":
            return (
                self._on_the_list()
                and event is not None
                and event.section is None
                and bool(event.actors)
            )
        return True

    def action_open_section(self) -> None:
        """Open the section that discusses the highlighted event."""
        event = self._event()
        if event is not None and event.section is not None:
            self._open(Place("section", event.section))

    def action_open_actor(self) -> None:
        """Open the first actor of the highlighted event."""
        event = self._event()
        if event is not None and event.actors:
            self._open(Place("actor", event.actors[0]))

    def options(self) -> list[Option]:
        """One option per event, keyed by its position in date order."""
        options = []
        for index, event in enumerate(self.briefing.events_in_order):
            date = Content.styled(f"{event.date:<10} ", "$text-muted")
            options.append(Option(HangingText(date, Content(event.title)), id=str(index)))
        return options

    def show_detail(self, item: str) -> None:
        """Show the event at position *item*."""
        briefing = self.briefing
        event = briefing.events_in_order[int(item)]
        links: list[LinkList] = []
        actors = links_to(briefing, (Place("actor", actor) for actor in event.actors))
        if actors:
            links.append(LinkList("Actors", actors))
        if event.section:
            place = Place("section", event.section)
            links.append(LinkList("Discussed in", [(place_label(briefing, place), place)]))
        title = Content.assemble((event.date, "bold"), "  ", event.title)
        self.set_detail(title, event.detail or "", links)
