"""A focusable link that starts a review: of the cards due, or of one section's cards."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message

from briefing_tui.ui.widgets.cross_link import FocusableLink


class ReviewLink(FocusableLink):
    """Focus it and press enter (or click it) to study cards: styled as a cross-link."""

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
        super().__init__(label, id=id, classes=classes)
        self.section = section

    def show_link(self, label: Content, section: str | None) -> None:
        """Label the link *label* and point it at *section*'s cards (None: the cards due)."""
        self.section = section
        # Told again every minute: relabel repaints only when the label changed.
        self.relabel(label)

    def action_follow(self) -> None:
        """Post :class:`ReviewLink.Selected` for this link's cards."""
        self.post_message(self.Selected(self, self.section))
