"""A journal on a PostgreSQL server: a studio or a team (docs/studio.md).

The same Peewee models as a journal file; what SQLite keeps in the file's header lives in tables:

- `cadence_schema` holds the schema version (SQLite: `PRAGMA user_version`) and the name of the
  studio's member role;
- `cadence_change` counts writes, bumped by a statement trigger on every journal table, so that
  `journal_version()` changes when anyone's write is committed (SQLite: `PRAGMA data_version`).
  One row per writing role, so two people saving at once never wait for each other's counter.

Every journal table gets an `owner` column (the login role that wrote the row, `current_user` by
default; the models do not know it) and row-level security (studio_policies.py). Unique keys
hold per owner: two students each have a tag "scales" and a day entry for Monday.

psycopg is imported only here, and only when a server journal is opened: a personal journal's
start-up never loads it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from peewee import SQL, BooleanField, Database, Model, PostgresqlDatabase

from cadence.store.errors import JournalError
from cadence.store.models import ALL_MODELS, BaseModel, Draft
from cadence.store.paths import redact_url

OWNER = "owner"
# Writes to these do not change what the charts show (text being typed every few seconds): no
# change counter, so a draft never makes every window of the studio fetch its facts again.
UNCOUNTED = {Draft._meta.table_name}


class ServerError(JournalError):
    """The server could not be reached or used; the message names the journal without secrets."""


class ServerDatabase(PostgresqlDatabase):
    """PostgreSQL, speaking to the services as the journal file does:

    - SQL written by hand for SQLite (`?` placeholders) is passed on with psycopg's (`%s`);
    - dates and times are read as ISO text, as SQLite keeps them (the models parse both), so
      hand-written queries get the same values from either engine;
    - SQLite's transaction kinds map to PostgreSQL's: a read that must see one moment
      (`atomic("DEFERRED")`, an export) is a REPEATABLE READ snapshot; IMMEDIATE and EXCLUSIVE
      (take the write lock) need nothing, since rows are locked as they are written.
    Numbers are kept to the bit: a FloatField is a double here, as in SQLite (peewee's default on
    PostgreSQL is a 4-byte REAL, which would turn 0.1 + 0.2 into 0.3).
    """

    field_types: ClassVar[dict[str, str]] = {
        **PostgresqlDatabase.field_types,
        "FLOAT": "DOUBLE PRECISION",
    }

    def _connect(self):
        conn = super()._connect()  # pyright: ignore[reportAttributeAccessIssue]  (peewee's, undeclared)
        from psycopg.types.string import TextLoader

        for name in ("date", "timestamp"):
            conn.adapters.register_loader(name, TextLoader)
        return conn

    def begin(self, isolation_level=None):
        kinds = {"DEFERRED": "REPEATABLE READ", "IMMEDIATE": None, "EXCLUSIVE": None}
        if isinstance(isolation_level, str) and isolation_level.upper() in kinds:
            isolation_level = kinds[isolation_level.upper()]
        return super().begin(isolation_level)

    def execute_sql(self, sql, params=None, *args, **kwargs):
        if isinstance(sql, str) and ("?" in sql or _SQLITE_ONLY.search(sql)):
            # peewee's own SQL already has psycopg's placeholders: only `?` are SQLite's
            sql = sqlite_dialect(sql, placeholders=bool(params) and "?" in sql)
        return super().execute_sql(sql, params, *args, **kwargs)


# What SQL written by hand for SQLite says differently (peewee's own SQL has none of it):
# SQLite's LIKE folds case, `char(n)` is chr(n), and `NOT INDEXED` is a planner hint.
_SQLITE_ONLY = re.compile(r"\bNOT INDEXED\b|\bchar\(|\bLIKE\b")


def sqlite_dialect(sql: str, placeholders: bool) -> str:
    sql = sqlite_placeholders(sql) if placeholders else sql
    sql = re.sub(r"\bNOT INDEXED\b", "", sql)
    sql = re.sub(r"\bchar\(", "chr(", sql)
    return re.sub(r"\bLIKE\b", "ILIKE", sql)


def sqlite_placeholders(sql: str) -> str:
    """`?` → `%s` and `%` → `%%` outside quoted strings and names."""
    out: list[str] = []
    quote = ""
    for ch in sql:
        if quote:
            if ch == quote:
                quote = ""
            out.append("%%" if ch == "%" else ch)
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


def is_server(db: Database | None) -> bool:
    return isinstance(db, PostgresqlDatabase)


def journal_tables() -> list[str]:
    return [m._meta.table_name for m in ALL_MODELS]


def connect(url: str) -> PostgresqlDatabase:
    """A connected database for `url`. Credentials come from the URL, the libpq environment
    (PGPASSWORD, PGSSLMODE …) or ~/.pgpass; no message ever shows the password."""
    try:
        _hand_psycopg_to_peewee()
    except ImportError:
        raise ServerError(
            f"{redact_url(url)} is a PostgreSQL journal, and the PostgreSQL driver is not "
            "installed: pip install 'cadence-journal[postgres]'."
        ) from None
    db = ServerDatabase(url, prefer_psycopg3=True)
    try:
        db.connect()
    except Exception as exc:  # psycopg's OperationalError: no server, refused, bad login
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ServerError(f"Cannot open the journal at {redact_url(url)}: {detail}") from None
    return db


def _hand_psycopg_to_peewee() -> None:
    """Give peewee the psycopg it was imported without (cadence/__init__.py defers the driver,
    so that a personal journal's start-up never loads it); idempotent."""
    import peewee
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    # peewee binds these names only when it imported the driver itself, so they are not declared
    if peewee.psycopg is psycopg:  # pyright: ignore[reportAttributeAccessIssue]
        return
    peewee.psycopg, peewee.TransactionStatus = psycopg, TransactionStatus  # pyright: ignore[reportAttributeAccessIssue]
    peewee.Json_pg3, peewee.Jsonb_pg3 = Json, Jsonb  # pyright: ignore[reportAttributeAccessIssue]
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN


def get_version(db: PostgresqlDatabase) -> int:
    """The schema version; 0 for a database Cadence has not set up yet."""
    if not db.table_exists("cadence_schema"):
        return 0
    row = db.execute_sql("SELECT version FROM cadence_schema").fetchone()
    return int(row[0]) if row else 0


def set_version(db: PostgresqlDatabase, version: int) -> None:
    db.execute_sql("UPDATE cadence_schema SET version = %s", (version,))


def require_owner(db: PostgresqlDatabase, what: str) -> None:
    """Only the role that owns the journal's tables may change them (an upgrade)."""
    owner, me = db.execute_sql(
        "SELECT tableowner, current_user FROM pg_tables WHERE tablename = 'session' "
        "AND schemaname = current_schema()"
    ).fetchone()
    if owner != me:
        raise ServerError(
            f"{what}, older than this Cadence's; only its owner ({owner}) may upgrade it. Ask "
            f"the admin to run `cadence studio init --db …` as {owner}; nothing was changed."
        )


def has_journal_tables(db: PostgresqlDatabase) -> bool:
    return bool(set(db.get_tables()) & set(journal_tables()))


def create_tables(db: PostgresqlDatabase, models: Sequence[type[BaseModel]]) -> None:
    """The models' tables and indexes. A partial index's condition on a boolean column is
    written for SQLite (`"needs_review" = 1`, the very expression its planner matches); the
    server compares a boolean with `true`."""
    for model in models:
        model._schema.create_table(safe=True)
    for model in models:
        booleans = [f.column_name for f in model._meta.sorted_fields if isinstance(f, BooleanField)]
        # the index statements, unrun (peewee's own helper, not declared)
        indexes = model._schema._create_indexes(safe=True)  # pyright: ignore[reportAttributeAccessIssue]
        for query in indexes:
            sql, params = query.query()
            for column in booleans:
                sql = sql.replace(f'"{column}" = 1)', f'"{column}" = true)')
                sql = sql.replace(f'"{column}" = 0)', f'"{column}" = false)')
            db.execute_sql(sql, params)


def create_bookkeeping(db: PostgresqlDatabase, version: int) -> None:
    """The version and change-counter tables and the trigger function; once, at creation."""
    db.execute_sql(
        "CREATE TABLE cadence_schema (version integer NOT NULL, member_role text, "
        "one boolean PRIMARY KEY DEFAULT true CHECK (one))"
    )
    db.execute_sql("INSERT INTO cadence_schema (version) VALUES (%s)", (version,))
    db.execute_sql(
        "CREATE TABLE cadence_change (writer text PRIMARY KEY, n bigint NOT NULL DEFAULT 0)"
    )
    renew_bump(db)
    # What journal_version() reads: a sum, readable by members without seeing who wrote.
    db.execute_sql(
        """CREATE FUNCTION cadence_changes(OUT total bigint, OUT writers bigint)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        SELECT coalesce(sum(n), 0)::bigint, count(*) FROM cadence_change $$"""
    )


# Sent (without a payload: nobody learns who wrote or what) when a write is committed; a window
# that LISTENs on it refreshes at once instead of asking the counter again and again.
CHANGE_CHANNEL = "cadence_changed"


def renew_bump(db: PostgresqlDatabase) -> None:
    """The trigger function that counts a write and tells listening windows (idempotent; the
    tables' owner runs it at creation and in `cadence studio init`)."""
    # SECURITY DEFINER: members bump the counter without any right on its table. NOTIFY is
    # delivered on commit only, and a transaction's same notifications are folded into one.
    db.execute_sql(
        f"""CREATE OR REPLACE FUNCTION cadence_bump() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
          INSERT INTO cadence_change AS c (writer, n) VALUES (session_user, 1)
          ON CONFLICT (writer) DO UPDATE SET n = c.n + 1;
          PERFORM pg_notify('{CHANGE_CHANNEL}', '');
          RETURN NULL;
        END $$"""
    )


def notifies_changes(db: PostgresqlDatabase) -> bool:
    """True when the journal's writes are announced on CHANGE_CHANNEL (a journal set up before
    Cadence announced them is, once its admin runs `cadence studio init` again)."""
    row = db.execute_sql(
        "SELECT position(%s in prosrc) > 0 FROM pg_proc WHERE proname = 'cadence_bump' "
        "AND pronamespace = current_schema()::regnamespace",
        (CHANGE_CHANNEL,),
    ).fetchone()
    return bool(row and row[0])


def ensure_table_objects(db: PostgresqlDatabase) -> None:
    """Owner column, per-owner unique keys and the change trigger on every journal table that
    lacks them (idempotent: also run after each upgrade step, for tables a step added)."""
    for table in journal_tables():
        columns = {c.name for c in db.get_columns(table)}
        if OWNER not in columns:
            db.execute_sql(
                f'ALTER TABLE "{table}" ADD COLUMN "{OWNER}" text NOT NULL DEFAULT current_user'
            )
            _owner_keys(db, table)
            db.execute_sql(f'CREATE INDEX "{table}_owner" ON "{table}" ("{OWNER}")')
        if table in UNCOUNTED:
            continue
        db.execute_sql(
            f'CREATE OR REPLACE TRIGGER "cadence_changed" AFTER INSERT OR UPDATE OR DELETE '
            f'OR TRUNCATE ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION cadence_bump()'
        )


def _owner_keys(db: PostgresqlDatabase, table: str) -> None:
    """Every unique index and a text primary key become unique per owner."""
    for index in db.get_indexes(table):
        if not index.unique or index.name.endswith("_pkey"):
            continue
        definition = index.sql.replace(" USING btree (", f' USING btree ("{OWNER}", ', 1)
        db.execute_sql(f'DROP INDEX "{index.name}"')
        db.execute_sql(definition)
    (key,) = [c for c in db.get_columns(table) if c.primary_key] or [None]
    if key is not None and key.data_type != "integer":  # preference, draft: keyed by a name
        db.execute_sql(f'ALTER TABLE "{table}" DROP CONSTRAINT "{table}_pkey"')
        db.execute_sql(f'ALTER TABLE "{table}" ADD PRIMARY KEY ("{OWNER}", "{key.name}")')


def change_counter(db: PostgresqlDatabase) -> tuple[int, int, str]:
    """Changes committed by anyone (and this connection's own, uncommitted ones), and whose
    journal this connection is looking at."""
    total, writers, person = db.execute_sql(
        "SELECT total, writers, coalesce(current_setting('cadence.person', true), '') "
        "FROM cadence_changes()"
    ).fetchone()
    return int(total), int(writers), person


def insert_or_replace(model: type[Model], **values: object) -> None:
    """SQLite's INSERT OR REPLACE for a row keyed by name (a preference, a draft); on a server,
    an upsert on (owner, key), since each person has their own."""
    query = model.insert(**values)
    if is_server(model._meta.database.obj):
        key = model._meta.primary_key
        others = [f for f in model._meta.sorted_fields if f is not key and f.name in values]
        query = query.on_conflict(conflict_target=[SQL(f'"{OWNER}"'), key], preserve=others)
    else:
        query = query.on_conflict_replace()
    query.execute()
