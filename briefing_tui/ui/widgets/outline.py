"""The outline: every part of the briefing in one keyboard-driven list of lines.

It looks and behaves as Textual's :class:`~textual.widgets.Tree` did here,
but draws its lines itself. The outline is two levels deep (groups and their
items), so it keeps a flat list of the lines shown, rebuilt when a group
opens or closes, and renders only the lines on screen: one widget in all, and
no tree of nodes to build, lay out and measure for thousands of sections at
start-up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import ClassVar, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size, clamp
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing_tui.core.content.model import Briefing, term_key
from briefing_tui.core.study.navigation import Place

ICON_COLLAPSED = "▶ "
ICON_EXPANDED = "▼ "
GUIDE_ITEM = "├ "
GUIDE_LAST = "└ "
GUIDE_HIDDEN = "  "
CURRENT_MARK = "▍"
"""Drawn in the column left of the line of the place the main pane shows."""
GUTTER = 1
"""The column for :data:`CURRENT_MARK`, left of every line."""

# Metas that keep apart the parts of a line that can look alike, as the tree's
# metas did: its guides and padding, a group's icon, the label, and the border
# after them. The compositor joins neighbouring cells whose styles are equal,
# meta included, so the screen (and every snapshot) is the same as before.
_LINE = Style(meta={"outline": "line"})
_ICON = Style(meta={"outline": "icon"})
_LABEL = Style(meta={"outline": "label"})
_BOLD = Style(bold=True)
_DIM = Style(dim=True)


class _Entry:
    """A line of the outline: a group (with *items*), an item in a group, or a lone item."""

    __slots__ = ("expanded", "group", "index", "items", "label", "line", "mark", "place", "prefix")

    def __init__(
        self,
        label: str,
        place: Place | None,
        *,
        prefix: str = "",
        mark: str = "",
        group: _Entry | None = None,
        index: int = 0,
        items: list[_Entry] | None = None,
    ) -> None:
        self.label = label
        self.place = place
        """Where the line leads; None for the Bookmarks group."""
        self.prefix = prefix
        """A number or a date, drawn dim before the label."""
        self.mark = mark
        """Marks drawn in bold before the prefix, e.g. "✎ ★"."""
        self.group = group
        self.index = index
        """The item's position in its group."""
        self.items = items
        """A group's items; None for an item."""
        self.expanded = False
        self.line = -1
        """A top-level entry's line while it is shown, else -1."""

    @property
    def head(self) -> str:
        """Drawn before the text: an item's guide, a group's ▶/▼, nothing for a lone line."""
        group = self.group
        if group is not None:
            return GUIDE_LAST if self.index == len(group.items or ()) - 1 else GUIDE_ITEM
        if self.items is not None:
            return ICON_EXPANDED if self.expanded else ICON_COLLAPSED
        return ""

    @property
    def marks(self) -> str:
        """The marks as drawn, with the space after them; empty without marks."""
        return f"{self.mark} " if self.mark else ""


class _Styles(NamedTuple):
    """The styles of the outline's lines, worked out once per change of style or focus."""

    focused: bool
    blank: Style
    """Below the last line."""
    line: Style
    """The padding after a label."""
    guide: Style
    guide_hidden: bool
    """The guides' colour is transparent: they are left out, as in Textual's tree."""
    guide_selected: Style
    """The guides of the group under the cursor, while the outline has the focus."""
    guide_selected_hidden: bool
    icon: Style
    label: Style
    dim: Style
    bold: Style
    label_cursor: Style
    dim_cursor: Style
    bold_cursor: Style
    current: Style
    """The mark of the place shown."""


class Outline(ScrollView, can_focus=True):
    """The left-hand outline: Overview, Sections, Actors, Scoreboards, Timeline, Glossary.

    Groups open and close (``▼``/``▶``); their items hang from guides. The
    cursor moves without opening anything; opening a line (enter, ``l``, a
    click) posts :class:`PlaceSelected`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="outline.down"),
        Binding("k", "cursor_up", "Up", show=False, id="outline.up"),
        Binding("l,right", "open", "Open", show=False, id="outline.open"),
        Binding("h,left", "collapse", "Collapse", show=False, id="outline.collapse"),
        Binding("g,home", "scroll_home", "First", show=False, id="outline.first"),
        Binding("G,end", "scroll_end", "Last", show=False, id="outline.last"),
        # Textual's Tree's keys, as the outline had them: the same keys and
        # descriptions (the help lists them), now with ids for the keymap.
        Binding("shift+left", "cursor_parent", "Cursor to parent", show=False, id="outline.parent"),
        Binding(
            "shift+right",
            "cursor_parent_next_sibling",
            "Cursor to next ancestor",
            show=False,
            id="outline.next-ancestor",
        ),
        Binding(
            "shift+up",
            "cursor_previous_sibling",
            "Cursor to previous sibling",
            show=False,
            id="outline.previous-sibling",
        ),
        Binding(
            "shift+down",
            "cursor_next_sibling",
            "Cursor to next sibling",
            show=False,
            id="outline.next-sibling",
        ),
        Binding("enter", "select_cursor", "Select", show=False, id="outline.select"),
        Binding("space", "toggle_node", "Toggle", show=False, id="outline.toggle-group"),
        Binding(
            "shift+space",
            "toggle_expand_all",
            "Expand or collapse all",
            show=False,
            id="outline.toggle-all",
        ),
        Binding("up", "cursor_up", "Cursor Up", show=False, id="outline.cursor-up"),
        Binding("down", "cursor_down", "Cursor Down", show=False, id="outline.cursor-down"),
    ]
    HELP_GROUP = "Outline"

    ALLOW_SELECT = False
    # Styled in explorer.tcss. Each class costs a style application whenever
    # the outline is styled (twice at start-up): only those the lines need.
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "outline--cursor",
        "outline--guides",
        "outline--current",
    }

    class PlaceSelected(Message):
        """The reader opened a place from the outline."""

        def __init__(self, outline: Outline, place: Place) -> None:
            super().__init__()
            self.outline = outline
            self.place = place

        @property
        def control(self) -> Outline:
            """The outline the place was chosen in."""
            return self.outline

    def __init__(self, briefing: Briefing, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.briefing = briefing
        self._entries: list[_Entry] = []
        """The top-level entries, in order."""
        self._places: dict[Place, _Entry] = {}
        self._lines: list[_Entry] = []
        """The entries shown, one a line."""
        self._overview: _Entry | None = None
        self._notes: _Entry | None = None
        """The "My notes" line, while the reader has notes."""
        self._bookmarks: _Entry | None = None
        self._cursor_line = -1
        self._cursor: _Entry | None = None
        self._current: _Entry | None = None
        """The line of the place the main pane shows."""
        self._starts: dict[tuple[int, int], set[str]] = {}
        """Per group and width: the starts that more than one of its labels cut to."""
        self._styles: _Styles | None = None
        self._strips: dict[int, tuple[object, Strip]] = {}
        """Rendered lines by line number, with the state they were rendered in."""
        self._strips_width = -1
        self._pass: tuple[int, int, _Styles] | None = None
        """Width, vertical scroll and styles of the repaint under way."""
        self._populate()
        self._build()

    def _populate(self) -> None:
        briefing = self.briefing
        places = self._places
        add = self._add_group
        overview = Place("overview")
        self._overview = places[overview] = _Entry("Overview", overview)
        self._entries.append(self._overview)
        add(
            "Sections",
            Place("section", briefing.sections[0].id),
            [
                (f"{number} ", section.title, Place("section", section.id))
                for number, section in enumerate(briefing.sections, 1)
            ],
            expanded=True,
        )
        if briefing.actors:
            add(
                "Actors",
                Place("actors"),
                [("", actor.name, Place("actor", actor.id)) for actor in briefing.actors],
            )
        if briefing.scoreboards:
            add(
                "Scoreboards",
                Place("scoreboard", briefing.scoreboards[0].id),
                [
                    ("", board.title, Place("scoreboard", board.id))
                    for board in briefing.scoreboards
                ],
                expanded=True,
            )
        if briefing.timeline:
            add(
                "Timeline",
                Place("timeline"),
                [
                    (f"{event.date} ", event.title, Place("timeline", str(index)))
                    for index, event in enumerate(briefing.events_in_order)
                ],
            )
        if briefing.glossary:
            terms = sorted(briefing.glossary, key=lambda term: term.term.casefold())
            add(
                "Glossary",
                Place("glossary"),
                [("", term.term, Place("glossary", term_key(term.term))) for term in terms],
            )

    def _add_group(
        self,
        label: str,
        place: Place,
        items: list[tuple[str, str, Place]],
        *,
        expanded: bool = False,
    ) -> None:
        group = _Entry(label, place, items=[])
        group.expanded = expanded
        places = self._places
        places.setdefault(place, group)
        entries = group.items
        assert entries is not None
        for index, (prefix, title, item_place) in enumerate(items):
            entry = _Entry(title, item_place, prefix=prefix, group=group, index=index)
            entries.append(entry)
            # A group opens its first item: the item's own line stands for that place.
            places[item_place] = entry
        self._entries.append(group)

    # The lines ------------------------------------------------------------

    def _build(self) -> None:
        """Lay out the lines again after a group opened or closed, or the bookmarks changed."""
        lines: list[_Entry] = []
        for entry in self._entries:
            entry.line = len(lines)
            lines.append(entry)
            if entry.expanded and entry.items:
                lines.extend(entry.items)
        self._lines = lines
        self._strips.clear()
        self._starts.clear()
        cursor = self._cursor
        if cursor is not None:
            line = self._line_of(cursor)
            if line < 0 and cursor.group is not None and cursor.group.line >= 0:
                # Its group closed under it: the cursor stays on the group.
                line = cursor.group.line
            if line < 0:
                # Gone (a bookmark): the cursor stays where it was.
                line = clamp(self._cursor_line, 0, len(lines) - 1)
            self._cursor_line = line
            self._cursor = lines[line]
        # No width: the outline never scrolls sideways (overflow-x: hidden), and
        # measuring thousands of labels is most of what a wide line costs.
        self.virtual_size = Size(0, len(lines))
        self.refresh()

    def _line_of(self, entry: _Entry) -> int:
        """The line *entry* is shown on, or -1."""
        group = entry.group
        if group is None:
            return entry.line
        if group.line < 0 or not group.expanded:
            return -1
        return group.line + 1 + entry.index

    def _line_styles(self) -> _Styles:
        focused = self.has_focus
        styles = self._styles
        if styles is not None and styles.focused == focused:
            return styles
        self._strips.clear()
        base = self.rich_style
        # Partial styles straight from the component's styles: get_component_rich_style
        # would also work out their full styles, walking up the DOM for each.
        guides = self.get_component_styles("outline--guides").partial_rich_style
        cursor = self.get_component_rich_style("outline--cursor")
        # An open group's guides take the cursor's colour while it is on the group.
        cursor_background = self.get_component_rich_style("outline--cursor", partial=True).bgcolor
        line = base + _LINE
        dim = base + _DIM
        bold = base + _BOLD
        styles = self._styles = _Styles(
            focused=focused,
            blank=base,
            line=line,
            guide=line + guides,
            guide_hidden=guides.color is None,
            guide_selected=line + guides + Style(color=cursor_background),
            guide_selected_hidden=cursor_background is None,
            icon=base + _ICON,
            label=base + _LABEL,
            dim=dim + _LABEL,
            bold=bold + _LABEL,
            label_cursor=base + cursor + _LABEL,
            dim_cursor=dim + cursor + _LABEL,
            bold_cursor=bold + cursor + _LABEL,
            current=line + self.get_component_styles("outline--current").partial_rich_style,
        )
        return styles

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._strips.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Worked out once for all the lines of a repaint: each of them costs a
        # walk up the DOM, or a lookup of the widget's region on the screen.
        self._pass = self._repaint_values()
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def _repaint_values(self) -> tuple[int, int, _Styles]:
        return self.size.width, self.scroll_offset.y, self._line_styles()

    def render_line(self, y: int) -> Strip:
        width, scroll_y, styles = self._pass or self._repaint_values()
        line = y + scroll_y
        if line >= len(self._lines):
            return Strip.blank(width, styles.blank)
        if width != self._strips_width:
            self._strips.clear()
            self._strips_width = width
        entry = self._lines[line]
        # What the line's look depends on besides its entry: the cursor, for an
        # item whether the cursor is on its group (the guides take its colour),
        # and whether it shows the place the main pane shows.
        cursor: object = line == self._cursor_line
        if entry.group is not None and styles.focused and entry.group is self._cursor:
            cursor = "guide"
        current = line == self._current_line()
        state = (cursor, current)
        cached = self._strips.get(line)
        if cached is not None and cached[0] == state:
            return cached[1]
        strip = self._render_entry(entry, cursor is True, cursor == "guide", current, width, styles)
        if len(self._strips) > 1024:
            self._strips.clear()
        self._strips[line] = (state, strip)
        return strip

    def _render_entry(
        self,
        entry: _Entry,
        cursor: bool,
        selected: bool,
        current: bool,
        width: int,
        styles: _Styles,
    ) -> Strip:
        """*entry*'s line, *width* cells wide, drawn as Textual's tree drew it.

        Left of it, :data:`CURRENT_MARK` when it shows the place the main pane
        shows. A label too long for the line is cut at the edge, unless another
        of its group would read the same: then it keeps its start and its end.
        """
        segments = [Segment(CURRENT_MARK, styles.current) if current else Segment(" ", styles.line)]
        length = GUTTER
        group = entry.group
        if group is not None:
            if selected:
                style, hidden = styles.guide_selected, styles.guide_selected_hidden
            else:
                style, hidden = styles.guide, styles.guide_hidden
            segments.append(Segment(GUIDE_HIDDEN if hidden else entry.head, style))
            length += 2
        elif entry.items is not None:
            segments.append(Segment(entry.head, styles.icon))
            length += 2
        if cursor:
            bold, dim, plain = styles.bold_cursor, styles.dim_cursor, styles.label_cursor
        else:
            bold, dim, plain = styles.bold, styles.dim, styles.label
        # Shown as text, never as markup: as Rich's Text showed it, without the
        # control codes it strips, and only up to the end of the first line.
        marks, prefix, label = (
            strip_control_codes(text).partition("\n")[0]
            for text in (entry.marks, entry.prefix, entry.label)
        )
        room = width - length - cell_len(marks) - cell_len(prefix)
        if group is not None and self._read_alike(group, label, room):
            label = keep_ends(label, room)
        for text, style in ((marks, bold), (prefix, dim), (label, plain)):
            if text:
                segments.append(Segment(text, style))
                length += cell_len(text)
        if length < width:
            segments.append(Segment(" " * (width - length), styles.line))
        elif length > width:
            # Cut at the edge, as Strip.crop(0, width) does, without a Strip to crop.
            position = 0
            for index, segment in enumerate(segments):
                end = position + cell_len(segment.text)
                if end >= width:
                    segments[index:] = [segment.split_cells(width - position)[0]]
                    break
                position = end
        return Strip(segments, width)

    def _read_alike(self, group: _Entry, label: str, room: int) -> bool:
        """True when *label*, cut to *room* cells, reads as another label of *group* does."""
        if cell_len(label) <= room:
            return False
        key = (id(group), room)
        starts = self._starts.get(key)
        if starts is None:
            counts = Counter(set_cell_size(item.label, room) for item in group.items or ())
            starts = self._starts[key] = {start for start, count in counts.items() if count > 1}
        return set_cell_size(label, room) in starts

    def _current_line(self) -> int:
        """The line marked as showing the place shown: its own, or its closed group's."""
        current = self._current
        if current is None:
            return -1
        line = self._line_of(current)
        if line < 0 and current.group is not None:
            line = current.group.line
        return line

    def _refresh_line(self, line: int, count: int = 1) -> None:
        """Repaint *count* lines from *line*, those of them on screen."""
        top = self.scroll_offset.y
        height = self.size.height
        start = max(line, top)
        end = min(line + count, top + height)
        if start < end:
            self.refresh(Region(0, start - top, self.size.width, end - start))

    def _refresh_entry(self, line: int) -> None:
        """Repaint *line*, and a group's items when their guides show the cursor."""
        self._refresh_line(line)
        entry = self._lines[line]
        if entry.items and entry.expanded and self.has_focus:
            self._refresh_line(line + 1, len(entry.items))

    # Reading the outline (tests, and anything that needs to know what it shows)

    @property
    def cursor_line(self) -> int:
        """The line under the cursor, or -1 before the cursor is first placed."""
        return self._cursor_line

    @property
    def cursor_place(self) -> Place | None:
        """Where the line under the cursor leads; None without a cursor, and for Bookmarks."""
        return None if self._cursor is None else self._cursor.place

    @property
    def line_count(self) -> int:
        """How many lines the outline shows, open groups' items included."""
        return len(self._lines)

    def line_text(self, line: int) -> str:
        """Line *line*'s text, without styles: guide or icon, marks, number or date, label.

        As drawn right of the column of :data:`CURRENT_MARK`, the label in full.
        """
        entry = self._lines[line]
        return f"{entry.head}{entry.marks}{entry.prefix}{entry.label}"

    def label_of(self, place: Place) -> str | None:
        """The marks and label of *place*'s own line, shown or not; None if the outline has none."""
        entry = self._places.get(place)
        if entry is None:
            return None
        return f"{entry.marks}{entry.prefix}{entry.label}"

    @property
    def bookmarks(self) -> tuple[Place, ...]:
        """The places in the Bookmarks group, in order; empty when there is no such group."""
        group = self._bookmarks
        if group is None or group.items is None:
            return ()
        return tuple(entry.place for entry in group.items if entry.place is not None)

    # Changing what it shows -------------------------------------------------

    def set_marks(self, marks: Mapping[Place, str]) -> None:
        """Show *marks* (e.g. "✎ ★ ✓") before the labels of their places; clear the rest.

        Before, not after: a long title is cut at the outline's edge, and the
        marks must stay visible.
        """
        for place, entry in self._places.items():
            mark = marks.get(place, "")
            # Repaint only the lines whose marks change.
            if entry.mark == mark:
                continue
            entry.mark = mark
            line = self._line_of(entry)
            if line >= 0:
                self._strips.pop(line, None)
                self._refresh_line(line)

    def set_note_count(self, count: int) -> None:
        """Show "My notes (count)" under Overview, or no such line while there is no note."""
        shown = self._notes
        label = f"My notes ({count})"
        if shown is not None and count:
            if shown.label != label:
                shown.label = label
                self._strips.pop(shown.line, None)
                self._refresh_line(shown.line)
            return
        if shown is not None:
            self._entries.remove(shown)
            del self._places[Place("notes")]
            shown.line = -1
            self._notes = None
        elif not count:
            return
        else:
            place = Place("notes")
            entry = self._notes = _Entry(label, place)
            self._places[place] = entry
            assert self._overview is not None
            self._entries.insert(self._entries.index(self._overview) + 1, entry)
        self._build()

    def set_bookmarks(self, bookmarks: Sequence[tuple[str, Place]]) -> None:
        """Show a Bookmarks group under Overview, or none when *bookmarks* is empty."""
        shown = self._bookmarks
        if shown is not None and shown.items is not None:
            # Called at every change of study data: lay out and repaint only for new bookmarks.
            if [(entry.label, entry.place) for entry in shown.items] == list(bookmarks):
                return
            self._entries.remove(shown)
            shown.line = -1
            self._bookmarks = None
        elif not bookmarks:
            return
        if bookmarks:
            group = _Entry("Bookmarks", None, items=[])
            group.expanded = True
            group.items = [
                _Entry(label, place, mark="★", group=group, index=index)
                for index, (label, place) in enumerate(bookmarks)
            ]
            # Under Overview, and My notes when it is there.
            above = self._notes or self._overview
            assert above is not None
            self._entries.insert(self._entries.index(above) + 1, group)
            self._bookmarks = group
        self._build()

    def show_place(self, place: Place) -> None:
        """Mark *place* (or its group) as the one shown, and move the cursor to it."""
        places = self._places
        entry = (
            places.get(place)
            or places.get(Place(place.view, place.item))
            or places.get(Place(place.view))
        )
        if entry is None:
            return
        group = entry.group
        if group is not None and not group.expanded:
            group.expanded = True
            self._build()
        previous = self._current_line()
        self._current = entry
        line = self._line_of(entry)
        if previous != line:
            for changed in (previous, line):
                if changed >= 0:
                    self._strips.pop(changed, None)
                    self._refresh_line(changed)
        self._move_cursor(line, scroll=True, animate=False)

    @property
    def current_place(self) -> Place | None:
        """The place marked as shown in the main pane."""
        return None if self._current is None else self._current.place

    # The cursor -------------------------------------------------------------

    def _move_cursor(self, line: int, *, scroll: bool = True, animate: bool = False) -> None:
        """Put the cursor on *line* (kept within the lines), and into view if *scroll*."""
        lines = self._lines
        if not lines:
            return
        line = clamp(line, 0, len(lines) - 1)
        previous = self._cursor_line
        self._cursor_line = line
        self._cursor = lines[line]
        if line != previous:
            if 0 <= previous < len(lines):
                self._refresh_entry(previous)
            self._refresh_entry(line)
        if scroll:
            self.scroll_to_line(line, animate=animate)

    def scroll_to_line(self, line: int, animate: bool = True) -> None:
        """Scroll the least needed to show *line*."""
        if 0 <= line < len(self._lines):
            self.scroll_to_region(
                Region(0, line, 1, 1),
                animate=animate,
                force=True,
                origin_visible=False,
                x_axis=False,
            )

    def _toggle(self, entry: _Entry) -> None:
        if entry.items is not None:
            entry.expanded = not entry.expanded
            self._build()

    def _select(self, entry: _Entry) -> None:
        """Open *entry*'s place, opening or closing a group as the tree did."""
        self._toggle(entry)
        if entry.place is not None:
            self.post_message(self.PlaceSelected(self, entry.place))

    # Actions ----------------------------------------------------------------

    def action_cursor_down(self) -> None:
        """Move the cursor down a line."""
        self._move_cursor(0 if self._cursor_line == -1 else self._cursor_line + 1)

    def action_cursor_up(self) -> None:
        """Move the cursor up a line."""
        self._move_cursor(
            len(self._lines) - 1 if self._cursor_line == -1 else self._cursor_line - 1
        )

    def action_page_down(self) -> None:
        """Move the cursor down a page."""
        line = max(self._cursor_line, 0) + self.scrollable_content_region.height - 1
        self._move_cursor(line, animate=True)

    def action_page_up(self) -> None:
        """Move the cursor up a page."""
        start = len(self._lines) - 1 if self._cursor_line == -1 else self._cursor_line
        self._move_cursor(start - (self.scrollable_content_region.height - 1), animate=True)

    def action_scroll_home(self) -> None:
        """Move the cursor to the first line."""
        self._move_cursor(0, animate=True)

    def action_scroll_end(self) -> None:
        """Move the cursor to the last line."""
        self._move_cursor(len(self._lines) - 1, animate=True)

    def action_open(self) -> None:
        """Open the place under the cursor; expand a group."""
        entry = self._cursor
        if entry is None:
            return
        if entry.items is not None and not entry.expanded:
            self._toggle(entry)
        if entry.place is not None:
            self.post_message(self.PlaceSelected(self, entry.place))

    def action_collapse(self) -> None:
        """Collapse the group under the cursor, or move to the parent group."""
        entry = self._cursor
        if entry is None:
            return
        if entry.items is not None and entry.expanded:
            self._toggle(entry)
        elif entry.group is not None:
            self._move_cursor(entry.group.line)

    def action_select_cursor(self) -> None:
        """Open the place under the cursor; open or close a group."""
        if self._cursor is not None:
            self._select(self._cursor)

    def action_toggle_node(self) -> None:
        """Open or close the group under the cursor."""
        if self._cursor is not None:
            self._toggle(self._cursor)

    def action_toggle_expand_all(self) -> None:
        """Open all groups if all are closed, else close them all; or so for a group's items."""
        entry = self._cursor
        if entry is None:
            return
        siblings = self._entries if entry.group is None else entry.group.items or []
        groups = [sibling for sibling in siblings if sibling.items is not None]
        # As the tree decided: items and lone lines count as closed.
        expand = not any(group.expanded for group in groups)
        for group in groups:
            group.expanded = expand
        if groups:
            self._build()
            self._move_cursor(self._line_of(entry), animate=False)

    def action_cursor_parent(self) -> None:
        """Move the cursor to the item's group (from a group: to the first line, as a tree)."""
        entry = self._cursor
        if entry is not None:
            self._jump(entry.group.line if entry.group is not None else 0)

    def action_cursor_parent_next_sibling(self) -> None:
        """Move the cursor to the group after the item's (or to the first line if none)."""
        entry = self._cursor
        if entry is not None:
            self._jump(self._next_top_level(entry.group) if entry.group is not None else 0)

    def action_cursor_previous_sibling(self) -> None:
        """Move the cursor to the previous line at the same level, or to the group atop one."""
        entry = self._cursor
        if entry is None:
            return
        if entry.group is not None:
            line = self._line_of(entry) - 1  # the previous item, or the group itself
        else:
            index = self._entries.index(entry)
            line = self._entries[index - 1].line if index > 0 else 0
        self._jump(line)

    def action_cursor_next_sibling(self) -> None:
        """Move the cursor to the next line at the same level, or the next group after the last."""
        entry = self._cursor
        if entry is None:
            return
        group = entry.group
        if group is not None and group.items is not None and entry.index < len(group.items) - 1:
            line = self._line_of(entry) + 1
        else:
            line = self._next_top_level(group if group is not None else entry)
        self._jump(line)

    def _jump(self, line: int) -> None:
        """Move the cursor to *line*, scrolling smoothly if it jumps over lines, as the tree did."""
        self._move_cursor(line, animate=abs(line - self._cursor_line) > 1)

    def _next_top_level(self, entry: _Entry) -> int:
        """The line of the top-level entry after *entry*; after the last, the first (as a tree)."""
        index = self._entries.index(entry) + 1
        return self._entries[index].line if index < len(self._entries) else 0

    # The mouse --------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        """A click opens its line; a click on a group's ▶/▼ only opens or closes the group."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = offset.y + self.scroll_offset.y
        if not 0 <= line < len(self._lines):
            return
        entry = self._lines[line]
        if (
            entry.items is not None
            and entry.group is None
            and GUTTER <= offset.x + self.scroll_offset.x < GUTTER + len(ICON_EXPANDED)
        ):
            self._toggle(entry)
            return
        self._move_cursor(line, scroll=False)
        self._select(entry)


def keep_ends(text: str, width: int) -> str:
    """*text* cut to *width* cells in the middle, keeping whole words at both ends.

    "The case against (1): losing its grip on Pyongyang" in 17 cells is
    "The…on Pyongyang": its first word, then as many of its last words as fit,
    then more of its first. Text whose first and last words do not fit is
    cut in the middle of words.
    """
    if cell_len(text) <= width:
        return text
    words = text.split()
    head, tail = words[:1], words[-1:]
    middle = words[1:-1]

    def length(start: list[str], end: list[str]) -> int:
        return cell_len(" ".join(start)) + 1 + cell_len(" ".join(end))

    if len(words) < 2 or length(head, tail) > width:
        half = max(0, width - 1) // 2
        end = text[len(text) - (max(0, width - 1) - half) :] if width > 1 else ""
        return set_cell_size(text, half) + "…" + end
    while middle and length(head, [middle[-1], *tail]) <= width:
        tail.insert(0, middle.pop())
    while middle and length([*head, middle[0]], tail) <= width:
        head.append(middle.pop(0))
    return " ".join(head) + "…" + " ".join(tail)
