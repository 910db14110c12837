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


class FocusableLink(FitsTheWidth, SizedByLayout, Static, can_focus=True):
    """A line of text that works as a link: focus it and press enter, or click it.

    Subclasses say where it goes, in :meth:`action_follow`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "follow", "Follow link", id="link.follow")
    ]
    HELP_GROUP = "Links"

    def __init__(
        self, label: Content, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(label, markup=False, id=id, classes=classes)

    def relabel(self, label: Content) -> None:
        """Show *label*; repaint only if it changed (links are told their label again often)."""
        current = self.content
        # Content's == compares the text only; a label's style matters too.
        if not (
            isinstance(current, Content)
            and current.plain == label.plain
            and current.spans == label.spans
        ):
            self.update(label)

    def action_follow(self) -> None:
        """Go where the link points."""
        raise NotImplementedError

    def on_click(self, event: Click) -> None:
        event.stop()
        self.action_follow()


class CrossLink(FocusableLink):
    """One cross-link: focus it and press enter (or click it) to go to its place."""

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
        super().__init__(
            Content(label) if isinstance(label, str) else label, id=id, classes=classes
        )
        self.place = place

    def show_link(self, label: str | Content, place: Place) -> None:
        """Point this link at *place*, labelled *label*; repaint only if the label changed."""
        self.place = place
        self.relabel(Content(label) if isinstance(label, str) else label)

    def action_follow(self) -> None:
        """Post :class:`CrossLink.Selected` for this link's place."""
        self.post_message(self.Selected(self, self.place))
