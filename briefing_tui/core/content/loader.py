"""Load a briefing file: TOML to :class:`~briefing_tui.core.content.model.Briefing`.

:func:`load_briefing` either returns a valid model or raises one
:class:`BriefingError` listing every problem of the file, each with its line
and column, the dotted path of the value and a message for a person.
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from briefing_tui.core.config.cache import ValidationCache, checked_through
from briefing_tui.core.config.reading import FileTooLarge, NotARegularFile, read_regular_file
from briefing_tui.core.content.model import FORMAT_VERSION, ID_REGEX, Briefing, describe
from briefing_tui.core.content.positions import key_positions, position_of
from briefing_tui.core.content.text import (
    DECEPTIVE_CHARACTERS,
    has_control_characters,
    may_hold_deceptive_characters,
    neutralise,
)
from briefing_tui.core.content.validation import table_class, table_fields, validate

MAX_FILE_BYTES = 16 * 1024 * 1024

KeyPath = tuple[str | int, ...]


def dotted(path: KeyPath) -> str:
    """*path* as written in messages: ``sections[2].actors[0]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


class Problem(NamedTuple):
    """One thing wrong with a file, located as precisely as is known."""

    file: str
    message: str
    path: KeyPath = ()
    line: int | None = None
    column: int | None = None

    @property
    def dotted_path(self) -> str:
        """The path as ``sections[2].actors[0]``."""
        return dotted(self.path)

    def __str__(self) -> str:
        """``FILE:LINE:COL: path: message``, safe to print to a terminal."""
        location = self.file
        if self.line is not None:
            location += f":{self.line}"
            if self.column is not None:
                location += f":{self.column}"
        parts = [location]
        if self.path:
            parts.append(self.dotted_path)
        parts.append(self.message)
        return neutralise(": ".join(parts))


class BriefingError(Exception):
    """A briefing file could not be loaded; :attr:`problems` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def _model_at(path: KeyPath, root: type[Any] = Briefing) -> type[Any] | None:
    """The table class whose table *path* points into, following the annotations."""
    model = root
    for part in path:
        if isinstance(part, int):
            continue
        annotation = table_fields(model).get(str(part))
        found = table_class(annotation) if annotation is not None else None
        if found is None:
            return None
        model = found
    return model


def _keys_of(model: type[Any]) -> list[str]:
    return list(table_fields(model))


def _table_name(path: KeyPath) -> str:
    """How TOML writes the table at *path*: ``[briefing]`` or ``[[sections]]``."""
    names = [part for part in path if isinstance(part, str)]
    if not names:
        return "the top level"
    header = ".".join(names)
    return f"[[{header}]]" if isinstance(path[-1], int) else f"[{header}]"


_TYPE_WORDS = {
    "string_type": "a string",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "int_from_float": "an integer",
    "float_type": "a number",
    "bool_type": "a boolean (true or false)",
    "tuple_type": "an array",
    "list_type": "an array",
    "dataclass_type": "a table",
    "dataclass_args_type": "a table",
    "dict_type": "a table",
}


def toml_message(error: Mapping[str, Any], root: type[Any] = Briefing) -> str:
    """Turn one pydantic error of a *root* table class, validating a TOML file, into TOML words.

    Used for briefings, and for theme and settings files too.
    """
    kind = error["type"]
    loc: KeyPath = tuple(error["loc"])
    value: Any = error.get("input")
    context = error.get("ctx", {})
    if kind == "missing":
        if root is Briefing and loc == ("sections",):
            return "missing required array of tables [[sections]] (a briefing needs at least one)"
        if len(loc) == 1 and _model_at(loc, root) is not None:
            return f"missing required table [{loc[-1]}]"
        return f"missing required key {loc[-1]!r} in {_table_name(loc[:-1])}"
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        model = _model_at(loc[:-1], root)
        hint = ""
        if model is not None:
            close = difflib.get_close_matches(str(loc[-1]), _keys_of(model), n=1, cutoff=0.6)
            if close:
                hint = f" (did you mean {close[0]!r}?)"
            else:
                hint = f" (allowed keys: {', '.join(_keys_of(model))})"
        return f"unknown key {loc[-1]!r} in {_table_name(loc[:-1])}{hint}"
    if kind in _TYPE_WORDS:
        expected = _TYPE_WORDS[kind]
        if kind in ("tuple_type", "list_type") and _model_at(loc, root) is not None:
            expected = "an array of tables"
        return f"expected {expected}, got {describe(value)}"
    if kind == "literal_error":
        allowed = context.get("expected", "")
        options = [option.strip(" '") for option in allowed.replace(" or ", ",").split(",")]
        hint = ""
        if isinstance(value, str):
            close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
            if close:
                hint = f" (did you mean {close[0]!r}?)"
        return f"{describe(value)} is not allowed here; use one of {allowed}{hint}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        name = loc[-1]
        if name == "weight":
            return f"weight must be an integer from 1 to 5, got {value}"
        bound = {
            "greater_than_equal": "at least",
            "less_than_equal": "at most",
            "greater_than": "more than",
            "less_than": "less than",
        }[kind]
        limit = next(iter(context.values()), "")
        return f"must be {bound} {limit}, got {value}"
    if kind == "too_short":
        what = "table" if _model_at(loc, root) is not None else "item"
        return f"needs at least {context.get('min_length', 1)} {what}, got none"
    if kind == "string_pattern_mismatch" and context.get("pattern") == ID_REGEX:
        return (
            f"{value!r} is not a valid id: use 1 to 64 lowercase letters, digits "
            "and '-', starting with a letter or digit"
        )
    # pydantic-core checks the length before the pattern; a control character
    # is the graver fault, so it is the one reported.
    if kind == "string_pattern_mismatch" or (
        kind == "string_too_long" and has_control_characters(value)
    ):
        return (
            "the string contains a control character (escape sequences must never reach a terminal)"
        )
    if kind == "string_too_long":
        limit = context.get("max_length", 0)
        return f"the string is {len(value):,} characters long; at most {limit:,} are allowed"
    if kind == "value_error":
        return str(context.get("error", error["msg"]))
    return str(error["msg"])


def _validation_problems(errors: list[dict[str, Any]]) -> Iterator[tuple[KeyPath, str]]:
    for entry in errors:
        loc = tuple(entry["loc"])
        # pydantic reports an empty-after-failure array as too short even when
        # its items merely had errors; the item errors say what is wrong.
        if entry["type"] == "too_short" and entry.get("input"):
            continue
        yield loc, toml_message(entry)


def read_limited(
    path: Path, name: str, limit: int, *, kind: str, too_big: Callable[[int], str]
) -> bytes:
    """The bytes of the *kind* file at *path* (``"briefing"``, ``"TOML"``), at most *limit* of them.

    Every failure raises :class:`BriefingError` with one problem: missing,
    unreadable, a directory or no regular file, or larger than *limit* bytes
    (the message is ``too_big(size)``; the file is not read past the limit).
    """

    def fail(message: str) -> BriefingError:
        return BriefingError([Problem(name, message)])

    try:
        return read_regular_file(path, limit)
    except FileNotFoundError:
        raise fail("no such file") from None
    except PermissionError:
        raise fail("permission denied") from None
    except IsADirectoryError:
        raise fail(f"is a directory, not a {kind} file") from None
    except NotARegularFile:
        raise fail("is not a regular file") from None
    except FileTooLarge as error:
        raise fail(too_big(error.size)) from None
    except OSError as error:
        raise fail(f"cannot read file: {error.strerror}") from None


def _too_big(size: int) -> str:
    return (
        f"file is {size / 1024 / 1024:.1f} MiB; briefing files are limited to "
        f"{MAX_FILE_BYTES // 1024 // 1024} MiB"
    )


def decode_toml(data: bytes, name: str) -> str:
    """*data* as UTF-8 text (a byte-order mark dropped); :class:`BriefingError` if it is not."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise BriefingError(
            [
                Problem(
                    name,
                    f"the file is not UTF-8: byte 0x{data[error.start]:02x} cannot be "
                    "decoded (save the file as UTF-8)",
                    line=line,
                    column=column,
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """Parse TOML *text*; every parser failure becomes a :class:`BriefingError` with a position."""
    # Imported here: a start that finds its files in the cache parses none.
    import tomli

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        message = getattr(error, "msg", str(error))
        raise BriefingError(
            [Problem(name, f"TOML syntax error: {message}", line=error.lineno, column=error.colno)]
        ) from None
    except RecursionError:
        raise BriefingError([Problem(name, "TOML nested too deeply")]) from None
    except MemoryError:
        raise BriefingError([Problem(name, "file too complex to parse (out of memory)")]) from None
    except ValueError as error:
        raise BriefingError([_out_of_range(text, name, error)]) from None


def _out_of_range(text: str, name: str, error: ValueError) -> Problem:
    """The problem for a value tomli parsed but Python refused to convert."""
    # Python refuses to convert decimal integers longer than this limit (a
    # guard against quadratic work) and tomli does not say where the number
    # is. Python 3.10 releases before 3.10.7 have no limit and no getter.
    limit: int = getattr(sys, "get_int_max_str_digits", lambda: 0)()
    if limit:
        number = re.search(rf"(?<![0-9_])[0-9](?:_?[0-9]){{{limit},}}", text)
        if number is not None:
            line = text.count("\n", 0, number.start()) + 1
            column = number.start() - (text.rfind("\n", 0, number.start()) + 1) + 1
            return Problem(
                name,
                f"TOML value out of range: an integer has more than {limit:,} digits",
                line=line,
                column=column,
            )
    return Problem(name, f"TOML value out of range: {error}")


def parse_briefing(text: str, name: str = "<string>") -> Briefing:
    """Validate TOML *text* as a briefing; *name* is used in problem locations."""
    # Imported here, not with the module: a briefing from the cache of
    # checked files is not checked again.
    from briefing_tui.core.content.references import check_references

    data = parse_toml(text, name)
    if may_hold_deceptive_characters(text):
        # Allowed by the format, but they would make text show other than it
        # reads: every reader sees a placeholder, and lint says where.
        data = _shown_plainly(data)
    located: list[Located] = []
    try:
        briefing, errors = validate(Briefing, data)
    except RecursionError:
        raise BriefingError([Problem(name, "TOML nested too deeply")]) from None
    located.extend((path, message, None, None) for path, message in _validation_problems(errors))
    if _unsupported_format(data.get("format")):
        # The rest of a file of another format version is not ours to judge.
        located = [entry for entry in located if entry[0] == ("format",)]
    else:
        located.extend(
            (problem.path, problem.message, problem.needle, problem.also)
            for problem in check_references(data)
        )
    if not located and briefing is not None:
        return briefing
    raise BriefingError(_locate(text, name, located))


def _shown_plainly(value: Any) -> Any:
    """*value* with every bidi control and invisible character shown as a placeholder."""
    if isinstance(value, str):
        # Only these: a control character is an error to report, not to hide.
        return DECEPTIVE_CHARACTERS.sub("\ufffd", value)
    if isinstance(value, dict):
        return {key: _shown_plainly(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shown_plainly(item) for item in value]
    return value


def briefing_from_data(data: dict[str, Any], name: str = "<data>") -> Briefing:
    """A briefing from a table built in code (tests, benchmarks), each value checked.

    Unlike :func:`parse_briefing`, whole-file rules (unique ids, references,
    links) are not checked, and problems carry no line or column.
    """
    briefing, errors = validate(Briefing, data)
    problems = [Problem(name, message, path) for path, message in _validation_problems(errors)]
    if problems or briefing is None:
        raise BriefingError(problems)
    return briefing


def _unsupported_format(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value != FORMAT_VERSION


Located = tuple[KeyPath, str, "str | None", "KeyPath | None"]
"""A problem found at a key path: message, text to point at within the value, another path."""


def _locate(text: str, name: str, located: list[Located]) -> list[Problem]:
    """Attach line and column to each problem, sorted by position.

    A message that involves a second place says where it is: its line and
    column replace ``{also}``.
    """
    positions = key_positions(text)
    line_starts = [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]
    # Where the last search for each (path, needle) ended, so that the same
    # link written twice in one field is found twice, in order.
    searched: dict[tuple[KeyPath, str], int] = {}
    problems = []
    for path, message, needle, also in located:
        if also is not None:
            other = position_of(positions, also)
            message = message.replace(
                "{also}", f"line {other[0]}, column {other[1]}" if other else dotted(also)
            )
        where = position_of(positions, path)
        line, column = where if where else (None, None)
        if needle and line is not None and column is not None:
            # Point at the offending text inside a (multi-line) value.
            start = searched.get((path, needle), line_starts[line - 1] + column - 1)
            found = _needle_pattern(needle).search(text, start)
            if found is not None:
                searched[(path, needle)] = found.end()
                line = bisect.bisect_right(line_starts, found.start())
                column = found.start() - line_starts[line - 1] + 1
        problems.append(Problem(name, message, path, line, column))
    problems.sort(key=lambda problem: (problem.line or 0, problem.column or 0))
    return problems


def _needle_pattern(needle: str) -> re.Pattern[str]:
    """Find *needle* as a whole link target, not as the prefix of a longer one.

    A target starts after ``(`` (inline link), ``<`` (autolink), ``]:`` or
    white space (reference definition) and ends before ``)``, ``>``, white
    space, a quote or a backslash (the TOML string's end or an escape).
    """
    return re.compile(r"(?:(?<=[(<\s])|(?<=\]:))" + re.escape(needle) + r"(?=[)>\s\\\"']|$)")


def load_briefing(path: str | os.PathLike[str], cache: ValidationCache | None = None) -> Briefing:
    """Load and validate the briefing file at *path*.

    Raises :class:`BriefingError` listing every problem: unreadable or
    oversized file, bad encoding, TOML syntax, and every content-format rule
    the file breaks, each with line and column where known.

    With a *cache*, a file whose exact bytes this version of the app has
    accepted before is rebuilt from the cache instead of being checked
    again, and a newly accepted file is added to it.
    """
    file = Path(path)
    name = os.fspath(path)
    data = read_limited(file, name, MAX_FILE_BYTES, kind="briefing", too_big=_too_big)
    digest = hashlib.sha256(data).hexdigest()
    briefing = checked_through(
        cache, CACHE_KIND, digest, Briefing, lambda: parse_briefing(decode_toml(data, name), name)
    )
    # Not a field of the frozen dataclass: the file's hash, not the file's content.
    object.__setattr__(briefing, "_content_hash", digest)
    return briefing


CACHE_KIND = "briefing"
