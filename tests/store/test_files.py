"""store/files.py: the one way files are written, and the sweeping of what kills left."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from cadence.store.backup import backup_now, list_backups
from cadence.store.db import close_journal, open_journal
from cadence.store.files import (
    WriteFailedError,
    atomic_text,
    check_pdf,
    replacing,
    sqlite_uri,
)
from cadence.store.paths import backup_dir_for


def _aged(path: Path, seconds: float = 3600) -> Path:
    path.write_bytes(b"half")
    old = time.time() - seconds
    os.utime(path, (old, old))
    return path


def test_what_kills_left_is_swept_at_the_next_start_and_backup(tmp_path: Path) -> None:
    journal = tmp_path / "journal.sqlite"
    open_journal(journal)
    close_journal()
    folder = backup_dir_for(journal)
    backup_now(journal)
    left = [
        _aged(tmp_path / ".journal.sqlite.k3j9x2ab.partial"),  # a killed restore
        _aged(tmp_path / ".journal.sqlite.k3j9x2ab.partial-journal"),
        _aged(folder / ".daily-2026-01-02.sqlite.zz81qq0w.partial"),  # a killed backup
        _aged(folder / "daily-2026-01-01.sqlite.partial"),  # named as earlier versions did
    ]
    fresh = folder / ".manual-now.sqlite.a1b2c3d4.partial"  # another process writing it now
    fresh.write_bytes(b"busy")
    other = _aged(tmp_path / ".notes.txt.abcdef12.partial")  # not ours: not touched
    kept = list_backups(journal)
    open_journal(journal)
    close_journal()
    assert [p for p in left if p.exists()] == []
    assert fresh.exists() and other.exists()
    assert list_backups(journal) == kept  # a partial is never counted as a backup


def test_an_interrupted_write_keeps_the_earlier_file_and_the_next_sweeps_its_litter(
    tmp_path: Path,
) -> None:
    target = tmp_path / "journal.json"
    target.write_text("earlier")
    with pytest.raises(RuntimeError), atomic_text(target) as out:
        out.write("half of it")
        raise RuntimeError("killed")
    assert target.read_text() == "earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.json"]
    stale = _aged(tmp_path / ".journal.json.q1w2e3r4.partial")
    with atomic_text(target) as out:
        out.write("new")
    assert target.read_text() == "new" and not stale.exists()
    assert oct(target.stat().st_mode & 0o777) == oct(0o600)


def test_a_file_that_does_not_verify_is_not_put_in_place(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"%PDF-1.4 the good one")
    with (
        pytest.raises(WriteFailedError, match="not a complete PDF"),
        replacing(target, verify=lambda p: check_pdf(p, 3)) as temporary,
    ):
        temporary.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Pages /Count 3 >> endobj\n")  # cut
    assert target.read_bytes() == b"%PDF-1.4 the good one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_sqlite_uris_quote_the_path() -> None:
    uri = sqlite_uri(Path("/x/Music #2/a?b/%41.sqlite"), mode="ro")
    assert uri == "file:/x/Music%20%232/a%3Fb/%2541.sqlite?mode=ro"
