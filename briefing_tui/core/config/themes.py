"""Theme files: TOML in, a checked model out, ready to become a Textual theme.

A theme file names the Textual base colours and the app's own semantic
colours (pros, cons, stances, links, muted text). :func:`load_theme_file`
validates one file with :class:`ThemeFile` and reports every problem as
``FILE:LINE:COL: key: message``; :func:`discover_themes` gathers the built-in
themes, the user's and those of ``--theme-dir``, collecting bad files instead
of raising so that the app still starts.

Colours are checked here, at load time, because ``textual.theme.Theme`` does
not check them and a bad one fails much later with a misleading error. The
core must not import Textual, so :func:`parse_colour` is a small parser of the
same syntax ``textual.color.Color.parse`` reads: ``#rgb``, ``#rgba``,
``#rrggbb``, ``#rrggbbaa``, ``rgb()``, ``rgba()``, ``hsl()``, ``hsla()``, the
CSS colour names, ``transparent`` and the ``ansi_*`` names. It is slightly
stricter: ASCII digits only, no trailing newline, and no number beyond a
billion (on which Textual may overflow). ``tests/core/config/test_themes.py`` proves
that whatever it accepts, Textual accepts with the same value; the UI still
runs each colour through ``Color.parse`` when it registers a theme, as a
second check.

The parser yields RGBA values, so the same module computes WCAG contrast
ratios (:func:`contrast_ratio`, :func:`contrast_checks`) for the tests and
for ``briefing themes --check``.
"""

# No ``from __future__ import annotations``, as in model.py: reading a theme
# from the cache of checked files needs its tables' annotations as types.

import colorsys
import difflib
import hashlib
import math
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, TypeVar

from briefing_tui.core.config.cache import ValidationCache, checked_through
from briefing_tui.core.content.loader import (
    BriefingError,
    Problem,
    decode_toml,
    parse_toml,
    read_limited,
    toml_message,
)
from briefing_tui.core.content.positions import key_positions, position_of
from briefing_tui.core.config.resources import bundled_dir
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

#: The CSS Color Module Level 4 named colours.
CSS_COLOURS: dict[str, str] = {
    "aliceblue": "#f0f8ff",
    "antiquewhite": "#faebd7",
    "aqua": "#00ffff",
    "aquamarine": "#7fffd4",
    "azure": "#f0ffff",
    "beige": "#f5f5dc",
    "bisque": "#ffe4c4",
    "black": "#000000",
    "blanchedalmond": "#ffebcd",
    "blue": "#0000ff",
    "blueviolet": "#8a2be2",
    "brown": "#a52a2a",
    "burlywood": "#deb887",
    "cadetblue": "#5f9ea0",
    "chartreuse": "#7fff00",
    "chocolate": "#d2691e",
    "coral": "#ff7f50",
    "cornflowerblue": "#6495ed",
    "cornsilk": "#fff8dc",
    "crimson": "#dc143c",
    "cyan": "#00ffff",
    "darkblue": "#00008b",
    "darkcyan": "#008b8b",
    "darkgoldenrod": "#b8860b",
    "darkgray": "#a9a9a9",
    "darkgreen": "#006400",
    "darkgrey": "#a9a9a9",
    "darkkhaki": "#bdb76b",
    "darkmagenta": "#8b008b",
    "darkolivegreen": "#556b2f",
    "darkorange": "#ff8c00",
    "darkorchid": "#9932cc",
    "darkred": "#8b0000",
    "darksalmon": "#e9967a",
    "darkseagreen": "#8fbc8f",
    "darkslateblue": "#483d8b",
    "darkslategray": "#2f4f4f",
    "darkslategrey": "#2f4f4f",
    "darkturquoise": "#00ced1",
    "darkviolet": "#9400d3",
    "deeppink": "#ff1493",
    "deepskyblue": "#00bfff",
    "dimgray": "#696969",
    "dimgrey": "#696969",
    "dodgerblue": "#1e90ff",
    "firebrick": "#b22222",
    "floralwhite": "#fffaf0",
    "forestgreen": "#228b22",
    "fuchsia": "#ff00ff",
    "gainsboro": "#dcdcdc",
    "ghostwhite": "#f8f8ff",
    "gold": "#ffd700",
    "goldenrod": "#daa520",
    "gray": "#808080",
    "green": "#008000",
    "greenyellow": "#adff2f",
    "grey": "#808080",
    "honeydew": "#f0fff0",
    "hotpink": "#ff69b4",
    "indianred": "#cd5c5c",
    "indigo": "#4b0082",
    "ivory": "#fffff0",
    "khaki": "#f0e68c",
    "lavender": "#e6e6fa",
    "lavenderblush": "#fff0f5",
    "lawngreen": "#7cfc00",
    "lemonchiffon": "#fffacd",
    "lightblue": "#add8e6",
    "lightcoral": "#f08080",
    "lightcyan": "#e0ffff",
    "lightgoldenrodyellow": "#fafad2",
    "lightgray": "#d3d3d3",
    "lightgreen": "#90ee90",
    "lightgrey": "#d3d3d3",
    "lightpink": "#ffb6c1",
    "lightsalmon": "#ffa07a",
    "lightseagreen": "#20b2aa",
    "lightskyblue": "#87cefa",
    "lightslategray": "#778899",
    "lightslategrey": "#778899",
    "lightsteelblue": "#b0c4de",
    "lightyellow": "#ffffe0",
    "lime": "#00ff00",
    "limegreen": "#32cd32",
    "linen": "#faf0e6",
    "magenta": "#ff00ff",
    "maroon": "#800000",
    "mediumaquamarine": "#66cdaa",
    "mediumblue": "#0000cd",
    "mediumorchid": "#ba55d3",
    "mediumpurple": "#9370db",
    "mediumseagreen": "#3cb371",
    "mediumslateblue": "#7b68ee",
    "mediumspringgreen": "#00fa9a",
    "mediumturquoise": "#48d1cc",
    "mediumvioletred": "#c71585",
    "midnightblue": "#191970",
    "mintcream": "#f5fffa",
    "mistyrose": "#ffe4e1",
    "moccasin": "#ffe4b5",
    "navajowhite": "#ffdead",
    "navy": "#000080",
    "oldlace": "#fdf5e6",
    "olive": "#808000",
    "olivedrab": "#6b8e23",
    "orange": "#ffa500",
    "orangered": "#ff4500",
    "orchid": "#da70d6",
    "palegoldenrod": "#eee8aa",
    "palegreen": "#98fb98",
    "paleturquoise": "#afeeee",
    "palevioletred": "#db7093",
    "papayawhip": "#ffefd5",
    "peachpuff": "#ffdab9",
    "peru": "#cd853f",
    "pink": "#ffc0cb",
    "plum": "#dda0dd",
    "powderblue": "#b0e0e6",
    "purple": "#800080",
    "rebeccapurple": "#663399",
    "red": "#ff0000",
    "rosybrown": "#bc8f8f",
    "royalblue": "#4169e1",
    "saddlebrown": "#8b4513",
    "salmon": "#fa8072",
    "sandybrown": "#f4a460",
    "seagreen": "#2e8b57",
    "seashell": "#fff5ee",
    "sienna": "#a0522d",
    "silver": "#c0c0c0",
    "skyblue": "#87ceeb",
    "slateblue": "#6a5acd",
    "slategray": "#708090",
    "slategrey": "#708090",
    "snow": "#fffafa",
    "springgreen": "#00ff7f",
    "steelblue": "#4682b4",
    "tan": "#d2b48c",
    "teal": "#008080",
    "thistle": "#d8bfd8",
    "tomato": "#ff6347",
    "turquoise": "#40e0d0",
    "violet": "#ee82ee",
    "wheat": "#f5deb3",
    "white": "#ffffff",
    "whitesmoke": "#f5f5f5",
    "yellow": "#ffff00",
    "yellowgreen": "#9acd32",
}

_NUMBER = r"-?[0-9]+\.?[0-9]*"
_PERCENT = rf"{_NUMBER}%"
_COMMA = r"\s*,\s*"
# Patterns that re compiles on first use (and caches): the shipped themes spell
# their colours in hex, so start-up does not compile the colour functions'.
_FUNCTIONS = {
    "rgb": rf"rgb\(\s*({_NUMBER}){_COMMA}({_NUMBER}){_COMMA}({_NUMBER})\s*\)",
    "rgba": rf"rgba\(\s*({_NUMBER}){_COMMA}({_NUMBER}){_COMMA}({_NUMBER}){_COMMA}({_NUMBER})\s*\)",
    "hsl": rf"hsl\(\s*({_NUMBER}){_COMMA}({_PERCENT}){_COMMA}({_PERCENT})\s*\)",
    "hsla": rf"hsla\(\s*({_NUMBER}){_COMMA}({_PERCENT}){_COMMA}({_PERCENT}){_COMMA}({_NUMBER})\s*\)",
}
_HEX = r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})"

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


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _finite(text: str) -> float:
    value = float(text.rstrip("%"))
    if not math.isfinite(value) or abs(value) > 1e9:
        raise ColourError(f"{text!r} is out of range")
    return value


def parse_colour(text: str) -> Rgba:
    """Parse *text* as Textual would; raise :class:`ColourError` if it is not a colour."""
    if text == "ansi_default":
        return Rgba(0, 0, 0, 1.0, "default")
    if text.startswith("ansi_") and text[5:] in ANSI_NAMES:
        red, green, blue = _ANSI_NOMINAL[text[5:]]
        return Rgba(red, green, blue, 1.0, text[5:])
    if text == "transparent":
        return Rgba(0, 0, 0, 0.0)
    if text in CSS_COLOURS:
        return _hex(CSS_COLOURS[text][1:])
    if re.fullmatch(_HEX, text):
        return _hex(text[1:])
    for name, pattern in _FUNCTIONS.items():
        match = re.fullmatch(pattern, text)
        if match is not None:
            numbers = [_finite(part) for part in match.groups()]
            return _function(name, numbers)
    raise ColourError(_not_a_colour(text))


def _not_a_colour(text: str) -> str:
    message = f"{text!r} is not a colour; use {COLOUR_SYNTAX}"
    if not text.startswith(("#", "rgb", "hsl")):
        names = [*CSS_COLOURS, "transparent", "ansi_default"]
        names += [f"ansi_{name}" for name in ANSI_NAMES]
        close = difflib.get_close_matches(text.lower(), names, n=1, cutoff=0.7)
        if close:
            message += f" (did you mean {close[0]!r}?)"
    return message


def _hex(digits: str) -> Rgba:
    if len(digits) in (3, 4):
        digits = "".join(digit * 2 for digit in digits)
    red, green, blue = (int(digits[index : index + 2], 16) for index in (0, 2, 4))
    alpha = int(digits[6:8], 16) / 255 if len(digits) == 8 else 1.0
    return Rgba(red, green, blue, alpha)


def _function(name: str, numbers: list[float]) -> Rgba:
    alpha = _clamp(numbers[3], 0.0, 1.0) if len(numbers) == 4 else 1.0
    if name.startswith("rgb"):
        red, green, blue = (int(_clamp(int(number), 0, 255)) for number in numbers[:3])
        return Rgba(red, green, blue, alpha)
    hue = numbers[0] % 360 / 360
    saturation, lightness = (_clamp(number / 100, 0.0, 1.0) for number in numbers[1:3])
    channels = colorsys.hls_to_rgb(hue, lightness, saturation)
    red, green, blue = (int(channel * 255 + 0.5) for channel in channels)
    return Rgba(red, green, blue, alpha)


# Textual's nominal values for the palette colours (the VGA palette).
_ANSI_NOMINAL: dict[str, tuple[int, int, int]] = {
    "black": (0, 0, 0),
    "red": (128, 0, 0),
    "green": (0, 128, 0),
    "yellow": (128, 128, 0),
    "blue": (0, 0, 128),
    "magenta": (128, 0, 128),
    "cyan": (0, 128, 128),
    "white": (192, 192, 192),
    "bright_black": (128, 128, 128),
    "bright_red": (255, 0, 0),
    "bright_green": (0, 255, 0),
    "bright_yellow": (255, 255, 0),
    "bright_blue": (0, 0, 255),
    "bright_magenta": (255, 0, 255),
    "bright_cyan": (0, 255, 255),
    "bright_white": (255, 255, 255),
}


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
            too_big=lambda _size: f"file is larger than {MAX_FILE_BYTES // 1024} KiB; this cannot be right",
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
