"""Record ↔ row: a record's dataclass fields that name a column of its table are copied both ways,
and the fields typed with an enum are stored as their value and read back as the enum.

So a field added to a record (domain/records.py) and to its table (store/models.py) under the same
name is saved and loaded with no list to keep by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import Enum
from typing import Any, get_type_hints

from peewee import Model


@dataclass(frozen=True)
class RecordColumns:
    names: tuple[str, ...]  # the record's fields that are columns, in the record's order
    enums: dict[str, type[Enum]]  # of those, the ones typed with an enum

    def to_row(self, record: object) -> dict[str, Any]:
        """Column values for an insert or update."""
        values = {name: getattr(record, name) for name in self.names}
        for name, enum in self.enums.items():
            values[name] = enum(values[name]).value
        return values

    def from_row(self, row: Model) -> dict[str, Any]:
        """Keyword arguments for the record, read from a row."""
        values = {name: getattr(row, name) for name in self.names}
        for name, enum in self.enums.items():
            values[name] = enum(values[name])
        return values


def record_columns(
    record: type, model: type[Model], *, leave: tuple[str, ...] = ("id",)
) -> RecordColumns:
    """The columns of `model` that `record`'s fields name (by column name: `gear_id`), but `leave`."""
    columns = model._meta.columns  # peewee's metadata, untyped
    hints = get_type_hints(record)
    names = tuple(f.name for f in fields(record) if f.name in columns and f.name not in leave)
    enums = {
        name: hints[name]
        for name in names
        if isinstance(hints[name], type) and issubclass(hints[name], Enum)
    }
    return RecordColumns(names, enums)
