"""Scoring a scoreboard: the author's weights, the reader's changes, the balance.

The content format says: the score of a side is the sum of the weights of its
arguments that are switched on; the balance is pro score minus con score. A
reader may re-weight arguments (1 to 5) and switch them off; a
:class:`Weighting` records only those changes, so that a board whose author
re-weights an argument in a new edition shows the new weight to every reader
who had not touched it.

Everything here is immutable: each change returns a new :class:`Weighting`,
which makes undo, comparison and saving trivial for the UI.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

from briefing_tui.core.content.model import Argument, Scoreboard

MIN_WEIGHT = 1
MAX_WEIGHT = 5


def _frozen(weights: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(weights))


@dataclass(frozen=True)
class Weighting:
    """A reader's changes to one scoreboard: weights they set and arguments they switched off.

    Keys are argument ids within the board. An argument absent from
    :attr:`weights` has the author's weight; one in :attr:`switched_off`
    counts for nothing until it is switched on again.
    """

    weights: Mapping[str, int] = field(default_factory=dict)
    """Argument id -> the reader's weight (1 to 5), only where it differs from the author's."""
    switched_off: frozenset[str] = frozenset()
    """Ids of the arguments the reader switched off."""

    def __post_init__(self) -> None:
        for argument_id, weight in self.weights.items():
            if not MIN_WEIGHT <= weight <= MAX_WEIGHT:
                limits = f"from {MIN_WEIGHT} to {MAX_WEIGHT}"
                raise ValueError(f"weight of {argument_id!r} must be {limits}, got {weight}")
        # A read-only copy: a caller's dict must not change a frozen weighting behind its back.
        object.__setattr__(self, "weights", _frozen(self.weights))
        object.__setattr__(self, "switched_off", frozenset(self.switched_off))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Weighting):
            return NotImplemented
        return dict(self.weights) == dict(other.weights) and self.switched_off == other.switched_off

    def __hash__(self) -> int:
        return hash((frozenset(self.weights.items()), self.switched_off))

    @property
    def is_default(self) -> bool:
        """True when the reader has changed nothing: the author's weights, all switched on."""
        return not self.weights and not self.switched_off

    def weight_of(self, argument: Argument) -> int:
        """The weight *argument* has for this reader (whether or not it is switched on)."""
        return self.weights.get(argument.id, argument.weight)

    def is_on(self, argument_id: str) -> bool:
        """True when the argument counts toward its side's score."""
        return argument_id not in self.switched_off

    def is_modified(self, argument_id: str) -> bool:
        """True when the reader re-weighted or switched off the argument."""
        return argument_id in self.weights or argument_id in self.switched_off

    def with_weight(self, argument: Argument, weight: int) -> Weighting:
        """A weighting where *argument* has *weight*, clamped to 1..5.

        Setting the author's own weight removes the override, so the argument
        no longer counts as modified.
        """
        weight = max(MIN_WEIGHT, min(MAX_WEIGHT, weight))
        weights = dict(self.weights)
        if weight == argument.weight:
            weights.pop(argument.id, None)
        else:
            weights[argument.id] = weight
        return Weighting(weights, self.switched_off)

    def reweight(self, argument: Argument, delta: int) -> Weighting:
        """A weighting with *argument*'s weight moved by *delta* (+1 or -1), clamped to 1..5."""
        return self.with_weight(argument, self.weight_of(argument) + delta)

    def toggle(self, argument_id: str) -> Weighting:
        """A weighting with the argument switched off if it was on, and on if it was off."""
        return Weighting(self.weights, self.switched_off ^ {argument_id})

    def reset_argument(self, argument_id: str) -> Weighting:
        """A weighting with the argument back at the author's weight and switched on."""
        weights = {key: value for key, value in self.weights.items() if key != argument_id}
        return Weighting(weights, self.switched_off - {argument_id})

    def reset(self) -> Weighting:
        """The author's weighting: every argument at its author's weight and switched on."""
        return Weighting()

    def changes_to(self, argument: Argument) -> list[str]:
        """What the reader changed on *argument*, in words for exports and print."""
        changes = []
        if self.weight_of(argument) != argument.weight:
            changes.append(f"author's weight {argument.weight}")
        if not self.is_on(argument.id):
            changes.append("switched off")
        return changes


class Score(NamedTuple):
    """The scores of a board under a weighting."""

    pro: int
    """Sum of the weights of the pro arguments that are switched on."""
    con: int
    """Sum of the weights of the con arguments that are switched on."""
    pro_max: int
    """The most the pro side could score: every pro argument on at weight 5."""
    con_max: int
    """The most the con side could score: every con argument on at weight 5."""

    @property
    def balance(self) -> int:
        """Pro score minus con score: positive when the pros weigh more."""
        return self.pro - self.con


def score(board: Scoreboard, weighting: Weighting | None = None) -> Score:
    """Score *board* under *weighting* (the author's weights when None)."""
    weighting = weighting or Weighting()
    totals = {"pro": 0, "con": 0}
    counts = {"pro": 0, "con": 0}
    for argument in board.arguments:
        counts[argument.side] += 1
        if weighting.is_on(argument.id):
            totals[argument.side] += weighting.weight_of(argument)
    return Score(
        pro=totals["pro"],
        con=totals["con"],
        pro_max=counts["pro"] * MAX_WEIGHT,
        con_max=counts["con"] * MAX_WEIGHT,
    )


def verdict(board: Scoreboard, result: Score) -> str:
    """One line saying which side weighs more, in the board's own labels.

    For example "Costs Beijing outweigh Serves Beijing by 5 (18 to 13)".
    """
    pro, con = board.pro_label, board.con_label
    if result.pro == result.con == 0:
        return f"Every argument is switched off: {pro} and {con} are even (0 to 0)"
    if result.balance > 0:
        return f"{pro} outweigh {con} by {result.balance} ({result.pro} to {result.con})"
    if result.balance < 0:
        return f"{con} outweigh {pro} by {-result.balance} ({result.con} to {result.pro})"
    return f"{pro} and {con} are even ({result.pro} to {result.con})"
