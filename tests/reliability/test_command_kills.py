"""Soak: the write paths of the command line killed at random moments — `cadence backup`,
`cadence import` and `cadence restore` (from JSON) — leave the journal whole, every backup whole
(a partial copy is never counted as one), an import's files each all in or all out, a restore
all in or not there, and nothing the next start does not sweep away."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.reliability.children.payload import session_for
from tests.reliability.harness import COMMAND_KILLS, SOAK, child_env, record

from cadence.services.records.journal import save_session
from cadence.services.transfer.export import export_json
from cadence.store.backup import check_database, list_backups
from cadence.store.db import close_journal, integrity_report, open_journal
from cadence.store.files import sweep_temporaries
from cadence.store.models import Session
from cadence.store.paths import backup_dir_for

pytestmark = [
    pytest.mark.soak,
    pytest.mark.skipif(not SOAK, reason="soak only: the kills at chosen steps run in make test"),
]
KILLS = COMMAND_KILLS  # per command
ROWS = 40


def _journal(path: Path, count: int) -> Path:
    open_journal(path)
    try:
        for number in range(count):
            save_session(session_for(number, 0))
    finally:
        close_journal()
    return path


def _kill_at_random(args: list[str], rng: random.Random, took: float) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "cadence", *args],
        env=child_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(rng.uniform(0.3, 1.1) * took)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def _timed(args: list[str]) -> float:
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "cadence", *args], env=child_env(), check=True, capture_output=True
    )
    return time.monotonic() - started


def _sessions(journal: Path) -> int:
    sweep_temporaries(journal.parent, older_than=0, of=journal.name)
    sweep_temporaries(backup_dir_for(journal), older_than=0)
    open_journal(journal)
    try:
        assert integrity_report() == []
        return Session.select().count()
    finally:
        close_journal()


def test_backups_killed_at_random_moments(tmp_path: Path) -> None:
    journal = _journal(tmp_path / "journal.sqlite", 300)
    took = _timed(["backup", "--db", str(journal)])
    rng = random.Random(1)
    for _ in range(KILLS):
        _kill_at_random(["backup", "--db", str(journal)], rng, took)
        assert _sessions(journal) == 300
        for made in list_backups(journal):
            check_database(made)  # every file counted as a backup is whole
        assert all(p.suffix == ".sqlite" for p in backup_dir_for(journal).iterdir())
    record("backup_kills", kills=KILLS, torn_backups_counted=0, sessions_lost=0)


def test_imports_killed_at_random_moments(tmp_path: Path) -> None:
    journal = _journal(tmp_path / "journal.sqlite", 0)
    folder = tmp_path / "logs"
    folder.mkdir()
    for f in range(10):
        rows = [f"2021-{1 + f:02d}-{1 + r % 28:02d},{20 + r},Piece {f}-{r}" for r in range(ROWS)]
        (folder / f"log-{f}.csv").write_text("Date,Minutes,Piece\n" + "\n".join(rows) + "\n")
    args = ["import", *map(str, sorted(folder.iterdir())), "--db", str(journal)]
    took = _timed(args)
    Path(journal).unlink()
    rng = random.Random(2)
    for _ in range(KILLS):
        _kill_at_random(args, rng, took)
        assert _sessions(journal) % ROWS == 0  # each file all in or all out
    record("import_kills", kills=KILLS, half_imported_files=0)


def test_restores_killed_at_random_moments(tmp_path: Path) -> None:
    source = _journal(tmp_path / "source.sqlite", 400)
    open_journal(source)
    try:
        export_json(tmp_path / "journal.json")
    finally:
        close_journal()
    target = tmp_path / "new" / "journal.sqlite"
    args = ["restore", str(tmp_path / "journal.json"), "--db", str(target)]
    took = _timed(args)
    rng = random.Random(3)
    whole = 0
    for _ in range(KILLS):
        for p in target.parent.iterdir():
            p.unlink()
        _kill_at_random(args, rng, took)
        if target.exists() and target.stat().st_size:
            n = _sessions(target)
            assert n in (0, 400)
            whole += n == 400
    record("restore_json_kills", kills=KILLS, restored_whole=whole, half_restored=0)
