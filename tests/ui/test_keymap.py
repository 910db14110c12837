"""The user's [keymap]: applied to the bindings, and a wrong id reported with its line."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

from briefing_tui.core.config.settings import RENAMED_BINDINGS, load_settings
from briefing_tui.core.content.model import Briefing
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.keymap import binding_ids, subclasses
from briefing_tui.ui.screens.help import HelpScreen
from briefing_tui.ui.widgets.key_footer import KeyFooter
from tests.fresh_python import run_code
from tests.screen import assert_not_on_screen, assert_on_screen


async def test_keymap_rebinds_a_key(bundled: Briefing) -> None:
    app = BriefingApp(bundled, keymap={"app.help": "f2"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        assert_on_screen(app, "f2 Help", within=footer)
        assert_not_on_screen(app, "? Help", within=footer)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert ("f2", "Help") in dict(app.screen.groups)["General"]
        assert_on_screen(app, "Keys", "General f2 Help", within=app.screen.query_one("#help-body"))


def test_unknown_binding_id_is_reported_with_line_and_hint(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('theme = "mono"\n\n[keymap]\n"outline.dwn" = "n"\n', encoding="utf-8")
    problems = load_settings(config).keymap_problems(binding_ids())
    assert [str(problem) for problem in problems] == [
        (
            f"{config}:4:1: keymap.outline.dwn: unknown binding id 'outline.dwn' "
            "(did you mean 'outline.down'?)"
        )
    ]


def test_a_renamed_binding_id_names_a_binding_of_today_and_no_longer_one_itself() -> None:
    ids = binding_ids()
    assert {renamed.new for renamed in RENAMED_BINDINGS.values()} <= ids
    assert not set(RENAMED_BINDINGS) & ids


def test_every_binding_has_an_id_and_a_description() -> None:
    ids = binding_ids()  # imports every app, screen and widget
    assert {
        "app.help",
        "study.search",
        "scoreboard.heavier",
        "actors.next",  # the explorer's views are imported on first visit
        "list.down",
        "present.next",
    } <= ids
    incomplete = [
        f"{cls.__qualname__}: {binding!r}"
        for cls in subclasses(DOMNode)
        if cls.__module__.startswith("briefing_tui.")
        for binding in cls.__dict__.get("BINDINGS", ())
        if not isinstance(binding, Binding) or not binding.id or not binding.description
    ]
    assert incomplete == []


def test_presenter_bindings_are_found_when_a_keymap_names_one() -> None:
    # The explorer alone has not imported the presenter: asking for one of its ids must.
    code = """
        import sys
        from briefing_tui.ui.app import BriefingApp
        from briefing_tui.ui.keymap import binding_ids
        assert 'briefing_tui.ui.present_app' not in sys.modules
        assert 'present.next' not in binding_ids(wanted={'app.quit'})
        assert 'present.next' in binding_ids(wanted={'present.next'})
        """
    result = run_code(code)
    assert result.returncode == 0, result.stderr
