"""``briefing_tui.core`` never imports Textual, and neither does ``briefing validate``."""

from __future__ import annotations

import textwrap
from pathlib import Path

import briefing_tui.core
from briefing_tui.core.config.resources import default_briefing_path
from tests.fresh_python import run_code, run_python

BUNDLED = str(default_briefing_path())


def test_core_modules_do_not_import_textual(tmp_path: Path) -> None:
    code = """
        import importlib, pkgutil, sys
        import briefing_tui.core as core
        names = [info.name for info in pkgutil.walk_packages(core.__path__, "briefing_tui.core.")]
        assert "briefing_tui.core.content.loader" in names, names
        for name in names:
            importlib.import_module(name)
        loaded = [name for name in sys.modules if name.split(".")[0] == "textual"]
        assert not loaded, loaded
        """
    result = run_code(code, tmp_path)
    assert result.returncode == 0, result.stderr


def test_validate_does_not_import_textual(tmp_path: Path) -> None:
    code = f"""
        import sys
        from briefing_tui import cli
        assert cli.main(["validate", {BUNDLED!r}]) == 0
        loaded = [
            name
            for name in sys.modules
            if name.split(".")[0] in ("textual", "fsrs", "genanki")
        ]
        assert not loaded, loaded
        """
    result = run_code(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok ")


def test_python_m_validate_does_not_import_textual(tmp_path: Path) -> None:
    result = run_python(["-X", "importtime", "-m", "briefing_tui", "validate", BUNDLED], tmp_path)
    assert result.returncode == 0, result.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()]
    assert "briefing_tui.core.content.loader" in imported
    assert not [name for name in imported if name.split(".")[0] == "textual"]


def test_a_start_with_a_warm_cache_does_not_import_pydantic(tmp_path: Path) -> None:
    # pydantic and its validators cost more start-up time than Textual itself.
    settings = tmp_path / "config.toml"
    settings.write_text('[keymap]\n"app.quit" = "ctrl+q"\n', encoding="utf-8")
    start = f"""
        import sys
        from textual.app import App
        from briefing_tui import cli
        App.run = lambda self, *args, **kwargs: None
        cli._is_terminal = lambda: True
        assert cli.main(["--config", {str(settings)!r}]) == 0
        print("pydantic" in sys.modules)
        """
    study = f"""
        from briefing_tui.core.config.cache import ValidationCache
        from briefing_tui.core.content.loader import load_briefing
        from briefing_tui.core.study.store import StudyStore
        cache = ValidationCache()
        store = StudyStore(load_briefing({BUNDLED!r}, cache), cache=cache)
        store.set_note("section:history", "a note")
        store.save()
        """
    first = run_python(["-c", textwrap.dedent(start) + textwrap.dedent(study)], tmp_path)
    assert first.stdout.strip() == "True", first.stderr
    second = run_code(start, tmp_path)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "False"


def test_the_app_imports_the_scheduler_only_once_an_answer_shows(tmp_path: Path) -> None:
    # fsrs and genanki are for reviewing and for exporting cards: the first
    # screen (which says what is due) and a review's first card need neither.
    code = f"""
        import asyncio, sys
        from pathlib import Path
        from briefing_tui.core.content.loader import load_briefing
        from briefing_tui.core.study.store import StudyStore
        from briefing_tui.ui.app import BriefingApp

        def loaded():
            return [name for name in ("fsrs", "genanki") if name in sys.modules]

        async def main():
            briefing = load_briefing({BUNDLED!r})
            study = StudyStore(briefing, directory=Path("study"))
            app = BriefingApp(briefing, study=study)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                print("start", loaded())
                await pilot.press("R")
                await pilot.pause()
                print("review", loaded())
                await pilot.press("enter")
                await pilot.pause()
                print("answer", loaded())

        asyncio.run(main())
        """
    result = run_code(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == ["start []", "review []", "answer ['fsrs']"]


def test_every_core_module_sits_in_a_group() -> None:
    # The folder list is the architecture: a module dropped straight into
    # core/ would hide which part of the app it serves.
    core = Path(briefing_tui.core.__file__).parent
    loose = sorted(path.name for path in core.glob("*.py") if path.name != "__init__.py")
    assert not loose
    assert {path.parent.name for path in core.glob("*/__init__.py")} == {
        "content",
        "study",
        "present",
        "output",
        "config",
    }
