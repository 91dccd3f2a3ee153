"""Opening skips the page check only for the very file the window closed cleanly; anything else
(another program's write, a copy put in its place, a crash's WAL, a damaged day's backup) makes
the next open check every page and refuse a damaged journal untouched."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from tests.conftest import make_session
from tests.reliability.damage import zero_pages

from cadence.services.records.journal import save_session
from cadence.store import clean_close
from cadence.store.backup import daily_backup
from cadence.store.db import close_journal, open_journal
from cadence.store.errors import CorruptJournalError


@pytest.fixture(autouse=True)
def _no_suspects():
    clean_close._suspect.clear()
    yield
    clean_close._suspect.clear()


def _journal(path: Path, sessions: int = 150) -> Path:
    """A journal of a few hundred pages, closed (its WAL folded into the file)."""
    open_journal(path)
    try:
        for _ in range(sessions):
            save_session(make_session(notes="x" * 400))
    finally:
        close_journal()
    return path


def _damage_in_place(path: Path, seed: int = 3) -> bytes:
    """Zeroed pages in the middle of the file, written into the same file (same inode): the
    header and the schema still read, only a check of every page finds it."""
    damaged = zero_pages(path.read_bytes(), random.Random(seed))
    with open(path, "r+b") as handle:
        handle.write(damaged)
    return damaged


def test_a_clean_close_is_marked_and_the_unchanged_file_matches(tmp_path: Path) -> None:
    path = _journal(tmp_path / "journal.sqlite")
    assert not clean_close.matches(path)  # never marked: checked
    assert clean_close.record(path)
    assert clean_close.matches(path)
    open_journal(path)  # a start that only reads leaves the file as it was
    close_journal()
    assert clean_close.matches(path)


def test_any_write_after_the_mark_means_a_check(tmp_path: Path) -> None:
    path = _journal(tmp_path / "journal.sqlite")
    clean_close.record(path)
    open_journal(path)
    save_session(make_session())  # e.g. `cadence import` after the window closed
    close_journal()
    assert not clean_close.matches(path)


def test_damage_written_after_the_mark_is_refused_untouched(tmp_path: Path) -> None:
    path = _journal(tmp_path / "journal.sqlite")
    clean_close.record(path)
    damaged = _damage_in_place(path)
    with pytest.raises(CorruptJournalError, match="damaged"):
        open_journal(path)
    assert path.read_bytes() == damaged


def test_a_copy_put_in_its_place_with_its_times_kept_is_checked(tmp_path: Path) -> None:
    path = _journal(tmp_path / "journal.sqlite")
    clean_close.record(path)
    other = tmp_path / "elsewhere.sqlite"
    shutil.copy2(path, other)  # same bytes, same modification time
    _damage_in_place(other)
    os.utime(other, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))
    os.replace(other, path)  # a sync tool's way: a new file under the old name
    with pytest.raises(CorruptJournalError):
        open_journal(path)


def test_a_journal_left_with_a_wal_is_not_marked(tmp_path: Path) -> None:
    path = _journal(tmp_path / "journal.sqlite")
    open_journal(path)
    try:
        save_session(make_session())  # in the WAL, not yet in the file
        assert not clean_close.record(path)
        assert not clean_close.matches(path)
    finally:
        close_journal()


def test_a_mark_of_another_journal_does_not_count(tmp_path: Path) -> None:
    path = _journal(tmp_path / "journal.sqlite")
    clean_close.record(path)
    mark = clean_close.mark_path(path)
    other = _journal(tmp_path / "other.sqlite", sessions=1)
    clean_close.mark_path(other).parent.mkdir(exist_ok=True)
    shutil.copy(mark, clean_close.mark_path(other))
    assert not clean_close.matches(other)


def test_silent_damage_is_found_by_the_days_backup_and_refused_at_the_next_start(
    tmp_path: Path,
) -> None:
    """A failing disk changes bytes without a write, so the mark still matches: the open skips
    its check. The day's backup checks its page-by-page copy, finds the damage, removes the mark
    and keeps another from being written; the next start checks and refuses the journal."""
    path = _journal(tmp_path / "journal.sqlite")
    damaged = _damage_in_place(path)
    assert clean_close.record(path)  # as if the bytes had changed under the mark
    open_journal(path)  # skipped: not refused
    try:
        with pytest.raises((ValueError, sqlite3.DatabaseError)):
            clean_close.daily_backup_and_check(path)
        assert not clean_close.mark_path(path).exists()
    finally:
        close_journal()
    assert not clean_close.record(path)  # the window's clean close marks nothing
    with pytest.raises(CorruptJournalError):
        open_journal(path)
    assert path.read_bytes() == damaged


def test_a_healthy_days_backup_keeps_the_mark(tmp_path: Path) -> None:
    path = _journal(tmp_path / "journal.sqlite")
    clean_close.record(path)
    open_journal(path)
    try:
        assert clean_close.daily_backup_and_check(path) is not None
    finally:
        close_journal()
    assert clean_close.matches(path)
    assert daily_backup(path) is None  # one a day: the next start copies and checks nothing
