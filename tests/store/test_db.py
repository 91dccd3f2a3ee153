from __future__ import annotations

import hashlib
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cadence.store.db import close_journal, integrity_report, open_journal
from cadence.store.errors import CorruptJournalError, NewerSchemaError
from cadence.store.migrations import SCHEMA_VERSION
from cadence.store.models import Draft, Intention, Preference, Session, database
from cadence.store.paths import backup_dir_for, resolve_db_path

DATA = Path(__file__).parent.parent / "data"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_journal_has_wal_foreign_keys_and_private_mode(journal_path: Path) -> None:
    result = open_journal(journal_path)
    try:
        assert result.created
        assert database.pragma("journal_mode") == "wal"
        assert database.pragma("foreign_keys") == 1
        assert database.pragma("user_version") == SCHEMA_VERSION
        assert stat.S_IMODE(journal_path.stat().st_mode) == 0o600
        assert integrity_report() == []
    finally:
        close_journal()


def test_reopening_keeps_data(journal_path: Path) -> None:
    from tests.conftest import make_session

    from cadence.services.records.journal import save_session

    open_journal(journal_path)
    save_session(make_session())
    close_journal()
    result = open_journal(journal_path)
    try:
        assert not result.created
        assert Session.select().count() == 1
    finally:
        close_journal()


def test_old_version_is_upgraded_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(DATA / "journal-v1.sqlite", path)
    before = _digest(path)
    result = open_journal(path)
    try:
        assert result.upgraded_from == 1
        assert database.pragma("user_version") == SCHEMA_VERSION
        assert result.pre_migration_backup is not None
        assert _digest(result.pre_migration_backup) == before or (
            # the backup API may rewrite page layout; what matters is the same content
            sqlite3.connect(result.pre_migration_backup)
            .execute("PRAGMA user_version")
            .fetchone()[0]
            == 1
        )
        # the old data is still there, and the new tables work
        assert Session.select().count() == 1
        assert Intention.get().text == "bars 1-8 at 80"
        Preference.create(key="units", value='"km"')
        Draft.create(key="k", payload="{}")
        assert integrity_report() == []
    finally:
        close_journal()
    backup = sqlite3.connect(result.pre_migration_backup)
    try:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
        assert backup.execute("SELECT count(*) FROM session").fetchone()[0] == 1
    finally:
        backup.close()


def test_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE session (id INTEGER PRIMARY KEY)")
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(NewerSchemaError, match="newer Cadence"):
        open_journal(path)
    assert _digest(path) == before
    assert not Path(str(path) + "-wal").exists()
    assert not backup_dir_for(path).exists()


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 5000],
    ids=["text", "damaged-header"],
)
def test_damaged_file_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.sqlite"
    path.write_bytes(content)
    with pytest.raises(CorruptJournalError, match="damaged or is not a Cadence journal"):
        open_journal(path)
    assert path.read_bytes() == content


def test_damaged_file_message_names_the_latest_backup(tmp_path: Path) -> None:
    from cadence.store.backup import backup_now

    path = tmp_path / "j.sqlite"
    open_journal(path)
    close_journal()
    backup = backup_now(path)
    path.write_bytes(b"garbage" * 1000)
    with pytest.raises(CorruptJournalError) as info:
        open_journal(path)
    assert info.value.latest_backup == backup
    assert str(backup) in str(info.value)


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(CorruptJournalError, match="no Cadence version"):
        open_journal(path)


def test_integrity_report_names_bad_values(journal: Path) -> None:
    from tests.conftest import make_session

    from cadence.services.records.journal import save_session

    save_session(make_session())
    Session.update(rpe=42).execute()
    assert integrity_report() == ["1 sessions with RPE outside 0-10"]


def test_db_path_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CADENCE_DB", str(tmp_path / "env.sqlite"))
    assert resolve_db_path(None) == tmp_path / "env.sqlite"
    assert resolve_db_path(str(tmp_path / "x.sqlite")) == tmp_path / "x.sqlite"
    monkeypatch.delenv("CADENCE_DB")
    assert resolve_db_path(None).name == "journal.sqlite"


def _schema(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
    finally:
        conn.close()
    return [(t, n, " ".join((sql or "").split())) for t, n, sql in rows]


@pytest.mark.parametrize("version", [1, 3, 8, 9])
def test_an_upgraded_journal_has_exactly_the_schema_of_a_new_one(
    tmp_path: Path, version: int
) -> None:
    """Every migration step brings an old file to what create_schema makes today."""
    old = tmp_path / "old.sqlite"
    shutil.copy(DATA / f"journal-v{version}.sqlite", old)
    open_journal(old)
    close_journal()
    new = tmp_path / "new.sqlite"
    open_journal(new)
    close_journal()
    assert _schema(old) == _schema(new)


def test_a_v8_journal_keeps_its_rehearsals_and_focus_ratings_through_later_steps(
    tmp_path: Path,
) -> None:
    """The newest fixture's rows of the v8 tables come through every step after v8, and the file
    is then at today's version with its foreign keys whole."""
    path = tmp_path / "v8.sqlite"
    shutil.copy(DATA / "journal-v8.sqlite", path)
    open_journal(path)
    try:
        assert database.pragma("user_version") == SCHEMA_VERSION
        rows = database.execute_sql(
            "SELECT d.session_id, d.event_id, d.aspect, r.focus_id, r.rating "
            "FROM session_demand d JOIN session_focus_rating r ON r.session_id = d.session_id"
        ).fetchall()
        assert rows == [(1, 1, "Climb", 1, 4)]
        assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        close_journal()


def test_the_inbox_query_uses_its_partial_index(journal: Path) -> None:
    from cadence.services.records.journal import review_inbox
    from cadence.store.models import SESSION_IN_INBOX

    query = Session.select().where(SESSION_IN_INBOX).order_by(Session.started_at.desc())
    sql, params = query.sql()
    plan = " ".join(str(r) for r in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
    assert "session_inbox" in plan
    assert review_inbox() == []


def test_an_empty_file_with_backups_beside_it_is_refused_untouched(tmp_path: Path) -> None:
    """A 0-byte journal that has backups is a journal that lost its contents: it is not made a
    new empty journal (which `check` would then call ok) but refused, naming the backup."""
    from cadence.store.backup import backup_now

    path = tmp_path / "journal.sqlite"
    open_journal(path)
    close_journal()
    made = backup_now(path)
    path.write_bytes(b"")
    with pytest.raises(CorruptJournalError, match="empty") as caught:
        open_journal(path)
    assert caught.value.latest_backup == made
    assert path.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "journal.sqlite",
        "journal.sqlite.backups",
    ]
    done = subprocess.run(
        [sys.executable, "-m", "cadence", "check", "--db", str(path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and str(made) in done.stderr and "ok" not in done.stdout
    assert path.read_bytes() == b""


def test_an_empty_file_without_history_becomes_a_new_journal(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    path.write_bytes(b"")
    assert open_journal(path).created
    close_journal()


def test_a_newer_journal_in_wal_mode_is_refused_leaving_nothing_beside_it(tmp_path: Path) -> None:
    """A refused file is left exactly as found: no -wal or -shm appears beside it."""
    path = tmp_path / "future.sqlite"
    open_journal(path)
    database.execute_sql(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    close_journal()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["future.sqlite"]
    before = _digest(path)
    with pytest.raises(NewerSchemaError):
        open_journal(path)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["future.sqlite"]
