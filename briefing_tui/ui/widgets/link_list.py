"""A headed list of cross-links."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from briefing_tui.core.navigation import Place
from briefing_tui.ui.widgets.cross_link import CrossLink

LinkItem = tuple["str | Content", Place]


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
