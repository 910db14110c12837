"""A focusable link that starts a review: of the cards due, or of one section's cards."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from briefing_tui.ui.widgets.static_text import FitsTheWidth, SizedByLayout


class ReviewLink(FitsTheWidth, SizedByLayout, Static, can_focus=True):
    """Focus it and press enter (or click it) to study cards: styled as a cross-link."""

    # The key and words of every link's: the help lists them once, under Links.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "follow", "Follow link", id="review-link.follow")
    ]
    HELP_GROUP = "Links"

    class Selected(Message):
        """The reader chose to study the link's cards."""

        def __init__(self, link: ReviewLink, section: str | None) -> None:
            super().__init__()
            self.link = link
            self.section = section
            """The id of the section whose cards to study; None for the cards due."""

        @property
        def control(self) -> ReviewLink:
            """The link that was chosen."""
            return self.link

    def __init__(
        self,
        label: Content,
        section: str | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(label, markup=False, id=id, classes=classes)
        self.section = section

    def show_link(self, label: Content, section: str | None) -> None:
        """Label the link *label* and point it at *section*'s cards (None: the cards due)."""
        self.section = section
        current = self.content
        # Told again every minute: repaint only when the label changed.
        if not (isinstance(current, Content) and current.plain == label.plain):
            self.update(label)

    def action_follow(self) -> None:
        """Post :class:`ReviewLink.Selected` for this link's cards."""
        self.post_message(self.Selected(self, self.section))

    def on_click(self, event: Click) -> None:
        event.stop()
        self.action_follow()
