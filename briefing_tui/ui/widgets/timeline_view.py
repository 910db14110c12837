"""The timeline: events in date order, each linked to its actors and section."""

from __future__ import annotations

from textual.content import Content
from textual.widgets.option_list import Option

from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.labels import place_label
from briefing_tui.ui.widgets.hanging_text import HangingText
from briefing_tui.ui.widgets.link_list import LinkList, links_to
from briefing_tui.ui.widgets.list_detail_view import ListDetailView


class TimelineView(ListDetailView):
    """Every dated event, oldest first; partial dates sort before full ones."""

    VIEW_TITLE = "Timeline"

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
