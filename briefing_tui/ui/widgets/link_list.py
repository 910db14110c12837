"""A headed list of cross-links."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from briefing_tui.core.links import find_link_targets, is_external
from briefing_tui.core.model import Briefing
from briefing_tui.core.navigation import Place, place_for_href
from briefing_tui.ui.labels import place_label
from briefing_tui.ui.widgets.cross_link import CrossLink

LinkItem = tuple["str | Content", Place]


def links_in_markdown(briefing: Briefing, *texts: str | None) -> list[LinkItem]:
    """Cross-links for the internal links in *texts*, once each, in order.

    The Markdown widget makes links clickable but not focusable; listing
    them under the text makes every one reachable from the keyboard.
    """
    items: list[LinkItem] = []
    seen: set[Place] = set()
    for text in texts:
        for href in find_link_targets(text or ""):
            place = place_for_href(briefing, href)
            if place is not None and place not in seen:
                seen.add(place)
                items.append((place_label(briefing, place), place))
    return items


def external_links(*texts: str | None) -> Content | None:
    """The external URLs in *texts*, one per line, for showing next to the text."""
    urls = list(dict.fromkeys(href for text in texts for href in find_link_targets(text or "") if is_external(href)))
    if not urls:
        return None
    lines = [Content.styled("External links (not opened by the app)", "bold")]
    lines += [Content.assemble(("↗ ", "$text-muted"), url) for url in urls]
    return Content("\n").join(lines)


class LinkList(Vertical):
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

    def compose(self) -> ComposeResult:
        yield Static(Content(self.heading), classes="heading")
        for label, place in self.links:
            yield CrossLink(label, place)
