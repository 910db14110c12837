"""The help screen, generated from the key bindings that are really in force."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, ClassVar

from textual.actions import parse as parse_action
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

KEY_NAMES = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "question_mark": "?",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "underscore": "_",
    "slash": "/",
    "less_than_sign": "<",
    "greater_than_sign": ">",
}

# No view of the app scrolls sideways (text and tables wrap to the pane), so
# Textual's keys for it do nothing here.
_SIDEWAYS = frozenset({"scroll_left", "scroll_right", "page_left", "page_right"})
# The palette's key is named in the help's footnote, with what the palette does.
_NOT_LISTED = frozenset({"command_palette", "app.command_palette"})

HelpRow = tuple[str, str]
"""The keys of one action, as shown (``j / down``), and what it does."""


def key_label(keys: str) -> str:
    """Human form of a binding's key list: ``alt+left / backspace``."""
    labels = []
    for key in keys.split(","):
        key = key.strip()
        labels.append(KEY_NAMES.get(key, key))
    return " / ".join(labels)


class HelpScreen(ModalScreen[None]):
    """Every binding of the screen below and its widgets, grouped, with descriptions."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="help.down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="help.up"),
    ]
    HELP_GROUP = "This help"

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.groups = binding_groups(under)
        keymap = getattr(under.app, "_keymap", {}) or {}
        # The help's own keys, not those every modal screen has (the screen below lists them).
        inherited = binding_rows(ModalScreen, keymap)
        own = [row for row in binding_rows(type(self), keymap) if row not in inherited]
        self.groups.append((self.HELP_GROUP, own))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Content.styled("Keys", "bold"), classes="help-title")
            width = min(
                30,
                max((len(keys) for _, bindings in self.groups for keys, _ in bindings), default=0),
            )
            for group, bindings in self.groups:
                lines = [Content.styled(group, "bold $accent")]
                for keys, description in bindings:
                    lines.append(Content.assemble((f"  {keys:<{width}}  ", "bold"), description))
                yield Static(Content("\n").join(lines), classes="help-group")
            palette = key_label(self.app.COMMAND_PALETTE_BINDING)
            yield Static(
                Content(f"{palette} opens the command palette: type a name to jump there."),
                classes="help-footnote",
            )

    def action_scroll_down(self) -> None:
        """Scroll the help text down."""
        self.query_one("#help-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        """Scroll the help text up."""
        self.query_one("#help-body", VerticalScroll).scroll_up()


def _offered(screen: Screen[Any], binding: Binding) -> bool:
    """False for a binding of *screen* that its ``check_action`` turns off there."""
    _, action, parameters = parse_action(binding.action)
    return screen.check_action(action, parameters) is not False


def binding_groups(screen: Screen[Any]) -> list[tuple[str, list[HelpRow]]]:
    """The keys in force on *screen*: the app's, the screen's and its widgets', grouped.

    Each class the app defines contributes its rows (:func:`binding_rows`)
    to the group named by its ``HELP_GROUP`` (classes without one join
    "General"), and rows of bindings in a ``Binding.Group`` to a group of
    that name: keys in force only in some situation ("After a search").
    Textual's own widgets, which the app uses as they are (a scrolling
    container, say), are not listed: they come and go with the views
    mounted. Keys come from the active keymap, so a user's remapping
    shows here. A screen that builds some widgets only when they are first
    needed returns their classes from a ``help_widgets()`` classmethod: they
    count as if they were on it, and come first, in the order it gives, so
    that the help reads the same whichever views the reader has opened.
    """
    app = screen.app
    keymap = getattr(app, "_keymap", {}) or {}
    help_widgets = getattr(screen, "help_widgets", None)
    node_types = [
        type(app),
        type(screen),
        *(help_widgets() if help_widgets is not None else ()),
        *(type(node) for node in screen.query("*")),
    ]
    groups: dict[str, list[HelpRow]] = {}
    for node_type in dict.fromkeys(node_types):
        if not node_type.__module__.startswith("briefing_tui."):
            continue
        name = getattr(node_type, "HELP_GROUP", None) or "General"
        # The screen's own bindings that its check_action turns off are not in force.
        offered = partial(_offered, screen) if node_type is type(screen) else None
        for situation, rows in binding_rows_by_group(node_type, keymap, offered).items():
            group = groups.setdefault(situation or name, [])
            group.extend(row for row in rows if row not in group)
    return [(name, rows) for name, rows in groups.items() if rows]


def binding_rows(node_type: type[DOMNode], keymap: dict[str, str]) -> list[HelpRow]:
    """Every row of :func:`binding_rows_by_group`, whatever its group."""
    return [row for rows in binding_rows_by_group(node_type, keymap).values() for row in rows]


def binding_rows_by_group(
    node_type: type[DOMNode],
    keymap: dict[str, str],
    offered: Callable[[Binding], bool] | None = None,
) -> dict[str, list[HelpRow]]:
    """One row per action of *node_type* that a key really triggers, with all those keys.

    A key a class binds again replaces what its base classes bound it to
    (as Textual does), so Textual's own bindings the app overrides are not
    listed. Rows and the keys in each come in the order the classes declare
    them, the most derived class first; bindings without a description are
    left out. Rows are keyed by the description of the bindings'
    ``Binding.Group``, "" for those in none. *offered*, when given, says
    which bindings are in force at all.
    """
    merged = node_type._merged_bindings
    if merged is None:
        return {}
    bindings = merged.copy()
    if keymap:
        bindings.apply_keymap(keymap)
    order = _declaration_order(node_type)
    in_force = sorted(
        (
            (key, binding)
            for key, binding in bindings
            if binding.description
            and not binding.system
            and binding.action not in _SIDEWAYS | _NOT_LISTED
            # Keys of a situation ("After a search") are listed under it even
            # while it does not hold; others only where they are in force.
            and (offered is None or binding.group is not None or offered(binding))
        ),
        key=lambda pair: order.get(
            pair[1].id if pair[1].id in keymap else (pair[1].action, pair[0]), len(order)
        ),
    )
    rows: dict[str, tuple[str, list[str], str]] = {}
    for key, binding in in_force:
        group = binding.group.description if binding.group is not None else ""
        _, keys, _ = rows.setdefault(binding.action, (group, [], _description(node_type, binding)))
        if key not in keys:
            keys.append(key)
    grouped: dict[str, list[HelpRow]] = {}
    for group, keys, description in rows.values():
        grouped.setdefault(group, []).append((key_label(",".join(keys)), description))
    return grouped


def _declaration_order(node_type: type[DOMNode]) -> dict[object, int]:
    """Where each binding is declared, most derived class first: by (action, key), and by id."""
    order: dict[object, int] = {}
    for cls in node_type.__mro__:
        for binding in Binding.make_bindings(_declared(cls)):
            order.setdefault((binding.action, binding.key), len(order))
            if binding.id:
                order.setdefault(binding.id, len(order))
    return order


def _declared(cls: type) -> Iterable[BindingType]:
    bindings: Iterable[BindingType] = cls.__dict__.get("BINDINGS", ())
    return bindings


def _description(node_type: type[DOMNode], binding: Binding) -> str:
    """The binding's description; Textual's own ("Page Up") in the app's sentence case."""
    declared_by_app = any(
        cls.__module__.startswith("briefing_tui.")
        and any(
            isinstance(own, Binding) and own.description == binding.description
            for own in cls.__dict__.get("BINDINGS", ())
        )
        for cls in node_type.__mro__
    )
    return binding.description if declared_by_app else binding.description.capitalize()
