"""A private PostgreSQL cluster for the tests, made from the installed server binaries.

`initdb` + `pg_ctl` in a temporary folder, listening on a free port of 127.0.0.1 and on a unix
socket in that folder; no system service is used or needed, and the folder is removed at the end.
Local (socket) connections are trusted, so a test can connect as any role; TCP connections ask for
a password (scram-sha-256), so a test can check one that `cadence studio add` set.

Without the binaries (or psycopg) the tests that need the cluster skip, naming what to install;
with CI set they fail instead, so that a CI run never passes with them skipped.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

DEBIAN_PACKAGE = "postgresql"
ADMIN = "cadence_admin"  # the cluster's bootstrap superuser


def _bin_dir() -> Path | None:
    found = os.environ.get("CADENCE_PG_BIN")
    if found:
        return Path(found)
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
    )
    for folder in reversed(candidates):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


def unavailable(reason: str) -> None:
    """Skip, or fail when CI is set: on CI these tests must run."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"PostgreSQL tests cannot run on CI: {reason}", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    folder: Path
    bin_dir: Path
    port: int
    run_as: str | None  # the server refuses to run as root: then it runs as this user
    _journal_template: str | None = None

    @property
    def socket_dir(self) -> Path:
        return self.folder / "run"

    def _run(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)

    def start(self) -> None:
        data = self.folder / "data"
        self.socket_dir.mkdir()
        if self.run_as:
            account = pwd.getpwnam(self.run_as)
            for path in (self.folder, self.socket_dir):
                os.chown(path, account.pw_uid, account.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(data),
            "-U",
            ADMIN,
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C",
        )
        options = (
            f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c synchronous_commit=off "
            "-c max_connections=60 -c shared_buffers=32MB"
        )
        self._run(
            "pg_ctl", "-D", str(data), "-o", options, "-l", str(self.folder / "log"), "-w", "start"
        )

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = ADMIN) -> str:
        """A libpq URL through the cluster's unix socket (trusted)."""
        host = quote(str(self.socket_dir), safe="")
        return f"postgresql://{user}@{host}:{self.port}/{database}"

    def tcp_url(self, database: str, user: str) -> str:
        """A libpq URL over TCP: the server asks for the role's password."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def admin_sql(self, sql: str, database: str = "postgres") -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            cur = conn.execute(sql)
            return cur.fetchall() if cur.description else []

    def new_database(self, prefix: str = "j", template: str = "template0") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        self.admin_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def databases(self) -> set[str]:
        return {name for (name,) in self.admin_sql("SELECT datname FROM pg_database")}

    def drop_database(self, name: str) -> bool:
        """Removes a database a test is done with, while its files are still fresh: a run makes
        hundreds, and kept they were gigabytes that the end of the run waited on removing. One a
        connection still uses is kept for stop() (False), without waiting for it to close."""
        import psycopg

        if self.admin_sql(
            f"SELECT 1 FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        ):
            return False
        try:
            self.admin_sql(f'DROP DATABASE IF EXISTS "{name}"')
        except psycopg.errors.ObjectInUse:  # connected to in the meantime
            return False
        return True

    @contextmanager
    def open_new_journal(self) -> Iterator[str]:
        """A new, empty journal opened as the admin: yields its URL; afterwards it is closed and
        its database dropped."""
        from cadence.store.db import close_journal, open_journal

        name = self.new_journal()
        url = self.url(name)
        open_journal(url)
        try:
            yield url
        finally:
            close_journal()
            self.drop_database(name)

    def new_journal(self) -> str:
        """A database holding a new, empty journal (copied from one made once per run: making
        the schema, its triggers and policies each time would cost more than the test)."""
        if self._journal_template is None:
            from cadence.store.db import close_journal, open_journal

            name = self.new_database("template_journal")
            open_journal(self.url(name))
            close_journal()
            self._journal_template = name
        return self.new_database(template=self._journal_template)


def start_cluster() -> Cluster:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("psycopg is not installed: pip install 'cadence-journal[postgres]'")
    bin_dir = _bin_dir()
    if bin_dir is None:
        unavailable(
            f"no PostgreSQL server binaries (initdb, pg_ctl): install the Debian package "
            f"'{DEBIAN_PACKAGE}' (or set CADENCE_PG_BIN to their folder)"
        )
    run_as = None
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        run_as = "postgres"
        try:
            pwd.getpwnam(run_as)
        except KeyError:
            unavailable("running as root, and there is no 'postgres' user to run the server as")
    folder = Path(tempfile.mkdtemp(prefix="cadence-pg-"))
    cluster = Cluster(folder, bin_dir, _free_port(), run_as)
    try:
        cluster.start()
    except subprocess.CalledProcessError as exc:
        log = folder / "log"
        detail = log.read_text() if log.exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        unavailable(f"the PostgreSQL test cluster did not start: {exc.stderr}{detail}")
    return cluster
