"""A full disk ends a command with one line and a non-zero exit, never a traceback, and leaves the
journal as it was, with no temporary file behind: import, demo, restore from JSON, backup and the
upgrade of an old journal.

The full disk is simulated by capping the size of any file the command writes (RLIMIT_FSIZE, as
`ulimit -f`); a write past the cap fails. The cap lets SQLite's 32 KiB shared-memory file be
made, so the journal opens, and stops what the command writes next.
"""

from __future__ import annotations

import hashlib
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from tests.reliability.children.payload import session_for
from tests.reliability.harness import child_env, record

from cadence.services.records.journal import save_session
from cadence.services.transfer.export import export_json
from cadence.store.db import close_journal, integrity_report, open_journal
from cadence.store.files import sweep_temporaries
from cadence.store.models import Session

DATA = Path(__file__).parent.parent / "data"
FIXTURES = Path(__file__).parent.parent / "fixtures"
CAP = 40_000


def _cadence(*args: str, cap: int = CAP) -> subprocess.CompletedProcess[str]:
    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))

    return subprocess.run(
        [sys.executable, "-m", "cadence", *args],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limited,
    )


def _dump(path: Path) -> str:
    """What the journal holds, as SQL (compared before and after)."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def _journal(path: Path, sessions: int) -> Path:
    open_journal(path)
    try:
        for number in range(sessions):
            save_session(session_for(number, 0))
    finally:
        close_journal()
    return path


def _refused_cleanly(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "disk is full" in lines[0], done.stderr


def _no_litter(folder: Path) -> None:
    assert sweep_temporaries(folder, older_than=0) == []
    backups = [p for p in folder.iterdir() if p.name.endswith(".backups")]
    for b in backups:
        assert sweep_temporaries(b, older_than=0) == []


def _big_csv(path: Path, rows: int) -> Path:
    lines = ["Date,Minutes,Piece,Notes"]
    lines += [
        f"2021-{1 + r % 12:02d}-{1 + r % 28:02d},30,Etude {r},{'long note ' * 20}"
        for r in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_import_that_fills_the_disk(tmp_path: Path) -> None:
    journal = _journal(tmp_path / "j" / "journal.sqlite", 20)
    before = _dump(journal)
    done = _cadence("import", str(_big_csv(tmp_path / "log.csv", 2000)), "--db", str(journal))
    _refused_cleanly(done)
    assert _dump(journal) == before
    _no_litter(journal.parent)


def test_a_demo_that_fills_the_disk(tmp_path: Path) -> None:
    journal = tmp_path / "j" / "demo.sqlite"
    done = _cadence("demo", "--years", "1", "--seed", "1", "--db", str(journal))
    _refused_cleanly(done)
    _no_litter(journal.parent)


def test_a_json_restore_that_fills_the_disk(tmp_path: Path) -> None:
    source = _journal(tmp_path / "source.sqlite", 300)
    open_journal(source)
    try:
        export_json(tmp_path / "journal.json")
    finally:
        close_journal()
    target = tmp_path / "j" / "journal.sqlite"
    done = _cadence("restore", str(tmp_path / "journal.json"), "--db", str(target))
    _refused_cleanly(done)
    if target.exists():  # a new journal: empty, or not there at all
        open_journal(target)
        try:
            assert Session.select().count() == 0
        finally:
            close_journal()
    _no_litter(target.parent)


def test_a_backup_that_fills_the_disk(tmp_path: Path) -> None:
    journal = _journal(tmp_path / "j" / "journal.sqlite", 100)
    before = _dump(journal)
    _refused_cleanly(_cadence("backup", "--db", str(journal)))
    assert _dump(journal) == before
    _no_litter(journal.parent)


def test_an_upgrade_that_fills_the_disk_leaves_the_old_journal(tmp_path: Path) -> None:
    journal = tmp_path / "j" / "journal.sqlite"
    journal.parent.mkdir()
    shutil.copy(DATA / "journal-v1.sqlite", journal)
    if journal.stat().st_size <= CAP:
        pytest.skip("the v1 fixture is smaller than the cap")
    before = _dump(journal)
    done = _cadence("check", "--db", str(journal))
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    assert "disk is full" in done.stderr
    assert _dump(journal) == before
    _no_litter(journal.parent)
    open_journal(journal)  # and once there is room, it upgrades
    try:
        assert integrity_report() == []
    finally:
        close_journal()
    record("disk_full", commands="import, demo, restore, backup, upgrade", tracebacks=0)
