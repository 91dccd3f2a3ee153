"""Schema v9 adds two partial indexes (the sessions not done; the blocks with a clean tempo by
passage): made for a new journal, and by the upgrade from v8 on both engines."""

from __future__ import annotations

import shutil
from pathlib import Path

from cadence.store.db import close_journal, open_journal
from cadence.store.migrations import SCHEMA_VERSION, get_version
from cadence.store.models import database

INDEXES = {"session_not_done", "block_clean_tempo"}
DATA = Path(__file__).resolve().parents[1] / "data"


def _sqlite_indexes() -> set[str]:
    rows = database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
    return {r[0] for r in rows}


def test_an_older_file_gains_both_indexes(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    newest = max(DATA.glob("journal-v*.sqlite"), key=lambda p: int(p.stem.rpartition("v")[2]))
    shutil.copy(newest, old)
    result = open_journal(old)
    try:
        assert result.upgraded_from is not None and result.upgraded_from < SCHEMA_VERSION
        assert INDEXES <= _sqlite_indexes()
    finally:
        close_journal()


def test_a_server_journal_at_v8_is_upgraded_with_both_indexes(pg_cluster) -> None:
    from cadence.store import server

    url = pg_cluster.url(pg_cluster.new_journal())
    open_journal(url)
    try:
        for name in INDEXES:
            database.execute_sql(f"DROP INDEX {name}")
        server.set_version(database.obj, 8)
    finally:
        close_journal()
    result = open_journal(url)
    try:
        assert result.upgraded_from == 8
        assert get_version(database.obj) == SCHEMA_VERSION
        rows = database.execute_sql(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)", (list(INDEXES),)
        ).fetchall()
        definitions = dict(rows)
        assert set(definitions) == INDEXES
        assert "WHERE (clean_reps > 0)" in definitions["block_clean_tempo"]
        assert "<> 'done'" in definitions["session_not_done"]
    finally:
        close_journal()
