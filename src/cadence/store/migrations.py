"""Schema versions and the steps between them.

The version lives in SQLite's `PRAGMA user_version`. Each step upgrades by exactly one version and
runs inside `SqliteMigrator.migration_context()`, which turns foreign keys off while tables are
rebuilt so that no cascade fires. A copy of the file is taken before the first step (db.py).
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import SqliteDatabase
from playhouse.migrate import SqliteMigrator

from cadence.store.models import ALL_MODELS, Draft, Preference

SCHEMA_VERSION = 2


def _to_v2(migrator: SqliteMigrator, db: SqliteDatabase) -> None:
    """v2: journal preferences (name, units, week start) and crash-safe drafts."""
    db.create_tables([Preference, Draft])


STEPS: dict[int, Callable[[SqliteMigrator, SqliteDatabase], None]] = {2: _to_v2}


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
    migrator = SqliteMigrator.from_database(db)
    for version in range(from_version + 1, SCHEMA_VERSION + 1):
        with migrator.migration_context():
            STEPS[version](migrator, db)
            db.pragma("user_version", version)
        applied.append(version)
    return applied
