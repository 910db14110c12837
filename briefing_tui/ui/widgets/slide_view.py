"""One slide of the deck, drawn large and centred at whatever size the terminal is.

The same widget shows the presenter's slides and every follower's: a slide
holds content, never rendered text, so each terminal lays it out at its own
size and colour depth.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from briefing_tui.core.content.model import Actor, Argument, Meta, Scoreboard
from briefing_tui.core.present.slides import (
    ActorsSlide,
    EndSlide,
    ScoreboardSlide,
    SectionSlide,
    Slide,
    TimelineSlide,
    TitleSlide,
)
from briefing_tui.core.study.scoring import MAX_WEIGHT, verdict
from briefing_tui.ui.labels import SIDE_SYMBOLS, possessive, stance_badge, stance_label
from briefing_tui.ui.widgets.markdown_text import MarkdownText
from briefing_tui.ui.widgets.scoreboard_view import BalanceMeter


def source_line(meta: Meta) -> Content | None:
    """Where the briefing comes from, on one line: publication, authors, date."""
    parts: list[str] = []
    if meta.source is not None:
        if meta.source.publication:
            parts.append(meta.source.publication)
        if meta.source.authors:
            parts.append(", ".join(meta.source.authors))
    if meta.published:
        parts.append(meta.published)
    if not parts:
        return None
    return Content(" · ".join(parts))


def _argument_row(argument: Argument) -> Horizontal:
    """An argument's side, weight bar and claim; the claim wraps beside the bar."""
    weight = argument.weight
    bar = "■" * weight + "□" * (MAX_WEIGHT - weight)
    return Horizontal(
        Static(
            Content.styled(
                f"{SIDE_SYMBOLS[argument.side]}{weight} {bar}", f"${argument.side} bold"
            ),
            classes="slide-row-lead",
        ),
        Static(Content(argument.claim), classes="slide-row-text"),
        classes="slide-row",
    )


def slide_stance_label(actor: Actor) -> Content:
    """An actor's name and stance badge; without a stance given, the name alone.

    In front of an audience "? unknown" reads like an error; the explorer
    still shows it.
    """
    if actor.stance == "unknown":
        return Content(actor.name)
    return stance_label(actor)


MORE_BELOW = "▼ more below: ↓ or j"
"""What a slide taller than the screen says at its foot until it is scrolled there."""


class Badges(Widget):
    """Labels laid out in centred lines, never breaking inside a label."""

    GAP = 4
    """Cells between two labels on a line."""

    def __init__(self, labels: Sequence[Content], *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.labels = tuple(labels)

    def _lines(self, width: int) -> list[Content]:
        lines: list[list[Content]] = [[]]
        used = 0
        for label in self.labels:
            needed = label.cell_length + (self.GAP if lines[-1] else 0)
            if lines[-1] and used + needed > width:
                lines.append([])
                used, needed = 0, label.cell_length
            lines[-1].append(label)
            used += needed
        gap = Content(" " * self.GAP)
        return [gap.join(line) for line in lines]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        """The labels, wrapped to the widget's width."""
        return Content("\n").join(self._lines(self.content_region.width))


class SlideView(Vertical):
    """The slide at :attr:`index` of :attr:`deck`, or nothing while :attr:`blank`.

    Slides taller than the screen scroll rather than lose content; the
    screens showing it bind the scroll keys (a scrolling container's own
    bindings would only clutter the help of a widget that never has focus).
    """

    index: reactive[int | None] = reactive(None, recompose=True)
    """The slide shown (0-based), or None for none."""
    blank: reactive[bool] = reactive(False, toggle_class="-blank")
    """True while the presenter has blanked the screen."""

    def __init__(self, deck: Sequence[Slide], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.deck = deck
        self.composed: tuple[Sequence[Slide], int | None] | None = None
        """The deck and index the children were last composed for."""

    @property
    def slide(self) -> Slide | None:
        """The slide shown, if any."""
        return None if self.index is None else self.deck[self.index]

    def watch_index(self) -> None:
        self.scroll_home(animate=False)
        self.call_after_refresh(self._show_more)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._show_more()

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_more)

    def _show_more(self) -> None:
        """Say so while part of the slide is below the screen."""
        for marker in self.query("#slide-more"):
            marker.display = self.scroll_y < self.max_scroll_y

    @property
    def up_to_date(self) -> bool:
        """True once the children show :attr:`index` of :attr:`deck`, all of them mounted."""
        return self.composed == (self.deck, self.index) and all(
            child.is_mounted for child in self.walk_children(Widget)
        )

    def compose(self) -> ComposeResult:
        self.composed = (self.deck, self.index)
        yield Static(Content(MORE_BELOW), id="slide-more")
        slide = self.slide
        if isinstance(slide, TitleSlide):
            yield from self._title(slide)
        elif isinstance(slide, SectionSlide):
            yield from self._section(slide)
        elif isinstance(slide, ActorsSlide):
            yield from self._actors(slide)
        elif isinstance(slide, ScoreboardSlide):
            yield from self._scoreboard(slide)
        elif isinstance(slide, TimelineSlide):
            yield from self._timeline(slide)
        elif isinstance(slide, EndSlide):
            yield from self._end(slide)

    def _heading(self, text: Content | str) -> Static:
        return Static(text if isinstance(text, Content) else Content(text), classes="slide-title")

    def _title(self, slide: TitleSlide) -> Iterator[Widget]:
        meta = slide.meta
        yield Static(Content(meta.title), classes="slide-title -cover")
        if meta.subtitle:
            yield Static(Content(meta.subtitle), classes="slide-subtitle")
        if meta.summary:
            yield MarkdownText(meta.summary, classes="slide-summary")
        source = source_line(meta)
        if source is not None:
            yield Static(source, classes="slide-source")

    def _section(self, slide: SectionSlide) -> Iterator[Widget]:
        section = slide.section
        number = sum(1 for other in self.deck[: self.index] if isinstance(other, SectionSlide)) + 1
        yield self._heading(Content.assemble((f"{number}. ", "$text-muted"), section.title))
        if section.key_points:
            with Vertical(classes="slide-points"):
                for point in section.key_points:
                    with Horizontal(classes="slide-point"):
                        yield Static("•", classes="slide-bullet")
                        yield Static(Content(point), classes="slide-point-text")
        else:
            # Without key points the section's own words are the slide.
            yield MarkdownText(section.body, classes="slide-body")
        if slide.actors:
            yield Badges(
                [slide_stance_label(actor) for actor in slide.actors], classes="slide-actors"
            )

    def _actors(self, slide: ActorsSlide) -> Iterator[Widget]:
        yield self._heading(slide.title)
        with Grid(classes="slide-cards"):
            for actor in slide.actors:
                card = Content.styled(actor.name, "bold")
                if actor.stance != "unknown":
                    card = Content.assemble(card, "\n", stance_badge(actor.stance))
                yield Static(card, classes="slide-card")

    def _scoreboard(self, slide: ScoreboardSlide) -> Iterator[Widget]:
        board: Scoreboard = slide.scoreboard
        title = Content(slide.title)
        if slide.perspective is not None:
            title = Content.assemble(
                title, (f"  from {possessive(slide.perspective.name)} perspective", "$text-muted")
            )
        yield self._heading(title)
        result = slide.score
        with Vertical(classes="slide-board"):
            for side, label, arguments, total in (
                ("pro", board.pro_label, slide.pros, result.pro),
                ("con", board.con_label, slide.cons, result.con),
            ):
                yield Static(
                    Content.styled(f"{SIDE_SYMBOLS[side]} {label}  {total}", f"${side} bold"),
                    classes="slide-side",
                )
                for argument in arguments:
                    yield _argument_row(argument)
            meter = BalanceMeter(board, id="slide-balance")
            meter.score = result
            yield meter
            yield Static(Content(verdict(board, result)), classes="slide-verdict")

    def _timeline(self, slide: TimelineSlide) -> Iterator[Widget]:
        yield self._heading(slide.title)
        date_width = max((len(event.date) for event in slide.events), default=0)
        with Vertical(classes="slide-board"):
            for event in slide.events:
                with Horizontal(classes="slide-row"):
                    date = Content.styled(f"{event.date:<{date_width}}", "$accent bold")
                    yield Static(date, classes="slide-row-lead")
                    yield Static(Content(event.title), classes="slide-row-text")

    def _end(self, slide: EndSlide) -> Iterator[Widget]:
        meta = slide.meta
        yield Static(Content(slide.title), classes="slide-title -cover")
        yield Static(Content(meta.title), classes="slide-subtitle")
        source = source_line(meta)
        if source is not None:
            yield Static(source, classes="slide-source")
