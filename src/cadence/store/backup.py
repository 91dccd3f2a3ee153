"""Rolling automatic backups: one a day, keeping the last 7 daily and 4 weekly copies.

Copies are made with SQLite's online backup API, so they are consistent even while the app has the
journal open in WAL mode. Files are readable by the owner only.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date, datetime
from pathlib import Path

from cadence.store.errors import JournalInUseError
from cadence.store.files import (
    fsync_folder,
    look_uri,
    replacing,
    sqlite_uri,
    sweep_temporaries,
)
from cadence.store.paths import backup_dir_for, window_holder

DAILY_KEEP = 7
WEEKLY_KEEP = 4
_DAILY = re.compile(r"^daily-(\d{4}-\d{2}-\d{2})\.sqlite$")


def _private_dir(path: Path) -> None:
    """The backups folder: created by Cadence, so readable by the owner only."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)


def check_database(path: Path) -> None:
    """Raise ValueError unless `path` is an SQLite file that passes quick_check (read-only)."""
    try:
        conn = sqlite3.connect(look_uri(path), uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        ok = str(exc)
    if ok != "ok":
        raise ValueError(f"{path} is itself damaged ({ok}); choose another backup.")


def _copy_pages(source: Path, target: Path) -> None:
    # a read-write connection that only reads: it takes SQLite's locks (so a checkpoint cannot
    # run under the copy) and, when it is the last to close, removes the -wal and -shm it made
    # (a file that cannot be written is read as `look_uri` reads it: nothing made beside it)
    uri = sqlite_uri(source) if os.access(source, os.W_OK) else look_uri(source)
    src = sqlite3.connect(uri, uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            # one self-contained file: a copy in WAL mode would grow a -wal and a -shm beside
            # it as soon as it is read
            dst.execute("PRAGMA journal_mode=DELETE").fetchone()
        finally:
            dst.close()
    finally:
        src.close()


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy of `source` at `target`, mode 0600: written beside it under a temporary
    name, checked, then renamed, so a failure (a full disk, a kill) leaves no partial copy."""
    _private_dir(target.parent)
    sweep_temporaries(target.parent)
    with replacing(target, verify=check_database) as temporary:
        _copy_pages(source, temporary)
    return target


def backup_now(db_path: Path, label: str | None = None, when: datetime | None = None) -> Path:
    """A backup taken now, outside the daily rotation (e.g. before a migration or a restore)."""
    when = when or datetime.now()
    name = f"{label or 'manual'}-{when:%Y-%m-%d_%H%M%S}.sqlite"
    return copy_database(db_path, backup_dir_for(db_path) / name)


def daily_backup(db_path: Path, today: date | None = None) -> Path | None:
    """Take today's backup if there is none yet, then prune old ones. Returns the new file, if any."""
    today = today or date.today()
    target = backup_dir_for(db_path) / f"daily-{today.isoformat()}.sqlite"
    if target.exists() or not db_path.exists():
        return None
    copy_database(db_path, target)
    prune(backup_dir_for(db_path), today)
    return target


def prune(folder: Path, today: date) -> list[Path]:
    """Keep the newest DAILY_KEEP daily copies, and the newest copy of each of the WEEKLY_KEEP
    ISO weeks before them. Returns what was removed."""
    dailies: list[tuple[date, Path]] = []
    for entry in folder.iterdir():
        m = _DAILY.match(entry.name)
        if m:
            dailies.append((date.fromisoformat(m.group(1)), entry))
    dailies.sort(reverse=True)
    keep = {p for _, p in dailies[:DAILY_KEEP]}
    weeks_kept: set[tuple[int, int]] = set()
    for day, path in dailies[DAILY_KEEP:]:
        week = day.isocalendar()[:2]
        if week not in weeks_kept and len(weeks_kept) < WEEKLY_KEEP:
            weeks_kept.add(week)
            keep.add(path)
    removed = []
    for _, path in dailies:
        if path not in keep:
            path.unlink()
            removed.append(path)
    return removed


def list_backups(db_path: Path) -> list[Path]:
    """All backups of this journal, newest first."""
    folder = backup_dir_for(db_path)
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob("*.sqlite") if p.is_file()]
    return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)


def latest_backup(db_path: Path) -> Path | None:
    backups = list_backups(db_path)
    return backups[0] if backups else None


def restore_backup(backup: Path, db_path: Path) -> Path | None:
    """Put `backup` in place of the journal. The journal as it was becomes a `pre-restore`
    backup, whole (its WAL folded in), so a restore can itself be undone.

    Nothing is removed before the new file is in place: the backup is copied beside the journal
    under a temporary name and checked, then renamed over it in one step, while the journal is
    held exclusively. A failure at any point (a kill, a full disk, an unwritable folder) leaves
    the journal as it was. Raises JournalInUseError when another process has the journal open,
    ValueError when the backup is damaged."""
    check_database(backup)
    holder = window_holder(db_path)
    if holder is not None:
        raise JournalInUseError(db_path, f"a Cadence window (process {holder})")
    with _held_alone(db_path) as readable:
        kept = _keep_current(db_path, readable) if db_path.exists() else None
        with replacing(db_path, verify=check_database) as temporary:
            _copy_pages(backup, temporary)
            if not readable:  # a damaged file's WAL (kept with it) must not meet the new file
                for suffix in ("-wal", "-shm"):
                    Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    return kept


@contextmanager
def _held_alone(db_path: Path) -> Iterator[bool]:
    """Hold the journal so that no one else can read or write it, its WAL folded into the main
    file (journal_mode=DELETE, which SQLite refuses while another connection has it open). Yields
    whether SQLite could read it at all (a damaged file cannot be held this way)."""
    if not db_path.exists():
        yield False
        return
    conn = sqlite3.connect(sqlite_uri(db_path), uri=True, isolation_level=None, timeout=1)
    try:
        try:
            conn.execute("PRAGMA journal_mode=DELETE").fetchone()
            conn.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise JournalInUseError(
                    db_path, "another program (a `cadence import` or a Cadence window)"
                ) from exc
            if "readonly" in str(exc) or "unable to open" in str(exc):
                raise OSError(f"{db_path} cannot be written ({exc})") from exc
            readable = False
        except sqlite3.DatabaseError:
            readable = False
        else:
            readable = True
        try:
            yield readable
        except BaseException:
            if readable:  # put the journal back in WAL mode, as it was
                conn.execute("ROLLBACK")
                with suppress(sqlite3.DatabaseError):
                    conn.execute("PRAGMA journal_mode=WAL")
            raise
    finally:
        conn.close()


def _keep_current(db_path: Path, readable: bool) -> Path:
    """The journal about to be replaced, kept among its backups: the whole file (held alone, its
    WAL folded in) as `pre-restore-…`, or, when SQLite cannot read it, its bytes and its WAL as
    they are."""
    now = datetime.now()
    folder = backup_dir_for(db_path)
    _private_dir(folder)
    sweep_temporaries(folder)
    if readable:
        kept = folder / f"pre-restore-{now:%Y-%m-%d_%H%M%S}.sqlite"
        try:
            os.link(db_path, kept)  # the very file: no copy, nothing to run out of space for
            os.utime(kept)  # the newest backup now
            fsync_folder(folder)
            return kept
        except OSError:
            pass
    else:
        kept = folder / f"pre-restore-raw-{now:%Y%m%d_%H%M%S}.bin"
        wal = Path(f"{db_path}-wal")
        if wal.exists():
            with replacing(Path(f"{kept}-wal")) as temporary:
                shutil.copyfile(wal, temporary)
    with replacing(kept) as temporary:
        shutil.copyfile(db_path, temporary)
    return kept
