"""The window's side of skipping the page check: its clean close marks the journal, and the
day's backup on the worker thread, finding the journal damaged, keeps it from being marked, so
the next start refuses it (store/clean_close.py)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from tests.conftest import make_session
from tests.reliability.damage import zero_pages

from cadence.services.records.journal import save_session
from cadence.store import clean_close
from cadence.store.db import close_journal, open_journal
from cadence.store.errors import CorruptJournalError
from cadence.ui.app import close_cleanly, start_daily_backup


@pytest.fixture(autouse=True)
def _no_suspects():
    clean_close._suspect.clear()
    yield
    clean_close._suspect.clear()


def _journal(path: Path) -> Path:
    open_journal(path)
    for _ in range(150):
        save_session(make_session(notes="x" * 400))
    close_journal()
    return path


def test_a_clean_close_after_a_healthy_days_backup_marks_the_journal(qapp, tmp_path: Path) -> None:
    path = _journal(tmp_path / "journal.sqlite")
    open_journal(path)
    start_daily_backup(path)
    QThreadPool.globalInstance().waitForDone()
    save_session(make_session(title="the last one"))  # a write of this session, then closed
    close_cleanly()
    assert clean_close.matches(path)
    assert list(Path(f"{path}.backups").glob("daily-*.sqlite"))


def test_damage_the_days_backup_finds_is_refused_at_the_next_start(
    qapp, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _journal(tmp_path / "journal.sqlite")
    damaged = zero_pages(path.read_bytes(), random.Random(3))
    with open(path, "r+b") as handle:  # the disk changed it: same file, no write by anyone
        handle.write(damaged)
    clean_close.record(path)
    open_journal(path)  # the mark matches: not checked at open
    start_daily_backup(path)
    QThreadPool.globalInstance().waitForDone()
    close_cleanly()
    assert "daily backup failed" in caplog.text
    assert not clean_close.matches(path)
    with pytest.raises(CorruptJournalError):
        open_journal(path)
    assert path.read_bytes() == damaged
