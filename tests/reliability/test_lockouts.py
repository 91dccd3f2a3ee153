"""Lockouts and permissions: a journal that cannot be written is read, never changed; a file
owned by someone else is not chmodded; Cadence makes private only what it creates; a folder or a
pipe named as the journal is called what it is; the log and report PDFs are private."""

from __future__ import annotations

import logging
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.reliability.children.payload import session_for
from tests.reliability.harness import child_env

from cadence.services.records.journal import save_session
from cadence.store.backup import backup_now
from cadence.store.db import close_journal, is_read_only, open_journal
from cadence.store.errors import NotAJournalError
from cadence.store.models import Session


def _journal(path: Path, sessions: int = 5) -> Path:
    open_journal(path)
    try:
        for number in range(sessions):
            save_session(session_for(number, 0))
    finally:
        close_journal()
    return path


def _cadence(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cadence", *args],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_read_only_journal_keeps_its_mode(tmp_path: Path) -> None:
    path = _journal(tmp_path / "journal.sqlite")
    os.chmod(path, 0o400)
    open_journal(path)
    try:
        assert Session.select().count() == 5
    finally:
        close_journal()
    assert (
        _cadence(
            "stats", "--from", "2020-01-01", "--to", "2020-12-31", "--db", str(path)
        ).returncode
        == 0
    )
    assert _mode(path) == 0o400


def test_a_journal_owned_by_someone_else_is_not_chmodded(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user takes root")
    path = _journal(tmp_path / "journal.sqlite")
    os.chmod(path, 0o640)
    os.chown(path, 65534, 65534)
    open_journal(path)
    close_journal()
    assert _mode(path) == 0o640


@pytest.fixture
def unwritable(tmp_path: Path) -> Iterator[Path]:
    """A folder holding a journal, where nothing can be written: a read-only tmpfs when root
    (root writes through any mode), else folder and file without write permission."""
    folder = tmp_path / "ro"
    if os.geteuid() != 0:
        folder.mkdir()
        _journal(folder / "journal.sqlite")
        os.chmod(folder / "journal.sqlite", 0o400)
        os.chmod(folder, 0o500)
        yield folder
        os.chmod(folder, 0o700)
        return
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        _journal(tmp_path / "journal.sqlite")
        shutil.copy(tmp_path / "journal.sqlite", folder / "journal.sqlite")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_journal_that_cannot_be_written_opens_read_only_and_says_so(unwritable: Path) -> None:
    path = unwritable / "journal.sqlite"
    before = sorted(p.name for p in unwritable.iterdir())
    result = open_journal(path)
    try:
        assert result.read_only and is_read_only()
        assert Session.select().count() == 5
    finally:
        close_journal()
    stats = _cadence("stats", "--from", "2020-01-01", "--to", "2020-12-31", "--db", str(path))
    assert stats.returncode == 0 and "read-only" in stats.stderr, stats.stderr
    demo_csv = unwritable.parent / "log.csv"
    demo_csv.write_text("Date,Minutes,Piece\n2024-01-02,30,Scales\n", encoding="utf-8")
    refused = _cadence("import", str(demo_csv), "--db", str(path))
    assert refused.returncode != 0 and "Traceback" not in refused.stderr, refused.stderr
    assert "read-only" in refused.stderr
    assert sorted(p.name for p in unwritable.iterdir()) == before


def test_a_new_journal_in_a_folder_that_cannot_be_written_is_refused_with_why(
    unwritable: Path,
) -> None:
    with pytest.raises(NotAJournalError, match="read-only"):
        open_journal(unwritable / "new" / "journal.sqlite")


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_folder_or_a_pipe_named_as_the_journal_is_called_what_it_is(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "journal.sqlite"
    if kind == "folder":
        path.mkdir()
    else:
        os.mkfifo(path)
    done = _cadence("check", "--db", str(path))
    assert done.returncode == 2
    assert "damaged" not in done.stderr
    assert ("is a folder" if kind == "folder" else "not a regular file") in done.stderr


def test_restoring_a_backup_leaves_the_journal_folder_mode_alone(tmp_path: Path) -> None:
    """Only folders Cadence creates are made private: not the one the journal lives in (a
    journal kept in the home folder must not close the home folder)."""
    home = tmp_path / "home"
    home.mkdir()
    os.chmod(home, 0o755)
    path = _journal(home / "journal.sqlite")
    made = backup_now(path)
    done = _cadence("restore-backup", str(made), "--db", str(path))
    assert done.returncode == 0, done.stderr
    assert _mode(home) == 0o755
    assert _mode(made.parent) == 0o700


def test_the_log_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cadence.ui import app

    monkeypatch.setattr(app, "log_file", lambda: tmp_path / "logs" / "cadence.log")
    old = os.umask(0o022)
    try:
        handler = app.setup_logging()
        try:
            logging.getLogger("cadence").info("a line")
            handler.doRollover()
            logging.getLogger("cadence").info("another")
        finally:
            logging.getLogger("cadence").removeHandler(handler)
            handler.close()
    finally:
        os.umask(old)
    files = list((tmp_path / "logs").iterdir())
    assert len(files) == 2 and all(_mode(p) == 0o600 for p in files)
