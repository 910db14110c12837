"""Neutralise text from outside before it reaches a terminal.

Content files are checked for control characters by the loader, but notes,
pasted text, socket data, file paths and error messages that quote input are
not. Textual and Rich pass ESC through to the terminal, so an OSC 52 in a
note would write the viewer's clipboard and ``ESC [ c`` would make the
terminal type keys into the app. Every such string goes through
:func:`neutralise` before it is displayed or printed.

Bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE and its kin) and
invisible characters (U+200B ZERO WIDTH SPACE, U+FEFF, ...) are no danger to
the terminal, but they make displayed text lie about what it says: an
override shows ``txt.exe`` as ``exe.txt``. The content format allows them,
so ``briefing lint`` warns about them and :func:`neutralise` shows each as a
visible placeholder. The joiners U+200C and U+200D are kept: scripts such as
Persian and Devanagari, and emoji, need them.

:data:`UNSAFE` matches every character :func:`neutralise` replaces. The app
also drops any that reach a drawn line (see ``ui/terminal_guard.py``), so a
path that forgot to neutralise cannot put one on the terminal.
"""

from __future__ import annotations

import re

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# The bidi embeddings, overrides, isolates and marks, the zero-width space,
# word joiner and invisible operators, the byte-order mark and the Mongolian
# vowel separator: characters that reorder text or are invisible.
_DECEPTIVE = "\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"

#: C0 controls except TAB and LF, DEL, and the C1 controls.
CONTROL_CHARACTERS = re.compile(f"[{_CONTROLS}]")
#: Characters that reorder text or are invisible, and that text never needs.
DECEPTIVE_CHARACTERS = re.compile(f"[{_DECEPTIVE}]")
#: Everything :func:`neutralise` replaces.
UNSAFE = re.compile(f"[{_CONTROLS}{_DECEPTIVE}]")

_UNPRINTABLE = "\ufffd"


def _placeholder(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        # Unicode "control pictures" (U+2400..U+241F): visible, one cell wide.
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return _UNPRINTABLE


def neutralise(text: str) -> str:
    """Return *text* with every unsafe character replaced by a visible placeholder.

    TAB and LF are kept; CRLF line ends become LF. ESC becomes ``␛``, other C0
    controls their control picture, DEL ``␡``, and C1 controls, bidi controls
    and invisible characters U+FFFD, so the result can be written to a
    terminal without it acting on any byte, and reads as what it holds.
    """
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return UNSAFE.sub(_placeholder, text)


def may_hold_deceptive_characters(toml: str) -> bool:
    """False when the TOML text *toml* surely holds no :data:`DECEPTIVE_CHARACTERS`.

    True when it holds one, or a ``\\u`` escape that may write one.
    """
    return "\\u" in toml or "\\U" in toml or DECEPTIVE_CHARACTERS.search(toml) is not None


def has_control_characters(text: str) -> bool:
    """True when *text* holds a character the content format forbids.

    The format allows TAB, LF and CR only as part of a CRLF line end.
    """
    if CONTROL_CHARACTERS.search(text) is None:
        return False
    return CONTROL_CHARACTERS.search(text.replace("\r\n", "\n")) is not None
