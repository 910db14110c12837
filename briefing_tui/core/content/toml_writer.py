"""Write parsed TOML data back as TOML text: what ``tomli.loads`` reads as the same data.

Used to send a briefing to followers (see :mod:`briefing_tui.core.present.transfer`),
who check the text with the same loader as a file on disk. It writes the
types ``tomli`` produces (tables, arrays, strings, integers, floats,
booleans, dates and times), tables and arrays of tables under ``[headers]``,
and every string as a basic string, escaped: control characters never
appear raw in the text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')


def dumps(data: Mapping[str, Any]) -> str:
    """*data* (a table, as ``tomli.loads`` returns one) as TOML text."""
    lines: list[str] = []
    _table(lines, (), data)
    return "\n".join(lines) + "\n"


def _is_table_array(value: Any) -> bool:
    return (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and bool(value)
        and all(isinstance(item, Mapping) for item in value)
    )


def _table(lines: list[str], path: tuple[str, ...], table: Mapping[str, Any]) -> None:
    """Write *table*'s plain values, then its tables, then its arrays of tables."""
    tables = []
    arrays = []
    for key, value in table.items():
        if isinstance(value, Mapping):
            tables.append((key, value))
        elif _is_table_array(value):
            arrays.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in tables:
        lines.append(f"\n[{_header((*path, key))}]")
        _table(lines, (*path, key), value)
    for key, items in arrays:
        for item in items:
            lines.append(f"\n[[{_header((*path, key))}]]")
            _table(lines, (*path, key), item)


def _header(path: tuple[str, ...]) -> str:
    return ".".join(_key(key) for key in path)


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    escaped = _NEEDS_ESCAPE.sub(lambda match: _escape(match.group()), text)
    return f'"{escaped}"'


def _escape(character: str) -> str:
    return _ESCAPES.get(character) or f"\\u{ord(character):04x}"


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, Mapping):
        items = ", ".join(f"{_key(key)} = {_value(item)}" for key, item in value.items())
        return f"{{ {items} }}" if items else "{}"
    if isinstance(value, Sequence):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    raise TypeError(f"TOML has no form for {type(value).__name__}")
