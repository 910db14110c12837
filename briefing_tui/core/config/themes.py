"""Theme files: TOML in, a checked model out, ready to become a Textual theme.

A theme file names the Textual base colours and the app's own semantic
colours (pros, cons, stances, links, muted text). :func:`load_theme_file`
validates one file with :class:`ThemeFile` and reports every problem as
``FILE:LINE:COL: key: message``; :func:`discover_themes` gathers the built-in
themes, the user's and those of ``--theme-dir``, collecting bad files instead
of raising so that the app still starts.

Colours are checked here, at load time, because ``textual.theme.Theme`` does
not check them and a bad one fails much later with a misleading error.
:func:`parse_colour` reads them with ``textual.color.Color.parse``, imported
only when a colour is checked, so that importing the core imports no Textual.

The parser yields RGBA values, so the same module computes WCAG contrast
ratios (:func:`contrast_ratio`, :func:`contrast_checks`) for the tests and
for ``briefing themes --check``.
"""

# No ``from __future__ import annotations``, as in model.py: reading a theme
# from the cache of checked files needs its tables' annotations as types.

import difflib
import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, TypeVar

from briefing_tui.core.config.cache import ValidationCache, checked_through
from briefing_tui.core.config.resources import bundled_dir
from briefing_tui.core.content.loader import (
    BriefingError,
    Problem,
    decode_toml,
    parse_toml,
    read_limited,
    toml_message,
)
from briefing_tui.core.content.positions import key_positions, position_of
from briefing_tui.core.content.text import neutralise
from briefing_tui.core.content.validation import After, Strict, Table, dump, validate

DEFAULT_THEME = "briefing-dark"
LIGHT_THEME = "briefing-light"
MONO_THEME = "mono"

#: Theme and settings files are a few hundred bytes; anything huge is a mistake.
MAX_FILE_BYTES = 1024 * 1024

MINIMUM_CONTRAST = 4.5
"""WCAG AA for normal text: every text colour of a shipped theme meets it."""
HIGH_CONTRAST = 7.0
"""WCAG AAA for normal text: the body text of ``high-contrast`` meets it."""

KeyPath = tuple[str | int, ...]

# --------------------------------------------------------------------------
# Colours

ANSI_NAMES = (
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "white",
    "bright_black",
    "bright_red",
    "bright_green",
    "bright_yellow",
    "bright_blue",
    "bright_magenta",
    "bright_cyan",
    "bright_white",
)
"""The terminal palette colours, written ``ansi_red`` and so on in a theme."""

COLOUR_SYNTAX = "#rrggbb, #rgb, rgb(r, g, b), hsl(h, s%, l%), a CSS colour name or ansi_NAME"


class Rgba(NamedTuple):
    """A parsed colour: 0-255 channels and a 0-1 alpha.

    ``ansi`` names a terminal palette colour (``"red"``, ``"default"``), whose
    real value depends on the terminal: its channels are only nominal.
    """

    red: int
    green: int
    blue: int
    alpha: float = 1.0
    ansi: str | None = None


class ColourError(ValueError):
    """A string is not a colour Textual can read."""


def parse_colour(text: str) -> Rgba:
    """Read *text* as Textual does; raise :class:`ColourError` if it is not a colour.

    Textual is imported here, not at the top of the module, so that importing
    the core imports no Textual; a theme rebuilt from the cache of checked
    files never comes here. Stricter than Textual on purpose: ASCII only and
    nothing unprintable (its pattern accepts other scripts' digits and a
    trailing newline), and a number too large for a float is an error where
    Textual would overflow.
    """
    from textual.color import Color, ColorParseError

    if not (text.isascii() and text.isprintable()):
        raise ColourError(_not_a_colour(text, None))
    try:
        color = Color.parse(text)
    except ColorParseError as error:
        raise ColourError(_not_a_colour(text, error.suggested_color)) from None
    except (OverflowError, ValueError):
        raise ColourError(f"{text!r} is out of range") from None
    ansi = None
    if color.ansi is not None:
        ansi = "default" if color.ansi == -1 else ANSI_NAMES[color.ansi]
    return Rgba(color.r, color.g, color.b, color.a, ansi)


def _not_a_colour(text: str, suggestion: str | None) -> str:
    message = f"{text!r} is not a colour; use {COLOUR_SYNTAX}"
    if suggestion:
        message += f" (did you mean {suggestion!r}?)"
    return message


def composite(colour: Rgba, base: Rgba) -> Rgba:
    """*colour* drawn over the opaque *base*: what the eye sees."""
    if colour.alpha >= 1.0:
        return colour
    alpha = colour.alpha
    pairs = zip(colour[:3], base[:3], strict=True)
    red, green, blue = (round(top * alpha + bottom * (1 - alpha)) for top, bottom in pairs)
    return Rgba(red, green, blue, 1.0)


def relative_luminance(colour: Rgba) -> float:
    """WCAG 2 relative luminance of an opaque colour, from 0 (black) to 1 (white)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in colour[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: Rgba, second: Rgba) -> float:
    """WCAG 2 contrast ratio of two opaque colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# --------------------------------------------------------------------------
# The model

THEME_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def _check_colour(value: str) -> str:
    parse_colour(value)
    return value


def _check_theme_name(value: str) -> str:
    if THEME_NAME.fullmatch(value) is None:
        raise ValueError(
            f"{value!r} is not a valid theme name: use 1 to 64 lowercase letters, "
            "digits and '-', starting with a letter or digit"
        )
    return value


Colour = Annotated[str, Strict(), After(_check_colour)]
ThemeName = Annotated[str, Strict(), After(_check_theme_name)]


class SemanticColours(Table):
    """The ``[semantic]`` table: the app's own colours, each drawn as text.

    Every one is a foreground colour, checked for contrast against the
    background, surface and panel colours; a widget that wants a block of
    colour uses it with ``reverse``, which keeps the contrast ratio.
    """

    pro: Colour
    """Arguments for, and the pro side of a balance."""
    con: Colour
    """Arguments against, and the con side of a balance."""
    supports: Colour
    """Actors whose stance is ``supports``."""
    opposes: Colour
    """Actors whose stance is ``opposes``."""
    ambivalent: Colour
    """Actors whose stance is ``ambivalent``."""
    neutral: Colour
    """Actors whose stance is ``neutral``."""
    unknown: Colour
    """Actors whose stance is ``unknown``."""
    link: Colour
    """Cross-links and URLs."""
    muted: Colour
    """Secondary text: roles, dates, counts, hints."""
    highlight: Colour | None = None
    """Search matches; the foreground colour when not given."""
    bookmark: Colour | None = None
    """Bookmark markers; the foreground colour when not given."""
    note: Colour | None = None
    """Note markers; the foreground colour when not given."""


REQUIRED_SEMANTIC = (
    "pro",
    "con",
    "supports",
    "opposes",
    "ambivalent",
    "neutral",
    "unknown",
    "link",
    "muted",
)

#: Theme variable of each semantic colour: ``$pro``, ``$stance-opposes``, ...
SEMANTIC_VARIABLES: dict[str, str] = {
    "pro": "pro",
    "con": "con",
    "supports": "stance-supports",
    "opposes": "stance-opposes",
    "ambivalent": "stance-ambivalent",
    "neutral": "stance-neutral",
    "unknown": "stance-unknown",
    "link": "link",
    "muted": "muted",
    "highlight": "highlight",
    "bookmark": "bookmark",
    "note": "note",
}

BASE_COLOURS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "warning",
    "error",
    "success",
    "boost",
)
"""The Textual base colours a theme file may set, in the order Textual lists them."""

SURFACES = ("background", "surface", "panel")
"""The colours text is drawn on."""


class ThemeFile(Table):
    """One theme file: Textual's base colours plus the ``[semantic]`` table."""

    name: ThemeName
    """How ``--theme``, ``BRIEFING_THEME`` and the palette name the theme."""
    dark: Annotated[bool, Strict()]
    """Whether the background is dark; Textual derives shades from it."""
    primary: Colour
    secondary: Colour | None = None
    accent: Colour | None = None
    foreground: Colour
    """Body text."""
    background: Colour
    surface: Colour
    panel: Colour
    warning: Colour | None = None
    error: Colour | None = None
    success: Colour | None = None
    boost: Colour | None = None
    semantic: SemanticColours

    def variables(self) -> dict[str, str]:
        """The app's theme variables (``pro``, ``stance-opposes``, ...) and their colours."""
        semantic = dump(self.semantic)
        return {
            variable: semantic[key] or self.foreground
            for key, variable in SEMANTIC_VARIABLES.items()
        }

    def to_textual_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``textual.theme.Theme``, unset colours left out."""
        kwargs: dict[str, Any] = {"name": self.name, "dark": self.dark}
        for key in BASE_COLOURS:
            value = getattr(self, key)
            if value is not None:
                kwargs[key] = value
        kwargs["variables"] = self.variables()
        return kwargs

    def colours(self) -> dict[str, str]:
        """Every colour the file sets, by dotted key, for a second check by the UI."""
        found = {key: getattr(self, key) for key in BASE_COLOURS if getattr(self, key)}
        for key, value in dump(self.semantic).items():
            if value is not None:
                found[f"semantic.{key}"] = value
        return found


# --------------------------------------------------------------------------
# Reading TOML files with positioned errors


class TomlFileError(Exception):
    """A theme or settings file could not be used; :attr:`problems` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))

    @property
    def file(self) -> str:
        """The file the problems are in."""
        return self.problems[0].file if self.problems else ""


class ThemeError(TomlFileError):
    """A theme file was refused."""


E = TypeVar("E", bound=TomlFileError)
M = TypeVar("M")


def read_toml_file(path: Path, error: type[E]) -> str:
    """Read and decode the small TOML file at *path*, for :func:`validate_toml`.

    Every failure raises *error* with one positioned problem.
    """
    name = os.fspath(path)
    try:
        data = read_limited(
            path,
            name,
            MAX_FILE_BYTES,
            kind="TOML",
            too_big=lambda _size: (
                f"file is larger than {MAX_FILE_BYTES // 1024} KiB; this cannot be right"
            ),
        )
        return decode_toml(data, name)
    except BriefingError as problem:
        raise error(problem.problems) from None


def validate_toml(
    text: str,
    model: type[M],
    name: str,
    error: type[E],
    cache: ValidationCache | None = None,
) -> M:
    """Parse TOML *text* and validate it with the table class *model*.

    Raises *error* listing every problem. With a *cache*, a *text* accepted
    before is neither parsed nor checked again (see
    :func:`briefing_tui.core.content.loader.load_briefing`).
    """

    def check() -> M:
        try:
            data = parse_toml(text, name)
        except BriefingError as problem:
            raise error(problem.problems) from None
        checked, errors = validate(model, data)
        if errors or checked is None:
            positions = key_positions(text)
            problems = []
            for entry in errors:
                path: KeyPath = tuple(entry["loc"])
                if path[-1:] == ("[key]",):
                    # pydantic's marker for "the key of this table entry", not a key.
                    path = path[:-1]
                line, column = position_of(positions, path) or (None, None)
                problems.append(Problem(name, toml_message(entry, model), path, line, column))
            problems.sort(key=lambda problem: (problem.line or 0, problem.column or 0))
            raise error(problems)
        return checked

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return checked_through(cache, model.__name__.lower(), digest, model, check)


def load_theme_file(
    path: str | os.PathLike[str], cache: ValidationCache | None = None
) -> ThemeFile:
    """Load and validate the theme file at *path*.

    Raises :class:`ThemeError` listing every problem, each with its line and
    column where known. With a *cache*, a file accepted before is not
    checked again.
    """
    text = read_toml_file(Path(path), ThemeError)
    return validate_toml(text, ThemeFile, os.fspath(path), ThemeError, cache)


# --------------------------------------------------------------------------
# Contrast


class ContrastCheck(NamedTuple):
    """The contrast of one text colour on one colour it is drawn on."""

    text: str
    """Dotted key of the text colour: ``foreground`` or ``semantic.pro``."""
    on: str
    """Key of the colour underneath: ``background``, ``surface`` or ``panel``."""
    ratio: float | None
    """``None`` when a terminal palette colour makes it unknowable."""
    minimum: float

    @property
    def passes(self) -> bool:
        """True when the ratio is known to meet the minimum."""
        return self.ratio is not None and self.ratio >= self.minimum

    def __str__(self) -> str:
        if self.ratio is None:
            return f"{self.text} on {self.on}: unknown (terminal palette colour)"
        return f"{self.text} on {self.on}: {self.ratio:.2f}:1 (needs {self.minimum:g}:1)"


def contrast_checks(
    theme: ThemeFile,
    text_minimum: float = MINIMUM_CONTRAST,
    semantic_minimum: float = MINIMUM_CONTRAST,
) -> list[ContrastCheck]:
    """The contrast of body text and of each semantic colour on each surface.

    Translucent colours are composited first: the background over black (dark
    themes) or white, surface and panel over the background, text over the
    colour it is drawn on.
    """
    backdrop = Rgba(0, 0, 0) if theme.dark else Rgba(255, 255, 255)
    background = parse_colour(theme.background)
    underneath = {"background": composite(background, backdrop)}
    for key in SURFACES[1:]:
        underneath[key] = composite(parse_colour(getattr(theme, key)), underneath["background"])
    variables = theme.variables()
    texts = {"foreground": (theme.foreground, text_minimum)}
    for key, variable in SEMANTIC_VARIABLES.items():
        texts[f"semantic.{key}"] = (variables[variable], semantic_minimum)
    checks = []
    for text_key, (value, minimum) in texts.items():
        text_colour = parse_colour(value)
        for on, base in underneath.items():
            ratio = None
            if text_colour.ansi is None and base.ansi is None and background.ansi is None:
                ratio = contrast_ratio(composite(text_colour, base), base)
            checks.append(ContrastCheck(text_key, on, ratio, minimum))
    return checks


# --------------------------------------------------------------------------
# Finding themes

Origin = Literal["built-in", "user", "theme-dir"]


class ThemeEntry(NamedTuple):
    """A theme that loaded, and where it came from."""

    theme: ThemeFile
    source: Path
    origin: Origin
    overrides: Path | None = None
    """The file of the theme of the same name this one replaces, if any."""

    @property
    def name(self) -> str:
        """The theme's name."""
        return self.theme.name


@dataclass
class ThemeCatalog:
    """Every theme found, by name, and every file that was refused."""

    entries: dict[str, ThemeEntry] = field(default_factory=dict)
    errors: list[ThemeError] = field(default_factory=list)
    builtins: dict[str, ThemeFile] = field(default_factory=dict)
    """The built-in themes as shipped, even where a user's theme replaces one."""

    def __contains__(self, name: object) -> bool:
        return name in self.entries

    def __iter__(self) -> Iterator[ThemeEntry]:
        return iter(self.entries.values())

    def names(self) -> list[str]:
        """The theme names, built-ins first, then in the order found."""
        return list(self.entries)

    def variable_defaults(self, dark: bool = True) -> dict[str, str]:
        """:func:`theme_variable_defaults`, from the built-in themes already loaded."""
        shipped = self.builtins.get(DEFAULT_THEME if dark else LIGHT_THEME)
        return shipped.variables() if shipped is not None else theme_variable_defaults(dark)


def _theme_files(directory: Path) -> list[Path]:
    """The ``*.toml`` files of *directory*, sorted; raises ThemeError if unreadable."""
    name = os.fspath(directory)
    try:
        if not directory.is_dir():
            what = "not a directory" if directory.exists() else "no such directory"
            raise ThemeError([Problem(name, f"theme directory: {what}")])
        return sorted(path for path in directory.iterdir() if path.suffix == ".toml")
    except PermissionError:
        raise ThemeError([Problem(name, "theme directory: permission denied")]) from None
    except OSError as problem:
        raise ThemeError([Problem(name, f"theme directory: {problem.strerror}")]) from None


def discover_themes(
    user_dir: Path | None,
    extra_dirs: Sequence[Path] = (),
    builtin_dir: Path | None = None,
    cache: ValidationCache | None = None,
) -> ThemeCatalog:
    """Load the built-in themes, then *user_dir*'s, then each of *extra_dirs*.

    A later theme with an earlier one's name replaces it. A missing
    *user_dir* is normal (the user made no themes); a missing extra directory
    and every bad file are collected in :attr:`ThemeCatalog.errors`, never
    raised. *cache* is passed to :func:`load_theme_file`.
    """
    catalog = ThemeCatalog()
    sources: list[tuple[Path, Origin]] = [(builtin_dir or bundled_dir("themes"), "built-in")]
    if user_dir is not None and user_dir.is_dir():
        sources.append((user_dir, "user"))
    sources.extend((directory, "theme-dir") for directory in extra_dirs)
    for directory, origin in sources:
        try:
            files = _theme_files(directory)
        except ThemeError as error:
            catalog.errors.append(error)
            continue
        seen: dict[str, Path] = {}
        for path in files:
            try:
                theme = load_theme_file(path, cache)
            except ThemeError as error:
                catalog.errors.append(error)
                continue
            if origin == "built-in":
                catalog.builtins.setdefault(theme.name, theme)
            if theme.name in seen:
                catalog.errors.append(
                    ThemeError(
                        [
                            Problem(
                                os.fspath(path),
                                f"theme {theme.name!r} is also defined by {seen[theme.name]}; "
                                "rename one of them",
                                ("name",),
                            )
                        ]
                    )
                )
                continue
            seen[theme.name] = path
            previous = catalog.entries.pop(theme.name, None)
            catalog.entries[theme.name] = ThemeEntry(
                theme, path, origin, previous.source if previous else None
            )
    return catalog


def theme_variable_defaults(dark: bool = True) -> dict[str, str]:
    """Values of the app's theme variables for themes that do not set them.

    Textual's own themes (``nord``, ``textual-light``, ...) know nothing of
    ``$pro`` or ``$stance-opposes``; the app returns these from
    ``App.get_theme_variable_defaults`` so that they work. The values come
    from the built-in ``briefing-dark`` or ``briefing-light`` theme, so that
    no colour is written twice.
    """
    return dict(_bundled_variables(DEFAULT_THEME if dark else LIGHT_THEME))


@lru_cache(maxsize=2)
def _bundled_variables(name: str) -> dict[str, str]:
    # Textual asks on every theme change; read each file once.
    return load_theme_file(bundled_dir("themes") / f"{name}.toml").variables()


# --------------------------------------------------------------------------
# Output for the command line


def _sgr_colour(colour: Rgba, background: bool) -> str:
    if colour.ansi == "default":
        return "49" if background else "39"
    if colour.ansi is not None:
        index = ANSI_NAMES.index(colour.ansi)
        base = (40 if background else 30) if index < 8 else (100 if background else 90)
        return str(base + index % 8)
    return f"{48 if background else 38};2;{colour.red};{colour.green};{colour.blue}"


def colour_preview(theme: ThemeFile, color: bool) -> str:
    """One line that shows the theme: coloured words, or the main colours as text."""
    if not color:
        return (
            f"background {theme.background}  foreground {theme.foreground}  primary {theme.primary}"
        )
    backdrop = Rgba(0, 0, 0) if theme.dark else Rgba(255, 255, 255)
    background = composite(parse_colour(theme.background), backdrop)
    on = f"\x1b[{_sgr_colour(background, True)}m"
    # The required colours under their short names: the line fits 80 columns.
    semantic = dump(theme.semantic)
    samples = [("text", theme.foreground)]
    samples += [(key, semantic[key]) for key in REQUIRED_SEMANTIC]
    words = []
    for label, value in samples:
        colour = composite(parse_colour(value), background)
        words.append(f"\x1b[{_sgr_colour(colour, False)}m{label}")
    return f"{on} {' '.join(words)} \x1b[0m"


def format_theme_list(catalog: ThemeCatalog, color: bool, current: str | None = None) -> str:
    """``briefing themes``: every theme with its source file and a preview line.

    *color* says whether the preview may use 24-bit colour escapes: only when
    writing to a terminal. *current* marks the theme in effect.
    """
    lines = []
    for entry in catalog:
        mark = "*" if entry.name == current else " "
        tone = "dark" if entry.theme.dark else "light"
        notes = f"{tone}, {entry.origin}"
        if entry.overrides is not None:
            notes += f", replaces {entry.overrides}"
        lines.append(neutralise(f"{mark} {entry.name} ({notes}): {entry.source}"))
        lines.append(f"    {colour_preview(entry.theme, color)}")
    return "\n".join(lines)


class ThemeCheck(NamedTuple):
    """What ``briefing themes --check`` prints, and its exit status."""

    output: list[str]
    """Lines for stdout: one per good file, and contrast warnings."""
    errors: list[str]
    """Lines for stderr: every problem of every bad file."""
    status: int


def check_theme_files(paths: Iterable[str | os.PathLike[str]]) -> ThemeCheck:
    """Validate theme files as ``briefing validate`` does content (status 2 on error).

    A good file gets ``ok FILE: theme NAME (dark), lowest contrast R:1``;
    text colours under 4.5:1 are reported as warnings without failing: a
    user's theme is the user's choice.
    """
    output: list[str] = []
    errors: list[str] = []
    status = 0
    for path in paths:
        name = os.fspath(path)
        try:
            theme = load_theme_file(path)
        except ThemeError as error:
            errors.extend(str(problem) for problem in error.problems)
            status = 2
            continue
        checks = contrast_checks(theme)
        known = [check for check in checks if check.ratio is not None]
        tone = "dark" if theme.dark else "light"
        summary = f"ok {name}: theme {theme.name} ({tone})"
        if known:
            lowest = min(known, key=lambda check: check.ratio or 0.0)
            summary += f", lowest contrast {lowest.ratio:.2f}:1 ({lowest.text} on {lowest.on})"
        output.append(neutralise(summary))
        output.extend(
            neutralise(f"{name}: warning: low contrast: {check}")
            for check in checks
            if not check.passes
        )
    return ThemeCheck(output, errors, status)


def unknown_theme_message(name: str, known: Iterable[str]) -> str:
    """``unknown theme 'NAME'`` with the closest known name, or the list of names."""
    names = sorted(known)
    message = f"unknown theme {name!r}"
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    if close:
        return neutralise(f"{message} (did you mean {close[0]!r}?)")
    return neutralise(f"{message}; available: {', '.join(names)}")
