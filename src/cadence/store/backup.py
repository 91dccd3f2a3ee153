"""Rolling automatic backups: one a day, keeping the last 7 daily and 4 weekly copies.

Copies are made with SQLite's online backup API, so they are consistent even while the app has the
journal open in WAL mode. Files are readable by the owner only.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

from cadence.store.paths import backup_dir_for

DAILY_KEEP = 7
WEEKLY_KEEP = 4
_DAILY = re.compile(r"^daily-(\d{4}-\d{2}-\d{2})\.sqlite$")


def _private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy of `source` at `target` (replaced atomically), mode 0600."""
    _private_dir(target.parent)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except BaseException:
        partial.unlink(missing_ok=True)  # a failed copy leaves nothing among the backups
        raise
    os.replace(partial, target)
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
    """Put `backup` in place of the journal (which must be closed). The current file, if any, is
    kept as a `pre-restore` backup first, so a restore can itself be undone."""
    check = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        ok = check.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        check.close()
    if ok != "ok":
        raise ValueError(f"{backup} is itself damaged ({ok}); choose another backup.")
    kept = None
    if db_path.exists():
        try:
            kept = backup_now(db_path, "pre-restore")
        except sqlite3.DatabaseError:
            # the current file is unreadable as a database: keep its bytes as they are
            kept = backup_dir_for(db_path) / f"pre-restore-raw-{datetime.now():%Y%m%d_%H%M%S}.bin"
            _private_dir(kept.parent)
            shutil.copy2(db_path, kept)
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    copy_database(backup, db_path)
    return kept
