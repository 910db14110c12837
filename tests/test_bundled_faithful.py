"""The bundled briefing says only what its source article supports, in its own words.

Issue 20: a line-by-line check of the bundled briefing against the article it
summarises found claims the article does not make, quotes that were not the
speaker's words, runs of the article copied almost verbatim, and missing
facts. Each check below holds one of those fixes.

The article is kept outside the repository, at ``../shared/seed/article.txt``
beside the repository root; the checks that read it skip when it is absent
(in an sdist, for example).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli

from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.links import parse_internal_link
from briefing_tui.core.content.loader import load_briefing
from briefing_tui.core.content.model import Briefing, term_key

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTICLE = REPO_ROOT.parent / "shared" / "seed" / "article.txt"
ARTICLE_URL = (
    "https://thediplomat.com/2023/11/"
    "chinas-ambivalence-on-the-north-korea-russia-security-alignment/"
)

RUN = 12
"""The shortest run of consecutive words that counts as copied from the article."""

_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_LIKE_CHARACTERS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)
_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n\s*\n")


def words(text: str) -> list[str]:
    """The words of *text*: lowercase runs of letters and digits.

    Markdown link targets are dropped (only a link's text is read), and curly
    and straight quotes, apostrophes and dashes count alike.
    """
    text = _LINK_TARGET.sub("]", text).translate(_LIKE_CHARACTERS).lower()
    return _WORD.findall(text)


def windows(tokens: list[str], size: int = RUN) -> Iterator[tuple[str, ...]]:
    """Every run of *size* consecutive words of *tokens*."""
    for start in range(len(tokens) - size + 1):
        yield tuple(tokens[start : start + size])


def strings(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """(dotted path, text) of every string in a parsed TOML value, at any depth."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, f"{path}[{index}]")


def copied_runs(data: object, article: str) -> list[str]:
    """Each string of *data* that shares a run of :data:`RUN` words with *article*."""
    copied = set(windows(words(article)))
    found = []
    for path, text in strings(data):
        for window in windows(words(text)):
            if window in copied:
                found.append(f"{path}: {' '.join(window)!r}")
    return found


def sentences(text: str) -> list[str]:
    """*text* cut at sentence and clause ends, with link targets dropped."""
    plain = _LINK_TARGET.sub("]", text)
    return [part for part in _SENTENCE_END.split(plain) if part.strip()]


@pytest.fixture(scope="module")
def article() -> str:
    if not ARTICLE.is_file():
        pytest.skip(f"the source article is not here: {ARTICLE}")
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data() -> dict[str, object]:
    with default_briefing_path().open("rb") as file:
        return tomli.load(file)


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return load_briefing(default_briefing_path())


def all_text(data: dict[str, object]) -> list[tuple[str, str]]:
    return list(strings(data))


# ---------------------------------------------------------------------------
# Own words
# ---------------------------------------------------------------------------


def test_the_copy_check_finds_a_copied_run_however_it_is_written(article: str) -> None:
    # The check must be able to fail: a phrase lifted from the article is
    # found with other quotes, dashes, case and a Markdown link in it.
    run = " ".join(words(article)[200 : 200 + RUN])
    assert copied_runs({"s": run}, article) != []
    lifted = (
        "Pyongyang is ALSO seeking supplies of [food](#term:food) and energy "
        "along with international support for its pariah regime."
    )
    assert copied_runs({"body": lifted}, article) != []
    assert (
        copied_runs({"body": "China’s Ambivalence on the North Korea–Russia Security"}, article)
        == []
    )
    # Eleven words of the article in a row are allowed.
    eleven = " ".join(words(article)[300 : 300 + RUN - 1])
    assert copied_runs({"s": eleven}, article) == []


def test_no_run_of_twelve_words_is_copied_from_the_article(
    data: dict[str, object], article: str
) -> None:
    copied = copied_runs(data, article)
    assert copied == [], "copied from the article:\n" + "\n".join(copied)


# ---------------------------------------------------------------------------
# Claims the article does not support
# ---------------------------------------------------------------------------

_FOOD_OR_ENERGY = re.compile(r"\b(food|energy)\b", re.IGNORECASE)
_SEEKING = re.compile(r"\b(seek\w*|sought|want\w*|hop\w*|ask\w*|look\w* for)\b", re.IGNORECASE)


def test_russia_is_never_said_to_supply_food_or_energy(data: dict[str, object]) -> None:
    # The article says only that Pyongyang seeks food and energy. Wherever the
    # briefing mentions them, the sentence says that North Korea seeks them;
    # an actor's interests are by definition what it wants.
    wrong = [
        f"{path}: {sentence.strip()!r}"
        for path, text in all_text(data)
        if not re.search(r"\.interests\[\d+\]$", path)
        for sentence in sentences(text)
        if _FOOD_OR_ENERGY.search(sentence) and not _SEEKING.search(sentence)
    ]
    assert wrong == [], "food or energy not framed as sought:\n" + "\n".join(wrong)


def test_no_relation_from_russia_is_about_food_or_energy(briefing: Briefing) -> None:
    for relation in briefing.relations:
        if relation.from_ == "russia":
            assert not _FOOD_OR_ENERGY.search(relation.kind), relation
    russia = briefing.actors_by_id["russia"]
    for text in (russia.role or "", russia.summary or ""):
        assert not _FOOD_OR_ENERGY.search(text), text


def test_the_scoreboard_weights_are_the_briefings_reading(data: dict[str, object]) -> None:
    # The article weighs nothing; it says the costs "probably" weigh more.
    for path, text in all_text(data):
        assert not re.search(r"article'?s (weighting|weights|scores)", text, re.I), path
    (conclusion,) = [s for s in data["sections"] if s["id"] == "conclusion"]  # type: ignore[index]
    notes = conclusion["notes"]
    assert "probably" in notes
    assert "this briefing" in notes


def test_no_sentence_places_the_weapons_factories_at_vostochny(data: dict[str, object]) -> None:
    # The article names Vostochny as the summit's venue, not as the place where
    # Kim was shown weapons production.
    wrong = [
        f"{path}: {sentence.strip()!r}"
        for path, text in all_text(data)
        for sentence in sentences(text)
        if "vostochny" in sentence.lower()
        and re.search(r"product|factor|facilit|plant", sentence, re.IGNORECASE)
        and "does not say where" not in sentence
    ]
    assert wrong == [], "\n".join(wrong)


def test_china_valuing_its_partners_stays_conditional(data: dict[str, object]) -> None:
    for path, text in all_text(data):
        for sentence in sentences(text):
            if "more than ever" in sentence or "more highly than ever" in sentence:
                assert re.search(r"\bwould\b", sentence), f"{path}: {sentence!r}"


def test_the_article_not_critics_calls_the_deal_illegal(data: dict[str, object]) -> None:
    for path, text in all_text(data):
        for sentence in sentences(text):
            assert not re.search(r"\bcritics\b.*\billegal\b", sentence, re.I), (
                f"{path}: {sentence!r}"
            )


def test_bilateral_sanctions_do_not_link_to_the_un_sanctions(briefing: Briefing) -> None:
    un_sanctions = briefing.terms_by_key["un security council sanctions"]
    pattern = re.compile(r"\[([^\]]*)\]\((#term:[^)]*)\)")
    linked = []
    for section in briefing.sections:
        for text, target in pattern.findall(section.body):
            if "bilateral" in text:
                link = parse_internal_link(target)
                assert link is not None
                term = briefing.terms_by_key[term_key(link.target)]
                assert term is not un_sanctions, text
                linked.append(term.term)
    assert linked, "the multilateral and bilateral sanctions are linked to a glossary entry"


def test_the_turn_is_a_surprise_not_unpredicted(data: dict[str, object]) -> None:
    # The article says the turn "surprised many" and names Shoigu's July visit
    # as its prelude; it does not say that nothing predicted it.
    for path, text in all_text(data):
        assert not re.search(r"nothing\b[^.]*\bpredicted", text, re.I), path


def test_inferred_stances_and_concerns_are_marked(briefing: Briefing) -> None:
    # Japan's and Ukraine's stances are not stated in the article, nor are
    # their concerns: the briefing marks them as its own reading.
    actors = briefing.actors_by_id
    for actor_id in ("japan", "ukraine"):
        actor = actors[actor_id]
        assert "inferred" in (actor.summary or "").lower(), actor_id
        for concern in actor.concerns:
            assert concern.endswith("(inferred)"), (actor_id, concern)
    marked = [
        item
        for actor in briefing.actors
        for item in (*actor.interests, *actor.concerns)
        if item.endswith("(inferred)")
    ]
    assert len(marked) >= 5
    # The mark is explained where a reader starts.
    assert "(inferred)" in (briefing.briefing.summary or "")


def test_the_1991_entry_does_not_date_the_alliances_end(briefing: Briefing) -> None:
    (event,) = [event for event in briefing.timeline if str(event.date).startswith("1991")]
    text = f"{event.title} {event.detail or ''}"
    assert "after" in text.lower()
    assert "no year" in text.lower() or "does not say when" in text.lower()


# ---------------------------------------------------------------------------
# Quotes
# ---------------------------------------------------------------------------


def test_quotes_are_short_words_of_the_actor_found_in_the_article(
    briefing: Briefing, article: str
) -> None:
    article_words = " ".join(words(article))
    for actor in briefing.actors:
        for quote in actor.quotes:
            said = words(quote.text)
            assert 0 < len(said) < RUN, quote
            assert f" {' '.join(said)} " in f" {article_words} ", quote
            # A glossary label is not something the actor said.
            assert term_key(quote.text) not in briefing.terms_by_key, quote
            # The words are the actor's, not the article author's.
            assert "article" not in quote.by.lower(), quote


def test_the_labels_stay_in_the_glossary(briefing: Briefing) -> None:
    for term in ("asian nato", "integrated deterrence", "marriage of convenience"):
        assert term in briefing.terms_by_key, term


# ---------------------------------------------------------------------------
# What was missing
# ---------------------------------------------------------------------------


def test_the_forecast_of_a_security_alignment(briefing: Briefing) -> None:
    (history,) = [s for s in briefing.sections if s.id == "history"]
    assert re.search(r"likely[^.]*security alignment", history.body, re.I | re.S)


def test_the_trilateral_alignment_covers_both_trios(briefing: Briefing) -> None:
    term = briefing.terms_by_key["trilateral security alignment"]
    definition = " ".join(term.definition.split())
    for name in ("South Korea", "Japan", "Russia", "North Korea", "China"):
        assert name in definition, name


def test_the_source_names_month_and_address(briefing: Briefing) -> None:
    meta = briefing.briefing
    assert str(meta.published) == "2023-11"
    assert meta.source is not None
    assert meta.source.publication == "The Diplomat"
    assert meta.source.url == ARTICLE_URL


def test_sections_plan_a_twenty_minute_talk(briefing: Briefing) -> None:
    planned = [section.minutes for section in briefing.sections]
    assert None not in planned, [s.id for s in briefing.sections if s.minutes is None]
    assert sum(planned) == pytest.approx(20)  # type: ignore[arg-type]
