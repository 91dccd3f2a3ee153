"""Opening and closing the journal file.

Order matters: a file is inspected read-only first (is it a database, is it ours, which version),
so that a damaged file or one from a newer Cadence is refused without a single byte written.
Only then is it opened with WAL and foreign keys, upgraded (after a backup), and bound to the proxy.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from cadence.store import backup as backups
from cadence.store import clean_close, server
from cadence.store.errors import (
    CorruptJournalError,
    NewerSchemaError,
    NotAJournalError,
    ReadOnlyJournalError,
)
from cadence.store.files import look_uri, sweep_temporaries
from cadence.store.migrations import SCHEMA_VERSION, create_schema, get_version, upgrade
from cadence.store.models import database
from cadence.store.paths import backup_dir_for, is_server_url, redact_url

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # FULL: a session the app reported as saved survives a crash or a power cut.
    "synchronous": "full",
    "busy_timeout": 5000,
    # SQLite's page cache, per connection, in KiB. The window holds one connection for the whole
    # run, and on a large journal its cache filled to this cap: 2 MB of the memory that grew with
    # the journal. Reads that miss it come from the system's file cache, and the views' queries
    # scan more than any cap of this size holds (docs/performance.md, "fifth round").
    "cache_size": -500,
}


# Transactions (`database.atomic()`) take the write lock when they begin: a transaction that
# read first and wrote later could not wait for another writer (SQLite fails it at once with
# "database is locked"), while BEGIN IMMEDIATE waits up to busy_timeout. A transaction that
# only reads (an export's snapshot) asks for `database.atomic("DEFERRED")`.
WRITE_LOCK = "IMMEDIATE"

# Which opening of a journal this is: part of journal_version(), so that what was read from one
# journal is never taken for another's.
_openings = itertools.count(1)
_opening = 0
_read_only = False
_read_only_path: Path | None = None


@dataclass(frozen=True)
class OpenResult:
    path: Path | str  # a server journal: its URL without the password
    created: bool
    upgraded_from: int | None
    pre_migration_backup: Path | None
    read_only: bool = False


def _roll_back_hot_journal(path: Path) -> None:
    """A crash mid-write in rollback-journal mode leaves a hot `-journal` beside the file; only a
    read-write connection may roll it back (SQLite's own recovery, which restores the file as it
    was before the interrupted write). A read-only look would call a healthy journal damaged."""
    journal = Path(f"{path}-journal")
    if not journal.exists():
        return
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # Rolled back if it was hot; what is left is a journal a kill left after its commit
        # (e.g. while switching journal modes), which SQLite ignores: held alone, remove it.
        conn.execute("BEGIN EXCLUSIVE")
        try:
            journal.unlink(missing_ok=True)
        finally:
            conn.execute("ROLLBACK")
    except sqlite3.DatabaseError:
        pass  # not a database at all (the read-only inspection says so), or busy, or read-only
    finally:
        conn.close()


def _inspect(path: Path, quick_check: bool) -> tuple[int, bool]:
    """(user_version, has_tables) read without writing; raises CorruptJournalError."""
    _roll_back_hot_journal(path)
    try:
        conn = sqlite3.connect(look_uri(path), uri=True)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            # skipped only for the very file the window closed cleanly (store/clean_close.py)
            if quick_check and version <= SCHEMA_VERSION and not clean_close.matches(path):
                result = conn.execute("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    raise CorruptJournalError(path, result, backups.latest_backup(path))
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptJournalError(path, str(exc), backups.latest_backup(path)) from exc
    if version == 0 and tables:
        raise CorruptJournalError(
            path, "it holds tables but no Cadence version", backups.latest_backup(path)
        )
    if version > 0 and "session" not in tables:
        raise CorruptJournalError(path, "the session table is missing", backups.latest_backup(path))
    return version, bool(tables)


def _refuse_empty_with_history(path: Path) -> None:
    """An empty (0-byte) file is a new journal only if it never was one: with backups beside it,
    or a WAL that holds something, it is a journal that lost its contents (a full disk, a bad
    copy), and starting afresh in its place would bury them. Refused untouched."""
    wal = Path(f"{path}-wal")
    latest = backups.latest_backup(path)
    if latest is not None or (wal.exists() and wal.stat().st_size > 0):
        raise CorruptJournalError(path, "the file is empty: 0 bytes", latest)


def _refuse_what_is_not_a_file(path: Path) -> None:
    """A folder, a pipe or a device named as the journal, or a new journal in a folder that
    cannot be written: said for what it is (not called damaged)."""
    if path.is_dir():
        raise NotAJournalError(
            f"{path} is a folder, not a journal file. Name a file, e.g. {path / 'journal.sqlite'}."
        )
    if path.exists() and not path.is_file():
        raise NotAJournalError(
            f"{path} is not a regular file (a pipe, a device or a socket). Name a journal file."
        )
    if not path.exists():
        folder = path.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
            raise NotAJournalError(
                f"there is no journal at {path}, and none can be made: {folder} is read-only. "
                "Choose a folder you can write to."
            )


def _is_read_only(path: Path) -> bool:
    """The journal cannot be written (its mode, its owner, or its folder, where SQLite must
    keep the -wal and -shm beside it)."""
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK | os.X_OK)


def _make_private(path: Path) -> None:
    """Readable by the owner only: group and other bits removed, never a bit added (a
    read-only journal stays read-only), and a file owned by someone else is left alone."""
    info = path.stat()
    mode = stat.S_IMODE(info.st_mode)
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return
    if mode & 0o077:
        os.chmod(path, mode & 0o700)


def open_journal(
    path: str | os.PathLike[str], *, quick_check: bool = True, daily_backup: bool = False
) -> OpenResult:
    """Open (creating if needed) the journal at `path` and bind the models to it. A journal
    that cannot be written is opened read-only (OpenResult.read_only), its mode unchanged.
    `quick_check` reads every page first, unless the file is the very one the window closed
    cleanly (store/clean_close.py); a damaged file is refused before anything is written.
    A `postgresql://…` URL opens a journal on a server instead (store/server.py)."""
    if is_server_url(path):
        return _open_server(str(path))
    path = Path(path).expanduser().resolve()
    close_journal()
    _refuse_what_is_not_a_file(path)
    created = not path.exists() or path.stat().st_size == 0
    if created and path.exists():
        _refuse_empty_with_history(path)
    version = 0
    read_only = not created and _is_read_only(path)
    made_here = not path.exists()
    if not created:
        version, has_tables = _inspect(path, quick_check)
        created = version == 0 and not has_tables  # an SQLite file with nothing in it yet
        read_only = read_only and not created
    if not created:
        if version > SCHEMA_VERSION:
            raise NewerSchemaError(path, version, SCHEMA_VERSION)
        if read_only and version < SCHEMA_VERSION:
            raise ReadOnlyJournalError(
                path,
                "it was written by an older Cadence and must be upgraded first. Make it "
                "writable (e.g. chmod u+w) and open it again",
            )
    elif made_here:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # a new folder is private too
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    _make_private(path)
    if read_only:
        return _bind_read_only(path, version)

    pre_backup = None
    if not created and version < SCHEMA_VERSION:
        pre_backup = backups.backup_now(path, f"pre-v{SCHEMA_VERSION}")

    db = SqliteDatabase(str(path), pragmas=PRAGMAS, lock_type=WRITE_LOCK)
    global _opening, _read_only
    _opening = next(_openings)
    _read_only = False
    database.initialize(db)
    try:
        db.connect()
        if created:
            create_schema(db)
        elif version < SCHEMA_VERSION:
            upgrade(db, version)
    except Exception:
        close_journal()
        if made_here:  # a new journal that could not be made whole (a full disk) is not left
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    # what a killed restore or backup left: the journal's own temporaries, and the backups'
    sweep_temporaries(path.parent, of=path.name)
    sweep_temporaries(backup_dir_for(path))
    if daily_backup:
        backups.daily_backup(path)
    return OpenResult(path, created, None if created else version, pre_backup)


def _open_server(url: str) -> OpenResult:
    """A journal on a PostgreSQL server: created in an empty database by a role that may, or
    upgraded by the role that owns it (`cadence studio init`); a member never upgrades."""
    close_journal()
    db = server.connect(url)
    global _opening, _read_only
    _opening = next(_openings)
    _read_only = False
    database.initialize(db)
    try:
        version = get_version(db)
        if version > SCHEMA_VERSION:
            raise NewerSchemaError(redact_url(url), version, SCHEMA_VERSION)
        if version == 0 and server.has_journal_tables(db):
            raise server.ServerError(
                f"{redact_url(url)} holds tables of a journal but no Cadence version; it was "
                "not changed. Point Cadence at an empty database, or ask its admin."
            )
        created = version == 0
        if created:
            create_schema(db)
        elif version < SCHEMA_VERSION:
            server.require_owner(db, f"{redact_url(url)} is at journal format {version}")
            upgrade(db, version)
    except Exception:
        close_journal()
        raise
    return OpenResult(redact_url(url), created, None if created else version, None)


def _bind_read_only(path: Path, version: int) -> OpenResult:
    # no -wal: the file holds everything, and `immutable` reads it without creating a -shm
    # (which would take the journal's read-only mode and block later writers)
    db = SqliteDatabase(look_uri(path), uri=True, pragmas={"foreign_keys": 1, "busy_timeout": 5000})
    global _opening, _read_only, _read_only_path
    _opening = next(_openings)
    _read_only, _read_only_path = True, path
    database.initialize(db)
    db.connect()
    return OpenResult(path, False, version, None, read_only=True)


def is_read_only() -> bool:
    """True while the open journal was opened read-only (it cannot be written)."""
    return _read_only


def close_journal() -> None:
    global _read_only
    _read_only = False
    db = database.obj
    if db is not None and not db.is_closed():
        db.close()


def journal_version() -> tuple[int, int, int, int]:
    """A value that changes whenever what the open journal holds may have changed.

    It is (the opening, the connection, rows this connection has changed, SQLite's
    data_version). `total_changes` counts every row inserted, updated or deleted through this
    connection, and `data_version` changes when another connection commits (a command-line
    import while the window is open). What was computed from the journal stays valid while this
    value stays the same; reading it costs a few microseconds.
    """
    if server.is_server(database.obj):
        # committed writes by anyone, bumped by triggers in the same transaction as the rows
        total, writers, person = server.change_counter(database.obj)
        return (_opening, id(database.connection()), total, hash((writers, person)))
    connection = database.connection()
    (data_version,) = connection.execute("PRAGMA data_version").fetchone()
    return (_opening, id(connection), connection.total_changes, data_version)


def current_path() -> Path | None:
    """The open journal's file; None when none is open or the journal is on a server."""
    db = database.obj
    if db is None or server.is_server(db):
        return None
    if str(db.database).startswith("file:"):  # read-only, bound through a URI
        return _read_only_path
    return Path(db.database)


def integrity_report() -> list[str]:
    """Problems found in the open journal; an empty list means all is well."""
    problems: list[str] = []
    db = database.obj
    if server.is_server(db):
        return _server_report(db)
    try:
        result = [r[0] for r in db.execute_sql("PRAGMA integrity_check").fetchall()]
        foreign = db.execute_sql("PRAGMA foreign_key_check").fetchall()
    except (sqlite3.DatabaseError, peewee.DatabaseError) as exc:
        # damage the full check trips over (e.g. inside an index record): a problem to name
        latest = backups.latest_backup(Path(db.database))
        hint = f"; the latest backup is {latest}" if latest else ""
        return [f"integrity: the journal is damaged ({exc}){hint}"]
    if result != ["ok"]:
        problems.extend(f"integrity: {r}" for r in result)
    for table, rowid, parent, _ in foreign:
        problems.append(f"row {rowid} of {table} points to a missing {parent}")
    version = get_version(db)
    if version != SCHEMA_VERSION:
        problems.append(f"schema version is {version}, expected {SCHEMA_VERSION}")
    problems.extend(_value_problems(db))
    return problems


def _server_report(db: peewee.PostgresqlDatabase) -> list[str]:
    """On a server, the pages and indexes are the server's to check (amcheck, pg_dump); what
    Cadence checks is its version and the values its rules hold."""
    version = get_version(db)
    if version != SCHEMA_VERSION:
        return [f"schema version is {version}, expected {SCHEMA_VERSION}"]
    return _value_problems(db)


def _value_problems(db: peewee.Database) -> list[str]:
    """Values outside what Cadence's rules allow, on either engine."""
    problems: list[str] = []
    checks = {
        "sessions with RPE outside 0-10": "SELECT count(*) FROM session WHERE rpe < 0 OR rpe > 10",
        "sessions with a negative duration": "SELECT count(*) FROM session WHERE duration_s < 0",
        "sessions with a negative distance": "SELECT count(*) FROM session WHERE distance_m < 0",
        "stop-points with severity outside 1-5": (
            "SELECT count(*) FROM stop_point WHERE severity < 1 OR severity > 5"
        ),
    }
    for label, sql in checks.items():
        n = db.execute_sql(sql).fetchone()[0]
        if n:
            problems.append(f"{n} {label}")
    return problems
