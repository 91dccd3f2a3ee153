"""Columns that convert: an enum's value read back as its member, JSON read back as Python.

The database keeps what it kept before (an enum's value as text, JSON as text: the column types
do not change); the conversion happens as rows are read and written, so services take
`row.discipline` as a `Discipline` and `row.demands` as a list, with no conversion by hand.

    discipline = EnumField(Discipline)            # a CharField holding Discipline's values
    demands = JSONField(default=list)             # a TextField holding JSON text

A value no member holds (a hand-edited file, a newer Cadence's) is read back as its stored text
(an UnknownValue: a str with a `.value`, as a member has), unchanged, so no view fails on it; a restore refuses such a value (services/transfer/restore.py), as it did before. Text
that is not JSON is read back as None: readers check the shape of what they get.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, overload

from peewee import CharField, TextField

E = TypeVar("E", bound=StrEnum)


class UnknownValue(str):
    """A value no member of the column's enum holds, read back as its text; like a member, it has
    a `.value` (the text), so code that reads one reads the other."""

    @property
    def value(self) -> str:
        return str(self)


class EnumField(CharField, Generic[E]):
    """A CharField holding one of `enum`'s values. Written: a member or its value, as text; read:
    the member (the stored text itself for a value the enum does not hold)."""

    if TYPE_CHECKING:  # a row's attribute is typed as the member (or None for a null column)

        @overload
        def __new__(
            cls, enum: type[E], *args: Any, null: Literal[True], **kwargs: Any
        ) -> CharField[E | None]: ...
        @overload
        def __new__(
            cls, enum: type[E], *args: Any, null: Literal[False] = ..., **kwargs: Any
        ) -> CharField[E]: ...
        def __new__(cls, *args: Any, **kwargs: Any) -> Any: ...

    def __init__(self, enum: type[E], *args: Any, **kwargs: Any) -> None:
        self.enum = enum
        self._members: dict[str, E] = {m.value: m for m in enum}
        super().__init__(*args, **kwargs)

    def db_value(self, value: object) -> object:
        if isinstance(value, StrEnum):
            return value.value
        return super().db_value(value)

    def python_value(self, value: object) -> E | UnknownValue | None:
        if value is None:
            return None
        text = str(value)
        member = self._members.get(text)
        return member if member is not None else UnknownValue(text)


class JSONText(str):
    """Text already in JSON form, written to a JSONField as it is (a restore keeps the export's
    very bytes, which a new encoding of the same value might not)."""


class JSONField(TextField):
    """A TextField holding JSON. Written with `json.dumps(value, ensure_ascii=ensure_ascii,
    default=dump_default)`: keys in the order given (never sorted), json's default separators
    (", " and ": "), so the stored text is what the services wrote by hand before. Read with
    `json.loads`; None for text that is not JSON."""

    if TYPE_CHECKING:  # a row's attribute holds whatever JSON held

        def __new__(cls, *args: Any, **kwargs: Any) -> TextField[Any]: ...

    def __init__(
        self,
        *args: Any,
        ensure_ascii: bool = False,
        dump_default: Callable[[Any], Any] | None = None,
        **kwargs: Any,
    ) -> None:
        self.ensure_ascii = ensure_ascii
        self.dump_default = dump_default
        super().__init__(*args, **kwargs)

    def db_value(self, value: object) -> str | None:
        if value is None:
            return None
        if isinstance(value, JSONText):
            return str(value)
        return json.dumps(value, ensure_ascii=self.ensure_ascii, default=self.dump_default)

    def python_value(self, value: object) -> Any:
        if value is None:
            return None
        try:
            return json.loads(str(value))
        except ValueError:
            return None
