"""`cadence restore-backup BACKUP --db PATH`: put a backup in place of the journal. The journal
as it was is kept as a `pre-restore` backup first, so the restore can itself be undone."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from cadence.commands.common import opened_journal
from cadence.store.backup import restore_backup
from cadence.store.errors import JournalError
from cadence.store.files import look_uri
from cadence.store.migrations import SCHEMA_VERSION
from cadence.store.paths import resolve_db_path

NAME = "restore-backup"
HELP = "replace the journal with one of its backups (the current file is kept as a backup)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("backup", type=Path, metavar="BACKUP", help="a backup file to restore")


def _not_restorable(backup: Path) -> str | None:
    """Why `backup` cannot replace a journal, or None. Read-only: the backup is not changed."""
    if not backup.is_file():
        return f"{backup} does not exist; `cadence backups` lists the backups there are."
    try:
        conn = sqlite3.connect(look_uri(backup), uri=True)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"{backup} is not a readable database ({exc}); choose another backup."
    if version > SCHEMA_VERSION:
        return (
            f"{backup} was written by a newer Cadence (journal format {version}; this version "
            f"reads up to {SCHEMA_VERSION}). Update Cadence to restore it."
        )
    if version < 1 or "session" not in tables:
        return f"{backup} is not a Cadence journal; choose another backup."
    return None


def run(args: argparse.Namespace) -> int:
    target = Path(resolve_db_path(getattr(args, "db", None))).expanduser().resolve()
    backup = args.backup.expanduser().resolve()
    problem = _not_restorable(backup)
    if problem is None and backup == target:
        problem = f"{backup} is the journal itself; choose one of its backups."
    if problem:
        print(f"cadence: {problem}", file=sys.stderr)
        return 1
    try:
        kept = restore_backup(backup, target)
    except (ValueError, JournalError) as exc:  # the backup is damaged, the journal in use
        print(f"cadence: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            f"cadence: {target} was not replaced ({exc.strerror or exc}); it is as it was.",
            file=sys.stderr,
        )
        return 1
    with opened_journal(args):  # opens cleanly (and is upgraded if the backup is older)
        pass
    print(f"Restored {target} from {backup}.")
    if kept is not None:
        print(f"The journal as it was is kept at {kept}")
    return 0
