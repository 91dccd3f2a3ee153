"""A personal journal's start-up never loads the PostgreSQL driver, even where it is installed;
a server journal hands it to peewee when it is opened."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytest.importorskip("psycopg")


def _python(code: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_start_up_with_a_journal_file_loads_no_postgres_driver(tmp_path) -> None:
    code = (
        "import sys\n"
        "from cadence.store.db import open_journal, close_journal\n"
        "import cadence.cli, cadence.services.transfer.restore, cadence.ui.app\n"
        "import cadence.services.records.journal\n"
        "open_journal(sys.argv[1]); close_journal()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('psycopg', 'psycopg2', 'psycopg_binary')))\n"
    )
    done = _python(code, str(tmp_path / "j.sqlite"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_server_journal_opens_in_a_fresh_process(pg_cluster) -> None:
    name = pg_cluster.new_database("fresh")
    code = (
        "import sys\n"
        "from cadence.cli import main\n"
        "sys.exit(main(['studio', 'init', '--db', sys.argv[1]]) or "
        "main(['studio', 'members', '--db', sys.argv[1]]))\n"
    )
    done = _python(code, pg_cluster.url(name))
    assert done.returncode == 0, done.stderr
    assert "is ready" in done.stdout and "Nobody yet" in done.stdout
