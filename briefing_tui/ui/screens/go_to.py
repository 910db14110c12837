"""The presenter's ways to jump: go to a slide by number or title, and the slide overview."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.core.present.slides import Slide, slide_number
from briefing_tui.ui.failures import reports_failures

MAX_QUERY_LENGTH = 200
"""The longest number or title the go-to dialog takes."""


def best_slide(deck: Sequence[Slide], query: str) -> int | None:
    """The index of the slide whose title best matches *query*, or None when none does.

    The command palette's fuzzy matcher scores each title; a title that
    contains the words as typed beats one that merely has their letters in
    order, and an exact title beats both. The first slide wins a tie.
    """
    wanted = " ".join(query.split()).casefold()
    if not wanted:
        return None
    matcher = Matcher(wanted)
    best: tuple[float, int] | None = None
    for index, slide in enumerate(deck):
        score = matcher.match(slide.title)
        if score <= 0:
            continue
        title = slide.title.casefold()
        if title == wanted:
            score += 2
        elif wanted in title:
            score += 1
        if best is None or score > best[0]:
            best = (score, index)
    return None if best is None else best[1]


def numbered_title(deck: Sequence[Slide], index: int, *, aligned: bool = False) -> Content:
    """``3. From a dormant relationship…``: a slide's number and title, as plain text.

    *aligned* pads the number to the width of the deck's last, for a list.
    """
    width = len(str(len(deck))) if aligned else 0
    return Content.assemble((f"{index + 1:>{width}}. ", "$text-muted"), deck[index].title)


class GoToSlideScreen(ModalScreen[int | None]):
    """Ask for a slide by number or by words of its title; dismiss with its index, or None.

    The line under the input says where enter will go, as it is typed.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="go-to.cancel")
    ]
    HELP_GROUP = "Go to slide"

    def __init__(self, deck: Sequence[Slide]) -> None:
        super().__init__()
        self.deck = deck

    def compose(self) -> ComposeResult:
        with Vertical(id="go-to"):
            yield Static(
                Content(f"Go to slide: its number (1–{len(self.deck)}) or words of its title"),
                classes="go-to-label",
            )
            yield Input(max_length=MAX_QUERY_LENGTH, id="go-to-query")
            yield Static("", id="go-to-target")

    def target(self, query: str) -> int | str:
        """The index of the slide *query* names, or what is wrong with it."""
        query = query.strip()
        if not query:
            return "Type a slide number or words of its title"
        number = slide_number(query)
        if number is not None:
            if 1 <= number <= len(self.deck):
                return number - 1
            return f"There is no slide {number} (1–{len(self.deck)})"
        index = best_slide(self.deck, query)
        if index is None:
            return f"No slide title matches {query!r}"
        return index

    @on(Input.Changed)
    @reports_failures("Finding the slide")
    def _changed(self, event: Input.Changed) -> None:
        target = self.target(event.value)
        shown = self.query_one("#go-to-target", Static)
        if isinstance(target, int):
            arrow = ("→ ", "$accent bold")
            shown.update(Content.assemble(arrow, numbered_title(self.deck, target)))
        else:
            # Nothing typed yet is not a problem to point out.
            shown.update(Content(target if event.value.strip() else ""))

    @on(Input.Submitted)
    @reports_failures("Go to slide")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        target = self.target(event.value)
        if isinstance(target, int):
            self.dismiss(target)
        else:
            self.notify(target, timeout=3, markup=False)

    def action_cancel(self) -> None:
        """Close without moving."""
        self.dismiss(None)


class SlideOverviewScreen(ModalScreen[int | None]):
    """Every slide, numbered, the current one marked; dismiss with the chosen index, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,o,q", "cancel", "Close the overview", id="overview.close"),
    ]
    HELP_GROUP = "Slide overview"

    def __init__(self, deck: Sequence[Slide], current: int) -> None:
        super().__init__()
        self.deck = deck
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="slide-overview"):
            yield Static(
                Content.assemble(
                    ("Slides", "bold"), ("  ↑↓ choose · enter go · escape close", "$text-muted")
                ),
                classes="go-to-label",
            )
            yield OptionList(*self._options(), id="slide-overview-list")

    def _options(self) -> list[Option]:
        options = []
        for index in range(len(self.deck)):
            mark = ("▶ ", "$accent bold") if index == self.current else "  "
            title = numbered_title(self.deck, index, aligned=True)
            options.append(Option(Content.assemble(mark, title)))
        return options

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = self.current
        choices.focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        """Close without moving."""
        self.dismiss(None)
