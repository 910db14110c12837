"""Progress over time: cards by state, reviews per day, retention and what falls due."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.visual import Visual
from textual.widgets import Static

from briefing_tui.core.study.progress import FORECAST_DAYS, PAST_DAYS, Progress, bar_chart
from briefing_tui.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.strip import Strip
    from textual.style import Style
    from textual.visual import RenderOptions

CHART_ROWS = 5
SCALE = 4
"""Cells left of the bars: the tallest value, right-aligned, then a space."""

Labels = Callable[[int], Sequence[tuple[str, str]]]
"""The axis labels for a chart of so many days: (left, right) pairs, longest first."""


class BarChart(Visual):
    """Values as bars over a labelled axis, under a heading: drawn for the width given.

    The bars narrow as the width does (*widths*, widest first), then drop the
    days at the far end (the oldest when *keep_last*); the axis takes the
    longest labels that fit. No line of the chart is wider than the width,
    so none wraps; only the heading does.
    """

    def __init__(
        self,
        heading: str,
        values: Sequence[int],
        *,
        widths: Sequence[int],
        labels: Labels,
        keep_last: bool = False,
    ) -> None:
        self.heading = heading
        self.values = tuple(values)
        self.widths = tuple(widths)
        self.labels = labels
        self.keep_last = keep_last
        self._laid_out: tuple[int, Content] | None = None

    def _content(self, width: int) -> Content:
        if self._laid_out is None or self._laid_out[0] != width:
            self._laid_out = (width, self._draw(width))
        return self._laid_out[1]

    def _draw(self, width: int) -> Content:
        room = max(1, width - SCALE)
        values = self.values
        bar = next((each for each in self.widths if len(values) * each <= room), 1)
        if len(values) * bar > room:
            values = values[-room:] if self.keep_last else values[:room]
        rows = [Content.styled(self.heading, "bold")]
        tallest = max(values, default=0)
        for number, row in enumerate(bar_chart(values, CHART_ROWS)):
            scale = f"{tallest:>3} " if number == 0 and tallest else " " * SCALE
            # Bars two cells wide or more keep a gap between them; one cell wide, they touch.
            gap = " " if bar > 1 else ""
            bars = "".join(block * (bar - len(gap)) + gap for block in row)
            rows.append(Content.assemble((scale, "$text-muted"), (bars, "$accent")))
        span = len(values) * bar
        rows.append(Content.assemble(("  0 ", "$text-muted"), ("▔" * span, "$text-muted")))
        rows.append(Content.styled(" " * SCALE + self._axis(len(values), span), "$text-muted"))
        return Content("\n").join(rows)

    def _axis(self, days: int, span: int) -> str:
        """The longest labels that fit under *span* cells, a space at least between them."""
        for left, right in self.labels(days):
            if len(left) + 1 + len(right) <= span:
                return left + right.rjust(span - len(left))
        left, _ = self.labels(days)[-1]
        return left if len(left) <= span else ""

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """The chart as drawn for *width*."""
        return self._content(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """Wide enough for the widest bars."""
        return self._content(container_width).get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        """The lines of the chart drawn for *width*, the heading wrapped."""
        return self._content(width).get_height(rules, width)


def _days_ago(days: int) -> Sequence[tuple[str, str]]:
    return [
        (f"{days - 1} days ago", "today"),
        (f"{days - 1}d ago", "today"),
        (f"-{days - 1}d", "0"),
    ]


def _days_ahead(days: int) -> Sequence[tuple[str, str]]:
    return [("today", f"in {days - 1} days"), ("today", f"in {days - 1}d"), ("0", f"+{days - 1}d")]


class ProgressScreen(Screen[None]):
    """The reader's progress on a briefing's cards, drawn as text."""

    CSS_PATH = "progress.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,P", "dismiss", "Close", id="progress.close"),
        # The arrows are the scrolling view's own; j/k scroll as they do a document.
        Binding("j", "scroll_down", "Scroll down", show=False, id="progress.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="progress.up"),
    ]
    HELP_GROUP = "Progress"

    def __init__(self, title: str, progress: Progress) -> None:
        super().__init__()
        self.title_text = title
        self.progress = progress

    def compose(self) -> ComposeResult:
        found = self.progress
        with VerticalScroll(id="progress"):
            yield Static(Content.styled(f"Progress — {self.title_text}", "bold"), markup=False)
            yield Static(
                Content.assemble(
                    ("Cards  ", "bold"),
                    f"{found.new} new · {found.learning} learning · {found.review} review",
                ),
                classes="progress-part",
            )
            yield Static(
                BarChart(
                    f"Reviews per day, last {PAST_DAYS} days: {found.reviews}",
                    found.per_day,
                    widths=(2, 1),
                    labels=_days_ago,
                    keep_last=True,
                ),
                classes="progress-part",
            )
            yield Static(self._retention(), classes="progress-part")
            yield Static(
                BarChart(
                    f"Due, next {FORECAST_DAYS} days: {sum(found.forecast)}",
                    found.forecast,
                    widths=(4, 3, 2, 1),
                    labels=_days_ahead,
                ),
                classes="progress-part",
            )
        yield KeyFooter()

    def _retention(self) -> Content:
        found = self.progress
        retention = found.retention
        if retention is None:
            said = "no reviews in the last 30 days"
        else:
            plural = "" if found.reviews == 1 else "s"
            said = (
                f"{retention:.0%} ({found.good_or_easy} of {found.reviews} "
                f"review{plural} rated Good or Easy)"
            )
        return Content.assemble(("Retention: ", "bold"), said)

    def action_scroll_down(self) -> None:
        """Scroll the progress down a line."""
        self.query_one("#progress", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        """Scroll the progress up a line."""
        self.query_one("#progress", VerticalScroll).scroll_up()
