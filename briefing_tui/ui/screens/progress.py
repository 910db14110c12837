"""Progress over time: cards by state, reviews per day, retention and what falls due."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from briefing_tui.core.study.progress import FORECAST_DAYS, PAST_DAYS, Progress, bar_chart
from briefing_tui.ui.widgets.key_footer import KeyFooter

CHART_ROWS = 5


class ProgressScreen(Screen[None]):
    """The reader's progress on a briefing's cards, drawn as text."""

    CSS_PATH = "progress.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,P", "dismiss", "Close", id="progress.close"),
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
                self._chart(
                    f"Reviews per day, last {PAST_DAYS} days: {found.reviews}",
                    found.per_day,
                    width=2,
                    left=f"{PAST_DAYS - 1} days ago",
                    right="today",
                ),
                classes="progress-part",
            )
            yield Static(self._retention(), classes="progress-part")
            yield Static(
                self._chart(
                    f"Due, next {FORECAST_DAYS} days: {sum(found.forecast)}",
                    found.forecast,
                    width=4,
                    left="today",
                    right=f"in {FORECAST_DAYS - 1} days",
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

    @staticmethod
    def _chart(heading: str, values: tuple[int, ...], width: int, left: str, right: str) -> Content:
        """*values* as bars *width* cells wide over a labelled axis, under *heading*."""
        rows = [Content.styled(heading, "bold")]
        tallest = max(values, default=0)
        for number, row in enumerate(bar_chart(values, CHART_ROWS)):
            scale = f"{tallest:>3} " if number == 0 and tallest else "    "
            bars = "".join(block * (width - 1) + " " for block in row)
            rows.append(Content.assemble((scale, "$text-muted"), (bars, "$accent")))
        span = len(values) * width
        axis = left + right.rjust(max(1, span - len(left)))
        rows.append(Content.assemble(("  0 ", "$text-muted"), ("▔" * span, "$text-muted")))
        rows.append(Content.styled("    " + axis, "$text-muted"))
        return Content("\n").join(rows)
