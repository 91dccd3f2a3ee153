"""Restoring a JSON export into a journal on a PostgreSQL server (restore.py does the reading and
checking; this puts the rows in).

Many people's rows share a studio's tables, so the export's ids may already be taken by someone
else's rows (which this person cannot even see). Every row therefore gets a new id from its
table's sequence — handed out in the export's order, so a journal moved into an empty studio
keeps its very ids — and every reference is carried over: foreign keys, the focus-target ids
inside a weekly review's ratings, and the ids inside a draft (what Today was being filled with:
focus targets, a passage, the planned session, events rehearsed). Text keys (preferences,
drafts) are per person already.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from peewee import AutoField, Field, ForeignKeyField, Model

from cadence.store.fields import JSONText
from cadence.store.models import (
    ALL_MODELS,
    Block,
    Cycle,
    Draft,
    Event,
    Focus,
    Gear,
    Passage,
    Piece,
    Session,
    WeeklyReview,
    database,
)

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
        elif model is Draft and field.name == "payload":
            values[i] = _draft(value, new_ids)
    return tuple(values)


# The ids a draft's payload holds, by the key that holds them (ui/today: the setup's and the
# practice's intentions, passage, planned session, events rehearsed; the reflection's ratings).
DRAFT_IDS: dict[str, type[Model]] = {
    "focus_id": Focus,
    "passage_id": Passage,
    "plan_session_id": Session,
    "session_id": Session,
    "block_id": Block,
    "event_id": Event,
    "piece_id": Piece,
    "cycle_id": Cycle,
    "gear_id": Gear,
}
# ... and the lists of [id, value] pairs, by key: [[event_id, aspect]], [[focus_id, rating]]
DRAFT_PAIRS: dict[str, type[Model]] = {"rehearsals": Event, "focus_ratings": Focus}


def _draft(text: str, new_ids: dict[type[Model], dict[int, int]]) -> str:
    """The draft with every id it holds carried over to its row's new id; an id of a row the
    export does not hold (deleted since) becomes None, never someone else's row's id."""

    def carried(model: type[Model], old: object) -> object:
        if isinstance(old, bool) or not isinstance(old, int):
            return old
        return new_ids.get(model, {}).get(old)

    def walk(node: object) -> object:
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {}
        for key, value in node.items():
            if key in DRAFT_IDS:
                out[key] = carried(DRAFT_IDS[key], value)
            elif key in DRAFT_PAIRS and isinstance(value, list):
                model = DRAFT_PAIRS[key]
                out[key] = [
                    [carried(model, item[0]), *item[1:]]
                    if isinstance(item, list) and item
                    else walk(item)
                    for item in value
                ]
            else:
                out[key] = walk(value)
        return out

    try:
        payload = json.loads(text)
    except ValueError:
        return text  # not JSON: nothing to carry (the restore validates payloads elsewhere)
    moved = walk(payload)
    return text if moved == payload else JSONText(json.dumps(moved, ensure_ascii=False))


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
