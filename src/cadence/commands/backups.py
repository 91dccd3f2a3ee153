"""`cadence backups`: list the journal's backups, newest first."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from cadence.store.backup import list_backups
from cadence.store.paths import backup_dir_for, resolve_db_path

NAME = "backups"
HELP = "list the journal's backups, newest first"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options besides --db."""


def run(args: argparse.Namespace) -> int:
    path = Path(resolve_db_path(getattr(args, "db", None))).expanduser().resolve()
    found = list_backups(path)
    if not found:
        print(f"No backups of {path} yet (they go in {backup_dir_for(path)}).")
        print("Make one with: cadence backup --db", path)
        return 0
    print(f"Backups of {path}, newest first:")
    for backup in found:
        stat = backup.stat()
        when = datetime.fromtimestamp(stat.st_mtime).strftime("%Y-%m-%d %H:%M")
        print(f"  {when}  {stat.st_size / 1024:8.0f} KiB  {backup}")
    print(f"Restore one with: cadence restore-backup BACKUP --db {path}")
    return 0
