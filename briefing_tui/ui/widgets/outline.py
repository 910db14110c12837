"""The outline: every part of the briefing in one keyboard-driven tree.

A :class:`~textual.widgets.Tree` renders only the visible lines and repaints
little per cursor step, so the outline stays fast with thousands of
sections: it mounts one widget in all, not one per item.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.cells import cell_len
from rich.text import Span, Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from briefing_tui.core.model import Briefing, term_key
from briefing_tui.core.navigation import Place


class Outline(Tree[Place]):
    """The left-hand outline: Overview, Sections, Actors, Scoreboards, Timeline, Glossary."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="outline.down"),
        Binding("k", "cursor_up", "Up", show=False, id="outline.up"),
        Binding("l,right", "open", "Open", show=False, id="outline.open"),
        Binding("h,left", "collapse", "Collapse", show=False, id="outline.collapse"),
        Binding("g,home", "scroll_home", "First", show=False, id="outline.first"),
        Binding("G,end", "scroll_end", "Last", show=False, id="outline.last"),
    ]
    HELP_GROUP = "Outline"

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
        # A Text, not a str: the tree would parse a str as markup, which loads
        # Rich's emoji table at start-up for a root that is never shown.
        super().__init__(Text("Briefing"), data=Place("overview"), id=id)
        self.show_root = False
        self.guide_depth = 2
        self.briefing = briefing
        self._place_nodes: dict[Place, TreeNode[Place]] = {}
        self._labels: dict[TreeNode[Place], Text] = {}
        self._marks: dict[TreeNode[Place], str] = {}
        """The mark shown after each node's label."""
        self._bookmarks: TreeNode[Place] | None = None
        self._overview: TreeNode[Place] | None = None
        # Built before the tree is mounted: once it is, every node added asks
        # for a refresh, which costs more than the node itself.
        self._populate()

    def _populate(self) -> None:
        briefing = self.briefing
        self.clear()
        self._place_nodes.clear()
        self._labels.clear()
        self._marks.clear()
        add = self._add
        self._overview = add(self.root, "Overview", Place("overview"), leaf=True)
        sections = add(self.root, "Sections", Place("section", briefing.sections[0].id))
        for number, section in enumerate(briefing.sections, 1):
            add(sections, _dim_prefixed(f"{number} ", section.title), Place("section", section.id), leaf=True)
        sections.expand()
        if briefing.actors:
            actors = add(self.root, "Actors", Place("actors"))
            for actor in briefing.actors:
                add(actors, actor.name, Place("actor", actor.id), leaf=True)
        if briefing.scoreboards:
            boards = add(self.root, "Scoreboards", Place("scoreboard", briefing.scoreboards[0].id))
            for board in briefing.scoreboards:
                add(boards, board.title, Place("scoreboard", board.id), leaf=True)
            boards.expand()
        if briefing.timeline:
            timeline = add(self.root, "Timeline", Place("timeline"))
            for index, event in enumerate(briefing.events_in_order):
                add(timeline, _dim_prefixed(f"{event.date} ", event.title), Place("timeline", str(index)), leaf=True)
        if briefing.glossary:
            glossary = add(self.root, "Glossary", Place("glossary"))
            for term in sorted(briefing.glossary, key=lambda term: term.term.casefold()):
                add(glossary, term.term, Place("glossary", term_key(term.term)), leaf=True)

    def _add(
        self, parent: TreeNode[Place], label: str | Text, place: Place, *, leaf: bool = False
    ) -> TreeNode[Place]:
        text = label if isinstance(label, Text) else Text(label)
        text.no_wrap = True
        text.overflow = "ellipsis"
        if leaf:
            node = parent.add_leaf(text, data=place)
            # A group opens its first item: the item's own line stands for that place.
            self._place_nodes[place] = node
        else:
            node = parent.add(text, data=place, allow_expand=True)
            self._place_nodes.setdefault(place, node)
        self._labels[node] = text
        return node

    def process_label(self, label: str | Text) -> Text:
        """*label* as a line of the outline: the first line of its text."""
        if isinstance(label, Text) and "\n" not in label.plain:
            # The outline's labels are single lines: skip the split (a copy of
            # every label) that the tree does for each of thousands of sections.
            return label
        return super().process_label(label)

    def get_label_width(self, node: TreeNode[Place]) -> int:
        """The width of *node*'s label, worked out without rendering it.

        The tree asks for the width of every line each time its lines change;
        rendering thousands of labels for it is most of the cost of a large outline.
        """
        width = node.label.cell_len
        if node.allow_expand:
            width += cell_len(self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE)
        return width

    def set_marks(self, marks: Mapping[Place, str]) -> None:
        """Show *marks* (e.g. "✎ ★ ✓") before the labels of their places; clear the rest.

        Before, not after: a long title is cut at the outline's edge, and the
        marks must stay visible.
        """
        shown = self._marks
        for place, node in self._place_nodes.items():
            if node.parent is self._bookmarks:
                continue
            mark = marks.get(place, "")
            # Relabelling repaints the node's lines and all its children's: touch only changes.
            if shown.get(node, "") == mark:
                continue
            shown[node] = mark
            label = self._labels[node]
            node.set_label(Text.assemble((f"{mark} ", "bold"), label) if mark else label)

    def set_bookmarks(self, bookmarks: Sequence[tuple[str, Place]]) -> None:
        """Show a Bookmarks group under Overview, or none when *bookmarks* is empty."""
        if self._bookmarks is not None:
            self._bookmarks.remove()
            self._bookmarks = None
        if not bookmarks:
            return
        group = self.root.add(Text("Bookmarks"), data=None, after=self._overview, expand=True)
        for label, place in bookmarks:
            text = Text.assemble(("★ ", "bold"), label)
            text.no_wrap = True
            text.overflow = "ellipsis"
            group.add_leaf(text, data=place)
        self._bookmarks = group

    def show_place(self, place: Place) -> None:
        """Move the cursor to *place* (or its group) without opening it."""
        node = self._place_nodes.get(place) or self._place_nodes.get(Place(place.view, place.item))
        if node is None:
            node = self._place_nodes.get(Place(place.view))
        if node is None:
            return
        parent = node.parent
        if parent is not None and not parent.is_expanded and parent is not self.root:
            parent.expand()
            # The tree's lines are rebuilt on the next refresh; move the cursor after it.
            self.call_after_refresh(self.move_cursor, node, animate=False)
        else:
            self.move_cursor(node, animate=False)

    def action_open(self) -> None:
        """Open the place under the cursor; expand a group."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and not node.is_expanded:
            node.expand()
        if node.data is not None:
            self.post_message(self.PlaceSelected(self, node.data))

    def action_collapse(self) -> None:
        """Collapse the group under the cursor, or move to the parent group."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent, animate=False)

    def on_tree_node_selected(self, event: Tree.NodeSelected[Place]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.PlaceSelected(self, event.node.data))


def _dim_prefixed(prefix: str, label: str) -> Text:
    """*label* after a dim *prefix* (a number or a date).

    Built with its one span rather than with ``Text.assemble``, which is twice
    as slow: an outline has a line for each of thousands of sections.
    """
    return Text(prefix + label, spans=[Span(0, len(prefix), "dim")])
