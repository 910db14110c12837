"""Settings file, app state file, and which setting wins."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.config.settings import (
    EffectiveSettings,
    SettingsError,
    check_theme_choice,
    default_settings_path,
    default_state_path,
    effective_settings,
    format_effective_settings,
    load_settings,
    read_state,
    remember_outline_share,
    remember_theme,
    user_themes_dir,
    write_state,
)

GOOD_SETTINGS = """\
# my settings
theme = "briefing-light"
briefing = "briefings/talk.toml"

[keymap]
quit = "ctrl+q"
"outline.toggle" = "f2, o"
help = "question_mark,?"
"""


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    return [str(problem) for problem in caught.value.problems]


def test_paths_follow_the_platform_dirs(tmp_path: Path) -> None:
    config = tmp_path / "xdg" / "config" / "briefing-tui"
    assert default_settings_path() == config / "config.toml"
    assert user_themes_dir() == config / "themes"
    assert default_state_path() == tmp_path / "xdg" / "data" / "briefing-tui" / "state.json"


# --------------------------------------------------------------------------
# The settings file


def test_good_settings_load(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", GOOD_SETTINGS)
    settings = load_settings(path)
    assert settings.theme == "briefing-light"
    assert settings.keymap == {
        "quit": "ctrl+q",
        "outline.toggle": "f2,o",
        "help": "question_mark,?",
    }
    assert settings.briefing_path() == tmp_path / "briefings" / "talk.toml"
    assert settings.path == path


def test_briefing_path_expands_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    settings = load_settings(write(tmp_path / "c.toml", 'briefing = "~/b.toml"\n'))
    assert settings.briefing_path() == tmp_path / "home" / "b.toml"


def test_an_empty_file_is_all_defaults(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path / "c.toml", "# nothing yet\n"))
    assert (settings.theme, settings.briefing, settings.keymap) == (None, None, {})
    assert settings.new_cards_per_day is None


def test_new_cards_per_day_is_read_and_shown_with_its_source(
    tmp_path: Path, state_path: Path
) -> None:
    config = write(tmp_path / "config.toml", "new_cards_per_day = 5\n")
    effective = effective_settings(None, {}, config, state_path=state_path)
    assert (effective.new_cards_per_day, effective.new_cards_source) == (
        5,
        f"settings file {config}",
    )
    assert f"new_cards_per_day  5  [from settings file {config}]" in (
        format_effective_settings(effective)
    )
    default = effective_settings(None, {}, None, state_path=state_path)
    assert (default.new_cards_per_day, default.new_cards_source) == (20, "default")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'them = "mono"\n',
            "1:1: them: unknown key 'them' in the top level (did you mean 'theme'?)",
        ),
        ("theme = 5\n", "1:1: theme: expected a string, got an integer 5"),
        ('theme = "Mono Theme"\n', "1:1: theme: 'Mono Theme' is not a valid theme name"),
        ('briefing = ""\n', "1:1: briefing: the path is empty"),
        ('keymap = "q"\n', "1:1: keymap: expected a table, got a string 'q'"),
        ("[keymap]\nquit = 1\n", "2:1: keymap.quit: expected a string, got an integer 1"),
        ('[keymap]\nquit = ""\n', "2:1: keymap.quit: '' has an empty key"),
        ('[keymap]\nquit = "q,,x"\n', "2:1: keymap.quit: 'q,,x' has an empty key"),
        ('[keymap]\nquit = "ctrl q"\n', "2:1: keymap.quit: 'ctrl q' is not a key"),
        (
            '[keymap]\nquit = "\\u001b[A"\n',
            "2:1: keymap.quit: keys must be at most 100 plain characters",
        ),
        ('[keymap]\n"Quit!" = "q"\n', "2:1: keymap.Quit!: 'Quit!' is not a binding id"),
        ("[present]\nclock = true\n", "1:1: present: unknown key 'present' in the top level"),
        (
            "[reading]\nwidth = 10\n",
            (
                "2:1: reading.width: a line of 10 columns is too short to read: use 40 to 200, "
                "or 0 for no limit"
            ),
        ),
        ('[reading]\nalign = "middle"\n', "2:1: reading.align: a string 'middle' is not allowed"),
        (
            'new_cards_per_day = "20"\n',
            "1:1: new_cards_per_day: expected an integer, got a string '20'",
        ),
        ("new_cards_per_day = -1\n", "1:1: new_cards_per_day: must be at least 0, got -1"),
        (
            "new_cards_per_day = 10000\n",
            "1:1: new_cards_per_day: must be at most 9999, got 10000",
        ),
    ],
)
def test_settings_errors_are_located(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path / "config.toml", text)
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:{expected}")
    assert "\x1b" not in problem


def test_the_reading_measure_is_set_in_the_settings_file(tmp_path: Path) -> None:
    settings = load_settings(
        write(tmp_path / "c.toml", '[reading]\nwidth = 72\nalign = "centre"\n')
    )
    assert (settings.reading.width, settings.reading.align) == (72, "centre")
    default = load_settings(write(tmp_path / "d.toml", ""))
    assert (default.reading.width, default.reading.align) == (88, "left")


def test_syntax_error_and_encoding_error_are_located(tmp_path: Path) -> None:
    syntax = write(tmp_path / "a.toml", 'theme = "mono"\n[keymap\n')
    [problem] = problems_of(syntax)
    assert problem.startswith(f"{syntax}:2:")
    assert "TOML syntax error" in problem
    encoding = write(tmp_path / "b.toml", b'theme = "mono"\nbriefing = "caf\xe9.toml"\n')
    assert problems_of(encoding) == [
        (
            f"{encoding}:2:16: the file is not UTF-8: byte 0xe9 cannot be decoded "
            "(save the file as UTF-8)"
        )
    ]


def test_unknown_binding_ids_are_reported_with_their_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", GOOD_SETTINGS.replace("quit =", "quitt ="))
    settings = load_settings(path)
    problems = [
        str(problem) for problem in settings.keymap_problems({"quit", "help", "outline.toggle"})
    ]
    assert problems == [
        f"{path}:6:1: keymap.quitt: unknown binding id 'quitt' (did you mean 'quit'?)"
    ]


def test_the_settings_file_is_never_written(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", GOOD_SETTINGS)
    before = path.stat().st_mtime_ns, path.read_bytes()
    effective = effective_settings("mono", {}, path)
    remember_theme("mono", effective.state_path)
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


# --------------------------------------------------------------------------
# Which value wins


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "state.json"


def settings_with_theme(tmp_path: Path, theme: str | None) -> Path:
    return write(tmp_path / "config.toml", f'theme = "{theme}"\n' if theme else "")


@pytest.mark.parametrize(
    ("cli", "env", "in_file", "remembered", "expected", "source"),
    [
        (None, {}, None, None, "briefing-dark", "default"),
        (None, {}, None, "nord", "nord", "state"),
        (None, {}, "briefing-light", "nord", "briefing-light", "settings"),
        (
            None,
            {"BRIEFING_THEME": "gruvbox"},
            "briefing-light",
            "nord",
            "gruvbox",
            "BRIEFING_THEME",
        ),
        (None, {"BRIEFING_THEME": ""}, "briefing-light", None, "briefing-light", "settings"),
        (
            None,
            {"NO_COLOR": "1", "BRIEFING_THEME": "gruvbox"},
            "briefing-light",
            "nord",
            "mono",
            "NO_COLOR",
        ),
        (None, {"NO_COLOR": ""}, None, None, "mono", "NO_COLOR"),
        (
            "high-contrast",
            {"NO_COLOR": "1", "BRIEFING_THEME": "gruvbox"},
            "briefing-light",
            "nord",
            "high-contrast",
            "--theme",
        ),
    ],
)
def test_theme_precedence(
    tmp_path: Path,
    state_path: Path,
    cli: str | None,
    env: dict[str, str],
    in_file: str | None,
    remembered: str | None,
    expected: str,
    source: str,
) -> None:
    config = settings_with_theme(tmp_path, in_file)
    if remembered:
        remember_theme(remembered, state_path)
    effective = effective_settings(cli, env, config, state_path=state_path)
    assert (effective.theme.value, effective.theme.origin) == (expected, source)


def test_sources_are_described_for_people(tmp_path: Path, state_path: Path) -> None:
    config = settings_with_theme(tmp_path, "briefing-light")
    assert (
        effective_settings(None, {}, config, state_path=state_path).theme.source
        == f"settings file {config}"
    )
    remember_theme("nord", state_path)
    remembered = effective_settings(None, {}, None, state_path=state_path)
    assert remembered.theme.source == f"app state {state_path}"


def test_default_settings_file_may_be_missing_but_an_explicit_one_may_not(tmp_path: Path) -> None:
    effective = effective_settings(None, {}, None)
    assert not effective.settings_found
    assert effective.settings_path == default_settings_path()
    missing = tmp_path / "nope.toml"
    with pytest.raises(SettingsError, match=r"nope\.toml: no such file"):
        effective_settings(None, {}, missing)


def test_the_default_settings_file_is_read(tmp_path: Path) -> None:
    write(default_settings_path(), 'theme = "high-contrast"\n')
    effective = effective_settings(None, {}, None)
    assert effective.settings_found
    assert effective.theme.value == "high-contrast"


def test_briefing_precedence(tmp_path: Path) -> None:
    config = write(tmp_path / "config.toml", 'briefing = "/srv/talk.toml"\n')
    assert effective_settings(None, {}, None).briefing.value == os.fspath(default_briefing_path())
    assert effective_settings(None, {}, config).briefing.value == "/srv/talk.toml"
    from_cli = effective_settings(None, {}, config, cli_briefing="other.toml").briefing
    assert (from_cli.value, from_cli.origin) == ("other.toml", "command line")


# --------------------------------------------------------------------------
# Checking the chosen theme against the themes there are

KNOWN = {"briefing-dark", "briefing-light", "mono", "nord"}


def test_a_known_theme_passes(tmp_path: Path) -> None:
    effective = effective_settings("nord", {}, None)
    assert check_theme_choice(effective, KNOWN) is effective


def test_an_unknown_flag_or_variable_is_an_error_with_a_suggestion() -> None:
    with pytest.raises(SettingsError) as caught:
        check_theme_choice(effective_settings("nrod", {}, None), KNOWN)
    assert str(caught.value) == "--theme: unknown theme 'nrod' (did you mean 'nord'?)"
    with pytest.raises(SettingsError) as caught:
        check_theme_choice(effective_settings(None, {"BRIEFING_THEME": "zzz"}, None), KNOWN)
    assert str(caught.value) == (
        "BRIEFING_THEME: unknown theme 'zzz'; available: briefing-dark, briefing-light, mono, nord"
    )


def test_an_unknown_theme_in_the_settings_file_is_located(tmp_path: Path) -> None:
    config = write(tmp_path / "config.toml", '# hi\ntheme = "mnoo"\n')
    with pytest.raises(SettingsError) as caught:
        check_theme_choice(effective_settings(None, {}, config), KNOWN)
    assert str(caught.value) == f"{config}:2:1: theme: unknown theme 'mnoo' (did you mean 'mono'?)"


def test_a_remembered_theme_that_has_gone_falls_back_with_a_warning(state_path: Path) -> None:
    remember_theme("deleted-theme", state_path)
    effective = check_theme_choice(effective_settings(None, {}, None, state_path=state_path), KNOWN)
    assert (effective.theme.value, effective.theme.origin) == ("briefing-dark", "default")
    assert effective.warnings == [
        (
            f"unknown theme 'deleted-theme'; available: briefing-dark, briefing-light, mono, nord "
            f"(from app state {state_path}); using briefing-dark"
        )
    ]


# --------------------------------------------------------------------------
# The state file


def test_remember_theme_keeps_other_state(state_path: Path) -> None:
    write_state(state_path, {"window": "wide", "theme": "old"})
    remember_theme("mono", state_path)
    assert json.loads(state_path.read_text()) == {"theme": "mono", "window": "wide"}
    assert read_state(state_path) == ({"theme": "mono", "window": "wide"}, None)


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2]", b"\xff\xfe", b"[" * 100_000],
    ids=["not-json", "not-an-object", "not-utf8", "too-deep"],
)
def test_a_damaged_state_file_is_ignored_with_a_warning(state_path: Path, content: bytes) -> None:
    write(state_path, content)
    state, warning = read_state(state_path)
    assert state == {}
    assert warning == f"{state_path}: the app state is damaged; ignored"
    effective = effective_settings(None, {}, None, state_path=state_path)
    assert effective.theme.value == "briefing-dark"
    assert effective.warnings == [warning]


def test_the_outline_s_width_is_remembered_with_the_rest_of_the_state(state_path: Path) -> None:
    remember_theme("mono", state_path)
    remember_outline_share(40, state_path)
    assert json.loads(state_path.read_text()) == {"theme": "mono", "outline_share": 40}
    effective = effective_settings(None, {}, None, state_path=state_path)
    assert effective.outline_share == 40
    assert effective.warnings == []


@pytest.mark.parametrize("share", ['"wide"', "500", "true"])
def test_a_remembered_outline_width_that_makes_no_sense_is_ignored(
    state_path: Path, share: str
) -> None:
    write(state_path, f'{{"outline_share": {share}}}')
    effective = effective_settings(None, {}, None, state_path=state_path)
    assert effective.outline_share is None
    assert effective.warnings == [
        f"{state_path}: the remembered outline width is not valid; ignored"
    ]


def test_a_remembered_theme_of_the_wrong_type_is_ignored(state_path: Path) -> None:
    write(state_path, '{"theme": 5}')
    effective = effective_settings(None, {}, None, state_path=state_path)
    assert effective.theme.origin == "default"
    assert effective.warnings == [f"{state_path}: the remembered theme is not a string; ignored"]


def test_a_failed_write_leaves_the_old_state_and_no_temporary_file(
    state_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remember_theme("mono", state_path)

    def broken_fsync(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        remember_theme("nord", state_path)
    assert read_state(state_path) == ({"theme": "mono"}, None)
    assert [path.name for path in state_path.parent.iterdir()] == ["state.json"]


def test_stale_temporary_files_are_cleaned_up_but_young_ones_kept(state_path: Path) -> None:
    stale = write(state_path.parent / ".state.json.abc123.tmp", "{")
    young = write(state_path.parent / ".state.json.def456.tmp", "{")
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    remember_theme("mono", state_path)
    assert not stale.exists()
    assert young.exists()


_WRITER = """
import sys
from pathlib import Path
from briefing_tui.core.config.settings import write_state
path = Path(sys.argv[1])
print("ready", flush=True)
count = 0
while True:
    count += 1
    write_state(path, {"theme": "mono", "count": count, "padding": "x" * 20000})
"""


def test_killing_a_writer_never_leaves_a_broken_state_file(state_path: Path) -> None:
    """SIGKILL at arbitrary moments: the file is always the old or the new state."""
    write_state(state_path, {"theme": "mono", "count": 0})
    environment = {**os.environ, "PYTHONPATH": os.fspath(Path(__file__).resolve().parents[3])}
    for delay in (0.01, 0.04, 0.08, 0.15):
        writer = subprocess.Popen(
            [sys.executable, "-c", _WRITER, os.fspath(state_path)],
            stdout=subprocess.PIPE,
            env=environment,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline() == b"ready\n"
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline:
            state, warning = read_state(state_path)
            assert warning is None
            assert state["theme"] == "mono"
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        state, warning = read_state(state_path)
        assert warning is None
        assert state["theme"] == "mono"
    assert json.loads(state_path.read_text())["count"] > 0


# --------------------------------------------------------------------------
# briefing config


def test_format_shows_every_value_and_its_source(tmp_path: Path, state_path: Path) -> None:
    config = write(tmp_path / "config.toml", GOOD_SETTINGS)
    effective = effective_settings(None, {}, config, state_path=state_path)
    assert format_effective_settings(effective).splitlines() == [
        f"settings file          {config}",
        f"state file             {state_path}",
        f"theme                  briefing-light  [from settings file {config}]",
        (
            f"briefing               {tmp_path / 'briefings' / 'talk.toml'}  "
            f"[from settings file {config}]"
        ),
        f"keymap.quit            ctrl+q  [from settings file {config}]",
        f"keymap.outline.toggle  f2,o  [from settings file {config}]",
        f"keymap.help            question_mark,?  [from settings file {config}]",
        "new_cards_per_day      20  [from default]",
        "reading.width          88  [from default]",
        "reading.align          left  [from default]",
    ]


def test_format_shows_the_reading_measure_and_the_remembered_outline(
    tmp_path: Path, state_path: Path
) -> None:
    config = write(tmp_path / "config.toml", '[reading]\nwidth = 0\nalign = "centre"\n')
    remember_outline_share(40, state_path)
    effective = effective_settings(None, {}, config, state_path=state_path)
    assert format_effective_settings(effective).splitlines()[-3:] == [
        f"reading.width      0 (no limit)  [from settings file {config}]",
        f"reading.align      centre  [from settings file {config}]",
        f"outline width      40% of the window  [from app state {state_path}]",
    ]


def test_format_of_defaults_and_warnings(state_path: Path) -> None:
    write(state_path, "{")
    effective = effective_settings(None, {"NO_COLOR": "1"}, None, state_path=state_path)
    lines = format_effective_settings(effective).splitlines()
    assert lines[0] == (f"settings file      {default_settings_path()} (not found; using defaults)")
    assert lines[2] == "theme              mono  [from NO_COLOR]"
    assert lines[3].endswith("[from default (the bundled briefing)]")
    assert lines[4] == "keymap             (no changes)  [from default]"
    assert lines[5] == "new_cards_per_day  20  [from default]"
    assert lines[6:8] == [
        "reading.width      88  [from default]",
        "reading.align      left  [from default]",
    ]
    assert lines[8] == f"warning: {state_path}: the app state is damaged; ignored"


def test_format_neutralises_what_came_from_outside(tmp_path: Path) -> None:
    effective = effective_settings("\x1b]52;c;aGk=\x07", {}, None, state_path=tmp_path / "s.json")
    assert isinstance(effective, EffectiveSettings)
    text = format_effective_settings(effective)
    assert "\x1b" not in text
    assert "\x07" not in text


def test_the_documented_example_is_valid(tmp_path: Path) -> None:
    docs = Path(__file__).resolve().parents[3] / "docs" / "settings.md"
    example = docs.read_text(encoding="utf-8").split("```toml\n")[1].split("```")[0]
    settings = load_settings(write(tmp_path / "config.toml", example))
    assert settings.theme == "high-contrast"
    assert settings.keymap == {"quit": "ctrl+q", "help": "f1,question_mark"}


def test_a_renamed_binding_id_keeps_its_keys_and_says_its_new_name(
    tmp_path: Path, state_path: Path
) -> None:
    config = write(tmp_path / "config.toml", '[keymap]\nquit = "x"\n"quiz.right" = "k"\n')
    effective = effective_settings(None, {}, config, state_path=state_path)
    assert effective.keymap == {"quit": "x", "review.good": "k"}
    assert effective.warnings == [
        (
            f"{config}:3:1: keymap.quiz.right: renamed 'review.good' when the quiz's"
            " right/wrong became ratings 1-4; its keys now rate Good"
        )
    ]
    assert effective.settings.keymap_problems({"quit", "review.good"}) == []


def test_a_renamed_binding_id_gives_way_to_its_new_name(tmp_path: Path, state_path: Path) -> None:
    config = write(tmp_path / "config.toml", '[keymap]\n"quiz.wrong" = "k"\n"review.again" = "a"\n')
    effective = effective_settings(None, {}, config, state_path=state_path)
    assert effective.keymap == {"review.again": "a"}
    assert effective.warnings == [
        (
            f"{config}:2:1: keymap.quiz.wrong: renamed 'review.again' when the quiz's"
            " right/wrong became ratings 1-4; ignored, as 'review.again' is set too"
        )
    ]
