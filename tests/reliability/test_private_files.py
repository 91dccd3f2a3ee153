"""Everything Cadence writes that holds the journal is readable by its owner only, whatever the
umask: the journal and its -wal/-shm, every kind of backup and their folder, and the exports.
(CSV formula neutralising is tested in tests/services/test_export_restore.py.)"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from tests.reliability.children.payload import session_for
from tests.reliability.harness import record
from tests.reliability.journals import fixture_for

from cadence.services.records.journal import save_session
from cadence.services.transfer.export import export_csv, export_json
from cadence.services.transfer.export_ics import export_ics
from cadence.services.transfer.restore import restore_file
from cadence.store.backup import backup_now, daily_backup, restore_backup
from cadence.store.db import close_journal, open_journal
from cadence.store.paths import backup_dir_for

checked: list[str] = []


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """The usual umask, and the most permissive one (every file would be world-readable)."""
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def _private(path: Path, mode: int = 0o600) -> None:
    actual = stat.S_IMODE(path.stat().st_mode)
    assert actual == mode, f"{path.name} has mode {actual:o}, not {mode:o}"
    checked.append(path.name)


def test_journal_wal_and_backups_are_private(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "journal.sqlite"
    open_journal(path)
    try:
        save_session(session_for(1, 0))
        _private(path)
        _private(Path(f"{path}-wal"))
        _private(Path(f"{path}-shm"))
        daily = daily_backup(path, date(2026, 3, 2))
        assert daily is not None
        _private(daily)
        _private(backup_now(path, "manual"))
        _private(backup_dir_for(path), 0o700)
    finally:
        close_journal()
    kept = restore_backup(daily, path)
    assert kept is not None
    _private(kept)  # the pre-restore copy
    _private(path)


def test_pre_migration_backup_and_upgraded_journal_are_private(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(fixture_for(1), path)
    os.chmod(path, 0o644)  # an old file copied in by hand, readable by all
    result = open_journal(path)
    close_journal()
    assert result.pre_migration_backup is not None
    _private(result.pre_migration_backup)
    _private(path)


def test_exports_and_a_restored_journal_are_private(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "journal.sqlite"
    open_journal(path)
    try:
        save_session(session_for(2, 0))
        export_json(tmp_path / "out" / "journal.json")
        export_csv(tmp_path / "csv")
        export_ics(tmp_path / "out" / "plans.ics")
    finally:
        close_journal()
    _private(tmp_path / "out" / "journal.json")
    _private(tmp_path / "out" / "plans.ics")
    for table in sorted((tmp_path / "csv").iterdir()):
        _private(table)
    restored = tmp_path / "restored.sqlite"
    restore_file(tmp_path / "out" / "journal.json", restored)
    _private(restored)
    record("private_files", files_checked=len(checked), umasks=["022", "000"], readable_by_others=0)
