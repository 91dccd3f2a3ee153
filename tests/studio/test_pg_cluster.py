"""The private PostgreSQL cluster the studio tests run against."""

from __future__ import annotations

import pytest
from tests import pg_cluster as cluster_module


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
