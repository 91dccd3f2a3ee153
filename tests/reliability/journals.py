"""Journals for the reliability tests: old versions with many sessions, snapshots of every row."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from peewee import SqliteDatabase
from tests.reliability.children.payload import (
    parse_title,
    session_for,
    written_as_its_version_wrote,
)

from cadence.services.records.journal import load_session, save_session
from cadence.store.models import Session, database

DATA = Path(__file__).resolve().parents[1] / "data"


def fixture_for(version: int) -> Path:
    return DATA / f"journal-v{version}.sqlite"


def old_journal(target: Path, version: int, sessions: int) -> Path:
    """A copy of the version-`version` fixture with `sessions` crash-test sessions added, written
    through the models bound straight to the file (open_journal would upgrade it)."""
    shutil.copy(fixture_for(version), target)
    db = SqliteDatabase(str(target), pragmas={"foreign_keys": 1})
    database.initialize(db)
    db.connect()
    try:
        with written_as_its_version_wrote(db), db.atomic():
            for number in range(sessions):
                save_session(session_for(number, 0))
    finally:
        db.close()
    return target


def table_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read-only (a WAL beside the file is read too)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {n: conn.execute(f'SELECT * FROM "{n}" ORDER BY rowid').fetchall() for n in names}
    finally:
        conn.close()


def table_columns(path: Path) -> dict[str, list[str]]:
    """The columns of every table, read-only."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {n: [c[1] for c in conn.execute(f'PRAGMA table_info("{n}")')] for n in names}
    finally:
        conn.close()


def rows_in_columns(path: Path, columns: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Every row of the given tables, in only the given columns (an upgrade may add columns)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out = {}
        for table, names in columns.items():
            listed = ", ".join(f'"{c}"' for c in names)
            out[table] = conn.execute(f'SELECT {listed} FROM "{table}" ORDER BY rowid').fetchall()
        return out
    finally:
        conn.close()


def user_version(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def check_crash_sessions(expected_count: int) -> int:
    """In the open journal: every crash-test session is whole and as written; returns how many."""
    n = 0
    for row in Session.select(Session.id, Session.title).where(Session.title.startswith("crash ")):
        stored = load_session(row.id)
        expected = session_for(*parse_title(row.title))
        expected.id = row.id
        assert stored == expected, f"session {row.id} ({row.title}) differs"
        n += 1
    assert n == expected_count
    return n
