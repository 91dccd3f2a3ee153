"""When opening a journal may skip its page check: the window closed it cleanly, and the file is
the very file it left.

`PRAGMA quick_check` reads every page of the file (about 45 ms on thirty years, growing with the
journal). At open it keeps a damaged journal from being written to: refused first, with the
latest backup offered. It is paid only when something may have happened to the file since Cadence
last saw it whole:

- The window, after its clean close (the journal closed, no `-wal` left beside it), writes a
  **mark** beside the backups: the file's device, inode, size, modification and status-change
  times (ns). Any write afterwards changes them: Cadence's own (the command line, a restore),
  another program's, a copy or a sync put in its place (a new inode and status-change time even
  when the modification time is copied), a crash mid-write (it also leaves a `-wal`). Opening
  then checks, as before.
- The mark is only written after a session that began with a checked journal or a skipped check
  on a matching mark, so it vouches for a file that was whole when last checked and was since
  written by SQLite alone.
- What a mark cannot see is the storage changing the file's bytes without a write (a failing
  disk). The day's first start copies the journal with SQLite's backup (page by page, as they
  are) and quick-checks the copy: damage found there removes the mark and keeps the window from
  writing another, so the next start checks the journal itself and refuses it. At most a day's
  starts go unchecked against a silent disk fault, and SQLite still stops at any page it cannot
  read ("database disk image is malformed") rather than read past it.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from pathlib import Path

from cadence.store import backup as backups
from cadence.store.files import atomic_text
from cadence.store.paths import backup_dir_for

MARK_NAME = ".clean-close.json"
log = logging.getLogger(__name__)

# journals found damaged by the daily check in this process: no mark is written for them
_suspect: set[Path] = set()


def mark_path(journal: Path) -> Path:
    return backup_dir_for(journal) / MARK_NAME


def _fingerprint(journal: Path) -> dict[str, object] | None:
    """What identifies this exact file; None when it is not closed (a `-wal` with frames)."""
    try:
        info = journal.stat()
        wal = Path(f"{journal}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            return None
        with open(journal, "rb") as handle:
            header = handle.read(100)  # SQLite's header: page count, change counter, cookies
    except OSError:
        return None
    return {
        "path": str(journal),
        "dev": info.st_dev,
        "ino": info.st_ino,
        "size": info.st_size,
        "mtime_ns": info.st_mtime_ns,
        "ctime_ns": info.st_ctime_ns,
        # also where a file system keeps times coarsely (FAT's 2 s): a commit in rollback mode
        # or a checkpoint that changed the page count changes the header
        "header": header.hex(),
    }


def record(journal: Path) -> bool:
    """After a clean close: mark the file as it is now. False (and nothing written) when the
    journal is not closed, was found damaged today, or the mark cannot be written."""
    journal = Path(journal).resolve()
    if journal in _suspect:
        return False
    fingerprint = _fingerprint(journal)
    if fingerprint is None:
        forget(journal)
        return False
    try:
        folder = backup_dir_for(journal)
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
        with atomic_text(mark_path(journal)) as out:
            out.write(json.dumps(fingerprint))
    except OSError as exc:  # no mark: the next open checks, as without one
        log.warning("could not mark %s as closed cleanly: %s", journal, exc)
        return False
    return True


def matches(journal: Path) -> bool:
    """True when the mark describes this very file, unchanged since the window closed it."""
    journal = Path(journal).resolve()
    if journal in _suspect:
        return False
    try:
        kept = json.loads(mark_path(journal).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return kept == _fingerprint(journal)


def forget(journal: Path) -> None:
    """Remove the mark: the next open checks every page."""
    try:
        mark_path(Path(journal).resolve()).unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not remove the clean-close mark of %s: %s", journal, exc)


def daily_backup_and_check(journal: Path) -> Path | None:
    """The day's backup (store.backup.daily_backup), whose copy is quick-checked. When the copy
    is damaged, the journal is: its mark goes and none is written by this process, so the next
    start checks it and refuses it. The error is raised on."""
    journal = Path(journal).resolve()
    try:
        return backups.daily_backup(journal)
    except (ValueError, sqlite3.DatabaseError):
        _suspect.add(journal)
        forget(journal)
        raise
