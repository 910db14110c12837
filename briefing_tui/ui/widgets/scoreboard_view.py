"""The scoreboard: pros and cons side by side, re-weightable, with a balance meter."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from briefing_tui.core.content.model import Argument, Briefing, Scoreboard, Side
from briefing_tui.core.study.navigation import Place
from briefing_tui.core.study.scoring import MAX_WEIGHT, Score, Weighting, score, verdict
from briefing_tui.ui.labels import SIDE_SYMBOLS, place_label, possessive
from briefing_tui.ui.widgets.document_view import VIEWS_CSS
from briefing_tui.ui.widgets.hanging_text import HangingText
from briefing_tui.ui.widgets.link_list import (
    LinkList,
    LinkLists,
    links_to,
)
from briefing_tui.ui.widgets.markdown_text import LinkedText, MarkdownText
from briefing_tui.ui.widgets.note_block import NoteBlock
from briefing_tui.ui.widgets.static_text import SizedByLayout, StaticText

CHANGED_MARK = "±"
"""Marks a weight the reader changed (✎ is a note, everywhere)."""


class ArgumentRow(SizedByLayout, Static, can_focus=True):
    """One argument: weight bar, weight, then the claim in full, wrapped under itself.

    Marked :data:`CHANGED_MARK` when the reader changed it.
    """

    def __init__(self, board: Scoreboard, argument: Argument, weighting: Weighting) -> None:
        super().__init__(markup=False, classes=f"argument -{argument.side}")
        self.board = board
        self.argument = argument
        self.refresh_label(weighting)

    def refresh_label(self, weighting: Weighting) -> None:
        """Redraw for *weighting*."""
        argument = self.argument
        weight = weighting.weight_of(argument)
        on = weighting.is_on(argument.id)
        symbol = SIDE_SYMBOLS[argument.side]
        # Where the weight was, "off": the state stays visible without colour or italics.
        score = (
            f"{symbol}{weight} {'■' * weight}{'□' * (MAX_WEIGHT - weight)} " if on else "off ░░░░░ "
        )
        marker = f"{CHANGED_MARK} " if weighting.is_modified(argument.id) else ""
        self.set_class(not on, "-off")
        self.set_class(weighting.is_modified(argument.id), "-modified")
        prefix = Content.assemble((score, f"${argument.side} bold"), (marker, "italic"))
        self.update(HangingText(prefix, Content(argument.claim)))


class BalanceMeter(SizedByLayout, Widget):
    """A one-line meter: the balance drawn from the centre toward the heavier side."""

    score: reactive[Score | None] = reactive(None, layout=False)

    def __init__(
        self, board: Scoreboard, result: Score | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.board = board
        self.set_reactive(BalanceMeter.score, result)

    def render(self) -> Content:
        """Pro side on the left, con side on the right, filled by the balance."""
        result = self.score
        if result is None:
            return Content("")
        half = max(4, (self.size.width - 2) // 2)
        scale = max(result.pro_max, result.con_max, 1)
        filled = round(abs(result.balance) / scale * half)
        if result.balance >= 0:
            left = Content.assemble(("░" * (half - filled), "$text-muted"), ("█" * filled, "$pro"))
            right = Content.styled("░" * half, "$text-muted")
        else:
            left = Content.styled("░" * half, "$text-muted")
            right = Content.assemble(("█" * filled, "$con"), ("░" * (half - filled), "$text-muted"))
        return Content.assemble(left, ("┃", "bold"), right)


class ScoreboardView(Vertical):
    """One scoreboard; the reader can re-weight, switch off and reset its arguments."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,equals_sign", "reweight(1)", "Weight +1", id="scoreboard.heavier"),
        Binding("minus,underscore", "reweight(-1)", "Weight −1", id="scoreboard.lighter"),
        Binding("space", "switch", "On/off", id="scoreboard.toggle"),
        Binding("r", "reset", "Reset weights", id="scoreboard.reset"),
        Binding("u", "undo_reset", "Undo reset", id="scoreboard.undo-reset"),
        Binding("j,down", "move(1)", "Next argument", show=False, id="scoreboard.down"),
        Binding("k,up", "move(-1)", "Previous argument", show=False, id="scoreboard.up"),
        Binding("h,left,l,right", "switch_side", "Other side", show=False, id="scoreboard.side"),
    ]
    HELP_GROUP = "Scoreboard"
    SIDE_BY_SIDE_WIDTH = 90
    """Narrower than this, the sides stand one above the other: a claim needs room to read."""
    STYLESHEETS: ClassVar[tuple[Path, ...]] = (VIEWS_CSS,)
    """Stylesheets the explorer reads before the view's first mount (widgets read no files)."""

    class ArgumentShown(Message):
        """The detail of an argument is now showing."""

        def __init__(self, view: ScoreboardView, place: Place) -> None:
            super().__init__()
            self.view = view
            self.place = place

        @property
        def control(self) -> ScoreboardView:
            """The scoreboard view."""
            return self.view

    class Reweighted(Message):
        """The reader changed the weighting of a scoreboard."""

        def __init__(self, view: ScoreboardView, board: Scoreboard, weighting: Weighting) -> None:
            super().__init__()
            self.view = view
            self.board = board
            self.weighting = weighting

        @property
        def control(self) -> ScoreboardView:
            """The scoreboard view that changed."""
            return self.view

    def __init__(
        self,
        briefing: Briefing,
        board: Scoreboard,
        weighting: Weighting | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.briefing = briefing
        self.board = board
        self.weighting = weighting or Weighting()
        self._wanted_argument = ""
        self._current: ArgumentRow | None = None
        self._before_reset: Weighting | None = None
        """The reader's weights before the last reset, while u can bring them back."""

    def compose(self) -> ComposeResult:
        board = self.board
        title = Content(board.title)
        if board.perspective:
            perspective = self.briefing.actors_by_id[board.perspective].name
            title = Content.assemble(
                title, (f"  from {possessive(perspective)} perspective", "$text-muted")
            )
        yield StaticText(title, classes="view-title", markup=False)
        # Two columns side by side, or one above the other where columns would be
        # too narrow to read a claim (see on_resize); they scroll together.
        with VerticalScroll(classes="arguments", can_focus=False), Container(classes="sides"):
            for side, label in (("pro", board.pro_label), ("con", board.con_label)):
                with Vertical(classes=f"side -{side}"):
                    yield StaticText(
                        Content.styled(f"{SIDE_SYMBOLS[side]} {label}", f"${side} bold"),
                        classes="side-label",
                    )
                    for argument in board.arguments:
                        if argument.side == side:
                            yield ArgumentRow(board, argument, self.weighting)
        result = score(board, self.weighting)
        yield StaticText(self._totals(result), classes="totals", markup=False)
        yield BalanceMeter(board, result, id="balance")
        yield StaticText(Content(verdict(board, result)), classes="verdict", markup=False)
        # Focusable: a long detail scrolls with the arrow keys.
        with VerticalScroll(classes="argument-detail"):
            yield StaticText("", classes="detail-title", markup=False)
            yield NoteBlock()
            yield LinkedText("", classes="detail-body")
            yield LinkLists(classes="detail-links")

    def on_mount(self) -> None:
        # When the app quits while this view is being mounted, its children never are.
        if self.rows:
            self._select_wanted()

    def on_resize(self, event: events.Resize) -> None:
        stacked = event.size.width < self.SIDE_BY_SIDE_WIDTH
        self.query_one(".sides").set_class(stacked, "-stacked")

    @property
    def stacked(self) -> bool:
        """True while the two sides stand one above the other."""
        return self.query_one(".sides").has_class("-stacked")

    @property
    def rows(self) -> list[ArgumentRow]:
        """The argument rows, pros first."""
        return list(self.query(ArgumentRow))

    @property
    def current_row(self) -> ArgumentRow | None:
        """The row of the argument shown in the detail, highlighted in its column."""
        return self._current

    def _focused_row(self) -> ArgumentRow | None:
        focused = self.screen.focused
        return focused if isinstance(focused, ArgumentRow) and focused in self.rows else None

    def show(self, place: Place) -> None:
        """Show this board, with the argument *place* names (or the current one) highlighted."""
        self._wanted_argument = place.detail
        if self.is_mounted:
            self._select_wanted()

    def focus_target(self) -> Widget | None:
        """The row of the highlighted argument: the keys re-weight it."""
        return self._current

    def study_place(self) -> Place | None:
        """Where a note or bookmark made now goes: the highlighted argument."""
        current = self._current
        if current is None:
            return None
        return Place("scoreboard", self.board.id, current.argument.id)

    def _select_wanted(self) -> None:
        wanted = self._wanted_argument
        if wanted or self._current is None:
            self.select_argument(wanted)

    def select_argument(self, argument_id: str) -> None:
        """Highlight the row of *argument_id* (the first argument when empty or unknown)."""
        rows = self.rows
        row = next((row for row in rows if row.argument.id == argument_id), None)
        if row is None and rows:
            row = rows[0]
        if row is not None:
            self._make_current(row)

    def _make_current(self, row: ArgumentRow) -> None:
        previous = self._current
        if previous is row:
            return
        if previous is not None:
            previous.remove_class("-current")
        row.add_class("-current")
        self._current = row
        self._show_detail(row.argument)
        # Into view, once laid out, even when it is not focused (opened from the outline).
        self.call_after_refresh(row.scroll_visible, animate=False)

    def on_descendant_focus(self, event: object) -> None:
        row = self._focused_row()
        if row is not None:
            self._make_current(row)

    def _show_detail(self, argument: Argument) -> None:
        briefing = self.briefing
        place = Place("scoreboard", self.board.id, argument.id)
        self.query_one(".detail-title", Static).update(place_label(briefing, place))
        body = self.query_one(".detail-body", MarkdownText)
        body.update(argument.detail or "")
        body.display = bool(argument.detail)
        lists: list[LinkList] = []
        sections = links_to(briefing, (Place("section", section) for section in argument.sections))
        if sections:
            lists.append(LinkList("Argued in", sections))
        actors = links_to(briefing, (Place("actor", actor) for actor in argument.actors))
        if actors:
            lists.append(LinkList("Involves", actors))
        self.query_one(".detail-links", LinkLists).show_lists(lists)
        self.post_message(self.ArgumentShown(self, place))

    def _refresh_scores(self) -> None:
        result = score(self.board, self.weighting)
        for row in self.rows:
            row.refresh_label(self.weighting)
        self.query_one(".totals", Static).update(self._totals(result))
        self.query_one(BalanceMeter).score = result
        self.query_one(".verdict", Static).update(Content(verdict(self.board, result)))

    def _totals(self, result: Score) -> Content:
        board = self.board
        return Content.assemble(
            (f"{SIDE_SYMBOLS['pro']} {board.pro_label} {result.pro}", "$pro bold"),
            ("  vs  ", "$text-muted"),
            (f"{SIDE_SYMBOLS['con']} {board.con_label} {result.con}", "$con bold"),
            (
                f"  ({CHANGED_MARK} changed by you)" if not self.weighting.is_default else "",
                "italic",
            ),
        )

    def _set_weighting(self, weighting: Weighting) -> None:
        if weighting == self.weighting:
            return
        # A change after a reset keeps the reset: there is nothing to undo any more.
        self._before_reset = None
        self.weighting = weighting
        self._refresh_scores()
        self.post_message(self.Reweighted(self, self.board, weighting))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reset only weights the reader changed; undo only a reset just made."""
        if action == "reset":
            return not self.weighting.is_default
        if action == "undo_reset":
            return self._before_reset is not None
        return True

    def action_reweight(self, delta: int) -> None:
        """Make the focused argument heavier or lighter."""
        row = self._focused_row()
        if row is not None:
            self._set_weighting(self.weighting.reweight(row.argument, delta))

    def action_switch(self) -> None:
        """Switch the focused argument off or on."""
        row = self._focused_row()
        if row is not None:
            self._set_weighting(self.weighting.toggle(row.argument.id))

    def action_reset(self) -> None:
        """Go back to the author's weights; u brings the reader's back."""
        before = self.weighting
        self._set_weighting(before.reset())
        self._before_reset = before
        self.refresh_bindings()
        # The footer offers u while it works: the toast, which outlives a view
        # switch, does not.
        self.notify("Weights reset to the author's", timeout=4)

    def action_undo_reset(self) -> None:
        """Bring back the weights the last reset cleared."""
        before = self._before_reset
        if before is not None:
            self._set_weighting(before)
            self.notify("Your weights are back", timeout=2)

    def action_move(self, step: int) -> None:
        """Move to the next or previous argument (on the same side, side by side)."""
        row = self._focused_row()
        if row is None:
            return
        # Stacked, the rows read as one list; side by side, each column is one.
        rows = self.rows
        if not self.stacked:
            rows = [other for other in rows if other.argument.side == row.argument.side]
        index = rows.index(row) + step
        if 0 <= index < len(rows):
            rows[index].focus()

    def action_switch_side(self) -> None:
        """Move to the other column."""
        row = self._focused_row()
        side: Side = "con" if row is None or row.argument.side == "pro" else "pro"
        other = [r for r in self.rows if r.argument.side == side]
        if other:
            other[0].focus()
