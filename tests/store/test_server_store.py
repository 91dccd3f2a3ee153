"""The store on a PostgreSQL server: opening a `postgresql://` URL, the schema version in a table,
the change counter that keeps the charts' facts fresh, the checks, and no password shown."""

from __future__ import annotations

import threading

import psycopg
import pytest
from tests.conftest import make_session

from cadence.services.records.days import save_draft
from cadence.services.records.journal import save_session
from cadence.services.records.preferences import load_preferences, save_preferences
from cadence.store.connections import current_journal, worker_connection
from cadence.store.db import (
    close_journal,
    current_path,
    integrity_report,
    journal_version,
    open_journal,
)
from cadence.store.errors import JournalError, NewerSchemaError
from cadence.store.migrations import SCHEMA_VERSION, get_version
from cadence.store.models import Session, database
from cadence.store.paths import redact_url, resolve_db_path


def test_a_new_database_becomes_a_journal_at_the_current_version(pg_cluster) -> None:
    url = pg_cluster.url(pg_cluster.new_database())
    result = open_journal(url)
    try:
        assert result.created and not result.read_only
        assert get_version(database.obj) == SCHEMA_VERSION
        assert current_path() is None  # no file: backups and file moves do not apply
        save_session(make_session(title="kept"))
    finally:
        close_journal()
    again = open_journal(url)
    try:
        assert not again.created and again.upgraded_from == SCHEMA_VERSION
        assert [s.title for s in Session.select()] == ["kept"]
        assert integrity_report() == []
    finally:
        close_journal()


def test_a_newer_schema_is_refused_and_left_untouched(pg_cluster) -> None:
    name = pg_cluster.new_database()
    open_journal(pg_cluster.url(name))
    close_journal()
    pg_cluster.admin_sql(f"UPDATE cadence_schema SET version = {SCHEMA_VERSION + 1}", name)
    with pytest.raises(NewerSchemaError):
        open_journal(pg_cluster.url(name))
    assert pg_cluster.admin_sql("SELECT version FROM cadence_schema", name) == [
        (SCHEMA_VERSION + 1,)
    ]


def test_a_database_with_journal_tables_but_no_version_is_refused(pg_cluster) -> None:
    name = pg_cluster.new_database()
    pg_cluster.admin_sql("CREATE TABLE session (id serial PRIMARY KEY)", name)
    with pytest.raises(JournalError, match="no Cadence version; it was not changed"):
        open_journal(pg_cluster.url(name))
    tables = pg_cluster.admin_sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'", name
    )
    assert tables == [("session",)]


def test_no_password_in_messages_or_the_opened_name(pg_cluster) -> None:
    name = pg_cluster.new_database()
    pg_cluster.admin_sql("CREATE ROLE mallory LOGIN PASSWORD 'right-one'")
    url = pg_cluster.tcp_url(name, "mallory").replace("mallory@", "mallory:s3cr3t-word@")
    with pytest.raises(JournalError) as caught:
        open_journal(url)
    assert "s3cr3t-word" not in str(caught.value)
    assert "password authentication failed" in str(caught.value)
    assert redact_url(url) == pg_cluster.tcp_url(name, "mallory")
    assert "secret" not in redact_url("postgresql://h/db?user=a&password=secret&sslmode=require")
    assert redact_url("postgresql://h/db?password=x&sslmode=require").endswith("?sslmode=require")


def test_a_server_url_is_kept_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "postgresql://alice@studio.example/cadence?sslmode=verify-full"
    assert resolve_db_path(url) == url
    monkeypatch.setenv("CADENCE_DB", url)
    assert resolve_db_path(None) == url


def test_another_connections_commit_changes_the_journal_version(pg_journal: str) -> None:
    before = journal_version()
    assert journal_version() == before  # reading changes nothing
    done = threading.Event()

    def elsewhere() -> None:
        with worker_connection(current_journal()):
            save_session(make_session(title="from another connection"))
        done.set()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join(30)
    assert done.is_set()
    after = journal_version()
    assert after != before
    assert [s.title for s in Session.select()] == ["from another connection"]
    save_draft("today", {"intention": "typing…"})  # drafts do not change what charts show
    assert journal_version() == after


def test_a_write_in_an_open_transaction_is_not_seen_by_others_until_committed(
    pg_journal: str,
) -> None:
    other = psycopg.connect(pg_journal)
    try:
        seen = other.execute("SELECT total FROM cadence_changes()").fetchone()[0]
        with database.atomic():
            save_session(make_session())
            assert other.execute("SELECT total FROM cadence_changes()").fetchone()[0] == seen
        assert other.execute("SELECT total FROM cadence_changes()").fetchone()[0] > seen
    finally:
        other.close()


def test_preferences_and_drafts_replace_their_row(pg_journal: str) -> None:
    prefs = load_preferences()
    save_preferences(prefs)
    save_preferences(prefs)
    save_draft("x", {"a": 1})
    save_draft("x", {"a": 2})
    (count,) = database.execute_sql("SELECT count(*) FROM draft").fetchone()
    assert count == 1
    assert load_preferences() == prefs


def test_integrity_report_names_bad_values_on_the_server(pg_journal: str) -> None:
    save_session(make_session())
    database.execute_sql("UPDATE session SET rpe = 12")
    assert integrity_report() == ["1 sessions with RPE outside 0-10"]


def test_hand_written_sqlite_sql_runs_on_the_server(pg_journal: str) -> None:
    save_session(make_session(title="Etude in C", notes="100% done"))
    found = database.execute_sql(
        "SELECT char(65) || title FROM session WHERE title LIKE ? AND notes LIKE '100%'",
        ["etude%"],  # SQLite's LIKE folds ASCII case
    ).fetchall()
    assert found == [("AEtude in C",)]
    # peewee's own SQL with LIKE and psycopg's placeholders is left as it is
    assert [s.title for s in Session.select().where(Session.notes % "100%%")] == ["Etude in C"]
    (day,) = database.execute_sql("SELECT local_date FROM session").fetchone()
    assert day == "2026-03-02"  # dates read as SQLite keeps them
