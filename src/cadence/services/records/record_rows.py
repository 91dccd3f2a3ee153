"""Record ↔ row: a record's dataclass fields that name a column of its table are copied both ways.

So a field added to a record (domain/records.py) and to its table (store/models.py) under the same
name is saved and loaded with no list to keep by hand. A field typed with an enum needs nothing
more: its column is an EnumField (store/fields.py), which stores the member's value and reads the
member back (and a value no member holds as its text, which the editor's validation names).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from peewee import Model


@dataclass(frozen=True)
class RecordColumns:
    names: tuple[str, ...]  # the record's fields that are columns, in the record's order

    def to_row(self, record: object) -> dict[str, Any]:
        """Column values for an insert or update."""
        return {name: getattr(record, name) for name in self.names}

    def from_row(self, row: Model) -> dict[str, Any]:
        """Keyword arguments for the record, read from a row."""
        return {name: getattr(row, name) for name in self.names}


def record_columns(
    record: type, model: type[Model], *, leave: tuple[str, ...] = ("id",)
) -> RecordColumns:
    """The columns of `model` that `record`'s fields name (by column name: `gear_id`), but `leave`."""
    columns = model._meta.columns  # peewee's metadata, untyped
    return RecordColumns(
        tuple(f.name for f in fields(record) if f.name in columns and f.name not in leave)
    )
