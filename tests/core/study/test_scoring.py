"""Scoring a scoreboard: weights, switches, balance and the one-line verdict."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_tui.core.config.resources import default_briefing_path
from briefing_tui.core.content.loader import load_briefing
from briefing_tui.core.content.model import Argument, Scoreboard
from briefing_tui.core.study.scoring import MAX_WEIGHT, Score, Weighting, score, verdict


def make_board(
    *arguments: tuple[str, str, int], pro: str = "Pros", con: str = "Cons"
) -> Scoreboard:
    return Scoreboard(
        id="board",
        title="Is it worth it?",
        pro_label=pro,
        con_label=con,
        arguments=tuple(
            Argument(id=id_, side=side, claim=f"Claim {id_}.", weight=weight)
            for id_, side, weight in arguments
        ),
    )


BOARD = make_board(("a", "pro", 3), ("b", "pro", 2), ("c", "con", 4), ("d", "con", 5))


def argument(board: Scoreboard, argument_id: str) -> Argument:
    return next(arg for arg in board.arguments if arg.id == argument_id)


def test_author_weights_score_each_side_and_the_balance() -> None:
    result = score(BOARD)
    assert (result.pro, result.con, result.balance) == (5, 9, -4)
    assert (result.pro_max, result.con_max) == (2 * MAX_WEIGHT, 2 * MAX_WEIGHT)


def test_switched_off_arguments_count_for_nothing() -> None:
    weighting = Weighting().toggle("d")
    assert score(BOARD, weighting) == Score(pro=5, con=4, pro_max=10, con_max=10)
    assert not weighting.is_on("d")
    assert score(BOARD, weighting.toggle("d")).con == 9


def test_reweight_moves_by_delta_and_clamps_to_one_to_five() -> None:
    a = argument(BOARD, "a")
    up = Weighting().reweight(a, +1)
    assert up.weight_of(a) == 4
    assert score(BOARD, up).pro == 6
    assert Weighting().reweight(a, +10).weight_of(a) == 5
    assert Weighting().reweight(a, -10).weight_of(a) == 1


def test_weighting_is_immutable_and_changes_return_new_values() -> None:
    a = argument(BOARD, "a")
    original = Weighting()
    changed = original.reweight(a, 1).toggle("c")
    assert original.is_default
    assert not changed.is_default
    with pytest.raises(TypeError):
        changed.weights["a"] = 1  # type: ignore[index]


def test_is_modified_and_reset() -> None:
    a = argument(BOARD, "a")
    weighting = Weighting().reweight(a, 1).toggle("c")
    assert weighting.is_modified("a")
    assert weighting.is_modified("c")
    assert not weighting.is_modified("b")
    assert not weighting.reset_argument("a").is_modified("a")
    assert weighting.reset_argument("a").is_modified("c")
    assert weighting.reset() == Weighting()
    assert score(BOARD, weighting.reset()) == score(BOARD)


def test_returning_to_the_author_weight_is_not_a_modification() -> None:
    a = argument(BOARD, "a")
    weighting = Weighting().reweight(a, 1).reweight(a, -1)
    assert not weighting.is_modified("a")
    assert weighting == Weighting()


def test_a_weight_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="from 1 to 5"):
        Weighting({"a": 6})


def test_equal_weightings_compare_and_hash_equal() -> None:
    unfrozen = Weighting({"a": 2}, {"b"})  # type: ignore[arg-type]
    assert Weighting({"a": 2}, frozenset({"b"})) == unfrozen
    assert hash(Weighting({"a": 2})) == hash(Weighting({"a": 2}))
    assert Weighting({"a": 2}) != Weighting({"a": 3})


def test_verdict_names_the_heavier_side_in_the_board_labels() -> None:
    board = make_board(
        ("a", "pro", 5), ("b", "pro", 4), ("c", "pro", 4),
        ("d", "con", 5), ("e", "con", 5), ("f", "con", 4), ("g", "con", 4),
        pro="Serves Beijing", con="Costs Beijing",
    )  # fmt: skip
    assert verdict(board, score(board)) == "Costs Beijing outweigh Serves Beijing by 5 (18 to 13)"
    flipped = Weighting().toggle("d").toggle("e").toggle("f")
    assert (
        verdict(board, score(board, flipped))
        == "Serves Beijing outweigh Costs Beijing by 9 (13 to 4)"
    )


def test_verdict_even_and_all_switched_off() -> None:
    board = make_board(("a", "pro", 3), ("b", "con", 3))
    assert verdict(board, score(board)) == "Pros and Cons are even (3 to 3)"
    off = Weighting().toggle("a").toggle("b")
    assert verdict(board, score(board, off)).startswith("Every argument is switched off")


def test_bundled_board_verdict() -> None:
    board = load_briefing(default_briefing_path()).scoreboards_by_id["serves-beijing"]
    assert verdict(board, score(board)) == "Costs Beijing outweigh Serves Beijing by 5 (18 to 13)"


@given(
    weights=st.lists(st.integers(1, 5), min_size=1, max_size=8),
    deltas=st.lists(st.tuples(st.integers(0, 7), st.integers(-6, 6)), max_size=20),
    toggles=st.lists(st.integers(0, 7), max_size=10),
)
def test_score_is_the_sum_of_switched_on_weights(
    weights: list[int], deltas: list[tuple[int, int]], toggles: list[int]
) -> None:
    board = make_board(*((f"a{i}", "pro" if i % 2 else "con", w) for i, w in enumerate(weights)))
    weighting = Weighting()
    for index, delta in deltas:
        if index < len(weights):
            weighting = weighting.reweight(board.arguments[index], delta)
    for index in toggles:
        weighting = weighting.toggle(f"a{index}")
    result = score(board, weighting)
    on = [arg for arg in board.arguments if weighting.is_on(arg.id)]
    assert all(1 <= weighting.weight_of(arg) <= 5 for arg in board.arguments)
    assert result.pro == sum(weighting.weight_of(a) for a in on if a.side == "pro")
    assert result.con == sum(weighting.weight_of(a) for a in on if a.side == "con")
    assert result.balance == result.pro - result.con
    assert result.pro <= result.pro_max
    assert result.con <= result.con_max
