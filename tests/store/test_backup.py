from __future__ import annotations

import sqlite3
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.conftest import make_session

from cadence.services.records.journal import save_session
from cadence.store import backup
from cadence.store.db import close_journal, open_journal
from cadence.store.models import Session
from cadence.store.paths import backup_dir_for


def test_daily_backup_is_consistent_private_and_taken_once(journal: Path) -> None:
    save_session(make_session())
    made = backup.daily_backup(journal, date(2026, 3, 2))
    assert made is not None and made.exists()
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    assert backup.daily_backup(journal, date(2026, 3, 2)) is None
    conn = sqlite3.connect(made)
    try:
        assert conn.execute("SELECT count(*) FROM session").fetchone()[0] == 1
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_rotation_keeps_seven_daily_and_four_weekly(journal: Path) -> None:
    start = date(2026, 1, 1)
    for i in range(60):
        backup.daily_backup(journal, start + timedelta(days=i))
    names = sorted(p.name for p in backup_dir_for(journal).iterdir())
    days = [date.fromisoformat(n[6:16]) for n in names]
    last = start + timedelta(days=59)
    daily = [d for d in days if d > last - timedelta(days=7)]
    assert len(daily) == 7
    older = [d for d in days if d <= last - timedelta(days=7)]
    assert len(older) == 4
    assert len({d.isocalendar()[:2] for d in older}) == 4  # one per week


def test_restore_backup_keeps_the_current_file_first(journal: Path) -> None:
    save_session(make_session())
    saved = backup.backup_now(journal, "manual")
    save_session(make_session())
    close_journal()
    kept = backup.restore_backup(saved, journal)
    assert kept is not None and kept.exists()
    open_journal(journal)
    assert Session.select().count() == 1
    close_journal()
    conn = sqlite3.connect(kept)
    try:
        assert conn.execute("SELECT count(*) FROM session").fetchone()[0] == 2
    finally:
        conn.close()


def test_restore_refuses_a_damaged_backup(journal: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"no")
    close_journal()
    before = journal.read_bytes()
    with pytest.raises(ValueError, match="is itself damaged"):
        backup.restore_backup(bad, journal)
    assert journal.read_bytes() == before
