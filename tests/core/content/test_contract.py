"""One test per rule of the content format, version 1 (the contract with content authors).

Each rule gets text that follows it and loads, and text that breaks it and
is refused with the exact message at the exact line and column. Texts are
validated with :func:`parse_briefing` under the name ``FILE``. The expected
location is found with :func:`at`, which looks up a snippet occurring once in
the text, so the expectations stay readable and do not depend on the
loader's own position scanner.
"""

from __future__ import annotations

import pytest

from briefing_tui.core.content.loader import BriefingError, parse_briefing
from briefing_tui.core.content.model import Briefing

META = """\
format = 1

[briefing]
id = "base"
title = "Base briefing"
"""

SECTION = """
[[sections]]
id = "intro"
title = "Introduction"
body = "Hello."
"""

BASE = META + SECTION

ACTORS = """
[[actors]]
id = "china"
name = "China"
kind = "state"

[[actors]]
id = "russia"
name = "Russia"
kind = "state"
"""

BOARD = """
[[scoreboards]]
id = "balance"
title = "Does it pay?"

[[scoreboards.arguments]]
id = "gains"
side = "pro"
claim = "It gains."
"""

GLOSSARY = """
[[glossary]]
term = "Pariah state"
definition = "A state shunned by others."
aliases = ["outcast"]
"""

CONTROL = "the string contains a control character (escape sequences must never reach a terminal)"


def load(text: str) -> Briefing:
    """Validate *text*, failing the test with the problems if it is refused."""
    try:
        return parse_briefing(text, "FILE")
    except BriefingError as error:
        pytest.fail(f"expected a valid briefing, got:\n{error}")


def problems(text: str) -> list[str]:
    """The problems reported for *text*, as ``validate`` prints them."""
    with pytest.raises(BriefingError) as caught:
        parse_briefing(text, "FILE")
    return [str(problem) for problem in caught.value.problems]


def at(text: str, snippet: str, offset: int = 0) -> str:
    """``FILE:LINE:COL`` of the one occurrence of *snippet* in *text*, moved by *offset*."""
    assert text.count(snippet) == 1, f"{snippet!r} must occur once in the test text"
    index = text.index(snippet) + offset
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"FILE:{line}:{column}"


def without_line(text: str, start: str) -> str:
    """*text* without its lines that start with *start*."""
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(start))


# -- format -------------------------------------------------------------------


def test_format_1_is_read() -> None:
    assert load(BASE).format == 1


def test_other_format_is_refused_and_nothing_else_is_judged() -> None:
    text = BASE.replace("format = 1", "format = 2") + 'unknown = "not ours to judge"\n'
    assert problems(text) == ["FILE:1:1: format: unsupported format 2 (this app reads 1)"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"1"', "expected an integer, got a string '1'"),
        ("1.0", "expected an integer, got a float 1.0"),
        ("true", "expected an integer, got a boolean true"),
    ],
)
def test_format_must_be_an_integer(value: str, message: str) -> None:
    text = BASE.replace("format = 1", f"format = {value}")
    assert problems(text) == [f"FILE:1:1: format: {message}"]


# -- required keys and tables -------------------------------------------------


def test_every_missing_top_level_part_is_reported_at_once() -> None:
    assert problems("") == [
        "FILE: format: missing required key 'format' in the top level",
        "FILE: briefing: missing required table [briefing]",
        (
            "FILE: sections: missing required array of tables [[sections]] "
            "(a briefing needs at least one)"
        ),
    ]


def test_sections_may_not_be_empty() -> None:
    text = 'format = 1\nsections = []\n\n[briefing]\nid = "b"\ntitle = "B"\n'
    assert problems(text) == ["FILE:2:1: sections: needs at least 1 table, got none"]


@pytest.mark.parametrize("key", ["id", "title"])
def test_briefing_table_needs_id_and_title(key: str) -> None:
    text = without_line(META, f"{key} =") + SECTION
    where = at(text, "[briefing]")
    assert problems(text) == [
        f"{where}: briefing.{key}: missing required key {key!r} in [briefing]"
    ]


@pytest.mark.parametrize("key", ["id", "title", "body"])
def test_section_needs_id_title_and_body(key: str) -> None:
    text = META + without_line(SECTION, f"{key} =")
    where = at(text, "[[sections]]")
    assert problems(text) == [
        f"{where}: sections[0].{key}: missing required key {key!r} in [[sections]]"
    ]


@pytest.mark.parametrize(
    ("table", "keys", "missing"),
    [
        ("actors", 'id = "japan"\nname = "Japan"\nkind = "state"\n', "id"),
        ("actors", 'id = "japan"\nname = "Japan"\nkind = "state"\n', "name"),
        ("actors", 'id = "japan"\nname = "Japan"\nkind = "state"\n', "kind"),
        ("relations", 'from = "china"\nto = "russia"\nkind = "arms"\n', "from"),
        ("relations", 'from = "china"\nto = "russia"\nkind = "arms"\n', "to"),
        ("relations", 'from = "china"\nto = "russia"\nkind = "arms"\n', "kind"),
        ("timeline", 'date = "2023"\ntitle = "T"\n', "date"),
        ("timeline", 'date = "2023"\ntitle = "T"\n', "title"),
        ("glossary", 'term = "T"\ndefinition = "D"\n', "term"),
        ("glossary", 'term = "T"\ndefinition = "D"\n', "definition"),
        ("questions", 'prompt = "P"\nanswer = "A"\n', "prompt"),
        ("questions", 'prompt = "P"\nanswer = "A"\n', "answer"),
        ("cards", 'front = "F"\nback = "B"\n', "front"),
        ("cards", 'front = "F"\nback = "B"\n', "back"),
    ],
)
def test_required_keys_of_the_other_tables(table: str, keys: str, missing: str) -> None:
    header = f"[[{table}]]  # under test"
    load(BASE + ACTORS + f"\n{header}\n{keys}")
    text = BASE + ACTORS + f"\n{header}\n{without_line(keys, missing + ' =')}"
    index = 2 if table == "actors" else 0
    where = at(text, header)
    assert problems(text) == [
        f"{where}: {table}[{index}].{missing}: missing required key {missing!r} in [[{table}]]"
    ]


@pytest.mark.parametrize("missing", ["id", "title", "arguments"])
def test_scoreboard_needs_id_title_and_arguments(missing: str) -> None:
    load(BASE + BOARD)
    board, arguments = BOARD.split("[[scoreboards.arguments]]")
    if missing == "arguments":
        text = BASE + board
    else:
        text = BASE + without_line(board, f"{missing} =") + "[[scoreboards.arguments]]" + arguments
    where = at(text, "[[scoreboards]]")
    assert problems(text) == [
        f"{where}: scoreboards[0].{missing}: missing required key {missing!r} in [[scoreboards]]"
    ]


def test_scoreboard_needs_at_least_one_argument() -> None:
    text = BASE + BOARD.split("[[scoreboards.arguments]]")[0] + "arguments = []\n"
    where = at(text, "arguments = []")
    assert problems(text) == [
        f"{where}: scoreboards[0].arguments: needs at least 1 table, got none"
    ]


@pytest.mark.parametrize("missing", ["id", "side", "claim"])
def test_argument_needs_id_side_and_claim(missing: str) -> None:
    board, argument = BOARD.split("[[scoreboards.arguments]]")
    text = BASE + board + "[[scoreboards.arguments]]" + without_line(argument, f"{missing} =")
    where = at(text, "[[scoreboards.arguments]]")
    assert problems(text) == [
        (
            f"{where}: scoreboards[0].arguments[0].{missing}: "
            f"missing required key {missing!r} in [[scoreboards.arguments]]"
        )
    ]


@pytest.mark.parametrize(("kept", "missing"), [('by = "B"', "text"), ('text = "T"', "by")])
def test_quote_needs_text_and_by(kept: str, missing: str) -> None:
    actor = '\n[[actors]]\nid = "a"\nname = "A"\nkind = "state"\nquotes = [@]\n'
    load(BASE + actor.replace("@", '{ text = "T", by = "B" }'))
    quote = f"{{ {kept} }}"
    text = BASE + actor.replace("@", quote)
    where = at(text, quote)
    assert problems(text) == [
        (
            f"{where}: actors[0].quotes[0].{missing}: "
            f"missing required key {missing!r} in [[actors.quotes]]"
        )
    ]


# -- ids ----------------------------------------------------------------------


@pytest.mark.parametrize("good", ["a", "0", "a-b", "1st-section", "x--y", "a-", "a" * 64])
def test_valid_ids(good: str) -> None:
    assert load(BASE.replace('id = "intro"', f'id = "{good}"')).sections[0].id == good


@pytest.mark.parametrize("bad", ["", "-a", "A", "Intro", "a_b", "a b", "a.b", "é", "a/b", "a" * 65])
def test_invalid_ids(bad: str) -> None:
    line = f'id = "{bad}"'
    text = BASE.replace('id = "intro"', line)
    where = at(text, line)
    assert problems(text) == [
        (
            f"{where}: sections[0].id: {bad!r} is not a valid id: use 1 to 64 lowercase "
            "letters, digits and '-', starting with a letter or digit"
        )
    ]


def test_id_must_be_a_string() -> None:
    text = BASE.replace('id = "intro"', "id = 7")
    where = at(text, "id = 7")
    assert problems(text) == [f"{where}: sections[0].id: expected a string, got an integer 7"]


# -- unique ids ---------------------------------------------------------------


def test_section_ids_are_unique() -> None:
    again = '\n[[sections]]\nid = "intro"  # again\ntitle = "Again"\nbody = "Again."\n'
    load(BASE + again.replace('"intro"', '"more"'))
    text = BASE + again
    where = at(text, 'id = "intro"  # again')
    assert problems(text) == [
        f"{where}: sections[1].id: duplicate section id 'intro'; ids must be unique"
    ]


def test_actor_ids_are_unique() -> None:
    again = '\n[[actors]]\nid = "china"  # again\nname = "PRC"\nkind = "state"\n'
    load(BASE + ACTORS + again.replace('"china"', '"prc"'))
    text = BASE + ACTORS + again
    where = at(text, 'id = "china"  # again')
    assert problems(text) == [
        f"{where}: actors[2].id: duplicate actor id 'china'; ids must be unique"
    ]


def test_scoreboard_ids_are_unique() -> None:
    again = BOARD.replace('id = "balance"', 'id = "balance"  # again')
    load(BASE + BOARD + again.replace('"balance"', '"other"'))
    text = BASE + BOARD + again
    where = at(text, 'id = "balance"  # again')
    assert problems(text) == [
        f"{where}: scoreboards[1].id: duplicate scoreboard id 'balance'; ids must be unique"
    ]


def test_argument_ids_are_unique_within_their_scoreboard() -> None:
    again = (
        '\n[[scoreboards.arguments]]\nid = "gains"  # again\nside = "con"\nclaim = "It costs."\n'
    )
    # The same argument id on another scoreboard is fine.
    load(BASE + BOARD + BOARD.replace('"balance"', '"other"'))
    text = BASE + BOARD + again
    where = at(text, 'id = "gains"  # again')
    assert problems(text) == [
        (
            f"{where}: scoreboards[0].arguments[1].id: "
            "duplicate argument id 'gains' in scoreboard 'balance'; ids must be unique"
        )
    ]


@pytest.mark.parametrize("again", ["Pariah state", "PARIAH STATE", "pariah-state"])
def test_glossary_terms_are_unique_ignoring_case(again: str) -> None:
    entry = f'\n[[glossary]]\nterm = "{again}"  # again\ndefinition = "Again."\n'
    load(BASE + GLOSSARY + entry.replace(again, "Rogue state"))
    text = BASE + GLOSSARY + entry
    where = at(text, "  # again", offset=-len(f'term = "{again}"'))
    assert problems(text) == [
        (
            f"{where}: glossary[1].term: duplicate glossary term {again!r}; "
            "terms must be unique (ignoring case)"
        )
    ]


@pytest.mark.parametrize(
    ("alias", "taken", "offset"),
    [("Pariah State", 'term = "Pariah state"', 0), ("Outcast", '["outcast"]', 1)],
    ids=["another term's name", "another term's alias"],
)
def test_an_alias_that_names_another_entry_is_refused_with_both_places(
    alias: str, taken: str, offset: int
) -> None:
    entry = f'\n[[glossary]]\nterm = "Rogue state"\naliases = ["{alias}"]\ndefinition = "R."\n'
    text = BASE + GLOSSARY + entry
    where = at(text, f'aliases = ["{alias}"]', offset=len("aliases = ["))
    line, column = at(text, taken, offset=offset).split(":")[1:]
    assert problems(text) == [
        (
            f"{where}: glossary[1].aliases[0]: alias {alias!r} also names the glossary entry "
            f"at line {line}, column {column}; a #term: link to it could mean either"
        )
    ]


# -- references ---------------------------------------------------------------

REFERENCES = (
    ACTORS
    + BOARD.replace('title = "Does it pay?"', 'title = "Does it pay?"\nperspective = "china"')
    + """
[[relations]]
from = "china"
to = "russia"
kind = "supplies"
section = "intro"

[[timeline]]
date = "2023"
title = "Summit"
actors = ["china", "russia"]
section = "intro"

[[questions]]
prompt = "Why?"
answer = "Because."
section = "intro"

[[cards]]
front = "Who?"
back = "Them."
section = "intro"

[[actors]]
id = "japan"
name = "Japan"
kind = "state"
quotes = [{ text = "No.", by = "Tokyo", section = "intro" }]
"""
)


def test_every_kind_of_reference_resolves() -> None:
    text = BASE.replace('body = "Hello."', 'body = "Hello."\nactors = ["china"]') + REFERENCES
    text = text.replace(
        'claim = "It gains."', 'claim = "It gains."\nsections = ["intro"]\nactors = ["russia"]'
    )
    briefing = load(text)
    assert briefing.sections[0].actors == ("china",)
    assert briefing.scoreboards[0].arguments[0].sections == ("intro",)


@pytest.mark.parametrize(
    ("old", "new", "snippet", "path", "message"),
    [
        (
            'body = "Hello."',
            'body = "Hello."\nactors = ["chian"]',
            '"chian"',
            "sections[0].actors[0]",
            "no actor with id 'chian' (did you mean 'china'?)",
        ),
        (
            'section = "intro" }',
            'section = "intor" }',
            'section = "intor"',
            "actors[2].quotes[0].section",
            "no section with id 'intor' (did you mean 'intro'?)",
        ),
        (
            'from = "china"',
            'from = "chna"',
            'from = "chna"',
            "relations[0].from",
            "no actor with id 'chna' (did you mean 'china'?)",
        ),
        (
            'to = "russia"',
            'to = "rusia"',
            'to = "rusia"',
            "relations[0].to",
            "no actor with id 'rusia' (did you mean 'russia'?)",
        ),
        (
            'kind = "supplies"\nsection = "intro"',
            'kind = "supplies"\nsection = "intr"',
            'section = "intr"',
            "relations[0].section",
            "no section with id 'intr' (did you mean 'intro'?)",
        ),
        (
            'to = "russia"',
            'to = "china"  # same',
            'to = "china"  # same',
            "relations[0].to",
            "a relation needs two distinct actors; 'from' and 'to' are both 'china'",
        ),
        (
            'perspective = "china"',
            'perspective = "chin"',
            'perspective = "chin"',
            "scoreboards[0].perspective",
            "no actor with id 'chin' (did you mean 'china'?)",
        ),
        (
            'claim = "It gains."',
            'claim = "It gains."\nsections = ["intro", "intros"]',
            '"intros"',
            "scoreboards[0].arguments[0].sections[1]",
            "no section with id 'intros' (did you mean 'intro'?)",
        ),
        (
            'claim = "It gains."',
            'claim = "It gains."\nactors = ["russai"]',
            '"russai"',
            "scoreboards[0].arguments[0].actors[0]",
            "no actor with id 'russai' (did you mean 'russia'?)",
        ),
        (
            'actors = ["china", "russia"]',
            'actors = ["china", "rusia"]',
            '"rusia"',
            "timeline[0].actors[1]",
            "no actor with id 'rusia' (did you mean 'russia'?)",
        ),
        (
            'title = "Summit"\nactors = ["china", "russia"]\nsection = "intro"',
            'title = "Summit"\nactors = ["china", "russia"]\nsection = "outro"',
            'section = "outro"',
            "timeline[0].section",
            "no section with id 'outro' (did you mean 'intro'?)",
        ),
        (
            'answer = "Because."\nsection = "intro"',
            'answer = "Because."\nsection = "zzz"',
            'section = "zzz"',
            "questions[0].section",
            "no section with id 'zzz' (known section ids: 'intro')",
        ),
        (
            'back = "Them."\nsection = "intro"',
            'back = "Them."\nsection = "intra"',
            'section = "intra"',
            "cards[0].section",
            "no section with id 'intra' (did you mean 'intro'?)",
        ),
    ],
)
def test_broken_reference(old: str, new: str, snippet: str, path: str, message: str) -> None:
    good = BASE + REFERENCES
    load(good)
    assert good.count(old) == 1
    text = good.replace(old, new)
    where = at(text, snippet)
    assert problems(text) == [f"{where}: {path}: {message}"]


def test_reference_into_an_empty_kind_says_so() -> None:
    text = BASE.replace('body = "Hello."', 'body = "Hello."\nactors = ["china"]')
    where = at(text, '"china"')
    assert problems(text) == [
        f"{where}: sections[0].actors[0]: no actor with id 'china' (the file defines no actors)"
    ]


def test_unknown_reference_without_a_close_match_lists_the_known_ids() -> None:
    extra = "".join(
        f'\n[[actors]]\nid = "{name}"\nname = "{name}"\nkind = "state"\n'
        for name in ("japan", "nato", "ukraine", "united-states")
    )
    text = BASE.replace('body = "Hello."', 'body = "Hello."\nactors = ["zz"]') + ACTORS + extra
    where = at(text, '"zz"')
    assert problems(text) == [
        (
            f"{where}: sections[0].actors[0]: no actor with id 'zz' (known actor ids: "
            "'china', 'japan', 'nato', 'russia', 'ukraine' and 1 more)"
        )
    ]


# -- internal links -------------------------------------------------------------

#: A file with every Markdown field of the format, each holding a marker.
ALL_MARKDOWN = """\
format = 1

[briefing]
id = "links"
title = "Links"
summary = "@briefing.summary@"

[[sections]]
id = "intro"
title = "Introduction"
body = "@sections[0].body@"
notes = "@sections[0].notes@"

[[actors]]
id = "china"
name = "China"
kind = "state"
summary = "@actors[0].summary@"

[[actors]]
id = "russia"
name = "Russia"
kind = "state"

[[relations]]
from = "china"
to = "russia"
kind = "backs"
detail = "@relations[0].detail@"

[[scoreboards]]
id = "balance"
title = "Does it pay?"

[[scoreboards.arguments]]
id = "gains"
side = "pro"
claim = "It gains."
detail = "@scoreboards[0].arguments[0].detail@"

[[timeline]]
date = 2023-09-13
title = "Summit"
detail = "@timeline[0].detail@"

[[glossary]]
term = "Pariah state"
definition = "@glossary[0].definition@"
aliases = ["outcast", "Rogue regime"]

[[questions]]
prompt = "Why?"
answer = "@questions[0].answer@"

[[cards]]
front = "Who?"
back = "@cards[0].back@"
"""

MARKDOWN_FIELDS = [
    "briefing.summary",
    "sections[0].body",
    "sections[0].notes",
    "actors[0].summary",
    "relations[0].detail",
    "scoreboards[0].arguments[0].detail",
    "timeline[0].detail",
    "glossary[0].definition",
    "questions[0].answer",
    "cards[0].back",
]


def markdown_file(field: str, markdown: str) -> str:
    """:data:`ALL_MARKDOWN` with *markdown* in *field* and plain words in the others."""
    text = ALL_MARKDOWN.replace(f"@{field}@", markdown)
    for other in MARKDOWN_FIELDS:
        text = text.replace(f"@{other}@", "Plain words.")
    return text


GOOD_LINKS = [
    "#section:intro",
    "#actor:china",
    "#argument:balance/gains",
    "#term:pariah-state",
    "#term:Pariah-State",
    "#term:PARIAH-STATE",
    "#term:outcast",
    "#term:rogue-regime",
    "http://example.com",
    "https://example.com/a_(b)?c=d#e",
    "HTTPS://EXAMPLE.COM",
    "mailto:someone@example.com",
]


@pytest.mark.parametrize("field", MARKDOWN_FIELDS)
@pytest.mark.parametrize("href", GOOD_LINKS)
def test_good_links_in_every_markdown_field(field: str, href: str) -> None:
    load(markdown_file(field, f"See [this]({href}) and ![image]({href})."))


@pytest.mark.parametrize(
    "markdown",
    [
        "<https://example.com>",
        "[term][ref]\\n\\n[ref]: #term:outcast",
        "[x](<#term:pariah state>)",
        '[x](#section:intro \\"The intro\\")',
        "`[code](file:///etc/passwd)` is not a link",
        "```\\n[fenced](javascript:alert(1))\\n```",
    ],
)
def test_other_good_link_forms(markdown: str) -> None:
    load(markdown_file("sections[0].body", markdown))


BROKEN_LINKS = [
    (
        "#section:intor",
        "broken link '#section:intor': no section with id 'intor' (did you mean 'intro'?)",
    ),
    ("#actor:chna", "broken link '#actor:chna': no actor with id 'chna' (did you mean 'china'?)"),
    (
        "#argument:balance/gain",
        (
            "broken link '#argument:balance/gain': scoreboard 'balance' has no argument 'gain' "
            "(did you mean 'gains'?)"
        ),
    ),
    (
        "#argument:balanse/gains",
        (
            "broken link '#argument:balanse/gains': no scoreboard with id 'balanse' "
            "(did you mean 'balance'?)"
        ),
    ),
    ("#argument:balance", "broken link '#argument:balance': write #argument:SCOREBOARD/ID"),
    (
        "#term:pariah-stat",
        (
            "broken link '#term:pariah-stat': no glossary term or alias matches 'pariah-stat' "
            "(did you mean '#term:pariah-state'?)"
        ),
    ),
    (
        "#term:outcasts",
        (
            "broken link '#term:outcasts': no glossary term or alias matches 'outcasts' "
            "(did you mean '#term:outcast'?)"
        ),
    ),
]

REFUSED_URL = (
    "is neither an http/https/mailto URL nor an internal link "
    "(#section:…, #actor:…, #argument:…, #term:…)"
)

REFUSED_LINKS = [
    (href, f"link {href!r} {REFUSED_URL}")
    for href in [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,x",
        "ftp://example.com",
        "foo.html",
        "../secret.toml",
        "//example.com",
        "www.example.com",
        "#intro",
        "#nope:intro",
    ]
]


@pytest.mark.parametrize("field", MARKDOWN_FIELDS)
@pytest.mark.parametrize(("href", "message"), BROKEN_LINKS + REFUSED_LINKS)
def test_bad_links_in_every_markdown_field(field: str, href: str, message: str) -> None:
    text = markdown_file(field, f"See [this]({href}).")
    where = at(text, f"({href})", offset=1)
    assert problems(text) == [f"{where}: {field}: {message}"]


def test_empty_link_target_is_refused() -> None:
    text = markdown_file("sections[0].body", "See [this]().")
    where = at(text, 'body = "See')
    assert problems(text) == [f"{where}: sections[0].body: a link has an empty target"]


@pytest.mark.parametrize(
    ("markdown", "href"),
    [
        ("![image](file:///etc/passwd)", "file:///etc/passwd"),
        ("<javascript:alert(1)>", "javascript:alert(1)"),
        ("[x][r]\\n\\n[r]: ftp://example.com", "ftp://example.com"),
    ],
)
def test_images_autolinks_and_reference_definitions_are_checked(markdown: str, href: str) -> None:
    text = markdown_file("sections[0].notes", markdown)
    where = at(text, href)
    assert problems(text) == [f"{where}: sections[0].notes: link {href!r} {REFUSED_URL}"]


def test_a_link_after_a_code_span_that_cannot_close_is_checked() -> None:
    # A code span never spans a blank line: the backtick is text, and the link
    # between the two paragraphs is a link the renderer shows.
    body = '"""\n`a\n\n[j](javascript:alert(1))\n\nb`\n"""'
    text = markdown_file("sections[0].body", "@").replace('"@"', body)
    assert problems(text) == [
        f"{at(text, 'javascript:')}: sections[0].body: link 'javascript:alert(1)' {REFUSED_URL}"
    ]


def test_what_a_code_span_or_block_holds_is_no_link() -> None:
    body = '"""\n`[j](javascript:x)` and\n\n```\n[k](javascript:y)\n```\n"""'
    parse_briefing(markdown_file("sections[0].body", "@").replace('"@"', body), "FILE")


def test_links_in_a_multi_line_body_point_at_their_own_line() -> None:
    body = (
        '"""\nFirst paragraph.\n\n'
        "Then [a section](#section:outro).\n\n"
        "And <javascript:alert(1)> here.\n\n"
        "[ref]: data:text/html,x\n"
        '"""'
    )
    text = markdown_file("sections[0].body", "@").replace('"@"', body)
    assert problems(text) == [
        (
            f"{at(text, '#section:outro')}: sections[0].body: broken link '#section:outro': "
            "no section with id 'outro' (did you mean 'intro'?)"
        ),
        f"{at(text, 'javascript:')}: sections[0].body: link 'javascript:alert(1)' {REFUSED_URL}",
        f"{at(text, 'data:')}: sections[0].body: link 'data:text/html,x' {REFUSED_URL}",
    ]


def test_two_links_with_a_common_prefix_are_located_apart() -> None:
    text = markdown_file(
        "sections[0].body", "[a](#argument:balance/gains) then [b](#argument:balance)."
    )
    where = at(text, "(#argument:balance)", offset=1)
    assert problems(text) == [
        f"{where}: sections[0].body: broken link '#argument:balance': write #argument:SCOREBOARD/ID"
    ]


def test_source_url_must_be_http_or_https() -> None:
    source = '\n[briefing.source]\npublication = "P"\nurl = "https://example.com/article"\n'
    load(META + source + SECTION)
    text = META + source.replace("https://example.com/article", "mailto:a@example.com") + SECTION
    where = at(text, "url =")
    assert problems(text) == [
        f"{where}: briefing.source.url: 'mailto:a@example.com' is not an http or https URL"
    ]


# -- control characters ------------------------------------------------------------

#: Places a string can hide in: (TOML text with a marker, path of the marked string).
STRING_PLACES = [
    (BASE.replace('title = "Introduction"', 'title = "@"'), "sections[0].title"),
    (BASE.replace('body = "Hello."', 'body = "@"'), "sections[0].body"),
    (
        BASE.replace('body = "Hello."', 'body = "Hello."\nkey_points = ["ok", "@"]'),
        "sections[0].key_points[1]",
    ),
    (BASE.replace('title = "Base briefing"', 'title = "B"\ntags = ["@"]'), "briefing.tags[0]"),
    (
        BASE + '\n[[actors]]\nid = "a"\nname = "A"\nkind = "state"\n'
        'quotes = [{ text = "@", by = "B" }]\n',
        "actors[0].quotes[0].text",
    ),
    (BASE + GLOSSARY.replace('"outcast"', '"@"'), "glossary[0].aliases[0]"),
    (
        BASE + ACTORS + '\n[[relations]]\nfrom = "china"\nto = "russia"\nkind = "@"\n',
        "relations[0].kind",
    ),
]


@pytest.mark.parametrize(("template", "path"), STRING_PLACES, ids=[p for _, p in STRING_PLACES])
@pytest.mark.parametrize("allowed", ["\\t", "\\n", "\\r\\n", "wide 中文 and RTL עברית"])
def test_tab_lf_and_crlf_are_allowed(template: str, path: str, allowed: str) -> None:
    load(template.replace("@", f"a{allowed}b"))


@pytest.mark.parametrize(("template", "path"), STRING_PLACES, ids=[p for _, p in STRING_PLACES])
@pytest.mark.parametrize(
    "escape",
    ["\\u001b", "\\e", "\\u0000", "\\u0007", "\\b", "\\r", "\\u0085", "\\u009b", "\\u007f"],
    ids=["ESC", "ESC-short", "NUL", "BEL", "BS", "lone-CR", "C1-NEL", "C1-CSI", "DEL"],
)
def test_control_characters_are_refused(template: str, path: str, escape: str) -> None:
    text = template.replace("@", f"a{escape}b")
    if path.endswith("]"):
        where = at(text, f'"a{escape}b"')
    else:
        where = at(text, f'{path_key(path)} = "a{escape}b"')
    reported = problems(text)
    assert reported == [f"{where}: {path}: {CONTROL}"]
    assert all(char not in line for line in reported for char in "\x1b\x00\x07\x08\r\x85\x9b\x7f")


def path_key(path: str) -> str:
    """The last key of a dotted path: ``sections[0].title`` -> ``title``."""
    return path.rpartition(".")[2]


def test_control_character_in_a_multi_line_string_names_the_field() -> None:
    text = BASE.replace('body = "Hello."', 'body = """\nLine one.\nLine \\u001b[2J two.\n"""')
    assert problems(text) == [f"{at(text, 'body =')}: sections[0].body: {CONTROL}"]


# -- unknown keys ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "snippet", "path", "table", "hint"),
    [
        ("sectons = 1\n" + BASE, "sectons =", "sectons", "the top level", "sections"),
        (
            BASE.replace('title = "Base briefing"', 'titel = "Base"\ntitle = "B"'),
            "titel =",
            "briefing.titel",
            "[briefing]",
            "title",
        ),
        (
            BASE + '\n[briefing.source]\npublicaton = "P"\n',
            "publicaton =",
            "briefing.source.publicaton",
            "[briefing.source]",
            "publication",
        ),
        (
            BASE + 'key_point = ["x"]\n',
            "key_point =",
            "sections[0].key_point",
            "[[sections]]",
            "key_points",
        ),
        (
            BASE + '\n[[actors]]\nid = "a"\nname = "A"\nkind = "state"\nstnace = "supports"\n',
            "stnace =",
            "actors[0].stnace",
            "[[actors]]",
            "stance",
        ),
        (
            BASE + '\n[[actors]]\nid = "a"\nname = "A"\nkind = "state"\n'
            'quotes = [{ text = "T", by = "B", secton = "intro" }]\n',
            "secton =",
            "actors[0].quotes[0].secton",
            "[[actors.quotes]]",
            "section",
        ),
        (
            BASE
            + ACTORS
            + '\n[[relations]]\nform = "china"\nfrom = "china"\nto = "russia"\nkind = "k"\n',
            "form =",
            "relations[0].form",
            "[[relations]]",
            "from",
        ),
        (
            BASE + BOARD.replace('title = "Does it pay?"', 'title = "T"\npro_lable = "For"'),
            "pro_lable =",
            "scoreboards[0].pro_lable",
            "[[scoreboards]]",
            "pro_label",
        ),
        (
            BASE + BOARD + "wieght = 2\n",
            "wieght =",
            "scoreboards[0].arguments[0].wieght",
            "[[scoreboards.arguments]]",
            "weight",
        ),
        (
            BASE + '\n[[timeline]]\ndate = "2023"\ntitle = "T"\ndetails = "D"\n',
            "details =",
            "timeline[0].details",
            "[[timeline]]",
            "detail",
        ),
        (
            BASE + GLOSSARY + 'alias = ["x"]\n',
            "alias =",
            "glossary[0].alias",
            "[[glossary]]",
            "aliases",
        ),
        (
            BASE + '\n[[questions]]\nprompt = "P"\nanwser = "A"\nanswer = "A"\n',
            "anwser =",
            "questions[0].anwser",
            "[[questions]]",
            "answer",
        ),
        (
            BASE + '\n[[cards]]\nfornt = "F"\nfront = "F"\nback = "B"\n',
            "fornt =",
            "cards[0].fornt",
            "[[cards]]",
            "front",
        ),
    ],
)
def test_unknown_key_with_a_hint(text: str, snippet: str, path: str, table: str, hint: str) -> None:
    key = path_key(path)
    where = at(text, snippet)
    assert problems(text) == [
        f"{where}: {path}: unknown key {key!r} in {table} (did you mean {hint!r}?)"
    ]


def test_unknown_key_without_a_close_match_lists_the_allowed_keys() -> None:
    text = BASE + "zzz = 1\n"
    where = at(text, "zzz =")
    assert problems(text) == [
        (
            f"{where}: sections[0].zzz: unknown key 'zzz' in [[sections]] "
            "(allowed keys: id, title, body, key_points, actors, notes, minutes)"
        )
    ]


# -- sizes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "path", "limit"),
    [
        (BASE.replace('title = "Introduction"', 'title = "@"'), "sections[0].title", 500),
        (
            BASE.replace('body = "Hello."', 'body = "Hello."\nkey_points = ["@"]'),
            "sections[0].key_points[0]",
            500,
        ),
        (
            BASE + ACTORS + '\n[[relations]]\nfrom = "china"\nto = "russia"\nkind = "@"\n',
            "relations[0].kind",
            40,
        ),
        (
            BASE + BOARD.replace('title = "Does it pay?"', 'title = "T"\npro_label = "@"'),
            "scoreboards[0].pro_label",
            40,
        ),
        (
            BASE + BOARD.replace('title = "Does it pay?"', 'title = "T"\ncon_label = "@"'),
            "scoreboards[0].con_label",
            40,
        ),
        (BASE.replace('body = "Hello."', 'body = "@"'), "sections[0].body", 50_000),
        (
            BASE
            + GLOSSARY.replace('definition = "A state shunned by others."', 'definition = "@"'),
            "glossary[0].definition",
            50_000,
        ),
        (BASE + '\n[[cards]]\nfront = "@"\nback = "B"\n', "cards[0].front", 500),
        (BASE + '\n[[cards]]\nfront = "F"\nback = "@"\n', "cards[0].back", 50_000),
    ],
)
def test_size_limits(template: str, path: str, limit: int) -> None:
    load(template.replace("@", "é" * limit))
    text = template.replace("@", "é" * (limit + 1))
    where = at(text, '"é') if path.endswith("]") else at(text, f'{path_key(path)} = "é')
    assert problems(text) == [
        (
            f"{where}: {path}: the string is {limit + 1:,} characters long; "
            f"at most {limit:,} are allowed"
        )
    ]


# -- dates --------------------------------------------------------------------------

DATE_PLACES = [
    (BASE + '\n[[timeline]]\ndate = @\ntitle = "T"\n', "timeline[0].date"),
    (BASE.replace('title = "Base briefing"', 'title = "B"\npublished = @'), "briefing.published"),
    (META + "\n[briefing.source]\nretrieved = @\n" + SECTION, "briefing.source.retrieved"),
]


@pytest.mark.parametrize(("template", "path"), DATE_PLACES, ids=[p for _, p in DATE_PLACES])
@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("2023-09-13", "2023-09-13"),
        ('"2023"', "2023"),
        ('"2023-09"', "2023-09"),
        ('"2023-09-13"', "2023-09-13"),
        ('"2024-02-29"', "2024-02-29"),
    ],
)
def test_valid_dates(template: str, path: str, written: str, stored: str) -> None:
    briefing = load(template.replace("@", written))
    value = {
        "timeline[0].date": lambda: briefing.timeline[0].date,
        "briefing.published": lambda: briefing.briefing.published,
        "briefing.source.retrieved": lambda: briefing.briefing.source.retrieved,
    }[path]()
    assert value == stored


DATE_STRINGS = '"YYYY", "YYYY-MM" or "YYYY-MM-DD"'
DATE_FORMS = f"write {DATE_STRINGS}"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('"2023-13"', "'2023-13' is not a real calendar date"),
        ('"2023-02-30"', "'2023-02-30' is not a real calendar date"),
        ('"2023-02-29"', "'2023-02-29' is not a real calendar date"),
        ('"2023-00"', "'2023-00' is not a real calendar date"),
        ('"2023-09-00"', "'2023-09-00' is not a real calendar date"),
        ('"0000"', "'0000' is not a real calendar date"),
        ('"23"', f"'23' is not a date: {DATE_FORMS}"),
        ('"2023-9"', f"'2023-9' is not a date: {DATE_FORMS}"),
        ('"13 Sep 2023"', f"'13 Sep 2023' is not a date: {DATE_FORMS}"),
        ('"2023-09-13T10:00"', f"'2023-09-13T10:00' is not a date: {DATE_FORMS}"),
        # Fullwidth digits match Python's \d but are not the format's YYYY.
        ('"\uff12\uff10\uff12\uff13"', f"'\uff12\uff10\uff12\uff13' is not a date: {DATE_FORMS}"),
        ("2023-09-13T10:00:00", "expected a date without a time, got a date-time"),
        ("2023-09-13T10:00:00Z", "expected a date without a time, got a date-time"),
        ("2023", f"expected a TOML date or a string {DATE_STRINGS}, got an integer 2023"),
        ("10:00:00", f"expected a TOML date or a string {DATE_STRINGS}, got a time 10:00:00"),
    ],
)
def test_invalid_dates(written: str, message: str) -> None:
    template, path = DATE_PLACES[0]
    text = template.replace("@", written)
    where = at(text, "date =")
    assert problems(text) == [f"{where}: {path}: {message}"]


@pytest.mark.parametrize(("template", "path"), DATE_PLACES, ids=[p for _, p in DATE_PLACES])
def test_every_date_field_is_checked(template: str, path: str) -> None:
    text = template.replace("@", '"2023-13"')
    where = at(text, path_key(path) + " =")
    assert problems(text) == [f"{where}: {path}: '2023-13' is not a real calendar date"]


# -- enumerations ----------------------------------------------------------------------

KINDS = "'state', 'organisation', 'alliance', 'person', 'group' or 'other'"
STANCES = "'supports', 'opposes', 'ambivalent', 'neutral' or 'unknown'"
ACTOR = BASE + '\n[[actors]]\nid = "a"\nname = "A"\nkind = "state"\nstance = "supports"\n'


@pytest.mark.parametrize("kind", ["state", "organisation", "alliance", "person", "group", "other"])
def test_actor_kinds(kind: str) -> None:
    assert load(ACTOR.replace('kind = "state"', f'kind = "{kind}"')).actors[0].kind == kind


@pytest.mark.parametrize("stance", ["supports", "opposes", "ambivalent", "neutral", "unknown"])
def test_actor_stances(stance: str) -> None:
    assert load(ACTOR.replace('"supports"', f'"{stance}"')).actors[0].stance == stance


def test_stance_defaults_to_unknown() -> None:
    assert load(without_line(ACTOR, "stance")).actors[0].stance == "unknown"


@pytest.mark.parametrize("side", ["pro", "con"])
def test_argument_sides(side: str) -> None:
    argument = (
        load(BASE + BOARD.replace('side = "pro"', f'side = "{side}"')).scoreboards[0].arguments[0]
    )
    assert argument.side == side


@pytest.mark.parametrize(
    ("text", "snippet", "path", "message"),
    [
        (
            ACTOR.replace('kind = "state"', 'kind = "stat"'),
            "kind =",
            "actors[0].kind",
            f"a string 'stat' is not allowed here; use one of {KINDS} (did you mean 'state'?)",
        ),
        (
            ACTOR.replace('kind = "state"', 'kind = "country"'),
            "kind =",
            "actors[0].kind",
            f"a string 'country' is not allowed here; use one of {KINDS}",
        ),
        (
            ACTOR.replace('kind = "state"', 'kind = "State"'),
            "kind =",
            "actors[0].kind",
            f"a string 'State' is not allowed here; use one of {KINDS} (did you mean 'state'?)",
        ),
        (
            ACTOR.replace('"supports"', '"support"'),
            "stance =",
            "actors[0].stance",
            (
                f"a string 'support' is not allowed here; use one of {STANCES} "
                "(did you mean 'supports'?)"
            ),
        ),
        (
            ACTOR.replace('"supports"', "1"),
            "stance =",
            "actors[0].stance",
            f"an integer 1 is not allowed here; use one of {STANCES}",
        ),
        (
            BASE + BOARD.replace('side = "pro"', 'side = "pros"'),
            "side =",
            "scoreboards[0].arguments[0].side",
            "a string 'pros' is not allowed here; use one of 'pro' or 'con' (did you mean 'pro'?)",
        ),
        (
            BASE + BOARD.replace('side = "pro"', 'side = "maybe"'),
            "side =",
            "scoreboards[0].arguments[0].side",
            "a string 'maybe' is not allowed here; use one of 'pro' or 'con'",
        ),
    ],
)
def test_invalid_enumeration_values(text: str, snippet: str, path: str, message: str) -> None:
    where = at(text, snippet)
    assert problems(text) == [f"{where}: {path}: {message}"]


# -- weight -------------------------------------------------------------------------


@pytest.mark.parametrize("weight", [1, 2, 3, 4, 5])
def test_valid_weights(weight: int) -> None:
    text = BASE + BOARD + f"weight = {weight}\n"
    assert load(text).scoreboards[0].arguments[0].weight == weight


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("0", "weight must be an integer from 1 to 5, got 0"),
        ("6", "weight must be an integer from 1 to 5, got 6"),
        ("-1", "weight must be an integer from 1 to 5, got -1"),
        ("3.0", "expected an integer, got a float 3.0"),
        ('"3"', "expected an integer, got a string '3'"),
        ("true", "expected an integer, got a boolean true"),
        ("[3]", "expected an integer, got an array"),
    ],
)
def test_invalid_weights(written: str, message: str) -> None:
    text = BASE + BOARD + f"weight = {written}\n"
    where = at(text, "weight =")
    assert problems(text) == [f"{where}: scoreboards[0].arguments[0].weight: {message}"]


# -- type errors in TOML words ------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "snippet", "path", "message"),
    [
        (
            'title = "Introduction"',
            "title = 5",
            "title = 5",
            "sections[0].title",
            "expected a string, got an integer 5",
        ),
        (
            'body = "Hello."',
            "body = 1.5",
            "body =",
            "sections[0].body",
            "expected a string, got a float 1.5",
        ),
        (
            'body = "Hello."',
            "body = 1979-05-27",
            "body =",
            "sections[0].body",
            "expected a string, got a date 1979-05-27",
        ),
        (
            'body = "Hello."',
            'body = ["Hello."]',
            "body =",
            "sections[0].body",
            "expected a string, got an array",
        ),
        (
            'body = "Hello."',
            'body = { text = "Hello." }',
            "body =",
            "sections[0].body",
            "expected a string, got a table",
        ),
        (
            'body = "Hello."',
            'body = "Hello."\nkey_points = "one"',
            "key_points =",
            "sections[0].key_points",
            "expected an array, got a string 'one'",
        ),
        (
            'body = "Hello."',
            'body = "Hello."\nkey_points = ["one", 2]',
            "2]",
            "sections[0].key_points[1]",
            "expected a string, got an integer 2",
        ),
        (
            'title = "Base briefing"',
            'title = "B"\ntags = [true]',
            "true]",
            "briefing.tags[0]",
            "expected a string, got a boolean true",
        ),
    ],
)
def test_type_errors_are_told_in_toml_words(
    old: str, new: str, snippet: str, path: str, message: str
) -> None:
    text = BASE.replace(old, new)
    where = at(text, snippet)
    assert problems(text) == [f"{where}: {path}: {message}"]


def test_table_and_array_of_tables_type_errors() -> None:
    text = 'format = 1\nbriefing = "x"\nsections = { id = "s" }\n'
    assert problems(text) == [
        "FILE:2:1: briefing: expected a table, got a string 'x'",
        "FILE:3:1: sections: expected an array of tables, got a table",
    ]


def test_array_of_tables_under_a_missing_parent_is_located() -> None:
    text = BASE + '\n[[scoreboards.arguments]]\nid = "a"\nside = "pro"\nclaim = "c"\n'
    where = at(text, "[[scoreboards.arguments]]")
    assert problems(text) == [f"{where}: scoreboards: expected an array of tables, got a table"]


# -- every problem at once, in file order ------------------------------------------------


def test_all_problems_of_a_file_are_reported_in_file_order() -> None:
    text = (
        BASE.replace('title = "Introduction"', "title = 5")
        + ACTORS.replace('kind = "state"\n\n[[actors]]', 'kind = "stat"\n\n[[actors]]')
        + '\n[[relations]]\nfrom = "china"\nto = "japan"\nkind = "k"\n'
        + "unknown = 1\n"
    )
    title, kind, to, unknown = (
        at(text, snippet) for snippet in ("title = 5", 'kind = "stat"', 'to = "japan"', "unknown =")
    )
    assert problems(text) == [
        f"{title}: sections[0].title: expected a string, got an integer 5",
        (
            f"{kind}: actors[0].kind: a string 'stat' is not allowed here; "
            f"use one of {KINDS} (did you mean 'state'?)"
        ),
        f"{to}: relations[0].to: no actor with id 'japan' (known actor ids: 'china', 'russia')",
        (
            f"{unknown}: relations[0].unknown: unknown key 'unknown' in [[relations]] "
            "(allowed keys: from, to, kind, detail, section)"
        ),
    ]


# -- cards (an extension: flashcards the author writes) ------------------------------


def test_cards_are_read_with_an_optional_section() -> None:
    briefing = load(
        BASE + '\n[[cards]]\nfront = "Who?"\nback = "**Them.**"\nsection = "intro"\n'
        '\n[[cards]]\nfront = "When?"\nback = "Now."\n'
    )
    first, second = briefing.cards
    assert (first.front, first.back, first.section) == ("Who?", "**Them.**", "intro")
    assert (second.front, second.back, second.section) == ("When?", "Now.", None)


def test_a_briefing_without_cards_has_none() -> None:
    assert load(BASE).cards == ()
