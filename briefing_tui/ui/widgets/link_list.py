"""A headed list of cross-links."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from briefing_tui.core.content.links import find_link_targets, is_external
from briefing_tui.core.content.model import Argument, Briefing
from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.labels import place_label
from briefing_tui.ui.widgets.cross_link import CrossLink
from briefing_tui.ui.widgets.static_text import SizedByLayout, StaticText

LinkItem = tuple["str | Content", Place]


def links_to(briefing: Briefing, places: Iterable[Place]) -> list[LinkItem]:
    """A cross-link for each of *places*, labelled with its name."""
    return [(place_label(briefing, place), place) for place in places]


def argument_links(briefing: Briefing, keep: Callable[[Argument], bool]) -> list[LinkItem]:
    """Cross-links to every argument, on every scoreboard, for which *keep* is true."""
    return links_to(
        briefing,
        (
            Place("scoreboard", board.id, argument.id)
            for board in briefing.scoreboards
            for argument in board.arguments
            if keep(argument)
        ),
    )


def external_links(*texts: str | None) -> Content | None:
    """The external URLs in *texts*, one per line, for showing next to the text."""
    urls = list(
        dict.fromkeys(
            href for text in texts for href in find_link_targets(text or "") if is_external(href)
        )
    )
    if not urls:
        return None
    lines = [Content.styled("External links (not opened by the app)", "bold")]
    lines += [Content.assemble(("↗ ", "$text-muted"), url) for url in urls]
    return Content("\n").join(lines)


class LinkList(SizedByLayout, Vertical):
    """A heading followed by one :class:`CrossLink` per line."""

    def __init__(
        self,
        heading: str,
        links: Iterable[LinkItem],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.heading = heading
        self.links = list(links)
        self._heading_label: Static | None = None
        self._link_widgets: list[CrossLink] = []

    def compose(self) -> ComposeResult:
        self._heading_label = StaticText(Content(self.heading), classes="heading")
        self._link_widgets = [CrossLink(label, place) for label, place in self.links]
        yield self._heading_label
        yield from self._link_widgets

    def show_links(self, heading: str, links: Iterable[LinkItem]) -> None:
        """Show *heading* and *links*, reusing the link widgets already mounted.

        Widgets are updated in place, and links left over are hidden rather
        than removed, so that showing another place is one layout and one
        repaint: mounting or removing widgets would paint a second frame once
        the mount or removal is done.
        """
        old_heading = self.heading
        self.heading = heading
        self.links = list(links)
        if self._heading_label is None:
            return  # Not composed yet: compose() builds from the new values.
        if heading != old_heading:
            self._heading_label.update(Content(heading))
        shown = self._link_widgets
        for link, (label, place) in zip(shown, self.links, strict=False):
            link.show_link(label, place)
            link.display = True
        for link in shown[len(self.links) :]:
            link.display = False
        if len(self.links) > len(shown):
            extra = [CrossLink(label, place) for label, place in self.links[len(shown) :]]
            shown.extend(extra)
            self.mount_all(extra)


class LinkLists(SizedByLayout, Vertical):
    """Headed lists of cross-links, updated in place as the place shown changes."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._lists: list[LinkList] = []

    def show_lists(self, lists: Sequence[LinkList]) -> None:
        """Show *lists* (new, unmounted widgets), reusing the lists already mounted.

        Lists left over are hidden, not removed: see :meth:`LinkList.show_links`.
        """
        shown = self._lists
        for widget, wanted in zip(shown, lists, strict=False):
            if widget.classes != wanted.classes:
                widget.set_classes(wanted.classes)
            widget.show_links(wanted.heading, wanted.links)
            widget.display = True
        for widget in shown[len(lists) :]:
            widget.display = False
        if len(lists) > len(shown):
            extra = list(lists[len(shown) :])
            shown.extend(extra)
            self.mount_all(extra)
