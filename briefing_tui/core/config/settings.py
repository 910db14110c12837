"""User settings, the app's remembered state, and which values win.

Two files, kept apart on purpose:

- the **settings file** (``config.toml`` in the user config dir, or
  ``--config FILE``) belongs to the user. It is read with tomli, validated
  like content (unknown keys and bad values are errors with ``FILE:LINE``),
  and never written: the app cannot lose a comment it never rewrites.
- the **state file** (``state.json`` in the user data dir) belongs to the app.
  It remembers the theme picked in the app, is written atomically (temporary
  file, fsync, ``os.replace``), and a damaged one is ignored with a warning.

:func:`effective_settings` combines them with the command line and the
environment. The theme is chosen by the first of: ``--theme``; ``NO_COLOR``
(any value, even empty: ``mono``); ``BRIEFING_THEME``; the settings file;
the state file; ``briefing-dark``. An explicit choice beats a remembered
one, so a theme picked in the app is used next time unless the settings file
or the command line says otherwise.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import os
import re
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, NamedTuple

import platformdirs

from briefing_tui.core.config.atomic import write_atomically
from briefing_tui.core.config.reading import FileTooLarge, read_regular_file
from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.config.themes import (
    DEFAULT_THEME,
    MAX_FILE_BYTES,
    MONO_THEME,
    KeyPath,
    ThemeName,
    TomlFileError,
    read_toml_file,
    unknown_theme_message,
    validate_toml,
)
from briefing_tui.core.content.loader import Problem
from briefing_tui.core.content.positions import Position, key_positions
from briefing_tui.core.content.text import has_control_characters, neutralise
from briefing_tui.core.content.validation import After, Limits, Strict, Table
from briefing_tui.core.study.due import DEFAULT_NEW_PER_DAY

if TYPE_CHECKING:
    from briefing_tui.core.config.cache import ValidationCache

APP_NAME = "briefing-tui"
SETTINGS_FILE = "config.toml"
STATE_FILE = "state.json"

THEME_VARIABLE = "BRIEFING_THEME"
NO_COLOR_VARIABLE = "NO_COLOR"

#: A stray temporary state file older than this was left by a killed process.
STALE_TEMP_SECONDS = 60.0


def config_dir() -> Path:
    """The user's config folder for the app (holds ``config.toml`` and ``themes/``)."""
    return platformdirs.user_config_path(APP_NAME)


def default_settings_path() -> Path:
    """Where the settings file is looked for when ``--config`` is not given."""
    return config_dir() / SETTINGS_FILE


def user_themes_dir() -> Path:
    """Where the user's own theme files live."""
    return config_dir() / "themes"


def default_state_path() -> Path:
    """The app's own state file."""
    return platformdirs.user_data_path(APP_NAME) / STATE_FILE


# --------------------------------------------------------------------------
# The settings file

BINDING_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
_KEY = re.compile(r"(?:[a-z]+\+)*(?:[A-Za-z0-9_]+|[^\s,])")
_MAX_KEYS_LENGTH = 100


def _check_binding_id(value: str) -> str:
    if BINDING_ID.fullmatch(value) is None:
        raise ValueError(
            f"{value!r} is not a binding id: use lowercase letters, digits, '.', '_' and '-'"
        )
    return value


def _check_keys(value: str) -> str:
    if has_control_characters(value) or len(value) > _MAX_KEYS_LENGTH:
        raise ValueError(
            f"keys must be at most {_MAX_KEYS_LENGTH} plain characters, without control characters"
        )
    keys = [key.strip() for key in value.split(",")]
    for key in keys:
        if not key:
            raise ValueError(
                f"{value!r} has an empty key: write one key, or several separated by commas, "
                'e.g. "ctrl+q" or "q,escape"'
            )
        if _KEY.fullmatch(key) is None:
            raise ValueError(
                f"{key!r} is not a key: write a key name or one character, with optional "
                'modifiers, e.g. "j", "ctrl+q", "shift+tab", "question_mark"'
            )
    return ",".join(keys)


def _check_path_text(value: str) -> str:
    if not value.strip():
        raise ValueError("the path is empty")
    if has_control_characters(value):
        raise ValueError("the path contains a control character")
    return value


READING_WIDTHS = (40, 200)
"""The shortest and longest reading measure the settings file accepts (0: no limit)."""


def _check_reading_width(value: int) -> int:
    low, high = READING_WIDTHS
    if value != 0 and not low <= value <= high:
        length = "short" if value < low else "long"
        raise ValueError(
            f"a line of {value} columns is too {length} to read: "
            f"use {low} to {high}, or 0 for no limit"
        )
    return value


MAX_NEW_CARDS_PER_DAY = 9999
BindingId = Annotated[str, Strict(), After(_check_binding_id)]
Keys = Annotated[str, Strict(), After(_check_keys)]
PathText = Annotated[str, Strict(), After(_check_path_text)]


class RenamedBinding(NamedTuple):
    """A binding id of an earlier version: the binding that does its work now."""

    new: str
    """The binding id now."""
    when: str
    """What changed, as the notice tells it."""
    does: str
    """What its keys do under the new id."""


RENAMED_BINDINGS: Mapping[str, RenamedBinding] = MappingProxyType(
    {
        "quiz.right": RenamedBinding(
            "review.good", "when the quiz's right/wrong became ratings 1-4", "rate Good"
        ),
        "quiz.wrong": RenamedBinding(
            "review.again", "when the quiz's right/wrong became ratings 1-4", "rate Again"
        ),
    }
)
"""Old binding ids a settings file may still name, so its keys are not lost."""


class SettingsError(TomlFileError):
    """The settings file was refused, or a theme named in settings is unknown."""


ReadingAlign = Literal["left", "centre"]


class ReadingSettings(Table):
    """The ``[reading]`` table: how wide text runs in the reading views, and where."""

    width: Annotated[int, Strict(), After(_check_reading_width)] = 88
    """The longest line of text, in columns; 0 lets text run the width of the pane."""
    align: ReadingAlign = "left"
    """Where a text narrower than the pane sits: at its left, or in its centre."""


class Settings(Table):
    """The settings file: every key optional, unknown keys refused."""

    theme: ThemeName | None = None
    """The theme to start with."""
    briefing: PathText | None = None
    """The briefing to open when none is named; relative to the settings file."""
    keymap: dict[BindingId, Keys] = field(default_factory=dict)
    """Binding id to keys, as ``App.set_keymap`` takes them: ``quit = "ctrl+q"``."""
    reading: ReadingSettings = field(default_factory=ReadingSettings)
    """The reading measure."""
    new_cards_per_day: Annotated[int, Strict(), Limits(ge=0, le=MAX_NEW_CARDS_PER_DAY)] | None = (
        None
    )
    """New cards a review brings in per day (the default is 20)."""

    # Not fields: where the settings were read from, set by load_settings.
    _path: ClassVar[Path | None] = None
    _positions: ClassVar[Mapping[KeyPath, Position]] = MappingProxyType({})

    @property
    def path(self) -> Path | None:
        """The file these settings were read from, if any."""
        return self._path

    def position_of(self, key: KeyPath) -> tuple[int | None, int | None]:
        """Line and column of *key* in the settings file, or ``(None, None)``."""
        return self._positions.get(key, (None, None))

    def briefing_path(self) -> Path | None:
        """The ``briefing`` setting as a path: ``~`` expanded, relative to the file."""
        if self.briefing is None:
            return None
        path = Path(self.briefing).expanduser()
        if not path.is_absolute() and self._path is not None:
            path = self._path.parent / path
        return path

    def current_keymap(self) -> tuple[dict[str, str], list[Problem]]:
        """The keymap with each binding id of an earlier version under its new name.

        A renamed id is reported, with its line, so the reader can update the
        file; an id named both ways keeps the keys given to the new name.
        """
        keymap = {
            binding_id: keys
            for binding_id, keys in self.keymap.items()
            if binding_id not in RENAMED_BINDINGS
        }
        notices = []
        for old, keys in self.keymap.items():
            renamed = RENAMED_BINDINGS.get(old)
            if renamed is None:
                continue
            message = f"renamed {renamed.new!r} {renamed.when}; "
            if renamed.new in keymap:
                message += f"ignored, as {renamed.new!r} is set too"
            else:
                keymap[renamed.new] = keys
                message += f"its keys now {renamed.does}"
            notices.append(self._keymap_problem(old, message))
        return keymap, notices

    def keymap_problems(self, binding_ids: Collection[str]) -> list[Problem]:
        """Problems for keymap entries naming a binding the app does not have.

        Textual ignores unknown ids silently; the app calls this with its
        real binding ids so that a typo is reported with its line.
        """
        problems = []
        known = sorted(binding_ids)
        for binding_id in self.keymap:
            if binding_id in binding_ids or binding_id in RENAMED_BINDINGS:
                continue
            message = f"unknown binding id {binding_id!r}"
            close = difflib.get_close_matches(binding_id, known, n=1, cutoff=0.6)
            if close:
                message += f" (did you mean {close[0]!r}?)"
            problems.append(self._keymap_problem(binding_id, message))
        return problems

    def _keymap_problem(self, binding_id: str, message: str) -> Problem:
        key = ("keymap", binding_id)
        file = os.fspath(self._path) if self._path else "<settings>"
        return Problem(file, message, key, *self.position_of(key))


def load_settings(path: str | os.PathLike[str], cache: ValidationCache | None = None) -> Settings:
    """Load and validate the settings file at *path*; raise :class:`SettingsError`.

    With a *cache*, a file accepted before is not checked again.
    """
    file = Path(path)
    text = read_toml_file(file, SettingsError)
    settings = validate_toml(text, Settings, os.fspath(path), SettingsError, cache)
    # Not fields of the frozen dataclass: where the values came from.
    object.__setattr__(settings, "_path", file)
    object.__setattr__(settings, "_positions", key_positions(text))
    return settings


# --------------------------------------------------------------------------
# The state file


def read_state(path: Path) -> tuple[dict[str, Any], str | None]:
    """The state saved at *path*, and a warning if it could not be used.

    A missing file is an empty state. A damaged one is an empty state plus a
    warning: losing a remembered theme is no reason to refuse to start.
    """
    try:
        data = read_regular_file(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        return {}, None
    except FileTooLarge:
        return {}, neutralise(f"{path}: the app state is damaged; ignored")
    except OSError as error:
        return {}, neutralise(f"{path}: cannot read the app state ({error.strerror}); ignored")
    try:
        state = json.loads(data.decode("utf-8"))
        if not isinstance(state, dict):
            raise ValueError("not a JSON object")
    except (ValueError, RecursionError):
        return {}, neutralise(f"{path}: the app state is damaged; ignored")
    return state, None


def write_state(path: Path, state: Mapping[str, Any]) -> None:
    """Write *state* to *path* atomically: the file is always the old or the new state.

    Raises ``OSError`` when the folder cannot be written; the caller reports it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temp_files(path)
    text = json.dumps(dict(state), indent=2, sort_keys=True) + "\n"
    write_atomically(path, text.encode("utf-8"))


def _remove_stale_temp_files(path: Path) -> None:
    """Delete temporary files a killed writer left; young ones may be another writer's."""
    now = time.time()
    for stray in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - stray.stat().st_mtime > STALE_TEMP_SECONDS:
                stray.unlink()


def remember_theme(name: str, path: Path | None = None) -> None:
    """Save *name* as the theme chosen in the app, keeping the rest of the state."""
    state_path = path or default_state_path()
    state, _warning = read_state(state_path)
    write_state(state_path, {**state, "theme": name})


OUTLINE_SHARES = (10, 90)
"""The least and most of the screen's width, in per cent, a remembered outline may take."""


def remember_outline_share(share: int, path: Path | None = None) -> None:
    """Save the share of the width the reader gave the outline, keeping the rest of the state."""
    state_path = path or default_state_path()
    state, _warning = read_state(state_path)
    write_state(state_path, {**state, "outline_share": share})


def _remembered_outline_share(state: Mapping[str, Any]) -> tuple[int | None, bool]:
    """The outline share in *state*, and whether one was there; None when it makes no sense."""
    if "outline_share" not in state:
        return None, False
    share = state["outline_share"]
    low, high = OUTLINE_SHARES
    valid = isinstance(share, int) and not isinstance(share, bool) and low <= share <= high
    return (share if valid else None), True


# --------------------------------------------------------------------------
# Effective settings


Origin = Literal[
    "--theme", "NO_COLOR", "BRIEFING_THEME", "command line", "settings", "state", "default"
]


class Sourced(NamedTuple):
    """A setting's value and where it came from."""

    value: str
    source: str
    """For people: ``--theme``, ``settings file PATH``, ``app state PATH``, ..."""
    origin: Origin
    """For code: which rule chose the value."""


@dataclass(frozen=True)
class EffectiveSettings:
    """What the app will use, each value with its source."""

    theme: Sourced
    briefing: Sourced
    keymap: dict[str, str]
    keymap_source: str
    settings: Settings
    settings_path: Path
    settings_found: bool
    state_path: Path
    new_cards_per_day: int = DEFAULT_NEW_PER_DAY
    """New cards a review brings in per day."""
    new_cards_source: str = "default"
    warnings: list[str] = field(default_factory=list)
    """Things to tell the user without stopping: e.g. a damaged state file."""
    outline_share: int | None = None
    """The share of the width the reader last gave the outline, in per cent (app state)."""


def effective_settings(
    cli_theme: str | None,
    env: Mapping[str, str],
    config_path: Path | None,
    *,
    cli_briefing: str | None = None,
    state_path: Path | None = None,
    cache: ValidationCache | None = None,
) -> EffectiveSettings:
    """Combine the command line, *env*, the settings file and the state file.

    *config_path* is ``--config FILE`` (which must exist) or ``None`` for the
    default location (which may be missing). Raises :class:`SettingsError`
    for a bad settings file. Whether the theme exists is checked later by
    :func:`check_theme_choice`, once the themes are known. *cache* is passed
    to :func:`load_settings`.
    """
    settings_path = config_path or default_settings_path()
    found = config_path is not None or settings_path.is_file()
    settings = load_settings(settings_path, cache) if found else Settings()
    from_file = neutralise(f"settings file {settings_path}")
    state_path = state_path or default_state_path()
    state, warning = read_state(state_path)
    warnings = [warning] if warning else []
    remembered = state.get("theme")
    if remembered is not None and not isinstance(remembered, str):
        warnings.append(neutralise(f"{state_path}: the remembered theme is not a string; ignored"))
        remembered = None
    outline_share, remembered_share = _remembered_outline_share(state)
    if remembered_share and outline_share is None:
        warnings.append(
            neutralise(f"{state_path}: the remembered outline width is not valid; ignored")
        )

    if cli_theme:
        theme = Sourced(cli_theme, "--theme", "--theme")
    elif NO_COLOR_VARIABLE in env:
        theme = Sourced(MONO_THEME, NO_COLOR_VARIABLE, "NO_COLOR")
    elif env.get(THEME_VARIABLE):
        theme = Sourced(env[THEME_VARIABLE], THEME_VARIABLE, "BRIEFING_THEME")
    elif settings.theme:
        theme = Sourced(settings.theme, from_file, "settings")
    elif remembered:
        theme = Sourced(remembered, neutralise(f"app state {state_path}"), "state")
    else:
        theme = Sourced(DEFAULT_THEME, "default", "default")

    configured_briefing = settings.briefing_path()
    if cli_briefing:
        briefing = Sourced(cli_briefing, "command line", "command line")
    elif configured_briefing is not None:
        briefing = Sourced(os.fspath(configured_briefing), from_file, "settings")
    else:
        briefing = Sourced(
            os.fspath(default_briefing_path()), "default (the bundled briefing)", "default"
        )

    keymap, renamed = settings.current_keymap()
    warnings += [str(problem) for problem in renamed]
    new_cards = settings.new_cards_per_day
    return EffectiveSettings(
        theme=theme,
        briefing=briefing,
        keymap=keymap,
        keymap_source=from_file if settings.keymap else "default",
        settings=settings,
        settings_path=settings_path,
        settings_found=found,
        state_path=state_path,
        new_cards_per_day=DEFAULT_NEW_PER_DAY if new_cards is None else new_cards,
        new_cards_source="default" if new_cards is None else from_file,
        warnings=warnings,
        outline_share=outline_share,
    )


def check_theme_choice(effective: EffectiveSettings, known: Collection[str]) -> EffectiveSettings:
    """Make sure the chosen theme is one of *known* (loaded and Textual's own themes).

    A remembered theme that has since gone (its file deleted) falls back to
    the default with a warning. An unknown theme chosen explicitly — flag,
    environment or settings file — raises :class:`SettingsError`: it is a
    typo to fix, not something to guess around.
    """
    theme = effective.theme
    if theme.value in known:
        return effective
    message = unknown_theme_message(theme.value, known)
    if theme.origin == "state":
        return replace(
            effective,
            theme=Sourced(DEFAULT_THEME, "default", "default"),
            warnings=[
                *effective.warnings,
                f"{message} (from {theme.source}); using {DEFAULT_THEME}",
            ],
        )
    if theme.origin == "settings":
        file = os.fspath(effective.settings_path)
        position = effective.settings.position_of(("theme",))
        raise SettingsError([Problem(file, message, ("theme",), *position)])
    raise SettingsError([Problem(theme.source, message)])


def from_file_or_default(effective: EffectiveSettings, key: str) -> str:
    """Where the settings file's *key* came from: the file when it sets it, else the default."""
    if effective.settings_found and effective.settings.position_of((key,)) != (None, None):
        return f"settings file {effective.settings_path}"
    return "default"


def format_effective_settings(effective: EffectiveSettings) -> str:
    """``briefing config``: each effective value and where it came from."""
    settings_note = "" if effective.settings_found else " (not found; using defaults)"
    rows = [
        ("settings file", f"{effective.settings_path}{settings_note}", None),
        ("state file", os.fspath(effective.state_path), None),
        ("theme", effective.theme.value, effective.theme.source),
        ("briefing", effective.briefing.value, effective.briefing.source),
    ]
    if effective.keymap:
        rows += [
            (f"keymap.{binding_id}", keys, effective.keymap_source)
            for binding_id, keys in effective.keymap.items()
        ]
    else:
        rows.append(("keymap", "(no changes)", "default"))
    rows.append(("new_cards_per_day", str(effective.new_cards_per_day), effective.new_cards_source))
    reading = effective.settings.reading
    reading_source = from_file_or_default(effective, "reading")
    rows += [
        ("reading.width", str(reading.width) if reading.width else "0 (no limit)", reading_source),
        ("reading.align", reading.align, reading_source),
    ]
    if effective.outline_share is not None:
        rows.append(
            (
                "outline width",
                f"{effective.outline_share}% of the window",
                f"app state {effective.state_path}",
            )
        )
    width = max(len(label) for label, _value, _source in rows)
    lines = []
    for label, value, source in rows:
        line = f"{label:<{width}}  {value}"
        if source is not None:
            line += f"  [from {source}]"
        lines.append(neutralise(line))
    lines.extend(neutralise(f"warning: {warning}") for warning in effective.warnings)
    return "\n".join(lines)
