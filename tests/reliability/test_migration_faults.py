"""Old journals open and upgrade with a backup taken first, whatever state they are left in;
newer ones are refused without a byte changed. (tests/store/test_db.py has the plain cases.)"""

from __future__ import annotations

import hashlib
import random
import shutil
import signal
import sqlite3
import stat
import time
from pathlib import Path

import pytest
from tests.reliability.harness import finish, kill_and_collect, record, scale, spawn, wait_for_line
from tests.reliability.journals import (
    check_crash_sessions,
    fixture_for,
    old_journal,
    rows_in_columns,
    table_columns,
    table_rows,
    user_version,
)

from cadence.store import migrations
from cadence.store.db import close_journal, integrity_report, open_journal
from cadence.store.errors import NewerSchemaError
from cadence.store.migrations import SCHEMA_VERSION
from cadence.store.models import Session, database
from cadence.store.paths import backup_dir_for

EARLIER = list(range(1, SCHEMA_VERSION))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _wal(path: Path) -> Path:
    return Path(f"{path}-wal")


@pytest.mark.parametrize("version", EARLIER)
def test_every_earlier_version_upgrades_keeping_every_row(tmp_path: Path, version: int) -> None:
    assert fixture_for(version).exists(), (
        f"keep a journal of schema version {version} in tests/data when adding a newer one"
    )
    path = tmp_path / f"v{version}.sqlite"
    shutil.copy(fixture_for(version), path)
    before = table_rows(path)
    columns = table_columns(path)
    assert any(before.values())
    result = open_journal(path)
    try:
        assert result.upgraded_from == version
        assert database.pragma("user_version") == SCHEMA_VERSION
        assert integrity_report() == []
    finally:
        close_journal()
    after = rows_in_columns(path, columns)
    for table, rows in before.items():
        assert after[table] == rows, f"table {table} changed in the upgrade"
    backup = result.pre_migration_backup
    assert backup is not None and stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert user_version(backup) == version
    assert table_rows(backup) == before


def test_old_journal_with_many_sessions_and_a_leftover_wal_upgrades_whole(tmp_path: Path) -> None:
    path = old_journal(tmp_path / "old.sqlite", 1, sessions=150)
    # the old Cadence crashed after saving 40 more: they are in the WAL only
    finish(spawn("leave_wal.py", str(path), "sessions", "150", "40"), timeout=60)
    assert _wal(path).stat().st_size > 0
    main_only = tmp_path / "main-only.sqlite"
    shutil.copy(path, main_only)
    assert len(table_rows(main_only)["session"]) == 1 + 150  # the 40 are not in the main file

    result = open_journal(path)
    try:
        assert result.upgraded_from == 1
        assert Session.select().count() == 1 + 190
        check_crash_sessions(190)
        assert integrity_report() == []
    finally:
        close_journal()
    backup = result.pre_migration_backup
    assert backup is not None and user_version(backup) == 1
    assert len(table_rows(backup)["session"]) == 1 + 190  # the backup has the WAL's sessions too
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_killed_in_the_middle_of_the_upgrade_leaves_the_old_journal(tmp_path: Path) -> None:
    path = old_journal(tmp_path / "old.sqlite", 1, sessions=120)
    before = table_rows(path)
    child = spawn("migrate_and_die.py", str(path), "hang")
    wait_for_line(child, "in the middle", timeout=60)
    kill_and_collect(child)
    assert child.returncode == -signal.SIGKILL

    # the step's work was never committed: still version 1, every row as it was
    assert user_version(path) == 1
    assert table_rows(path) == before
    backups = list(backup_dir_for(path).glob(f"pre-v{SCHEMA_VERSION}-*.sqlite"))
    assert len(backups) == 1 and table_rows(backups[0]) == before

    result = open_journal(path)  # the next start upgrades it
    try:
        assert result.upgraded_from == 1
        check_crash_sessions(120)
        assert integrity_report() == []
    finally:
        close_journal()


def test_a_failing_upgrade_step_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = old_journal(tmp_path / "old.sqlite", 1, sessions=20)
    before = table_rows(path)
    first = min(migrations.STEPS)  # the step out of version 1
    real_step = migrations.STEPS[first]

    def step_then_fail(migrator, db) -> None:
        real_step(migrator, db)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setitem(migrations.STEPS, first, step_then_fail)
    with pytest.raises(sqlite3.OperationalError):
        open_journal(path)
    assert database.is_closed()
    assert user_version(path) == 1 and table_rows(path) == before
    monkeypatch.setitem(migrations.STEPS, first, real_step)
    result = open_journal(path)
    try:
        assert result.upgraded_from == 1
        check_crash_sessions(20)
    finally:
        close_journal()


@pytest.mark.soak
def test_killed_at_random_moments_while_opening_an_old_journal(tmp_path: Path) -> None:
    """Old journals in WAL mode (as Cadence keeps them) and in rollback mode (as the fixtures
    are, and as a file copied through another tool may be), killed while being opened: switched
    to WAL, backed up, upgraded. Each must reopen whole."""
    trials = scale(3, 60)
    rng = random.Random(7)
    cut_short = upgraded_by_child = hot_journals = 0
    for mode in ("wal", "delete"):
        template = old_journal(tmp_path / f"template-{mode}.sqlite", 1, sessions=150)
        conn = sqlite3.connect(template)
        assert conn.execute(f"PRAGMA journal_mode={mode}").fetchone()[0] == mode
        conn.close()
        for trial in range(trials):
            path = tmp_path / f"{mode}-{trial}.sqlite"
            shutil.copy(template, path)
            child = spawn("migrate_and_die.py", str(path), "open")
            wait_for_line(child, "opening", timeout=60)
            time.sleep(rng.uniform(0, 0.06))
            lines, _ = kill_and_collect(child)
            cut_short += "opened" not in lines
            hot_journals += Path(f"{path}-journal").exists()
            result = open_journal(path)
            try:
                # the version found: 1, or the new one if the upgrade committed before the kill
                assert result.upgraded_from in (1, SCHEMA_VERSION)
                upgraded_by_child += result.upgraded_from == SCHEMA_VERSION
                assert database.pragma("user_version") == SCHEMA_VERSION
                check_crash_sessions(150)
                assert integrity_report() == []
            finally:
                close_journal()
    record(
        "migration_kills",
        trials=2 * trials,
        journal_modes=["wal", "delete"],
        killed_before_open_finished=cut_short,
        upgrade_committed_before_the_kill=upgraded_by_child,
        hot_rollback_journals_left=hot_journals,
        journals_that_reopened_whole=2 * trials,
        sessions_lost=0,
    )


def test_a_hot_rollback_journal_is_rolled_back_not_called_damage(tmp_path: Path) -> None:
    path = old_journal(tmp_path / "old.sqlite", 1, sessions=40)
    before = table_rows(path)
    columns = table_columns(path)  # the rows are compared on the old columns: v5 adds some
    finish(spawn("leave_wal.py", str(path), "hot", "UPDATE session SET notes = 'half'"), 60)
    assert Path(f"{path}-journal").stat().st_size > 0  # a crash mid-write, in rollback mode
    result = open_journal(path)
    try:
        assert result.upgraded_from == 1
        check_crash_sessions(40)  # the uncommitted update was rolled back
    finally:
        close_journal()
    after = rows_in_columns(path, columns)
    assert all(after[table] == rows for table, rows in before.items())


def test_newer_journal_with_a_leftover_wal_is_refused_untouched(tmp_path: Path) -> None:
    path = old_journal(tmp_path / "future.sqlite", 1, sessions=5)
    open_journal(path)
    close_journal()
    newer = SCHEMA_VERSION + 1
    # a newer Cadence added a table and crashed: its version number is in the WAL only
    sql = f"CREATE TABLE future_thing (x TEXT); PRAGMA user_version={newer}"
    finish(spawn("leave_wal.py", str(path), "sql", sql), timeout=60)
    assert _wal(path).stat().st_size > 0
    main_before, wal_before = _digest(path), _digest(_wal(path))
    backups_before = sorted(p.name for p in backup_dir_for(path).iterdir())
    with pytest.raises(NewerSchemaError, match=f"journal format {newer}"):
        open_journal(path)
    assert _digest(path) == main_before and _digest(_wal(path)) == wal_before
    assert sorted(p.name for p in backup_dir_for(path).iterdir()) == backups_before
