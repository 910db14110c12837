"""Theme files: colour parsing, loading and its errors, contrast, discovery, CLI output."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.theme import BUILTIN_THEMES, Theme
from textual.widgets import Static

from briefing_tui.core.config.resources import bundled_dir
from briefing_tui.core.config.themes import (
    HIGH_CONTRAST,
    MINIMUM_CONTRAST,
    SEMANTIC_VARIABLES,
    ColourError,
    Rgba,
    ThemeError,
    check_theme_files,
    contrast_checks,
    contrast_ratio,
    discover_themes,
    format_theme_list,
    load_theme_file,
    parse_colour,
    theme_variable_defaults,
    unknown_theme_message,
)

SHIPPED = ("briefing-dark", "briefing-light", "high-contrast", "mono")

GOOD_THEME = """\
name = "sample"
dark = true
primary = "#5b9bd5"
foreground = "#e4e6eb"
background = "#15171c"
surface = "#1c1f26"
panel = "#262a33"

[semantic]
pro = "#74c69d"
con = "#f08c8c"
supports = "#5ec2b7"
opposes = "#f2956b"
ambivalent = "#e3c16f"
neutral = "#a7b4c8"
unknown = "#a3a3b8"
link = "#7fb7ff"
muted = "#9ba1ad"
"""


def write(tmp_path: Path, text: str | bytes, name: str = "theme.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ThemeError) as caught:
        load_theme_file(path)
    return [str(problem) for problem in caught.value.problems]


# --------------------------------------------------------------------------
# Colours are read as Textual reads them


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#fff", Rgba(255, 255, 255)),
        ("#A1B2C380", Rgba(161, 178, 195, 128 / 255)),
        ("rgb(300,-5,1.7)", Rgba(255, 0, 1)),
        ("hsl(120,50%,50%)", Rgba(64, 191, 64)),
        ("rebeccapurple", Rgba(102, 51, 153)),
        ("transparent", Rgba(0, 0, 0, 0.0)),
        ("ansi_bright_white", Rgba(255, 255, 255, 1.0, "bright_white")),
        ("ansi_default", Rgba(0, 0, 0, 1.0, "default")),
    ],
)
def test_colours_read_as_textual_reads_them(text: str, expected: Rgba) -> None:
    colour = parse_colour(text)
    assert colour[:3] == expected[:3]
    assert colour.alpha == pytest.approx(expected.alpha)
    assert colour.ansi == expected.ansi


@pytest.mark.parametrize(
    "text", ["#12345", "fff", "", "rgb(1,2)", "ansi_purple", "auto", "$primary", " #fff"]
)
def test_what_textual_refuses_is_not_a_colour(text: str) -> None:
    with pytest.raises(ColourError, match="is not a colour"):
        parse_colour(text)


@pytest.mark.parametrize("text", ["#fff\n", "rgb(\u0663,0,0)", "red\x1b"])
def test_colours_are_ascii_and_printable(text: str) -> None:
    # Textual's pattern takes other scripts' digits and a trailing newline.
    with pytest.raises(ColourError, match="is not a colour"):
        parse_colour(text)


def test_huge_numbers_are_refused_not_crashed_on() -> None:
    with pytest.raises(ColourError, match="out of range"):
        parse_colour("rgb(" + "9" * 400 + ",0,0)")


def test_colour_name_typo_suggests_the_name() -> None:
    with pytest.raises(ColourError, match="did you mean 'rebeccapurple'"):
        parse_colour("rebecapurple")


# --------------------------------------------------------------------------
# Contrast maths


def test_contrast_extremes_and_a_known_value() -> None:
    black, white = parse_colour("#000000"), parse_colour("#ffffff")
    assert contrast_ratio(black, white) == pytest.approx(21.0)
    assert contrast_ratio(white, white) == pytest.approx(1.0)
    assert contrast_ratio(white, black) == contrast_ratio(black, white)
    # WebAIM's checker: #777777 on white is 4.48:1, just failing AA.
    assert contrast_ratio(parse_colour("#777777"), white) == pytest.approx(4.48, abs=0.01)


def test_translucent_text_is_composited_before_measuring(tmp_path: Path) -> None:
    text = GOOD_THEME.replace('foreground = "#e4e6eb"', 'foreground = "#ffffff40"')
    theme = load_theme_file(write(tmp_path, text))
    check = next(
        c for c in contrast_checks(theme) if c.text == "foreground" and c.on == "background"
    )
    assert check.ratio is not None
    assert check.ratio < 3
    assert not check.passes


def test_terminal_palette_colours_have_unknown_contrast(tmp_path: Path) -> None:
    theme = load_theme_file(write(tmp_path, GOOD_THEME.replace('"#74c69d"', '"ansi_green"')))
    check = next(c for c in contrast_checks(theme) if c.text == "semantic.pro")
    assert check.ratio is None
    assert not check.passes
    assert "unknown" in str(check)


# --------------------------------------------------------------------------
# The shipped themes


def shipped(name: str) -> Path:
    return bundled_dir("themes") / f"{name}.toml"


def test_the_shipped_themes_are_exactly_the_four() -> None:
    assert sorted(path.stem for path in bundled_dir("themes").glob("*.toml")) == sorted(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_theme_loads_under_its_file_name(name: str) -> None:
    theme = load_theme_file(shipped(name))
    assert theme.name == name
    assert all(value is not None for value in dataclasses.asdict(theme.semantic).values())


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_theme_is_a_valid_textual_theme(name: str) -> None:
    theme = load_theme_file(shipped(name))
    for value in theme.colours().values():
        Color.parse(value)
    generated = Theme(**theme.to_textual_kwargs()).to_color_system().generate()
    assert generated["background"].lower() == theme.background.lower()


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_theme_contrast(name: str) -> None:
    """WCAG: all text at least 4.5:1; high-contrast's body text at least 7:1."""
    theme = load_theme_file(shipped(name))
    text_minimum = HIGH_CONTRAST if name == "high-contrast" else MINIMUM_CONTRAST
    checks = contrast_checks(theme, text_minimum=text_minimum)
    assert {check.on for check in checks} == {"background", "surface", "panel"}
    assert len({check.text for check in checks}) == 1 + len(SEMANTIC_VARIABLES)
    failures = [str(check) for check in checks if not check.passes]
    assert failures == []


def test_mono_has_no_colour_at_all() -> None:
    theme = load_theme_file(shipped("mono"))
    for key, value in theme.colours().items():
        red, green, blue, *_ = parse_colour(value)
        assert red == green == blue, key


def test_contrast_check_fails_a_low_contrast_theme(tmp_path: Path) -> None:
    theme = load_theme_file(
        write(tmp_path, GOOD_THEME.replace('muted = "#9ba1ad"', 'muted = "#3a3d44"'))
    )
    failing = [check for check in contrast_checks(theme) if not check.passes]
    assert {check.text for check in failing} == {"semantic.muted"}


# --------------------------------------------------------------------------
# The model and Textual


def test_textual_kwargs_carry_the_app_variables(tmp_path: Path) -> None:
    theme = load_theme_file(write(tmp_path, GOOD_THEME))
    kwargs = theme.to_textual_kwargs()
    assert kwargs["name"] == "sample"
    assert kwargs["dark"] is True
    assert "secondary" not in kwargs
    variables = kwargs["variables"]
    assert variables["pro"] == "#74c69d"
    assert variables["stance-opposes"] == "#f2956b"
    assert variables["link"] == "#7fb7ff"
    assert variables["muted"] == "#9ba1ad"
    # Optional semantic colours fall back to the body text colour.
    assert variables["highlight"] == variables["bookmark"] == variables["note"] == "#e4e6eb"
    assert set(variables) == set(SEMANTIC_VARIABLES.values())


@pytest.mark.parametrize("dark", [True, False])
def test_variable_defaults_cover_every_variable(dark: bool) -> None:
    defaults = theme_variable_defaults(dark)
    assert set(defaults) == set(SEMANTIC_VARIABLES.values())
    for value in defaults.values():
        Color.parse(value)


class VariablesApp(App[None]):
    """Uses every app variable, under whatever theme it is given."""

    CSS = "\n".join(
        f"#{variable} {{ color: ${variable}; }}" for variable in SEMANTIC_VARIABLES.values()
    )

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return theme_variable_defaults(self.current_theme.dark)

    def compose(self) -> ComposeResult:
        for variable in SEMANTIC_VARIABLES.values():
            yield Static(variable, id=variable)


async def test_textual_builtin_themes_work_with_the_defaults() -> None:
    app = VariablesApp()
    async with app.run_test() as pilot:
        for name in ("textual-dark", "textual-light", "nord", "ansi-dark"):
            app.theme = name
            await pilot.pause()
        pro = app.query_one("#pro").styles.color
        assert pro.hex.lower() == theme_variable_defaults(BUILTIN_THEMES["ansi-dark"].dark)["pro"]


async def test_a_loaded_theme_drives_the_variables(tmp_path: Path) -> None:
    theme = load_theme_file(write(tmp_path, GOOD_THEME))
    app = VariablesApp()
    async with app.run_test() as pilot:
        app.register_theme(Theme(**theme.to_textual_kwargs()))
        app.theme = "sample"
        await pilot.pause()
        assert app.query_one("#stance-supports").styles.color.hex.lower() == "#5ec2b7"


# --------------------------------------------------------------------------
# Every error path of a theme file


def test_unknown_key_is_located_with_a_suggestion(tmp_path: Path) -> None:
    path = write(
        tmp_path, GOOD_THEME.replace('panel = "#262a33"', 'panel = "#262a33"\nbackgroud = "#000"')
    )
    assert problems_of(path) == [
        (
            f"{path}:8:1: backgroud: unknown key 'backgroud' in the top level "
            "(did you mean 'background'?)"
        )
    ]


def test_unknown_semantic_key_is_located_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_THEME + 'suports = "#ffffff"\n')
    assert problems_of(path) == [
        (
            f"{path}:19:1: semantic.suports: unknown key 'suports' in [semantic] "
            "(did you mean 'supports'?)"
        )
    ]


def test_unknown_key_without_a_close_match_lists_the_keys(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_THEME + 'zzz = "#ffffff"\n')
    [problem] = problems_of(path)
    assert "allowed keys: pro, con, supports" in problem


def test_bad_colour_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_THEME.replace('con = "#f08c8c"', 'con = "#f08c8"'))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:11:1: semantic.con: '#f08c8' is not a colour; use #rrggbb")


def test_bad_colour_name_suggests_a_name(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_THEME.replace('primary = "#5b9bd5"', 'primary = "steelblu"'))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:3:1: primary: 'steelblu' is not a colour")
    assert problem.endswith("(did you mean 'steelblue'?)")


def test_missing_semantic_key(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_THEME.replace('link = "#7fb7ff"\n', ""))
    assert problems_of(path) == [
        f"{path}:9:1: semantic.link: missing required key 'link' in [semantic]"
    ]


def test_missing_semantic_table_and_base_colour(tmp_path: Path) -> None:
    text = GOOD_THEME.split("[semantic]")[0].replace('surface = "#1c1f26"\n', "")
    path = write(tmp_path, text)
    assert problems_of(path) == [
        f"{path}: surface: missing required key 'surface' in the top level",
        f"{path}: semantic: missing required table [semantic]",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "dark = true",
            'dark = "yes"',
            "2:1: dark: expected a boolean (true or false), got a string 'yes'",
        ),
        ('primary = "#5b9bd5"', "primary = 5", "3:1: primary: expected a string, got an integer 5"),
        ('name = "sample"', "name = [1]", "1:1: name: expected a string, got an array"),
        ('name = "sample"', 'name = "My Theme"', "1:1: name: 'My Theme' is not a valid theme name"),
        (
            "[semantic]\n",
            'semantic = "x"\n[other]\n',
            "9:1: semantic: expected a table, got a string 'x'",
        ),
    ],
)
def test_wrong_types(tmp_path: Path, old: str, new: str, expected: str) -> None:
    path = write(tmp_path, GOOD_THEME.replace(old, new, 1))
    assert any(problem.startswith(f"{path}:{expected}") for problem in problems_of(path))


def test_every_problem_of_a_file_at_once_in_line_order(tmp_path: Path) -> None:
    text = GOOD_THEME.replace("dark = true", "dark = 1").replace(
        'muted = "#9ba1ad"', 'muted = "nope"'
    )
    lines = [problem.split(":")[1] for problem in problems_of(write(tmp_path, text))]
    assert lines == ["2", "18"]


def test_toml_syntax_error_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_THEME.replace('panel = "#262a33"', 'panel = "#262a33'))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:7:")
    assert "TOML syntax error" in problem


def test_non_utf8_file_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_THEME.encode().replace(b"sample", b"sam\xffple"))
    [problem] = problems_of(path)
    assert problem == (
        f"{path}:1:12: the file is not UTF-8: byte 0xff cannot be decoded (save the file as UTF-8)"
    )


def test_escape_sequences_in_a_theme_file_never_reach_the_terminal(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_THEME.replace('"#5b9bd5"', '"\\u001b]52;c;aGk=\\u0007"'))
    [problem] = problems_of(path)
    assert "\x1b" not in problem
    assert "\x07" not in problem
    assert "\\x1b]52" in problem


def test_escape_sequences_in_an_unknown_key_never_reach_the_terminal(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_THEME.replace("[semantic]", '"\\u001b[2J" = 1\n[semantic]'))
    [problem] = problems_of(path)
    assert "\x1b" not in problem
    assert problem.startswith(f"{path}:9:1: ␛[2J: unknown key '\\x1b[2J' in the top level")


def test_unreadable_files(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    huge = write(tmp_path, "# " + "x" * 1024 * 1024)
    assert problems_of(missing) == [f"{missing}: no such file"]
    assert problems_of(tmp_path) == [f"{tmp_path}: is a directory, not a TOML file"]
    assert problems_of(huge) == [f"{huge}: file is larger than 1024 KiB; this cannot be right"]


# --------------------------------------------------------------------------
# Discovery


def theme_text(name: str, pro: str = "#74c69d") -> str:
    return GOOD_THEME.replace('"sample"', f'"{name}"').replace('"#74c69d"', f'"{pro}"')


def test_builtins_come_first_and_remember_their_files() -> None:
    catalog = discover_themes(None)
    assert catalog.names() == sorted(SHIPPED)
    assert catalog.errors == []
    for entry in catalog:
        assert entry.origin == "built-in"
        assert entry.source == shipped(entry.name)
        assert entry.overrides is None


def test_user_and_theme_dir_themes_override_in_order(tmp_path: Path) -> None:
    user = tmp_path / "user"
    extra = tmp_path / "extra"
    user.mkdir()
    extra.mkdir()
    write(user, theme_text("briefing-dark", pro="#00ff00"), "mine.toml")
    write(user, theme_text("solar"), "solar.toml")
    write(extra, theme_text("solar", pro="#ffffff"), "solar.toml")
    write(extra, "not a theme", "notes.txt")
    catalog = discover_themes(user, [extra])
    assert catalog.errors == []
    dark = catalog.entries["briefing-dark"]
    assert (dark.origin, dark.source, dark.overrides) == (
        "user",
        user / "mine.toml",
        shipped("briefing-dark"),
    )
    assert dark.theme.semantic.pro == "#00ff00"
    solar = catalog.entries["solar"]
    assert (solar.origin, solar.overrides) == ("theme-dir", user / "solar.toml")
    assert solar.theme.semantic.pro == "#ffffff"


def test_bad_files_are_collected_and_the_rest_still_load(tmp_path: Path) -> None:
    write(tmp_path, theme_text("good"), "a.toml")
    write(tmp_path, theme_text("broken").replace("dark = true", "dark = maybe"), "b.toml")
    write(tmp_path, theme_text("good"), "c.toml")
    catalog = discover_themes(tmp_path, [tmp_path / "nowhere"])
    assert "good" in catalog
    assert "broken" not in catalog
    messages = [str(error) for error in catalog.errors]
    assert messages[0].startswith(f"{tmp_path / 'b.toml'}:2:")
    assert messages[1] == (
        f"{tmp_path / 'c.toml'}: name: theme 'good' is also defined by {tmp_path / 'a.toml'}; "
        "rename one of them"
    )
    assert messages[2] == f"{tmp_path / 'nowhere'}: theme directory: no such directory"
    assert [error.file for error in catalog.errors] == [
        os.fspath(tmp_path / "b.toml"),
        os.fspath(tmp_path / "c.toml"),
        os.fspath(tmp_path / "nowhere"),
    ]


def test_a_missing_user_dir_is_not_an_error(tmp_path: Path) -> None:
    assert discover_themes(tmp_path / "no-themes-yet").errors == []


# --------------------------------------------------------------------------
# Command-line output


def test_theme_list_without_colour_has_no_escapes() -> None:
    text = format_theme_list(discover_themes(None), color=False, current="mono")
    assert "\x1b" not in text
    lines = text.splitlines()
    assert len(lines) == 2 * len(SHIPPED)
    assert lines[0] == f"  briefing-dark (dark, built-in): {shipped('briefing-dark')}"
    assert lines[1].startswith("    background #15171c  foreground #e4e6eb")
    assert f"* mono (dark, built-in): {shipped('mono')}" in lines


def test_theme_list_with_colour_previews_in_truecolor(tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    write(user, theme_text("briefing-dark"), "override.toml")
    text = format_theme_list(discover_themes(user), color=True)
    assert "\x1b[48;2;21;23;28m" in text  # the sample theme's background
    assert "\x1b[38;2;116;198;157mpro" in text
    assert f"(dark, user, replaces {shipped('briefing-dark')})" in text


def test_theme_list_neutralises_file_names(tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    write(user, theme_text("odd"), "evil\x1b[2J.toml")
    text = format_theme_list(discover_themes(user), color=False)
    assert "\x1b" not in text
    assert "evil␛[2J.toml" in text


def test_check_reports_good_and_bad_files(tmp_path: Path) -> None:
    good = write(tmp_path, GOOD_THEME, "good.toml")
    bad = write(tmp_path, GOOD_THEME.replace("dark = true", "drak = true"), "bad.toml")
    result = check_theme_files([good, bad])
    assert result.status == 2
    assert len(result.output) == 1
    assert result.output[0].startswith(f"ok {good}: theme sample (dark), lowest contrast ")
    assert result.errors == [
        f"{bad}: dark: missing required key 'dark' in the top level",
        f"{bad}:2:1: drak: unknown key 'drak' in the top level (did you mean 'dark'?)",
    ]


def test_check_warns_about_low_contrast_without_failing(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_THEME.replace('muted = "#9ba1ad"', 'muted = "#3a3d44"'))
    result = check_theme_files([path])
    assert result.status == 0
    assert result.errors == []
    assert f"{path}: warning: low contrast: semantic.muted on background: " in "\n".join(
        result.output
    )


def test_check_of_shipped_themes_passes() -> None:
    result = check_theme_files([shipped(name) for name in SHIPPED])
    assert result.status == 0
    assert [line.split(":")[0] for line in result.output] == [
        f"ok {shipped(name)}" for name in SHIPPED
    ]


def test_unknown_theme_message() -> None:
    assert (
        unknown_theme_message("nrod", ["nord", "mono"])
        == "unknown theme 'nrod' (did you mean 'nord'?)"
    )
    assert (
        unknown_theme_message("xyz", ["nord", "mono"])
        == "unknown theme 'xyz'; available: mono, nord"
    )


def test_the_documented_example_is_a_valid_theme(tmp_path: Path) -> None:
    docs = Path(__file__).resolve().parents[3] / "docs" / "themes.md"
    example = docs.read_text(encoding="utf-8").split("```toml\n")[1].split("```")[0]
    theme = load_theme_file(write(tmp_path, example))
    assert theme.name == "dusk"
    assert all(check.passes for check in contrast_checks(theme))
