"""Checking data against the app's dataclasses, with pydantic imported only when needed.

Content, theme, settings and study data are described by standard-library
dataclasses whose annotations carry the rules (:class:`Strict`,
:class:`Limits`, :class:`After`, :class:`Before`). pydantic turns those
annotations into a validator the first time untrusted data must be checked.
Importing pydantic and building the validators costs more than Textual's own
start-up, so data the app has already checked (see
:mod:`briefing_tui.core.config.cache`) or written itself is rebuilt with
:func:`build`, which trusts its input and never imports pydantic.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import sys
import types
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    TypeVar,
    Union,
    cast,
    get_args,
    get_origin,
    get_type_hints,
)

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # pydantic's own dependency
    from typing_extensions import dataclass_transform

if TYPE_CHECKING:
    from _typeshed import DataclassInstance
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, TypeAdapter
    from pydantic_core import CoreSchema

T = TypeVar("T")
R = TypeVar("R")

Converter = Callable[[Any], Any]


def per_class(function: Callable[[type[Any]], R]) -> Callable[[type[Any]], R]:
    """:func:`functools.cache` for a function of a class, typed so that mypy accepts the calls.

    mypy does not see that a class is hashable (python/mypy#11470), so the
    signature ``cache`` gives refuses every call with a class.
    """
    return cache(function)  # type: ignore[return-value]  # python/mypy#11470, as above


# --------------------------------------------------------------------------
# Rules, as annotation metadata


# Plain classes rather than dataclasses: each dataclass costs a millisecond
# of start-up to create, and these are created on every start.


class Strict:
    """The value must already have the annotated type: no coercion (``"1"`` is no integer)."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema = handler(source)
        # A core schema is a TypedDict of its kind, which mypy cannot index by a
        # key it does not know; pydantic's own annotations set keys the same way.
        cast("dict[str, Any]", schema)["strict"] = True
        return schema


class Limits:
    """Bounds checked by pydantic-core itself.

    ``min_length``, ``max_length``, ``pattern``, ``ge``, ``le`` and ``gt``.
    """

    __slots__ = ("bounds",)

    def __init__(self, **bounds: float | str) -> None:
        self.bounds = bounds

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema = handler(source)
        cast("dict[str, Any]", schema).update(self.bounds)  # As in Strict.
        return schema


class After:
    """A function run on the value once its type is checked; it raises ``ValueError``."""

    __slots__ = ("check",)

    def __init__(self, check: Callable[[Any], Any]) -> None:
        self.check = check

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.check, handler(source))


class Before:
    """A function that turns the raw value into the annotated type, or raises ``ValueError``.

    *json_schema* says what the JSON Schema says about the value, when
    pydantic cannot derive it from the function.
    """

    __slots__ = ("convert", "json_schema")

    def __init__(
        self, convert: Callable[[Any], Any], json_schema: Mapping[str, Any] | None = None
    ) -> None:
        self.convert = convert
        self.json_schema = json_schema

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.convert, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        if self.json_schema is not None:
            return dict(self.json_schema)
        return handler(schema)


TABLE_CONFIG: dict[str, Any] = {"extra": "forbid"}
"""The pydantic configuration of every :class:`Table`.

Unknown keys are errors. Not ``use_attribute_docstrings``: pydantic would
parse the module's source once per class to find them, which made the first
check of a file 2x slower; :func:`json_schema` adds them itself. Whether a
table is frozen is the dataclass's own ``frozen``. A plain dict: given a
read-only mapping, pydantic misreads it (its JSON Schema then warns about
every ``None`` default).
"""


@dataclass_transform(
    kw_only_default=True, frozen_default=True, field_specifiers=(dataclasses.field,)
)
class Table:
    """Base of the classes that describe a table of a file: keyword-only dataclasses.

    A subclass is a dataclass without a decorator; ``class Notes(Table,
    frozen=False)`` makes one whose fields can be assigned. Its fields,
    :func:`dataclasses.fields`, :func:`dataclasses.replace` and pydantic
    work as for any dataclass.

    Why not ``@dataclass(frozen=True)``: on Python 3.11 that writes and
    compiles six functions per class, a millisecond each class, and the
    tables of every kind of file are created at each start of the app. Here
    they are written once, for all tables.
    """

    __pydantic_config__ = TABLE_CONFIG
    __table_defaults__: tuple[tuple[str, Any, Any], ...]
    """(name, default, default factory) of each field, ``MISSING`` where there is none."""

    def __init_subclass__(cls, *, frozen: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # eq=False and init=False: the methods below serve every table.
        dataclasses.dataclass(init=False, repr=False, eq=False, kw_only=True)(cls)
        cls.__table_defaults__ = tuple(
            (field.name, field.default, field.default_factory)
            for field in dataclasses.fields(cast("type[DataclassInstance]", cls))
        )
        if not frozen:
            # A mutable table takes back object's own methods, which mypy cannot
            # see assigned over the frozen ones defined below.
            cls.__setattr__ = object.__setattr__  # type: ignore[method-assign, assignment]
            cls.__delattr__ = object.__delattr__  # type: ignore[method-assign]
            cls.__hash__ = None  # type: ignore[assignment]  # mutable: unhashable

    def __init__(self, **values: Any) -> None:
        # Filled as pydantic and build() do: the frozen __setattr__ refuses.
        attributes = self.__dict__
        missing = []
        for name, default, factory in self.__table_defaults__:
            if name in values:
                attributes[name] = values.pop(name)
            elif factory is not dataclasses.MISSING:
                attributes[name] = factory()
            elif default is not dataclasses.MISSING:
                attributes[name] = default
            else:
                missing.append(name)
        if values:
            raise TypeError(
                f"{type(self).__name__}() got an unexpected keyword argument {min(values)!r}"
            )
        if missing:
            raise TypeError(
                f"{type(self).__name__}() missing keyword argument(s): {', '.join(missing)}"
            )

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name, _, _ in self.__table_defaults__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(
            f"{name}={getattr(self, name)!r}" for name, _, _ in self.__table_defaults__
        )
        return f"{type(self).__qualname__}({fields})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


# --------------------------------------------------------------------------
# Validating untrusted data


@per_class
def _adapter(cls: type[Any]) -> TypeAdapter[Any]:
    from pydantic import TypeAdapter

    return TypeAdapter(cls)


def validate(cls: type[T], data: object) -> tuple[T | None, list[dict[str, Any]]]:
    """Check *data* against *cls*: the instance, or ``None`` and pydantic's error details.

    Each error is a dict with ``type``, ``loc``, ``msg``, ``input`` and
    maybe ``ctx``, as ``pydantic.ValidationError.errors()`` gives them.
    """
    from pydantic import ValidationError

    try:
        return _adapter(cls).validate_python(data), []
    except ValidationError as error:
        return None, [dict(entry) for entry in error.errors(include_url=False)]


def json_schema(cls: type[Any]) -> dict[str, Any]:
    """The JSON Schema of *cls*: keys spelled as in files, fields described by their docstrings."""
    schema = _adapter(cls).json_schema(by_alias=True)
    classes = {table.__name__: table for table in _tables_in(cls)}
    for name, definition in [(cls.__name__, schema), *schema.get("$defs", {}).items()]:
        table = classes.get(name)
        if table is None:
            continue
        docstrings = attribute_docstrings(table)
        properties = definition.get("properties", {})
        for field in dataclasses.fields(table):
            key = key_of(field)
            if field.name in docstrings and key in properties:
                described = {**properties[key], "description": docstrings[field.name]}
                # pydantic sorts the keys of each property; so does this.
                properties[key] = dict(sorted(described.items()))
    return schema


def _tables_in(cls: type[Any]) -> set[type[Any]]:
    """*cls* and every dataclass its fields hold, at any depth."""
    found = {cls}
    for annotation in table_fields(cls).values():
        inner = table_class(annotation)
        if inner is not None and inner not in found:
            found |= _tables_in(inner)
    return found


def attribute_docstrings(cls: type[Any]) -> dict[str, str]:
    """Field name -> the string literal written under the field in *cls*'s source."""
    import ast
    import inspect

    module = inspect.getmodule(cls)
    if module is None:
        return {}
    tree = ast.parse(inspect.getsource(module))
    body = next(
        node.body
        for node in tree.body
        if isinstance(node, ast.ClassDef) and node.name == cls.__name__
    )
    docstrings = {}
    for statement, following in itertools.pairwise(body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docstrings[statement.target.id] = inspect.cleandoc(following.value.value)
    return docstrings


# --------------------------------------------------------------------------
# Fields of a table class


def key_of(field: dataclasses.Field[Any]) -> str:
    """The key a field is written as in a file: its alias, else its name."""
    return str(field.metadata.get("alias", field.name))


@per_class
def table_fields(cls: type[Any]) -> dict[str, Any]:
    """Key -> annotation of each field of the dataclass *cls*, rules kept (``Annotated``)."""
    fields = dataclasses.fields(cls)
    if any(isinstance(field.type, str) for field in fields):
        # Postponed annotations (``from __future__ import annotations``).
        hints = get_type_hints(cls, include_extras=True)
        return {key_of(field): hints[field.name] for field in fields}
    # Evaluated as the class was made: resolving them again costs start-up ~2 ms.
    return {key_of(field): field.type for field in fields}


def table_class(annotation: Any) -> type[Any] | None:
    """The dataclass *annotation* holds, itself or as an item (``tuple[Section, ...]``)."""
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return annotation
    for argument in get_args(annotation):
        found = table_class(argument)
        if found is not None:
            return found
    return None


# --------------------------------------------------------------------------
# Trusted data: to JSON and back without checks


_PLAIN = (str, int, float, bool, type(None))


def dump(value: Any, *, exclude_none: bool = False) -> Any:
    """*value* as JSON-ready data: dataclasses as tables keyed as in files, tuples as lists."""
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, (tuple, list)):
        return [dump(item, exclude_none=exclude_none) for item in value]
    if isinstance(value, dict):
        return {key: dump(item, exclude_none=exclude_none) for key, item in value.items()}
    if isinstance(value, dt.datetime) and value.utcoffset() == dt.timedelta(0):
        # As pydantic writes UTC: older study files look the same.
        return value.replace(tzinfo=None).isoformat() + "Z"
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    table = {}
    for name, key in _keys(type(value)):
        item = getattr(value, name)
        if item is not None or not exclude_none:
            table[key] = item if isinstance(item, str) else dump(item, exclude_none=exclude_none)
    return table


@per_class
def _keys(cls: type[Any]) -> tuple[tuple[str, str], ...]:
    """(field name, key) of each field of the dataclass *cls*."""
    return tuple((field.name, key_of(field)) for field in dataclasses.fields(cls))


def build(cls: type[T], data: Mapping[str, Any]) -> T:
    """An instance of *cls* from data :func:`dump` wrote or :func:`validate` accepted.

    Nothing is checked: call it only on data the app wrote itself or has
    checked before. Fields missing from *data* get their defaults.
    """
    instance: T = _builder(cls)(data)
    return instance


@per_class
def _builder(cls: type[Any]) -> Converter:
    types = table_fields(cls)
    fields = dataclasses.fields(cls)
    keys = frozenset(types)
    renamed = [(key_of(field), field.name) for field in fields if key_of(field) != field.name]
    converters = [
        (field.name, convert)
        for field in fields
        if (convert := _converter(types[key_of(field)])) is not None
    ]
    defaults: dict[str, Callable[[], Any]] = {}
    for field in fields:
        if field.default_factory is not dataclasses.MISSING:
            defaults[field.name] = field.default_factory
        elif field.default is not dataclasses.MISSING:
            defaults[field.name] = _constant(field.default)

    def make(data: Mapping[str, Any]) -> Any:
        # Copy the table whole and fix up the few fields that need it: a
        # cached briefing of 5,000 sections is rebuilt 3x faster than field
        # by field.
        values = dict(data)
        if values.keys() != keys:
            unknown = values.keys() - keys
            if unknown:
                raise KeyError(f"{cls.__name__} has no field {min(unknown)!r}")
            for field in fields:
                if key_of(field) not in values:
                    values[key_of(field)] = defaults[field.name]()
        for key, name in renamed:
            values[name] = values.pop(key)
        for name, convert in converters:
            value = values[name]
            if value is not None:
                values[name] = convert(value)
        instance = object.__new__(cls)
        # Frozen dataclasses refuse setattr; filling __dict__ is what pydantic does too.
        instance.__dict__.update(values)
        return instance

    return make


def _converter(annotation: Any) -> Converter | None:
    """How to turn JSON-ready data back into a value of *annotation*; None: as it is."""
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return _builder(annotation)
    if annotation is dt.datetime:
        return _datetime
    origin = get_origin(annotation)
    arguments = get_args(annotation)
    if origin is Annotated:
        return _converter(arguments[0])
    if origin in (Union, types.UnionType):
        converters = [_converter(argument) for argument in arguments if argument is not type(None)]
        return converters[0] if len(converters) == 1 else None
    if origin is tuple:
        item = _converter(arguments[0])
        return tuple if item is None else _each(tuple, item)
    if origin is list:
        item = _converter(arguments[0])
        return list if item is None else _each(list, item)
    if origin is dict:
        item = _converter(arguments[1])
        if item is None:
            return dict
        return lambda values: {key: item(value) for key, value in values.items()}
    return None


def _each(container: Callable[[Iterable[Any]], Any], item: Converter) -> Converter:
    return lambda values: container(map(item, values))


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


def _datetime(text: str) -> dt.datetime:
    # Python 3.10's fromisoformat does not read the "Z" that pydantic wrote.
    return dt.datetime.fromisoformat(
        text.removesuffix("Z") + "+00:00" if text.endswith("Z") else text
    )
