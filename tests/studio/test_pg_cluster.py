"""The private PostgreSQL cluster the studio tests run against. It stays small: the database of a
journal a test is done with is dropped then and there (a run makes hundreds; kept, they were
gigabytes that the end of the run waited on removing), and one still in use is left for the
cluster's stop."""

from __future__ import annotations

import psycopg
import pytest
from tests import pg_cluster as cluster_module

from cadence.store.models import Session


def test_the_cluster_answers_on_its_socket(pg_cluster) -> None:
    (row,) = pg_cluster.admin_sql("SELECT current_user, current_setting('port')::int")
    assert row == (cluster_module.ADMIN, pg_cluster.port)


def test_a_missing_server_skips_naming_the_package(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("CADENCE_PG_BIN", "")
    monkeypatch.setattr(cluster_module.glob, "glob", lambda pattern: [])
    monkeypatch.setattr(cluster_module.shutil, "which", lambda name: None)
    with pytest.raises(pytest.skip.Exception, match="Debian package 'postgresql'"):
        cluster_module.start_cluster()


def test_a_missing_server_fails_on_ci(monkeypatch) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("CADENCE_PG_BIN", "")
    monkeypatch.setattr(cluster_module.glob, "glob", lambda pattern: [])
    monkeypatch.setattr(cluster_module.shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="cannot run on CI"):
        cluster_module.start_cluster()


def test_a_journal_s_database_is_dropped_when_the_test_is_done(pg_cluster) -> None:
    with pg_cluster.open_new_journal() as url:
        name = url.rsplit("/", 1)[1]
        assert name in pg_cluster.databases()
        assert Session.select().count() == 0  # the journal is open
    assert name not in pg_cluster.databases()


def test_it_is_dropped_also_when_the_test_fails(pg_cluster) -> None:
    with pytest.raises(ZeroDivisionError), pg_cluster.open_new_journal() as url:
        name = url.rsplit("/", 1)[1]
        _ = 1 / 0
    assert name not in pg_cluster.databases()


def test_a_database_still_in_use_is_kept_without_waiting(pg_cluster) -> None:
    name = pg_cluster.new_journal()
    with psycopg.connect(pg_cluster.url(name)):
        assert pg_cluster.drop_database(name) is False
        assert name in pg_cluster.databases()
