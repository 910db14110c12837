"""In a real pseudo-terminal: nothing from outside puts an escape sequence on the screen.

A whole session (every view, search, palette, notes, quit) runs with content
full of markup-looking text and with a study file whose notes hold escape
sequences. Every escape sequence the app writes must be one the app itself
means: cursor moves, colours, and the fixed set of modes and queries Textual
uses. Nothing else — no OSC 52 clipboard write, no title change, no DCS, no
device-attributes or status request, no OSC 8 hyperlink — may appear.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing_tui.core.content.loader import load_briefing
from briefing_tui.core.study.store import StudyStore
from tests.harness import TerminalSession

BRIEFING = [sys.executable, "-m", "briefing_tui"]
HOSTILE = Path(__file__).parent / "data" / "good" / "hostile-markup.toml"

# Escape sequences, as a terminal would parse them.
SEQUENCE = re.compile(
    rb"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"  # CSI
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    rb"|\x1bP[^\x1b]*\x1b\\"  # DCS
    rb"|\x1b[\x20-\x7e]"  # two-byte escapes
)
# Cursor movement, colours and erasing: the app's drawing.
DRAWING = re.compile(rb"\x1b\[[0-9;:]*[mHJKABCDGdfr]")
# Modes and queries Textual itself sets or sends: alternate screen, mouse,
# focus events, bracketed paste, cursor visibility, synchronized output
# queries, the kitty keyboard protocol and the pointer shape.
TEXTUAL_OWN = {
    b"\x1b[?1049h", b"\x1b[?1049l", b"\x1b[?1000h", b"\x1b[?1000l",
    b"\x1b[?1003h", b"\x1b[?1003l", b"\x1b[?1004h", b"\x1b[?1004l",
    b"\x1b[?1006h", b"\x1b[?1006l", b"\x1b[?1015h", b"\x1b[?1015l",
    b"\x1b[?2004h", b"\x1b[?2004l", b"\x1b[?25h", b"\x1b[?25l",
    b"\x1b[?7h", b"\x1b[?7l", b"\x1b[?2026h", b"\x1b[?2026l",
    b"\x1b[?2026$p", b"\x1b[?2048$p", b"\x1b[>25u", b"\x1b[<u",
    b"\x1b]22;default\x07", b"\x1b]22;pointer\x07",
}  # fmt: skip

EVIL = (
    "x\x1b]52;c;aGVsbG8=\x07 \x1b[c \x1b[6n \x1bP+q544e\x1b\\ \x1b]0;pwned\x07 "
    "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ \x9b31m y"
)


def unexpected_sequences(output: bytes) -> list[bytes]:
    """Escape sequences in *output* that are neither drawing nor Textual's own."""
    found = []
    for match in SEQUENCE.finditer(output):
        sequence = match.group(0)
        if DRAWING.fullmatch(sequence) or sequence in TEXTUAL_OWN:
            continue
        found.append(sequence)
    # An ESC that starts no sequence at all is just as bad.
    stray = output.count(b"\x1b") - sum(
        m.group(0).count(b"\x1b") for m in SEQUENCE.finditer(output)
    )
    if stray:
        found.append(b"<%d stray ESC>" % stray)
    return found


def write_notes(notes: dict[str, str]) -> None:
    """Save notes on the hostile briefing, as if the reader had pasted *notes* into them."""
    briefing = load_briefing(HOSTILE)
    study = StudyStore(briefing)
    for key, text in notes.items():
        study.set_note(key, text)
    study.save()


def terminal(*args: str, size: tuple[int, int] = (80, 24)) -> TerminalSession:
    """The app in a pty, started in a scratch folder (an export must not land in the repo)."""
    folder = Path(os.environ["XDG_CACHE_HOME"])
    return TerminalSession([*BRIEFING, *args], size=size, env=dict(os.environ), cwd=str(folder))


def test_a_full_session_writes_only_the_apps_own_sequences(tmp_path: Path) -> None:
    write_notes({"section:one": EVIL, "actor:a": EVIL, "term:[b]term[/b]": EVIL})
    with terminal(str(HOSTILE)) as term:
        term.wait_for("Overview")
        for key in ("2", "3", "enter", "4", "5", "6", "1", "2"):
            # Each key changes the view: wait for its answer, so that a slow
            # machine does not send the next key to the view being left.
            mark = term.mark()
            term.send(key)
            term.wait_idle(0.15, after=mark)
        term.send("slash")
        term.wait_for("Search the briefing")
        term.send("claim")
        term.wait_for("2 results")
        term.send("enter")
        term.wait_for("Scoreboard 1/1")
        term.send("ctrl+p")
        term.wait_for("Search for commands")
        term.send("Actor")
        term.wait_for("actor")
        term.send("escape")
        term.wait_gone("🔎")
        screen = term.text()
        term.send("q")
        try:
            term.process.wait(10)
        except Exception:
            raise AssertionError(screen) from None
        assert term.process.returncode == 0, term.text()
    assert unexpected_sequences(bytes(term.output)) == []
    assert "[" in screen


def test_reply_injection_from_a_note_fires_no_binding(tmp_path: Path) -> None:
    # A terminal answers "ESC [ c" with "ESC [ ? 1 ; 2 c"; read as keys, "?" would open help.
    write_notes({"section:one": "\x1b[c" * 3})
    with terminal(str(HOSTILE)) as term:
        term.wait_for("Overview")
        term.send("2")
        term.wait_for("Your note")
        term.wait_idle(0.5)
        assert "Keys" not in term.text()
        assert "␛[c" in term.text()
        assert b"\x1b[c" not in bytes(term.output)


def write_study_file(briefing_id: str, notes: dict[str, str]) -> None:
    """A study file as one copied from another machine might be: untrusted keys and text."""
    folder = Path(os.environ["XDG_DATA_HOME"]) / "briefing-tui" / "study"
    folder.mkdir(parents=True, exist_ok=True)
    data = {
        "version": 1,
        "briefing": briefing_id,
        "notes": {
            key: {"text": text, "updated": "2024-01-01T00:00:00Z"} for key, text in notes.items()
        },
        "bookmarks": dict.fromkeys(notes, "2024-01-01T00:00:00Z"),
    }
    (folder / f"{briefing_id}.json").write_text(json.dumps(data), encoding="utf-8")


def test_a_hostile_study_file_puts_no_sequence_on_the_terminal() -> None:
    # Keys of notes on items no longer in the briefing are listed on the overview.
    write_study_file(
        "hostile",
        {f"section:gone{EVIL}": "note on a section that has gone", f"term:{EVIL}": EVIL},
    )
    with terminal(str(HOSTILE)) as term:
        term.wait_for("Overview")
        term.wait_idle(0.3)
        for key in ("G", "enter", "1"):
            mark = term.mark()
            term.send(key)
            term.wait_idle(0.15, after=mark)
        term.send("q")
        term.process.wait(10)
    assert unexpected_sequences(bytes(term.output)) == []


def test_a_hostile_folder_name_and_hostile_settings_put_no_sequence_on_the_terminal(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "work{}".format(EVIL.replace("/", "-"))
    folder.mkdir()
    state = Path(os.environ["XDG_DATA_HOME"]) / "briefing-tui" / "state.json"
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(json.dumps({"theme": f"gone{EVIL}", "briefing": f"x{EVIL}"}), "utf-8")
    with TerminalSession([*BRIEFING, "--no-save"], env=dict(os.environ), cwd=str(folder)) as term:
        term.wait_for("Overview")
        term.send("ctrl+p")
        term.wait_for("Search for commands")
        term.send("Export as Markdown")
        term.wait_idle(0.3)
        term.send("enter")
        term.wait_for("Exported")
        term.wait_idle(0.3)
        term.send("q")
        term.process.wait(10)
    assert unexpected_sequences(bytes(term.output)) == []


def test_file_paths_and_errors_are_inert(tmp_path: Path) -> None:
    evil = tmp_path / "brief\x1b]52;c;aGk=\x07ing.toml"
    evil.write_text('format = 1\n[briefing]\nid = "x"\n"ti\x1b[6ntle" = "t"\n', encoding="utf-8")
    with terminal("validate", str(evil)) as term:
        term.process.wait(30)
        term.wait_idle(0.2)
    assert term.process.returncode == 2
    assert unexpected_sequences(bytes(term.output)) == []
    assert b"\x1b" not in bytes(term.output)


@pytest.mark.parametrize("size", [(20, 8), (300, 100), (60, 20)])
def test_extreme_sizes_and_rapid_resizes(size: tuple[int, int]) -> None:
    with terminal("--no-save", size=size) as term:
        term.wait_idle(0.5, timeout=20)
        for columns, rows in [(20, 8), (300, 100), (41, 13), (80, 24), (20, 8), (120, 40)]:
            term.resize(columns, rows)
            time.sleep(0.02)
        for key in "23456":
            term.send(key)
        term.wait_idle(0.3, timeout=20)
        assert term.process.poll() is None, term.text()
        term.send("q")
        term.process.wait(10)
        term.wait_idle(0.2)
    assert term.process.returncode == 0, bytes(term.output)[-3000:].decode(errors="replace")


def test_no_save_writes_no_files(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }
    before = sorted(home.rglob("*"))
    with TerminalSession([*BRIEFING, "--no-save"], env=env, cwd=str(home)) as term:
        term.wait_for("Overview")
        for key in ["2", "m", "b", "3", "4", "space", "plus", "ctrl+t"]:
            term.send(key)
            term.wait_idle(0.1)
        term.send("q")
        term.process.wait(10)
    assert sorted(home.rglob("*")) == before


HOSTILE_PRESENTER = """
import asyncio, sys
from pathlib import Path
from briefing_tui.core.content.loader import load_briefing
from briefing_tui.core.present.share import Presenter
from briefing_tui.core.present.transfer import briefing_text, pack
from briefing_tui.ui.present_app import hello_for

EVIL = sys.argv[2]

async def main() -> None:
    briefing = load_briefing(Path(sys.argv[1]))
    hello = hello_for(briefing)
    # A presenter that lies: escape sequences in its briefing, or in its slides' titles.
    text = briefing_text(briefing, speaker_notes=False)
    if sys.argv[3] == "briefing":
        text = text.replace("Section", EVIL, 1)
    async with Presenter.for_share("talk", hello) as presenter:
        presenter.publish_briefing(hello, pack(text))
        for index in range(4):
            presenter.publish_slide(index, f"section:gone-{index}", EVIL)
            await asyncio.sleep(0.5)
        await asyncio.sleep(30)

asyncio.run(main())
"""


@pytest.mark.parametrize("where", ["briefing", "titles"])
def test_a_hostile_presenter_puts_no_sequence_on_a_follower_s_terminal(
    tmp_path: Path, where: str
) -> None:
    script = tmp_path / "presenter.py"
    script.write_text(HOSTILE_PRESENTER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    presenter = subprocess.Popen([sys.executable, str(script), str(HOSTILE), EVIL, where], env=env)
    try:
        with terminal("follow", "talk") as term:
            term.wait_idle(3.0, timeout=30)
            shown = term.text()
            term.send("q")
            term.process.wait(10)
        assert unexpected_sequences(bytes(term.output)) == []
        # It got as far as showing what the presenter sent, made harmless.
        expected = "briefing cannot be shown" if where == "briefing" else "␛]52;c;"
        assert expected in " ".join(shown.split())
    finally:
        presenter.kill()
        presenter.wait()
