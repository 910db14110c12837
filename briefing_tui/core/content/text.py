"""Neutralise text from outside before it reaches a terminal.

Content files are checked for control characters by the loader, but notes,
pasted text, socket data, file paths and error messages that quote input are
not. Textual and Rich pass ESC through to the terminal, so an OSC 52 in a
note would write the viewer's clipboard and ``ESC [ c`` would make the
terminal type keys into the app. Every such string goes through
:func:`neutralise` before it is displayed or printed.
"""

from __future__ import annotations

import re

#: C0 controls except TAB and LF, DEL, and the C1 controls.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_C1_PLACEHOLDER = "\ufffd"


def _placeholder(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        # Unicode "control pictures" (U+2400..U+241F): visible, one cell wide.
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return _C1_PLACEHOLDER


def neutralise(text: str) -> str:
    """Return *text* with every control character replaced by a visible placeholder.

    TAB and LF are kept; CRLF line ends become LF. ESC becomes ``␛``, other C0
    controls their control picture, DEL ``␡`` and C1 controls U+FFFD, so the
    result can be written to a terminal without it acting on any byte.
    """
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return CONTROL_CHARACTERS.sub(_placeholder, text)


def has_control_characters(text: str) -> bool:
    """True when *text* holds a character the content format forbids.

    The format allows TAB, LF and CR only as part of a CRLF line end.
    """
    if CONTROL_CHARACTERS.search(text) is None:
        return False
    return CONTROL_CHARACTERS.search(text.replace("\r\n", "\n")) is not None
