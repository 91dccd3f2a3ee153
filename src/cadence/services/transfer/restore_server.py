"""Restoring a JSON export into a journal on a PostgreSQL server (restore.py does the reading and
checking; this puts the rows in).

Many people's rows share a studio's tables, so the export's ids may already be taken by someone
else's rows (which this person cannot even see). Every row therefore gets a new id from its
table's sequence — handed out in the export's order, so a journal moved into an empty studio
keeps its very ids — and every reference is carried over: foreign keys, and the focus-target ids
inside a weekly review's ratings. Text keys (preferences, drafts) are per person already.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from peewee import AutoField, Field, ForeignKeyField, Model

from cadence.store.fields import JSONText
from cadence.store.models import ALL_MODELS, Focus, WeeklyReview, database

BATCH = 1000


class MissingReference(ValueError):
    """A row points at a row the export does not hold."""


def insert_remapped(tables: dict[str, tuple[list[Field], list[tuple]]]) -> None:
    """Insert every table's rows with new ids, in dependency order, inside the caller's
    transaction."""
    new_ids: dict[type[Model], dict[int, int]] = {}
    for model in ALL_MODELS:
        name = model._meta.table_name
        if name not in tables:
            continue
        fields, rows = tables[name]
        key = model._meta.primary_key
        position = {f.name: i for i, f in enumerate(fields)}
        if isinstance(key, AutoField) and key.name in position:
            new_ids[model] = _allocate(model, key, [row[position[key.name]] for row in rows])
        converted = [_carry(model, fields, row, new_ids) for row in rows]
        for i in range(0, len(converted), BATCH):
            model.insert_many(converted[i : i + BATCH], fields=fields).execute()


def _allocate(model: type[Model], key: AutoField, old_ids: Sequence[int]) -> dict[int, int]:
    table = model._meta.table_name
    column = key.column_name
    fresh = [
        r[0]
        for r in database.execute_sql(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            (table, column, len(old_ids)),
        ).fetchall()
    ]
    return dict(zip(sorted(old_ids), sorted(fresh), strict=True))


def _carry(
    model: type[Model], fields: list[Field], row: tuple, new_ids: dict[type[Model], dict[int, int]]
) -> tuple:
    values = list(row)
    for i, field in enumerate(fields):
        value = values[i]
        if value is None:
            continue
        if field is model._meta.primary_key and model in new_ids:
            values[i] = new_ids[model][value]
        elif isinstance(field, ForeignKeyField):
            target = field.rel_model
            try:
                values[i] = new_ids[target][value]
            except KeyError:
                raise MissingReference(
                    f"Row {row[0]} of {model._meta.table_name} points to a missing "
                    f"{target._meta.table_name}"
                ) from None
        elif model is WeeklyReview and field.name == "ratings":
            values[i] = _ratings(value, new_ids.get(Focus, {}))
    return tuple(values)


def _ratings(text: str, focus_ids: dict[int, int]) -> str:
    """The ratings with their focus targets' new ids (the text itself when none changed)."""
    ratings = json.loads(text)
    changed = False
    for rating in ratings if isinstance(ratings, list) else []:
        old = rating.get("focus_id") if isinstance(rating, dict) else None
        if old in focus_ids and focus_ids[old] != old:
            rating["focus_id"] = focus_ids[old]
            changed = True
    return JSONText(json.dumps(ratings, ensure_ascii=False)) if changed else text
