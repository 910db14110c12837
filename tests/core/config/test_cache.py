"""The validation cache: files checked once are rebuilt without pydantic, and only those."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NoReturn

import pytest

from benchmarks.synthetic import write_synthetic
from briefing_tui.core.config import cache as cache_module
from briefing_tui.core.config.cache import MAX_ENTRIES, ValidationCache
from briefing_tui.core.config.resources import bundled_dir, default_briefing_path
from briefing_tui.core.config.settings import load_settings
from briefing_tui.core.config.themes import load_theme_file
from briefing_tui.core.content.loader import BriefingError, load_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.content.validation import build, dump
from briefing_tui.core.study.store import StudyStore


@pytest.fixture
def cache(tmp_path: Path) -> ValidationCache:
    return ValidationCache(tmp_path / "cache")


def refuse_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any check by pydantic fail the test: what follows must come from the cache."""

    def validate(cls: type[Any], data: object) -> NoReturn:
        raise AssertionError(f"{cls.__name__} was validated again")

    for module in ("content.loader", "config.themes", "config.settings", "study.store"):
        monkeypatch.setattr(f"briefing_tui.core.{module}.validate", validate, raising=False)


def copy_of_bundled(tmp_path: Path) -> Path:
    path = tmp_path / "briefing.toml"
    path.write_bytes(default_briefing_path().read_bytes())
    return path


@pytest.mark.parametrize("source", ["bundled", "synthetic"])
def test_dump_and_build_round_trip_a_whole_briefing(source: str, tmp_path: Path) -> None:
    path = (
        default_briefing_path() if source == "bundled" else write_synthetic(tmp_path / "s.toml", 50)
    )
    briefing = load_briefing(path)
    rebuilt = build(Briefing, json.loads(json.dumps(dump(briefing))))
    assert rebuilt == briefing
    assert rebuilt.sections_by_id.keys() == briefing.sections_by_id.keys()
    assert rebuilt.relations[0].from_ == briefing.relations[0].from_


def test_a_briefing_checked_once_is_rebuilt_from_the_cache(
    cache: ValidationCache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_of_bundled(tmp_path)
    first = load_briefing(path, cache)
    refuse_validation(monkeypatch)
    again = load_briefing(path, cache)
    assert again == first
    assert again.content_hash == first.content_hash != ""


def test_a_changed_file_is_checked_again(cache: ValidationCache, tmp_path: Path) -> None:
    path = copy_of_bundled(tmp_path)
    load_briefing(path, cache)
    path.write_text(
        path.read_text(encoding="utf-8").replace("format = 1", "format = 7"), encoding="utf-8"
    )
    with pytest.raises(BriefingError, match="unsupported format 7"):
        load_briefing(path, cache)


def test_a_damaged_entry_is_a_miss(cache: ValidationCache, tmp_path: Path) -> None:
    path = copy_of_bundled(tmp_path)
    briefing = load_briefing(path, cache)
    (entry,) = cache.folder.iterdir()
    entry.write_bytes(entry.read_bytes().replace(b'"title":"', b'"title":"X', 1))
    assert cache.load("briefing", briefing.content_hash, Briefing) is None
    assert load_briefing(path, cache) == briefing


def test_an_entry_made_by_other_rules_is_a_miss(cache: ValidationCache, tmp_path: Path) -> None:
    path = copy_of_bundled(tmp_path)
    briefing = load_briefing(path, cache)
    (entry,) = cache.folder.iterdir()
    header, _, body = entry.read_bytes().partition(b"\n")
    meta = json.loads(header)
    entry.write_bytes(json.dumps({**meta, "rules": "0" * 16}).encode() + b"\n" + body)
    assert cache.load("briefing", briefing.content_hash, Briefing) is None


def test_an_entry_of_the_wrong_shape_is_a_miss(cache: ValidationCache) -> None:
    digest = "a" * 64
    meta = load_briefing(default_briefing_path()).briefing
    cache.store("briefing", digest, meta)  # a [briefing] table, not a whole briefing
    assert cache.load("briefing", digest, Briefing) is None


def test_names_that_are_not_digests_are_refused(cache: ValidationCache) -> None:
    cache.store("briefing", "../escape", object())
    assert not cache.folder.exists()
    assert cache.load("briefing", "../escape", Briefing) is None


def test_read_only_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    load_briefing(copy_of_bundled(tmp_path), ValidationCache(folder, read_only=True))
    assert not folder.exists()


def test_only_the_newest_entries_of_a_kind_are_kept(cache: ValidationCache, tmp_path: Path) -> None:
    path = copy_of_bundled(tmp_path)
    text = path.read_text(encoding="utf-8")
    for number in range(MAX_ENTRIES + 3):
        path.write_text(text + f"\n# edit {number}\n", encoding="utf-8")
        load_briefing(path, cache)
    assert len(list(cache.folder.glob("briefing-*.json"))) == MAX_ENTRIES


def test_themes_and_settings_use_the_cache(
    cache: ValidationCache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theme_path = bundled_dir("themes") / "briefing-dark.toml"
    settings_path = tmp_path / "config.toml"
    settings_path.write_text(
        'theme = "mono"\n[keymap]\n"app.quit" = "ctrl+q, q"\n', encoding="utf-8"
    )
    theme, settings = load_theme_file(theme_path, cache), load_settings(settings_path, cache)
    refuse_validation(monkeypatch)
    assert load_theme_file(theme_path, cache) == theme
    again = load_settings(settings_path, cache)
    assert again == settings
    assert again.keymap == {"app.quit": "ctrl+q,q"}
    assert again.path == settings_path
    assert again.position_of(("theme",)) == (1, 1)


def test_study_data_the_app_wrote_is_read_without_checking(
    cache: ValidationCache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    briefing = load_briefing(default_briefing_path())
    store = StudyStore(briefing, directory=tmp_path / "study", cache=cache)
    store.set_note("section:overview", "a note")
    store.set_position("section", "overview")
    store.save()
    refuse_validation(monkeypatch)
    again = StudyStore(briefing, directory=tmp_path / "study", cache=cache)
    assert again.messages == []
    assert again.note("section:overview") == "a note"
    assert again.notes["section:overview"].updated == store.notes["section:overview"].updated


def test_entries_are_private_to_the_reader(cache: ValidationCache, tmp_path: Path) -> None:
    briefing = load_briefing(default_briefing_path())
    store = StudyStore(briefing, directory=tmp_path / "study", cache=cache)
    store.set_note("section:overview", "a private note")
    store.save()
    assert cache.folder.stat().st_mode & 0o777 == 0o700
    for entry in cache.folder.iterdir():
        assert entry.stat().st_mode & 0o077 == 0, entry


def test_study_data_edited_by_hand_is_checked(cache: ValidationCache, tmp_path: Path) -> None:
    briefing = load_briefing(default_briefing_path())
    store = StudyStore(briefing, directory=tmp_path / "study", cache=cache)
    store.set_note("section:overview", "a note")
    store.save()
    data = json.loads(store.path.read_text(encoding="utf-8"))
    data["notes"]["section:overview"]["text"] = 5
    store.path.write_text(json.dumps(data), encoding="utf-8")
    again = StudyStore(briefing, directory=tmp_path / "study", cache=cache)
    assert again.note("section:overview") == ""
    assert "could not be read" in again.messages[0]


def test_the_rules_fingerprint_follows_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache_module.rules_fingerprint()
    cache_module.rules_fingerprint.cache_clear()
    monkeypatch.setattr("briefing_tui.__version__", "999")
    try:
        assert cache_module.rules_fingerprint() != before
    finally:
        cache_module.rules_fingerprint.cache_clear()


def test_the_rules_cover_every_module_that_defines_a_cached_table() -> None:
    # A table changed in a source checkout must make its old entries stale.
    import briefing_tui.core.config.settings
    import briefing_tui.core.config.themes
    import briefing_tui.core.study.store  # noqa: F401
    from briefing_tui.core.content.validation import Table

    def tables(cls: type) -> set[type]:
        return {cls, *(table for sub in cls.__subclasses__() for table in tables(sub))}

    modules = {
        table.__module__.removeprefix("briefing_tui.core.")
        for table in tables(Table)
        if table.__module__.startswith("briefing_tui.")
    }
    assert modules - {"content.validation"} <= set(cache_module._RULE_MODULES)
