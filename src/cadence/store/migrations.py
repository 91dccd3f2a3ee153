"""Schema versions and the steps between them.

The version lives in SQLite's `PRAGMA user_version`. Each step upgrades by exactly one version and
runs inside `SqliteMigrator.migration_context()`, which turns foreign keys off while tables are
rebuilt so that no cascade fires. A copy of the file is taken before the first step (db.py).
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import Database, PostgresqlDatabase, SqliteDatabase
from playhouse.migrate import PostgresqlMigrator, SchemaMigrator, SqliteMigrator

from cadence.store import server, server_sql
from cadence.store import studio_policies as policies
from cadence.store.models import (
    ALL_MODELS,
    CLEAN_BLOCK_SQL,
    NOT_DONE_SQL,
    Draft,
    Event,
    Experiment,
    ExperimentSession,
    Focus,
    NoteAnswer,
    Preference,
    SessionDemand,
    SessionFocusRating,
    Slip,
    StopPoint,
    StudioNote,
    Track,
    WeeklyReview,
)

SCHEMA_VERSION = 10


def _to_v2(migrator: SchemaMigrator, db: Database) -> None:
    """v2: journal preferences (name, units, week start) and crash-safe drafts."""
    db.create_tables([Preference, Draft])


def _to_v3(migrator: SchemaMigrator, db: Database) -> None:
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


def _rebuild(db: Database, model: type, extra: dict[str, str]) -> None:
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


def _to_v4(migrator: SchemaMigrator, db: Database) -> None:
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


def _to_v5(migrator: SchemaMigrator, db: Database) -> None:
    """v5: imported runs' track points, one compact row per session; the side of the body a
    stop-point was felt on (left, right, both; 'none' for every earlier one)."""
    db.create_tables([Track])
    _rebuild(db, StopPoint, {})


def _to_v6(migrator: SchemaMigrator, db: Database) -> None:
    """v6: experiments (a change tried on purpose) and the arm each session was in."""
    db.create_tables([Experiment, ExperimentSession])


def _to_v7(migrator: SchemaMigrator, db: Database) -> None:
    """v7: slips logged during a session, and whether each was let go."""
    db.create_tables([Slip])


def _to_v8(migrator: SchemaMigrator, db: Database) -> None:
    """v8: a session rehearsing a goal event's demands; focus targets rated 1-5 in a session's
    reflection; weekly reviews get a trash (one live review a week, by a partial unique index)."""
    db.create_tables([SessionDemand, SessionFocusRating])
    _rebuild(db, WeeklyReview, {})


def _to_v9(migrator: SchemaMigrator, db: Database) -> None:
    """v9: two partial indexes, so that start-up and the Music view stop walking every row:
    the sessions not done (Today's planned runs) and the blocks with a clean tempo by passage
    (the repertoire's best tempo). Plain CREATE INDEX, the same on SQLite and PostgreSQL."""
    # written as create_schema writes them (the same text in the schema of a new journal)
    db.execute_sql(
        'CREATE INDEX IF NOT EXISTS "session_not_done" ON "session" ("local_date") '
        f"WHERE {NOT_DONE_SQL}"
    )
    db.execute_sql(
        'CREATE INDEX IF NOT EXISTS "block_clean_tempo" ON "block" ("passage_id", '
        f'"achieved_bpm", "session_id") WHERE {CLEAN_BLOCK_SQL}'
    )


def _to_v10(migrator: SchemaMigrator, db: Database) -> None:
    """v10: a teacher's or coach's notes and assignments for a student, and the student's answers
    (both engines; a personal journal keeps them empty)."""
    db.create_tables([StudioNote, NoteAnswer])


# A step: (the engine's migrator, the journal's database). Up to v8 they run on SQLite alone.
STEPS: dict[int, Callable[[SchemaMigrator, Database], None]] = {
    2: _to_v2,
    3: _to_v3,
    4: _to_v4,
    5: _to_v5,
    6: _to_v6,
    7: _to_v7,
    8: _to_v8,
    9: _to_v9,
    10: _to_v10,
}


# A journal on a PostgreSQL server starts at v8, the version of the release that brought server
# journals (store/server.py keeps its version in a table; no server journal was ever older). The
# steps from v9 on run on both engines, so they use the migrator's operations or create_tables,
# never SQLite's table rebuild alone (v8's rebuild of weekly_review is SQLite's recipe).
FIRST_SERVER_VERSION = 8


# a journal's database: a file's, or a server's
JournalDatabase = SqliteDatabase | PostgresqlDatabase


def get_version(db: JournalDatabase) -> int:
    if isinstance(db, PostgresqlDatabase):
        return server.get_version(db)
    return int(db.pragma("user_version"))


def _set_version(db: JournalDatabase, version: int) -> None:
    if isinstance(db, PostgresqlDatabase):
        server.set_version(db, version)
    else:
        db.pragma("user_version", version)


def create_schema(db: JournalDatabase) -> None:
    """A new journal: every table at the current version."""
    with db.atomic():
        if isinstance(db, PostgresqlDatabase):
            server.create_tables(db, ALL_MODELS)
            server.create_bookkeeping(db, SCHEMA_VERSION)
            server.ensure_table_objects(db)
            server_sql.apply(db)
            policies.apply(db)
        else:
            db.create_tables(ALL_MODELS)
            _set_version(db, SCHEMA_VERSION)


def upgrade(db: JournalDatabase, from_version: int) -> list[int]:
    """Run each step from `from_version` to SCHEMA_VERSION; returns the versions applied."""
    if isinstance(db, PostgresqlDatabase):
        return _upgrade_server(db, from_version)
    applied = []
    migrator = SqliteMigrator(db)
    # One transaction for all steps: a failure or a crash half-way leaves the old version whole,
    # never a file stranded between two versions.
    with migrator.migration_context():
        for version in range(from_version + 1, SCHEMA_VERSION + 1):
            STEPS[version](migrator, db)
            _set_version(db, version)
            applied.append(version)
    return applied


def _upgrade_server(db: PostgresqlDatabase, from_version: int) -> list[int]:
    """The same steps on a server, in one transaction (PostgreSQL's DDL is transactional); the
    tables a step adds get their owner column, trigger and policies like the others."""
    applied = []
    migrator = PostgresqlMigrator(db)
    with db.atomic():
        for version in range(max(from_version, FIRST_SERVER_VERSION) + 1, SCHEMA_VERSION + 1):
            STEPS[version](migrator, db)
            _set_version(db, version)
            applied.append(version)
        _set_version(db, SCHEMA_VERSION)  # also from a version no server journal ever had
        server.ensure_table_objects(db)
        server_sql.apply(db)
        policies.apply(db)
    return applied
