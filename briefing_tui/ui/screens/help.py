"""The help screen, generated from the key bindings that are really in force."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.actions import parse as parse_action
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
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
}


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

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.groups = binding_groups(under)

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
            yield Static(
                Content("ctrl+p opens the command palette: type a name to jump there."),
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


def binding_groups(screen: Screen[Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Collect the bindings of the app, *screen* and every widget class on it.

    Each class with bindings contributes a group named by its ``HELP_GROUP``
    (bindings of classes without one join "General"); bindings without a
    description are left out. Keys come from the active keymap, so a user's
    remapping shows here. A screen that builds some widgets only when they
    are first needed returns their classes from a ``help_widgets()``
    classmethod; they count as if they were on it.
    """
    app = screen.app
    keymap = getattr(app, "_keymap", {}) or {}
    groups: dict[str, list[tuple[str, str]]] = {}
    seen_classes: set[type] = set()
    seen_bindings: set[tuple[str, str]] = set()
    help_widgets = getattr(screen, "help_widgets", None)
    node_types = [
        type(app),
        type(screen),
        *(type(node) for node in screen.query("*")),
        *(help_widgets() if help_widgets is not None else ()),
    ]
    for node_type in node_types:
        group = getattr(node_type, "HELP_GROUP", None) or "General"
        for cls in node_type.__mro__:
            if cls in seen_classes or "BINDINGS" not in cls.__dict__:
                continue
            seen_classes.add(cls)
            for binding in cls.__dict__["BINDINGS"]:
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                if node_type is type(screen) and not _offered(screen, binding):
                    continue
                keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
                entry = (key_label(keys), binding.description)
                if (group, entry[0]) in seen_bindings:
                    continue
                seen_bindings.add((group, entry[0]))
                groups.setdefault(group, []).append(entry)
    return list(groups.items())
