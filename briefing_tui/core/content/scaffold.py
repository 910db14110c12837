"""``briefing new``: a commented starter briefing to write over.

The starter holds one example of every table of the format, each linked to
the others the way a real briefing is, so it validates as written and lints
clean: an author replaces text rather than looking up key names.

Editor support: Taplo (and Even Better TOML, which uses it) reads a
``#:schema PATH`` comment on the first line and resolves a relative PATH
against the TOML file's own folder. The starter points at
``./briefing.schema.json`` and :func:`write_schema_beside` writes that file
next to it: a path into the app's own installation would break with the
next upgrade or virtual environment, and the pair can be copied or
committed together. A schema file already there is never overwritten.

The starter's comments point to ``briefing help format``, which prints the
format's documentation from the installed app.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Literal

from briefing_tui.core.content.model import ID_PATTERN, PLAIN_MAX

SCHEMA_FILE = "briefing.schema.json"
"""The name of the schema file written beside a new briefing."""
SCHEMA_DIRECTIVE = f"#:schema ./{SCHEMA_FILE}"
"""The starter's first line: editors find the schema beside the file."""

# Everything a title may not hold: C0 controls (TAB and LF too: a title is one line), DEL, C1.
_TITLE_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class ScaffoldError(Exception):
    """The starter could not be written; :attr:`message` says why, for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def content_schema() -> dict[str, object]:
    """The JSON Schema of the content format, generated from the models."""
    from briefing_tui.core.content.model import Briefing
    from briefing_tui.core.content.validation import json_schema

    schema = json_schema(Briefing)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "briefing-tui content file (format 1)",
    }


def schema_text() -> str:
    """:func:`content_schema` as ``briefing schema`` prints it."""
    return json.dumps(content_schema(), indent=2, ensure_ascii=False) + "\n"


SchemaOutcome = Literal["written", "same", "kept"]
"""What :func:`write_schema_beside` did: wrote it, found it there already, left another."""


def write_schema_beside(briefing: Path) -> tuple[Path, SchemaOutcome]:
    """Write the schema next to *briefing*, unless a file of that name is there; say what it did.

    Raises :class:`ScaffoldError` when it cannot be written.
    """
    path = briefing.parent / SCHEMA_FILE
    text = schema_text()
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError:
        try:
            same = path.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        return path, "same" if same else "kept"
    except OSError as error:
        raise ScaffoldError(f"cannot write {path}: {error.strerror}") from None
    return path, "written"


def check_title(title: str) -> str:
    """*title* if it can be a briefing title; raises :class:`ScaffoldError` otherwise."""
    if not title.strip():
        raise ScaffoldError("the title is empty")
    if _TITLE_FORBIDDEN.search(title):
        raise ScaffoldError(
            "the title contains a control character (a tab, newline or escape); "
            "a title is one line of plain text"
        )
    if len(title) > PLAIN_MAX:
        raise ScaffoldError(
            f"the title is {len(title)} characters long; at most {PLAIN_MAX} are allowed"
        )
    return title


def toml_string(text: str) -> str:
    """*text* as a TOML basic string: quoted, with backslashes and quotes escaped.

    *text* must hold no control characters (see :func:`check_title`).
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def briefing_id(stem: str) -> str:
    """An id for a briefing saved as *stem*.toml: lower case, other characters as ``-``."""
    slug = re.sub(r"[^a-z0-9]+", "-", stem.casefold()).strip("-")[:64].rstrip("-")
    return slug if ID_PATTERN.fullmatch(slug) else "briefing"


def default_title(stem: str) -> str:
    """A title from a file name: ``eu-china-trade`` becomes "Eu china trade"."""
    words = re.sub(r"[-_.]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else "A new briefing"


def starter_text(title: str, identifier: str, file_name: str) -> str:
    """The starter briefing: :data:`SCHEMA_DIRECTIVE` first, then every table, commented.

    *file_name* appears in the comments that show the commands to run; it
    falls back to ``FILE`` when it is not one printable line.
    """
    if _TITLE_FORBIDDEN.search(file_name) or not file_name:
        file_name = "FILE"
    starter = (
        _STARTER.replace("@FILE@", file_name)
        .replace("@ID@", identifier)
        .replace("@TITLE@", toml_string(title))
    )
    return f"{SCHEMA_DIRECTIVE}\n{starter}"


def _readable(name: str) -> str:
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def write_starter(path: str | os.PathLike[str], title: str | None = None) -> str:
    """Write a starter briefing to *path*, which must not exist; return the text written.

    Raises :class:`ScaffoldError` when the title is unusable or the file
    exists or cannot be created.
    """
    target = Path(path)
    # A file name need not be UTF-8 (it reaches Python with surrogates): the
    # text written is, with U+FFFD where the name was not.
    stem, name = _readable(target.stem), _readable(target.name)
    title = check_title(title if title is not None else default_title(stem))
    text = starter_text(title, briefing_id(stem), name)
    data = text.encode("utf-8")
    try:
        # "x": never overwrite, even if the file appears between a check and the write.
        with target.open("xb") as file:
            try:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            except OSError:
                # Half a starter is worse than none: the reader would edit it.
                target.unlink(missing_ok=True)
                raise
    except FileExistsError:
        raise ScaffoldError("already exists; not overwriting it (choose another name)") from None
    except FileNotFoundError:
        raise ScaffoldError("no such directory") from None
    except IsADirectoryError:
        raise ScaffoldError("is a directory") from None
    except PermissionError:
        raise ScaffoldError("permission denied") from None
    except OSError as error:
        raise ScaffoldError(f"cannot write: {error.strerror}") from None
    return text


_STARTER = '''\
# A briefing for briefing-tui, content format 1. Replace the examples with your
# own text and delete what you do not need: only [briefing] and one section are
# required. 'briefing help format' describes every key; briefing.schema.json,
# beside this file, lets editors complete them as you type.
#
#   briefing --watch @FILE@    open it; it reloads each time you save
#   briefing lint @FILE@       find what is valid but weak
#   briefing present @FILE@    present it as slides

format = 1

# ---------------------------------------------------------------------------
# About the briefing
# ---------------------------------------------------------------------------

[briefing]
# An id is lower-case letters, digits and "-". Study notes are kept under it,
# so keep it once you have started studying.
id = "@ID@"
title = @TITLE@
subtitle = "One line under the title"
# What the actors below take a stance on.
subject = "the example question"
# Markdown fields like this one may link inside the briefing:
# #section:ID, #actor:ID, #argument:BOARD/ID and #term:TERM.
summary = """
What the briefing is about, in a paragraph. It opens on
[the background](#section:background) and ends with
[what comes next](#section:outlook).
"""
# A TOML date, or a string "YYYY", "YYYY-MM" or "YYYY-MM-DD".
published = "2024"
tags = ["example"]

[briefing.source]
publication = "Where the source appeared"
url = "https://example.org/article"
authors = ["A. Author"]
retrieved = 2024-01-31

# ---------------------------------------------------------------------------
# Sections, in reading order. Each becomes a page and a slide.
# ---------------------------------------------------------------------------

[[sections]]
id = "background"
title = "Background"
# The section in your own words (Markdown). Link actors, arguments and terms.
body = """
[Country A](#actor:country-a) and [Country B](#actor:country-b) signed an
agreement. Some see it as [a win for Country A](#argument:outcome/gain);
others point to the [example term](#term:example-term).
"""
# Takeaways: the presenter's slide for this section is built from them.
key_points = [
  "Country A and Country B signed an agreement",
  "Its effects are disputed",
]
# Ids of the actors this section is about.
actors = ["country-a", "country-b"]
# Speaker notes (Markdown): shown to the presenter only.
notes = "Start with a question to the audience."
# Planned speaking time in minutes (optional; more than 0, at most 600).
minutes = 3

[[sections]]
id = "outlook"
title = "Outlook"
body = """
What to watch next, and [the costs for Country A](#argument:outcome/cost).
"""
key_points = ["Watch how Country B responds"]
actors = ["country-b"]

# ---------------------------------------------------------------------------
# Actors: the parties involved
# ---------------------------------------------------------------------------

[[actors]]
id = "country-a"
name = "Country A"
# One of: state, organisation, alliance, person, group, other.
kind = "state"
# Toward the subject above. One of: supports, opposes, ambivalent, neutral, unknown.
stance = "supports"
role = "Signed the agreement"
summary = "Who Country A is, in a few sentences (Markdown)."
interests = ["Access to new markets"]
concerns = ["Depending on Country B"]
quotes = [
  { text = "A short quote, attributed.", by = "A spokesperson", section = "background" },
]

[[actors]]
id = "country-b"
name = "Country B"
kind = "state"
stance = "ambivalent"
role = "The other party"

# ---------------------------------------------------------------------------
# Relations: directed links between two actors
# ---------------------------------------------------------------------------

[[relations]]
from = "country-a"
to = "country-b"
# A short label (at most 40 characters) read as "Country A ... Country B".
kind = "signed an agreement with"
detail = "More about the link (Markdown)."
section = "background"

# ---------------------------------------------------------------------------
# Scoreboards: pros and cons a reader can re-weight
# ---------------------------------------------------------------------------

[[scoreboards]]
id = "outcome"
title = "Does the agreement serve Country A?"
# Whose gains and costs these are.
perspective = "country-a"
pro_label = "Gains"
con_label = "Costs"

[[scoreboards.arguments]]
id = "gain"
side = "pro"
claim = "It opens new markets to Country A"
detail = "Why this counts for it (Markdown)."
# How much it counts, 1 to 5 (default 3).
weight = 4
sections = ["background"]
actors = ["country-a"]

[[scoreboards.arguments]]
id = "cost"
side = "con"
claim = "It ties Country A to Country B"
weight = 2
sections = ["outlook"]
actors = ["country-a", "country-b"]

# ---------------------------------------------------------------------------
# Timeline: dated events, shown in date order
# ---------------------------------------------------------------------------

[[timeline]]
date = "2024-01"
title = "The agreement is signed"
detail = "Where and how (Markdown)."
actors = ["country-a", "country-b"]
section = "background"

# ---------------------------------------------------------------------------
# Glossary: link a term from any Markdown field with #term:TERM
# (lower case, "-" for a space)
# ---------------------------------------------------------------------------

[[glossary]]
term = "Example term"
definition = "What the term means here (Markdown)."
aliases = ["example"]

# ---------------------------------------------------------------------------
# Questions: self-test for readers who study the briefing
# ---------------------------------------------------------------------------

[[questions]]
prompt = "Who signed the agreement?"
answer = "Country A and Country B."
section = "background"

# ---------------------------------------------------------------------------
# Cards: flashcards of your own, reviewed with the questions and the glossary
# ---------------------------------------------------------------------------

[[cards]]
front = "When was the agreement signed?"
back = "In January 2024 (Markdown)."
section = "background"
'''
