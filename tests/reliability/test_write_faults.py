"""Every file Cadence writes — a report PDF, an export (JSON, CSV, iCalendar), a backup — either
replaces the earlier one whole or leaves it as it was: a full disk ends in one line and a non-zero
exit, never in a truncated file that replaced a good one, nor in a temporary file left behind.

The disk filling up is simulated by capping the size of any file the command may write
(RLIMIT_FSIZE, as `ulimit -f` does): a write past the cap fails as on a full disk. The cap sits
above the size of SQLite's shared-memory file (32 KiB), so the journal still opens, and below the
size of the file to write.
"""

from __future__ import annotations

import errno
import hashlib
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from tests.reliability.children.payload import session_for
from tests.reliability.harness import child_env, record

from cadence.services.records.journal import save_session
from cadence.services.transfer.export_ics import export_ics
from cadence.store import files
from cadence.store.backup import list_backups
from cadence.store.db import close_journal, open_journal
from cadence.store.files import DiskFullError

CAP = 40_000


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("journal") / "journal.sqlite"
    open_journal(path)
    try:
        for number in range(120):
            save_session(session_for(number, 0))
    finally:
        close_journal()
    return path


def _cadence(journal: Path, *args: str, cap: int | None = None) -> subprocess.CompletedProcess:
    def limited() -> None:
        if cap is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))

    return subprocess.run(
        [sys.executable, "-m", "cadence", *args, "--db", str(journal)],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limited,
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_line_refusal(done: subprocess.CompletedProcess) -> None:
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


WRITES = {
    "report": lambda out: ["report", "--from", "2020-01-01", "--to", "2020-06-30", "--pdf", out],
    "json": lambda out: ["export", "--format", "json", "--out", out],
}
NAMES = {"report": "report.pdf", "json": "journal.json"}


@pytest.mark.parametrize("kind", sorted(WRITES))
def test_a_write_that_runs_out_of_space_keeps_the_earlier_file(
    journal: Path, tmp_path: Path, kind: str
) -> None:
    out = tmp_path / NAMES[kind]
    first = _cadence(journal, *WRITES[kind](str(out)))
    assert first.returncode == 0, first.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # readable by the owner only
    if out.stat().st_size <= CAP:
        out.write_bytes(out.read_bytes() + b"\n" * CAP)  # an earlier, longer file to keep
    before = _digest(out)
    done = _cadence(journal, *WRITES[kind](str(out)), cap=CAP)
    _one_line_refusal(done)
    assert _digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_a_calendar_that_cannot_be_synced_to_disk_keeps_the_earlier_one(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The .ics is small: the disk fills at its fsync (simulated in the process)."""
    out = tmp_path / "plans.ics"
    out.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    before = _digest(out)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    open_journal(journal)
    try:
        with pytest.raises(DiskFullError, match="the disk is full: nothing of"):
            export_ics(out)
    finally:
        close_journal()
    assert _digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans.ics"]


def test_a_csv_export_that_runs_out_of_space_keeps_every_earlier_table(
    journal: Path, tmp_path: Path
) -> None:
    out = tmp_path / "csv"
    assert _cadence(journal, "export", "--format", "csv", "--out", str(out)).returncode == 0
    before = {p.name: _digest(p) for p in out.iterdir()}
    done = _cadence(journal, "export", "--format", "csv", "--out", str(out), cap=CAP)
    _one_line_refusal(done)
    assert {p.name: _digest(p) for p in out.iterdir()} == before


def test_a_backup_that_runs_out_of_space_leaves_no_partial_backup(journal: Path) -> None:
    before = list_backups(journal)
    done = _cadence(journal, "backup", cap=CAP)
    _one_line_refusal(done)
    assert "nothing of" in done.stderr
    assert list_backups(journal) == before
    folder = Path(f"{journal}.backups")
    assert not folder.exists() or {p.name for p in folder.iterdir()} == {p.name for p in before}
    record("write_faults", kinds="report pdf, json, csv, ics, backup", earlier_file_kept="always")
