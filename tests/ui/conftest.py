"""Fixtures for the Textual tests: the bundled briefing and hostile content."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core.loader import load_briefing, parse_briefing
from briefing_tui.core.model import Briefing
from briefing_tui.core.resources import default_briefing_path

HOSTILE = Path(__file__).parent.parent / "data" / "good" / "hostile-markup.toml"


@pytest.fixture(scope="session")
def bundled() -> Briefing:
    """The bundled briefing."""
    return load_briefing(default_briefing_path())


@pytest.fixture(scope="session")
def hostile() -> Briefing:
    """A briefing whose every plain field looks like markup."""
    return parse_briefing(HOSTILE_TEXT, "hostile.toml")


HOSTILE_TEXT = r'''
format = 1

[briefing]
id = "hostile"
title = "[bold]Title[/bold] [@click=app.quit]quit[/] [/b] $error [link=https://x]"
subtitle = "[TODO] plan \\ backslash"
summary = "Summary with [b]brackets[/b] and [a link](#section:one)."

[[sections]]
id = "one"
title = "[@click=app.quit]Section[/] 中文 العربية 🎉"
body = "Body [x](#actor:a) with [red]not red[/red] and *emphasis*."
key_points = ["[b]point[/b]", "[/] closing", "$accent variable"]
actors = ["a"]

[[sections]]
id = "two"
title = "[/b] crash?"
body = "Second."

[[actors]]
id = "a"
name = "[@click=app.quit]Actor[/]"
kind = "state"
stance = "opposes"
role = "[link=file:///etc/passwd]role[/link]"
interests = ["[reverse]x[/reverse]"]
quotes = [{ text = "[b]quoted[/b]", by = "[i]someone[/i]", section = "one" }]

[[actors]]
id = "b"
name = "Actor [B]"
kind = "person"

[[relations]]
from = "a"
to = "b"
kind = "[b]relates[/b]"

[[scoreboards]]
id = "board"
title = "[@click=app.quit]Board[/]"
pro_label = "[b]Pro[/b]"
con_label = "[/] Con"

[[scoreboards.arguments]]
id = "p"
side = "pro"
claim = "[@click=app.quit]claim[/]"
sections = ["one"]
actors = ["a"]

[[scoreboards.arguments]]
id = "c"
side = "con"
claim = "[/b] con claim"
weight = 5

[[timeline]]
date = "2020"
title = "[b]event[/b]"
actors = ["a"]
section = "one"

[[glossary]]
term = "[b]term[/b]"
definition = "Definition [x]."
aliases = ["[i]alias[/i]"]

[[questions]]
prompt = "[b]question[/b]?"
answer = "Answer."
'''
