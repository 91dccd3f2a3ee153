"""Schema versions and the steps between them.

The version lives in SQLite's `PRAGMA user_version`. Each step upgrades by exactly one version and
runs inside `SqliteMigrator.migration_context()`, which turns foreign keys off while tables are
rebuilt so that no cascade fires. A copy of the file is taken before the first step (db.py).
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import SqliteDatabase
from playhouse.migrate import SqliteMigrator

from cadence.store.models import (
    ALL_MODELS,
    Draft,
    Event,
    Focus,
    Preference,
    StopPoint,
    Track,
    WeeklyReview,
)

SCHEMA_VERSION = 5


def _to_v2(migrator: SqliteMigrator, db: SqliteDatabase) -> None:
    """v2: journal preferences (name, units, week start) and crash-safe drafts."""
    db.create_tables([Preference, Draft])


def _to_v3(migrator: SqliteMigrator, db: SqliteDatabase) -> None:
    """v3: partial indexes. The full index on session.deleted_at (NULL in nearly every row) led
    SQLite to walk the whole table through it; the inbox gets an index of its own."""
    db.execute_sql('DROP INDEX IF EXISTS "session_deleted_at"')
    db.execute_sql(
        'CREATE INDEX "session_deleted_at" ON "session" ("deleted_at") '
        'WHERE ("deleted_at" IS NOT NULL)'
    )
    db.execute_sql(
        'CREATE INDEX "session_inbox" ON "session" ("started_at") '
        'WHERE (("needs_review" = 1) AND ("deleted_at" IS NULL))'
    )


def _rebuild(db: SqliteDatabase, model: type, extra: dict[str, str]) -> None:
    """Bring a table to the model's columns by building it anew (SQLite's own recipe: create,
    copy, drop, rename), so that an upgraded file has exactly the schema of a new one; ALTER TABLE
    would put new columns after the foreign key clauses. Rows keep their ids, so the rows pointing
    at them stay whole; `extra` gives the new NOT NULL columns their value."""
    table = model._meta.table_name
    old = [row[1] for row in db.execute_sql(f'PRAGMA table_info("{table}")').fetchall()]
    create = model._schema._create_table(safe=False).query()[0]
    marker = f'CREATE TABLE "{table}"'
    assert create.startswith(marker)
    db.execute_sql(create.replace(marker, f'CREATE TABLE "{table}_new"', 1))
    columns = ", ".join(f'"{c}"' for c in [*old, *extra])
    values = ", ".join([*(f'"{c}"' for c in old), *extra.values()])
    db.execute_sql(f'INSERT INTO "{table}_new" ({columns}) SELECT {values} FROM "{table}"')
    db.execute_sql(f'DROP TABLE "{table}"')
    db.execute_sql(f'ALTER TABLE "{table}_new" RENAME TO "{table}"')
    model._schema.create_indexes(safe=False)


def _to_v4(migrator: SqliteMigrator, db: SqliteDatabase) -> None:
    """v4: goal events get a priority, a distance, what they will demand, why they matter, a
    readiness check and a debrief, and a trash; focus targets belong to a cycle and name the
    measure that shows them; weekly reviews."""
    _rebuild(
        db,
        Event,
        {"demands": "'[]'", "motivators": "'[]'", "readiness": "'{}'", "debrief": "'{}'"},
    )
    _rebuild(db, Focus, {})
    db.create_tables([WeeklyReview])


def _to_v5(migrator: SqliteMigrator, db: SqliteDatabase) -> None:
    """v5: imported runs' track points, one compact row per session; the side of the body a
    stop-point was felt on (left, right, both; 'none' for every earlier one)."""
    db.create_tables([Track])
    _rebuild(db, StopPoint, {})


STEPS: dict[int, Callable[[SqliteMigrator, SqliteDatabase], None]] = {
    2: _to_v2,
    3: _to_v3,
    4: _to_v4,
    5: _to_v5,
}


def get_version(db: SqliteDatabase) -> int:
    return int(db.pragma("user_version"))


def create_schema(db: SqliteDatabase) -> None:
    """A new journal: every table at the current version."""
    with db.atomic():
        db.create_tables(ALL_MODELS)
        db.pragma("user_version", SCHEMA_VERSION)


def upgrade(db: SqliteDatabase, from_version: int) -> list[int]:
    """Run each step from `from_version` to SCHEMA_VERSION; returns the versions applied."""
    applied = []
    migrator = SqliteMigrator(db)
    # One transaction for all steps: a failure or a crash half-way leaves the old version whole,
    # never a file stranded between two versions.
    with migrator.migration_context():
        for version in range(from_version + 1, SCHEMA_VERSION + 1):
            STEPS[version](migrator, db)
            db.pragma("user_version", version)
            applied.append(version)
    return applied
