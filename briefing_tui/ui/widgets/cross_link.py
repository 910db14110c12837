"""A focusable link to another place in the briefing."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from briefing_tui.core.study.navigation import Place
from briefing_tui.ui.widgets.static_text import FitsTheWidth, SizedByLayout


class CrossLink(FitsTheWidth, SizedByLayout, Static, can_focus=True):
    """One cross-link: focus it and press enter (or click it) to go to its place."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "follow", "Follow link", id="link.follow")
    ]
    HELP_GROUP = "Links"

    class Selected(Message):
        """The reader chose a cross-link."""

        def __init__(self, link: CrossLink, place: Place) -> None:
            super().__init__()
            self.link = link
            self.place = place

        @property
        def control(self) -> CrossLink:
            """The link that was chosen."""
            return self.link

    def __init__(
        self,
        label: str | Content,
        place: Place,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        content = label if isinstance(label, Content) else Content(label)
        super().__init__(content, markup=False, id=id, classes=classes)
        self.place = place

    def show_link(self, label: str | Content, place: Place) -> None:
        """Point this link at *place*, labelled *label*; repaint only if the label changed."""
        self.place = place
        content = label if isinstance(label, Content) else Content(label)
        current = self.content
        # Content's == compares the text only; a label's style matters too.
        if not (
            isinstance(current, Content)
            and current.plain == content.plain
            and current.spans == content.spans
        ):
            self.update(content)

    def action_follow(self) -> None:
        """Post :class:`CrossLink.Selected` for this link's place."""
        self.post_message(self.Selected(self, self.place))

    def on_click(self, event: Click) -> None:
        event.stop()
        self.action_follow()
