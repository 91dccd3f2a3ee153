"""A journal in a folder whose name holds `#`, `?`, `%41` or a space opens, reopens, upgrades and
is backed up and restored like any other: SQLite URIs are made from quoted paths."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import make_session

from cadence.services.records.journal import save_session
from cadence.store.backup import backup_now, list_backups, restore_backup
from cadence.store.db import close_journal, integrity_report, open_journal
from cadence.store.migrations import SCHEMA_VERSION
from cadence.store.models import Session, database

DATA = Path(__file__).parent.parent / "data"
FIXTURES = Path(__file__).parent.parent / "fixtures"
ODD = ["Music #2", "what?x=1", "a%41b", "%2e%2e", "odd #?%41&mode=rw"]


def _sessions(path: Path) -> int:
    open_journal(path)
    try:
        assert integrity_report() == []
        return Session.select().count()
    finally:
        close_journal()


@pytest.mark.parametrize("name", ODD)
def test_a_journal_in_an_oddly_named_folder_opens_again_and_again(tmp_path: Path, name) -> None:
    path = tmp_path / name / "j.sqlite"
    open_journal(path)
    try:
        save_session(make_session())
    finally:
        close_journal()
    assert _sessions(path) == 1
    assert _sessions(path) == 1
    made = backup_now(path)
    assert _sessions(made) == 1
    open_journal(path)
    try:
        save_session(make_session())
    finally:
        close_journal()
    restore_backup(made, path)
    assert _sessions(path) == 1
    folders = {p.parent for p in tmp_path.rglob("*") if p.is_file()}
    assert folders == {path.parent, path.parent / "j.sqlite.backups"}, "stray files elsewhere"


@pytest.mark.parametrize("name", ODD[:2])
def test_an_old_journal_in_an_oddly_named_folder_upgrades_with_a_whole_backup(
    tmp_path: Path, name
) -> None:
    path = tmp_path / name / "old.sqlite"
    path.parent.mkdir()
    shutil.copy(DATA / "journal-v2.sqlite", path)
    rows = _count_rows(DATA / "journal-v2.sqlite")
    result = open_journal(path)
    try:
        assert database.pragma("user_version") == SCHEMA_VERSION
    finally:
        close_journal()
    assert result.pre_migration_backup is not None
    assert _count_rows(result.pre_migration_backup) == rows > 0
    assert list_backups(path) == [result.pre_migration_backup]


def _count_rows(path: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM session").fetchone()[0]
    finally:
        conn.close()


def test_import_then_check_on_the_command_line(tmp_path: Path) -> None:
    """The report's repro: `cadence import run.tcx --db "…/Music #2/j.sqlite"`, then `check`."""
    journal = tmp_path / "Music #2" / "j.sqlite"
    tcx = next((FIXTURES / "running").glob("*.tcx"))

    def cadence(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cadence", *args, "--db", str(journal)],
            capture_output=True,
            text=True,
            timeout=120,
        )

    first = cadence("import", str(tcx))
    assert first.returncode == 0, first.stderr
    for _ in range(2):
        check = cadence("check")
        assert check.returncode == 0 and check.stdout.strip().endswith(": ok"), check.stderr
    assert sorted(p.name for p in (tmp_path / "Music #2").iterdir()) == ["j.sqlite"]
