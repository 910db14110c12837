"""The :class:`Table` base: dataclasses without a decorator, frozen unless asked."""

from __future__ import annotations

import dataclasses

import pytest

from briefing_tui.core.content.model import Section
from briefing_tui.core.content.validation import Table, build, dump, validate
from briefing_tui.core.study.store import Note


class Point(Table):
    """A small table for these tests."""

    x: int
    label: str = "origin"
    tags: list[str] = dataclasses.field(default_factory=list)


class Counter(Table, frozen=False):
    """A table whose fields can change."""

    count: int = 0


class SubCounter(Counter):
    """Inherits being mutable."""

    step: int = 1


def test_a_table_is_a_dataclass_with_keyword_arguments_and_defaults() -> None:
    point = Point(x=1)
    assert dataclasses.is_dataclass(point)
    assert [field.name for field in dataclasses.fields(Point)] == ["x", "label", "tags"]
    assert (point.x, point.label, point.tags) == (1, "origin", [])
    assert Point(x=1).tags is not point.tags
    assert dataclasses.replace(point, label="moved") == Point(x=1, label="moved")


def test_wrong_arguments_are_type_errors() -> None:
    with pytest.raises(TypeError, match="missing keyword argument"):
        Point()
    with pytest.raises(TypeError, match="unexpected keyword argument 'y'"):
        Point(x=1, y=2)
    with pytest.raises(TypeError):
        Point(1)  # type: ignore[misc]


def test_a_table_is_frozen_and_hashable_by_value() -> None:
    point = Point(x=1, tags=[])
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.label  # type: ignore[misc]
    section = Section(id="a", title="A", body="b")
    assert section == Section(id="a", title="A", body="b")
    assert section != Section(id="a", title="A", body="c")
    assert hash(section) == hash(Section(id="a", title="A", body="b"))
    assert section != ("a", "A", "b")
    assert repr(point) == "Point(x=1, label='origin', tags=[])"


def test_a_mutable_table_and_its_subclasses_can_change() -> None:
    counter = SubCounter()
    counter.count += counter.step
    assert counter == SubCounter(count=1)
    with pytest.raises(TypeError, match="unhashable"):
        hash(counter)
    note = Note(text="a", updated=None)  # type: ignore[arg-type]
    note.text = "b"
    assert note.text == "b"


def test_pydantic_and_build_fill_a_frozen_table() -> None:
    point, errors = validate(Point, {"x": 3, "tags": ["t"]})
    assert errors == []
    assert point == Point(x=3, tags=["t"])
    assert build(Point, dump(point)) == point
    _, errors = validate(Point, {"x": 3, "extra": 1})
    assert [error["type"] for error in errors] == ["unexpected_keyword_argument"]
